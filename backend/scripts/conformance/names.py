"""Naming checks: the rule 001 naming table and lowercase singular table names."""

import re
from pathlib import Path

from scripts.conformance.exemptions import ADMIN, GRAPHQL, Exemptions, is_exempt
from scripts.conformance.tree import (
    ADMIN_VIEWS,
    APPS,
    MODEL_SUFFIX,
    Entity,
    entities,
    entity_apps,
    mapped_classes,
    top_level_classes,
)

# (file in the app, class suffix, the part that exempts it)
LAYER_CLASSES = (
    ("services.py", "Service", None),
    ("graphql/types.py", "Type", GRAPHQL),
    ("graphql/inputs.py", "Input", GRAPHQL),
    ("graphql/queries.py", "Query", GRAPHQL),
    ("graphql/mutations.py", "Mutation", GRAPHQL),
)
_TABLE_NAME = re.compile(r"[a-z][a-z0-9_]*")


def model_names(root: Path, _: Exemptions) -> list[str]:
    """Every class that maps a table is named `{Entity}Model`."""
    return [
        f"apps/{app}/models.py: class {cls.name} maps a table; "
        f"name it {cls.name}{MODEL_SUFFIX}"
        for app in entity_apps(root)
        for cls in mapped_classes(root, app)
        if not cls.name.endswith(MODEL_SUFFIX) or cls.name == MODEL_SUFFIX
    ]


def layer_names(root: Path, exemptions: Exemptions) -> list[str]:
    """Each layer names its class after the entity: `BookService`, `BookType`, ..."""
    problems = []
    for entity in entities(root):
        expected = [
            (root / APPS / entity.app / file, f"apps/{entity.app}/{file}", suffix)
            for file, suffix, part in LAYER_CLASSES
            if not is_exempt(exemptions, entity.app, part)
        ]
        if not is_exempt(exemptions, entity.app, ADMIN):
            view = f"admin/views/{entity.module}.py"
            expected.append(
                (root / ADMIN_VIEWS / f"{entity.module}.py", view, "AdminView")
            )
        problems += [
            f"{shown}: no class {entity.name}{suffix} (rule 001 naming table)"
            for path, shown, suffix in expected
            if path.is_file()
            and f"{entity.name}{suffix}" not in top_level_classes(path)
        ]
    return problems


def _table_problem(entity: Entity) -> str | None:
    table = entity.table or ""
    if not _TABLE_NAME.fullmatch(table):
        return "is not lowercase snake_case"
    singular = entity.module
    last_word = table.rpartition("_")[2]
    if table in {f"{singular}s", f"{singular}es"} or (
        last_word.endswith("s")
        and not last_word.endswith("ss")
        and not singular.endswith("s")
    ):
        return "looks plural"
    return None


def table_names(root: Path, _: Exemptions) -> list[str]:
    """Table names are lowercase and singular (`book`, not `books` or `Book`)."""
    return [
        f"apps/{entity.app}/models.py: {entity.name}Model.__tablename__ "
        f"{entity.table!r} {problem}; rule 001 wants e.g. {entity.module!r}"
        for entity in entities(root)
        if (problem := _table_problem(entity)) is not None
    ]

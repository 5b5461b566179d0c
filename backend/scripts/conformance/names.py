"""Naming: the rule 001 naming table, and lowercase singular table names."""

import re
from pathlib import Path

from scripts.conformance.exemptions import (
    ADMIN,
    GRAPHQL,
    MUTATIONS,
    Exemptions,
    is_exempt,
)
from scripts.conformance.problems import Problem
from scripts.conformance.tree import (
    ADMIN_VIEWS,
    APPS,
    MODEL_SUFFIX,
    Entity,
    assigned_line,
    entities,
    entity_apps,
    mapped_classes,
    top_level_classes,
)

# (file in the app, class suffix, the parts that exempt it)
LAYER_CLASSES = (
    ("services.py", "Service", ()),
    ("graphql/types.py", "Type", (GRAPHQL,)),
    ("graphql/inputs.py", "Input", (GRAPHQL, MUTATIONS)),
    ("graphql/queries.py", "Query", (GRAPHQL,)),
    ("graphql/mutations.py", "Mutation", (GRAPHQL, MUTATIONS)),
)
_TABLE_NAME = re.compile(r"[a-z][a-z0-9_]*")


def model_names(root: Path, _: Exemptions) -> list[Problem]:
    """Every class that maps a table is named `{Entity}Model`."""
    return [
        Problem(
            "naming",
            f"{APPS}/{app}/models.py",
            f"class {cls.name} maps a table; name it {cls.name}{MODEL_SUFFIX}",
            cls.lineno,
        )
        for app in entity_apps(root)
        for cls in mapped_classes(root, app)
        if not cls.name.endswith(MODEL_SUFFIX) or cls.name == MODEL_SUFFIX
    ]


def layer_names(root: Path, exemptions: Exemptions) -> list[Problem]:
    """Each layer names its class after the entity: `BookService`, `BookType`, ..."""
    problems = []
    for entity in entities(root):
        expected = [
            (APPS / entity.app / file, suffix)
            for file, suffix, parts in LAYER_CLASSES
            if not any(is_exempt(exemptions, entity.app, part) for part in parts)
        ]
        if not is_exempt(exemptions, entity.app, ADMIN):
            expected.append((ADMIN_VIEWS / f"{entity.module}.py", "AdminView"))
        problems += [
            Problem("naming", path.as_posix(), f"no class {entity.name}{suffix}", 1)
            for path, suffix in expected
            if (root / path).is_file()
            and f"{entity.name}{suffix}" not in top_level_classes(root / path)
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


def _table_line(root: Path, entity: Entity) -> int:
    path = root / APPS / entity.app / "models.py"
    cls = top_level_classes(path)[f"{entity.name}{MODEL_SUFFIX}"]
    return assigned_line(cls.body, "__tablename__", cls.lineno)


def table_names(root: Path, _: Exemptions) -> list[Problem]:
    """Table names are lowercase and singular (`book`, not `books` or `Book`)."""
    return [
        Problem(
            1,
            f"{APPS}/{entity.app}/models.py",
            f"{entity.name}Model.__tablename__ {entity.table!r} {problem}; "
            f"rule 001 wants lowercase singular, e.g. {entity.module!r}",
            _table_line(root, entity),
        )
        for entity in entities(root)
        if (problem := _table_problem(entity)) is not None
    ]

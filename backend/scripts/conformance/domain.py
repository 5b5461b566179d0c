"""Steps 1 and 2: models are identity-audited tables, services own a repository."""

import ast
from pathlib import Path

from scripts.conformance.exemptions import Exemptions
from scripts.conformance.problems import Problem
from scripts.conformance.sources import lineage, module_of
from scripts.conformance.tree import (
    APPS,
    entities,
    entity_apps,
    mapped_classes,
    top_level_classes,
)

MODEL_BASE = "IdentityAuditBase"
SERVICE_BASE = "SQLAlchemyAsyncRepositoryService"


def model_bases(root: Path, _: Exemptions) -> list[Problem]:
    """Every mapped class inherits `IdentityAuditBase` (integer id, audit columns)."""
    problems = []
    for app in entity_apps(root):
        path = root / APPS / app / "models.py"
        mod = module_of(root, path)
        problems += [
            Problem(
                1,
                f"{APPS}/{app}/models.py",
                f"{cls.name} does not inherit {MODEL_BASE} "
                "(an integer identity id and the audit columns)",
                cls.lineno,
            )
            for cls in mapped_classes(root, app)
            if not lineage(root, mod, cls).inherits(MODEL_BASE)
        ]
    return problems


def _repo_problem(cls: ast.ClassDef, model: str) -> str | None:
    repo = next(
        (n for n in cls.body if isinstance(n, ast.ClassDef) and n.name == "Repo"),
        None,
    )
    if repo is None:
        return f"{cls.name} has no nested `Repo` repository class"
    model_type = next(
        (
            n.value
            for n in repo.body
            if isinstance(n, ast.Assign | ast.AnnAssign)
            and any(
                isinstance(t, ast.Name) and t.id == "model_type"
                for t in (n.targets if isinstance(n, ast.Assign) else [n.target])
            )
        ),
        None,
    )
    if not (isinstance(model_type, ast.Name) and model_type.id == model):
        return f"{cls.name}.Repo does not set `model_type = {model}`"
    repository_type = any(
        isinstance(n, ast.Assign)
        and any(
            isinstance(t, ast.Name) and t.id == "repository_type" for t in n.targets
        )
        and isinstance(n.value, ast.Name)
        and n.value.id == "Repo"
        for n in cls.body
    )
    if not repository_type:
        return f"{cls.name} does not set `repository_type = Repo`"
    return None


def service_shape(root: Path, _: Exemptions) -> list[Problem]:
    """`{Entity}Service` is a repository service with a nested `Repo` of its model."""
    problems = []
    for entity in entities(root):
        path = root / APPS / entity.app / "services.py"
        if not path.is_file():
            continue
        cls = top_level_classes(path).get(f"{entity.name}Service")
        if cls is None:
            continue  # the naming check reports it
        shown = f"{APPS}/{entity.app}/services.py"
        if not lineage(root, module_of(root, path), cls).inherits(SERVICE_BASE):
            problems.append(
                Problem(
                    2, shown, f"{cls.name} does not inherit {SERVICE_BASE}", cls.lineno
                )
            )
        problem = _repo_problem(cls, f"{entity.name}Model")
        if problem is not None:
            problems.append(Problem(2, shown, problem, cls.lineno))
    return problems

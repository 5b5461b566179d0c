"""Changes and deletions of one row that stay correct when requests race on it.

Read-then-write through the ORM loses races: a PATCH that read a row a
concurrent DELETE then removed fails its UPDATE with `StaleDataError` (a
500), and two DELETEs that both read the row both "succeed". Every entity's
service reaches its rows through these two functions instead:

- `lock_row` reads the row `FOR UPDATE`: a concurrent change or deletion
  waits for this transaction, and one that committed first is seen. Reload
  (flush and refresh) the changed row before committing: once the lock is
  released a waiting deletion may remove it.
- `delete_row` is one `DELETE ... RETURNING`: of racing deletions exactly
  one sees the row; the others get `NotFoundError`.
"""

from typing import Any

from advanced_alchemy.base import ModelProtocol
from advanced_alchemy.exceptions import NotFoundError, wrap_sqlalchemy_exception
from advanced_alchemy.repository import SQLAlchemyAsyncRepository
from sqlalchemy import delete

NOT_FOUND = "No such item."


def _not_found_message(repository: SQLAlchemyAsyncRepository[Any]) -> str:
    return str((repository.error_messages or {}).get("not_found", NOT_FOUND))


async def lock_row[ModelT: ModelProtocol](
    repository: SQLAlchemyAsyncRepository[ModelT], item_id: int
) -> ModelT:
    """The row with this id, locked until the session's transaction ends, with
    its stored values (even when the session had loaded it before).

    Raises:
        NotFoundError: no row has this id (or a concurrent deletion won).
    """
    return await repository.get(
        item_id,
        with_for_update=True,
        # Without it, a row the session already holds keeps the values it was
        # loaded with, hiding a change committed meanwhile.
        execution_options={"populate_existing": True},
    )


async def delete_row(
    repository: SQLAlchemyAsyncRepository[Any], item_id: int, *, auto_commit: bool
) -> None:
    """Delete the row with this id in one statement.

    Raises:
        NotFoundError: no row has this id (or a concurrent deletion won).
    """
    model = repository.model_type
    statement = (
        delete(model)
        .where(getattr(model, repository.id_attribute) == item_id)
        .returning(getattr(model, repository.id_attribute))
    )
    with wrap_sqlalchemy_exception(
        error_messages=repository.error_messages, dialect_name="postgresql"
    ):
        deleted = (await repository.session.execute(statement)).first()
        if deleted is None:
            raise NotFoundError(detail=_not_found_message(repository))
        if auto_commit:
            await repository.session.commit()

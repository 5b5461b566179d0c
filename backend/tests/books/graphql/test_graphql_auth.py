"""GraphQL reads are public; each mutation needs the bearer token of an active user."""

from datetime import timedelta

import httpx
import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from backend.apps.books.models import BookModel
from backend.apps.users.models import UserModel
from backend.apps.users.services import UserService
from backend.http.tokens import issue_access_token
from backend.settings import Settings
from tests.books.factories import isbn13, seed_books
from tests.books.graphql.documents import BOOKS
from tests.helpers.graphql import execute, global_id, only_error
from tests.users.factories import raw_token

CREATE = """mutation($input: BookInput!) { createBook(input: $input) { id title } }"""
UPDATE = """mutation($id: ID!, $input: BookPatchInput!) {
  updateBook(id: $id, input: $input) { id title } }"""
DELETE = """mutation($id: ID!) { deleteBook(id: $id) }"""


def mutations(book_id: int) -> list[tuple[str, dict[str, object]]]:
    return [
        (CREATE, {"input": {"title": "T", "author": "A", "isbn": isbn13(42)}}),
        (UPDATE, {"id": global_id("Book", book_id), "input": {"title": "Changed"}}),
        (DELETE, {"id": global_id("Book", book_id)}),
    ]


async def snapshot(session: AsyncSession) -> list[tuple[int, str]]:
    rows = await session.execute(
        select(BookModel.id, BookModel.title).order_by(BookModel.id)
    )
    return [tuple(row) for row in rows]


def token(user_id: int, secret: str) -> str:
    return issue_access_token(
        user_id=user_id, credentials_version=0, secret=secret, ttl=timedelta(minutes=5)
    )


async def test_queries_need_no_token(
    anonymous_client: httpx.AsyncClient, db_session: AsyncSession
) -> None:
    await seed_books(db_session, 3)
    body = await execute(anonymous_client, BOOKS, {"first": 5})
    assert "errors" not in body
    assert len(body["data"]["books"]["edges"]) == 3


@pytest.mark.parametrize("which", [0, 1, 2], ids=["create", "update", "delete"])
@pytest.mark.parametrize(
    "authorization",
    [None, "Bearer not-a-jwt", "Basic dXNlcjpwYXNz", "Bearer "],
    ids=["missing", "malformed", "other-scheme", "empty"],
)
async def test_mutation_without_a_valid_token_is_unauthenticated_and_writes_nothing(
    anonymous_client: httpx.AsyncClient,
    db_session: AsyncSession,
    which: int,
    authorization: str | None,
) -> None:
    [book_id] = await seed_books(db_session, 1)
    before = await snapshot(db_session)
    query, variables = mutations(book_id)[which]
    headers = {"Authorization": authorization} if authorization else None
    error = only_error(
        await execute(anonymous_client, query, variables, headers=headers)
    )
    assert error["extensions"]["code"] == "UNAUTHENTICATED"
    assert "sign in" in error["message"].lower()
    assert await snapshot(db_session) == before


@pytest.mark.parametrize(
    "bad_token",
    ["expired", "forged", "deactivated", "deleted"],
)
async def test_mutation_with_a_token_that_no_longer_counts_is_unauthenticated(
    anonymous_client: httpx.AsyncClient,
    db_session: AsyncSession,
    user: UserModel,
    settings: Settings,
    bad_token: str,
) -> None:
    value = token(user.id, settings.secret_key)
    if bad_token == "expired":
        value = raw_token({"sub": str(user.id), "exp": -10}, settings.secret_key)
    elif bad_token == "forged":
        value = token(user.id, "another-secret-0123456789abcdef0123456789")
    elif bad_token == "deactivated":
        user.is_active = False
        await db_session.flush()
    else:
        await db_session.delete(user)
        await db_session.flush()
    body = await execute(
        anonymous_client,
        CREATE,
        mutations(0)[0][1],
        headers={"Authorization": f"Bearer {value}"},
    )
    assert only_error(body)["extensions"]["code"] == "UNAUTHENTICATED"
    assert await snapshot(db_session) == []


async def test_a_database_away_during_the_token_lookup_is_service_unavailable(
    client: httpx.AsyncClient,
    db_session: AsyncSession,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Reads go on anonymous; a field that needs the user says the database is away."""
    await seed_books(db_session, 2)

    async def refused(*_: object, **__: object) -> None:
        raise ConnectionRefusedError(111, "Connect call failed")

    monkeypatch.setattr(UserService, "get_active_user", refused)
    read = await execute(client, BOOKS, {"first": 5})
    assert "errors" not in read
    assert len(read["data"]["books"]["edges"]) == 2
    error = only_error(await execute(client, *mutations(0)[0]))
    assert error["extensions"]["code"] == "SERVICE_UNAVAILABLE"
    rest = await client.get("/api/books")
    assert rest.status_code == 503

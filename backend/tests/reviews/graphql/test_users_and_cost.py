"""`User` shows public fields only; `viewer`; nested connections are costed."""

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from backend.apps.users.models import UserModel
from tests.books.factories import seed_books
from tests.helpers.graphql import execute, global_id, only_error
from tests.helpers.sql import StatementRecorder
from tests.reviews.factories import seed_reviews_per_book, seed_users

VIEWER = "{ viewer { id fullName } }"


async def test_viewer_is_the_signed_in_user(
    client: httpx.AsyncClient, user: UserModel
) -> None:
    body = await execute(client, VIEWER)
    assert body == {
        "data": {"viewer": {"id": global_id("User", user.id), "fullName": None}}
    }


async def test_viewer_is_null_when_anonymous(
    anonymous_client: httpx.AsyncClient, sql_statements: StatementRecorder
) -> None:
    with sql_statements() as statements:
        body = await execute(anonymous_client, VIEWER)
    assert body == {"data": {"viewer": None}}
    assert statements == []


async def test_user_by_id_and_node_show_the_public_name(
    anonymous_client: httpx.AsyncClient, user: UserModel
) -> None:
    user_id = global_id("User", user.id)
    query = """query($id: ID!) { userById(id: $id) { id fullName }
      node(id: $id) { ... on User { id fullName } } }"""
    body = await execute(anonymous_client, query, {"id": user_id})
    expected = {"id": user_id, "fullName": None}
    assert body["data"] == {"userById": expected, "node": expected}


async def test_the_user_type_exposes_no_email_nor_flags(
    anonymous_client: httpx.AsyncClient,
) -> None:
    body = await execute(
        anonymous_client, '{ __type(name: "User") { fields { name } } }'
    )
    names = {field["name"] for field in body["data"]["__type"]["fields"]}
    assert names == {"id", "fullName", "reviews"}


@pytest.mark.parametrize("field", ["email", "isActive", "isSuperuser", "passwordHash"])
async def test_asking_a_user_for_private_fields_fails_validation(
    anonymous_client: httpx.AsyncClient, user: UserModel, field: str
) -> None:
    body = await execute(
        anonymous_client,
        f"query($id: ID!) {{ userById(id: $id) {{ {field} }} }}",
        {"id": global_id("User", user.id)},
    )
    assert only_error(body)["extensions"] == {"code": "GRAPHQL_VALIDATION_FAILED"}


NESTED = """query($books: Int, $reviews: Int) { books(first: $books) { edges { node {
  reviews(first: $reviews) { edges { node { rating author { id } } } }
} } } }"""


async def test_nested_connections_count_against_the_cost_budget(
    anonymous_client: httpx.AsyncClient,
    db_session: AsyncSession,
    sql_statements: StatementRecorder,
) -> None:
    books = await seed_books(db_session, 25)
    authors = await seed_users(db_session, 4)
    await seed_reviews_per_book(db_session, books, authors, per_book=4)
    with sql_statements() as statements:
        body = await execute(anonymous_client, NESTED, {"books": 100, "reviews": 100})
    error = only_error(body)
    assert error["extensions"] == {"code": "QUERY_TOO_COMPLEX"}
    assert statements == []
    body = await execute(anonymous_client, NESTED, {"books": 20, "reviews": 3})
    assert "errors" not in body, body
    edges = body["data"]["books"]["edges"]
    assert len(edges) == 20
    assert all(len(edge["node"]["reviews"]["edges"]) == 3 for edge in edges)

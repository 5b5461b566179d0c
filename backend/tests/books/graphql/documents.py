"""Book documents for `/graphql`, and Book nodes compared with the REST books."""

from datetime import datetime

import httpx

from tests.helpers.graphql import Body, database_id, execute

BOOK_FIELDS = (
    "id title author isbn publishedOn pageCount reviewCount averageRating "
    "createdAt updatedAt"
)
BOOKS = f"""
query($first: Int, $after: String, $last: Int, $before: String,
      $filter: BookFilter, $orderBy: BookOrder! = CREATED_AT_DESC) {{
  books(first: $first, after: $after, last: $last, before: $before,
        filter: $filter, orderBy: $orderBy) {{
    edges {{ cursor node {{ {BOOK_FIELDS} }} }}
    pageInfo {{ hasNextPage hasPreviousPage startCursor endCursor }}
  }}
}}
"""


async def books_page(client: httpx.AsyncClient, **variables: object) -> Body:
    """The `books` connection for these variables; fails on any error."""
    body = await execute(client, BOOKS, variables)
    assert "errors" not in body, body["errors"]
    return body["data"]["books"]


def as_rest(node: Body) -> Body:
    """A GraphQL book in the REST shape, for row-for-row comparison."""
    return {
        "id": database_id(node["id"], "Book"),
        "title": node["title"],
        "author": node["author"],
        "isbn": node["isbn"],
        "published_on": node["publishedOn"],
        "page_count": node["pageCount"],
        "review_count": node["reviewCount"],
        "average_rating": node["averageRating"],
        "created_at": datetime.fromisoformat(node["createdAt"]),
        "updated_at": datetime.fromisoformat(node["updatedAt"]),
    }


def rest_book(book: Body) -> Body:
    """A REST book with parsed timestamps, comparable with `as_rest`."""
    return book | {
        "created_at": datetime.fromisoformat(book["created_at"]),
        "updated_at": datetime.fromisoformat(book["updated_at"]),
    }

"""GraphQL documents and helpers shared by the reviews' GraphQL tests."""

import httpx

from tests.helpers.graphql import Body, execute, global_id

BOOK_REVIEWS = """query($id: ID!, $first: Int, $after: String, $last: Int,
                        $before: String, $order: ReviewOrder! = CREATED_AT_DESC) {
  bookById(id: $id) {
    reviews(first: $first, after: $after, last: $last, before: $before,
            orderBy: $order) {
      edges { cursor node { id rating createdAt } }
      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    }
  }
}"""


async def book_reviews(
    client: httpx.AsyncClient, book_id: int, **variables: object
) -> Body:
    """One page of a book's reviews (`Book.reviews`); asserts no error."""
    body = await execute(
        client, BOOK_REVIEWS, {"id": global_id("Book", book_id), **variables}
    )
    assert "errors" not in body, body
    return body["data"]["bookById"]["reviews"]

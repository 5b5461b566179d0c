"""A body is decoded strictly into the type its OpenAPI schema states: a
string or a boolean where an integer belongs (or a number where a string
belongs) is a 400 naming the field, and nothing is written. Litestar's own
conversion is lenient and took `"5"` as 5. A whole float (`5.0`) is an integer
to JSON Schema, so it is taken, as the schema promises."""

import httpx
import pytest

from tests.books.factories import book_payload

WRONG_TYPES = [
    ("page_count", "412"),
    ("page_count", 412.5),
    ("page_count", True),
    ("title", 5),
    ("published_on", 20010203),
]


@pytest.mark.parametrize(("field", "value"), WRONG_TYPES)
async def test_a_book_field_of_the_wrong_json_type_is_a_400(
    client: httpx.AsyncClient, field: str, value: object
) -> None:
    created = await client.post("/api/books", json=book_payload(7) | {field: value})
    assert created.status_code == 400, created.text
    assert created.json()["extra"][0]["key"] == field
    stored = await client.get("/api/books", params={"limit": 100})
    assert stored.json()["items"] == []


async def test_a_change_of_the_wrong_json_type_is_a_400_and_keeps_the_row(
    client: httpx.AsyncClient,
) -> None:
    created = (await client.post("/api/books", json=book_payload(8))).json()
    path = f"/api/books/{created['id']}"
    response = await client.patch(path, json={"page_count": "9"})
    assert response.status_code == 400, response.text
    assert response.json()["extra"][0]["key"] == "page_count"
    assert (await client.get(path)).json() == created


@pytest.mark.parametrize("rating", ["5", 4.5, True, None])
async def test_a_review_rating_of_the_wrong_json_type_is_a_400(
    client: httpx.AsyncClient, rating: object
) -> None:
    book = (await client.post("/api/books", json=book_payload(9))).json()
    response = await client.post(
        f"/api/books/{book['id']}/reviews", json={"rating": rating, "body": "Fine."}
    )
    assert response.status_code == 400, response.text
    assert response.json()["extra"][0]["key"] == "rating"
    refreshed = (await client.get(f"/api/books/{book['id']}")).json()
    assert refreshed["review_count"] == 0


@pytest.mark.parametrize("page_count", [412, 412.0])
async def test_well_typed_bodies_still_pass(
    client: httpx.AsyncClient, page_count: object
) -> None:
    payload = book_payload(10, page_count=page_count, published_on="2001-02-03")
    created = await client.post("/api/books", json=payload)
    assert created.status_code == 201, created.text
    assert created.json()["page_count"] == 412
    assert created.json()["published_on"] == "2001-02-03"


async def test_a_whole_float_rating_is_an_integer(client: httpx.AsyncClient) -> None:
    book = (await client.post("/api/books", json=book_payload(11))).json()
    response = await client.post(
        f"/api/books/{book['id']}/reviews", json={"rating": 5.0, "body": "Fine."}
    )
    assert response.status_code == 201, response.text
    assert response.json()["rating"] == 5

"""Create, read, update and delete books over REST."""

import httpx
import pytest

from tests.books.factories import book_payload, isbn13


def problems(response: httpx.Response) -> str:
    """Everything the 400 body says about the fields, as one string."""
    return " ".join(f"{d['key']}: {d['message']}" for d in response.json()["extra"])


async def create(
    client: httpx.AsyncClient, number: int = 1, **overrides: object
) -> dict[str, object]:
    response = await client.post("/api/books", json=book_payload(number, **overrides))
    assert response.status_code == 201, response.text
    return response.json()


async def test_create_returns_201_with_normalised_fields(
    client: httpx.AsyncClient,
) -> None:
    response = await client.post(
        "/api/books",
        json={"title": "  Dune ", "author": " Frank Herbert", "isbn": "0-441-17271-7"},
    )
    assert response.status_code == 201
    body = response.json()
    assert body["title"] == "Dune"
    assert body["author"] == "Frank Herbert"
    assert body["isbn"] == "9780441172719"
    assert body["published_on"] is None
    assert body["page_count"] is None
    assert (body["review_count"], body["average_rating"]) == (0, None)
    assert set(body) == {
        "id",
        "title",
        "author",
        "isbn",
        "published_on",
        "page_count",
        "review_count",
        "average_rating",
        "created_at",
        "updated_at",
    }


async def test_unknown_id_is_404(client: httpx.AsyncClient) -> None:
    for method in ("GET", "PATCH", "DELETE"):
        response = await client.request(
            method,
            "/api/books/987654",
            json={"title": "x"} if method == "PATCH" else None,
        )
        assert response.status_code == 404, method
        assert response.json() == {"status_code": 404, "detail": "Book not found."}


@pytest.mark.parametrize(
    "spelling",
    ["978-0-441-17271-9", "0441172717", "0 441 17271 7", "9780441172719"],
)
async def test_duplicate_isbn_in_any_spelling_is_409(
    client: httpx.AsyncClient, spelling: str
) -> None:
    await create(client, isbn="0-441-17271-7")
    response = await client.post("/api/books", json=book_payload(2, isbn=spelling))
    assert response.status_code == 409
    assert response.json()["detail"] == "A book with this ISBN already exists."


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"title": "   "}, "title"),
        ({"title": "x" * 256}, "title"),
        ({"author": ""}, "author"),
        ({"author": "y" * 10_000}, "author"),
        ({"isbn": "978-0-441-17271-8"}, "isbn"),
        ({"isbn": "0441172718"}, "isbn"),
        ({"isbn": "12345"}, "isbn"),
        ({"isbn": "97804411727ab"}, "isbn"),
        ({"page_count": 0}, "page_count"),
        ({"page_count": 100_001}, "page_count"),
        ({"page_count": "many"}, "page_count"),
        ({"published_on": "2023-02-30"}, "published_on"),
        ({"title": None}, "title"),
        ({"colour": "red"}, "colour"),
    ],
)
async def test_invalid_create_is_400_naming_the_field(
    client: httpx.AsyncClient, changes: dict[str, object], field: str
) -> None:
    response = await client.post("/api/books", json=book_payload(**changes))
    assert response.status_code == 400
    assert field in problems(response)
    assert (await client.get("/api/books")).json()["items"] == []


@pytest.mark.parametrize("missing", ["title", "author", "isbn"])
async def test_missing_required_field_is_400(
    client: httpx.AsyncClient, missing: str
) -> None:
    payload = book_payload()
    del payload[missing]
    response = await client.post("/api/books", json=payload)
    assert response.status_code == 400
    assert missing in response.text


@pytest.mark.parametrize("body", [b"not json", b"[]", b"", b'{"title": "a"'])
async def test_malformed_body_is_400(client: httpx.AsyncClient, body: bytes) -> None:
    response = await client.post(
        "/api/books", content=body, headers={"content-type": "application/json"}
    )
    assert response.status_code == 400


async def test_patch_changes_only_the_fields_sent(client: httpx.AsyncClient) -> None:
    created = await create(client, number=5)
    response = await client.patch(
        f"/api/books/{created['id']}",
        json={"title": " New title ", "published_on": None},
    )
    assert response.status_code == 200
    body = response.json()
    assert body["title"] == "New title"
    assert body["published_on"] is None
    assert body["author"] == created["author"]
    assert body["isbn"] == created["isbn"]
    assert body["page_count"] == created["page_count"]
    assert body["updated_at"] >= created["updated_at"]


async def test_patch_normalises_isbn(client: httpx.AsyncClient) -> None:
    created = await create(client, number=5)
    response = await client.patch(
        f"/api/books/{created['id']}", json={"isbn": "0-441-17271-7"}
    )
    assert response.json()["isbn"] == "9780441172719"


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"title": None}, "title"),
        ({"isbn": "123"}, "isbn"),
        ({"page_count": -1}, "page_count"),
        ({"unknown": 1}, "unknown"),
    ],
)
async def test_invalid_patch_is_400_and_keeps_the_row(
    client: httpx.AsyncClient, changes: dict[str, object], field: str
) -> None:
    created = await create(client, number=7)
    response = await client.patch(f"/api/books/{created['id']}", json=changes)
    assert response.status_code == 400
    assert field in problems(response)
    assert (await client.get(f"/api/books/{created['id']}")).json() == created


async def test_non_integer_id_is_rejected(client: httpx.AsyncClient) -> None:
    response = await client.get("/api/books/abc")
    assert response.status_code in {400, 404}


async def test_isbn13_factory_makes_valid_isbns(client: httpx.AsyncClient) -> None:
    response = await client.post(
        "/api/books", json=book_payload(isbn=isbn13(123456789))
    )
    assert response.status_code == 201

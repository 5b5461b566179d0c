"""The OpenAPI document states every rule a client can check before sending.

Read from the live `/schema/openapi.json`: every string a client sends has
its bounds, every request body refuses unknown fields, ids are bounded to
BIGINT, cursors have their length and shape; and OPTIONS answers each
route's real method list.
"""

import re
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from backend.apps.books.services import BookSort
from backend.paging.pager import MAX_PAGE_SIZE
from tests.books.factories import seed_books

MAX_ID = 2**63 - 1
type Json = dict[str, Any]


@pytest.fixture
async def document(anonymous_client: httpx.AsyncClient) -> Json:
    response = await anonymous_client.get("/schema/openapi.json")
    assert response.status_code == 200
    return response.json()


def resolve(document: Json, schema: Json) -> Json:
    if "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[-1]
        return document["components"]["schemas"][name]
    return schema


def operations(document: Json) -> Iterator[tuple[str, str, Json]]:
    for path, item in document["paths"].items():
        for method, operation in item.items():
            yield method.upper(), path, operation


def request_bodies(document: Json) -> Iterator[tuple[str, Json]]:
    for method, path, operation in operations(document):
        body = operation.get("requestBody")
        if body is not None:
            schema = body["content"]["application/json"]["schema"]
            yield f"{method} {path}", resolve(document, schema)


def is_string(schema: Json) -> bool:
    """Whether the schema admits free text (a string without a `format`)."""
    return any(
        option.get("type") == "string" and "format" not in option
        for option in [schema, *schema.get("oneOf", [])]
    )


async def test_every_request_body_is_closed_and_every_text_bounded(
    document: Json,
) -> None:
    bodies = dict(request_bodies(document))
    assert set(bodies) >= {"POST /api/books", "PATCH /api/books/{item_id}"}
    for name, schema in bodies.items():
        assert schema.get("additionalProperties") is False, name
    unbounded = []
    for name, schema in request_bodies(document):
        for field, value in schema["properties"].items():
            if is_string(value) and "maxLength" not in value:
                unbounded.append(f"{name}: {field}")
    for method, path, operation in operations(document):
        for parameter in operation.get("parameters", []):
            schema = parameter["schema"]
            if is_string(schema) and "enum" not in schema and "maxLength" not in schema:
                unbounded.append(f"{method} {path}: {parameter['name']}")
    assert unbounded == []


async def test_book_fields_state_their_rules(document: Json) -> None:
    schemas = document["components"]["schemas"]
    for name in ("BookCreate", "BookUpdate"):
        fields = schemas[name]["properties"]
        for text in ("title", "author"):
            assert (fields[text]["minLength"], fields[text]["maxLength"]) == (1, 255)
        isbn = fields["isbn"]
        assert (isbn["minLength"], isbn["maxLength"]) == (10, 25)
        pattern = re.compile(isbn["pattern"])
        for good in ("0-441-17271-7", "978 0 441 17271 9", "044117271X"):
            assert pattern.search(good), good
        for bad in ("0" * 24, "12345", "9770441172719", "978-0-441-17271-9x"):
            assert not pattern.search(bad), bad
        page_count = fields["page_count"]
        assert (page_count["minimum"], page_count["maximum"]) == (1, 100_000)


async def test_ids_are_bounded_to_bigint_exactly(document: Json) -> None:
    seen = 0
    for method, path, operation in operations(document):
        for parameter in operation.get("parameters", []):
            if parameter["in"] == "path":
                schema = parameter["schema"]
                assert schema["type"] == "integer", (method, path)
                assert schema["minimum"] == 1, (method, path)
                assert schema["maximum"] == MAX_ID, (method, path)
                assert isinstance(schema["maximum"], int), (method, path)
                seen += 1
    assert seen >= 3  # each entity's get, patch and delete


async def test_list_parameters_state_limit_cursor_and_sort(
    document: Json, client: httpx.AsyncClient, db_session: AsyncSession
) -> None:
    parameters = {
        p["name"]: p["schema"]
        for p in document["paths"]["/api/books"]["get"]["parameters"]
    }
    limit = parameters["limit"]
    assert (limit["minimum"], limit["maximum"]) == (1, MAX_PAGE_SIZE)
    cursor = parameters["cursor"]
    assert cursor["maxLength"] == 512
    shape = re.compile(cursor["pattern"])
    assert shape.search("")  # empty means the first page
    assert not any(shape.search(bad) for bad in ("x", "a" * 30, "a." + "b" * 21))
    sort = resolve(document, parameters["sort"])
    assert set(sort["enum"]) == {order.value for order in BookSort}
    # A real cursor fits the stated shape; an empty or misshapen one is a 400.
    await seed_books(db_session, 3, start=80)
    page = (await client.get("/api/books", params={"limit": 1})).json()
    real = page["page"]["next_cursor"]
    assert len(real) <= cursor["maxLength"]
    assert shape.search(real)
    for bad in ("x", "a" * 30, real.replace(".", "!"), real + "\x00"):
        response = await client.get("/api/books", params={"cursor": bad})
        assert response.status_code == 400, bad


async def test_ids_the_document_refuses_are_refused(
    document: Json, client: httpx.AsyncClient
) -> None:
    bound = document["paths"]["/api/books/{item_id}"]["get"]["parameters"][0]
    assert bound["schema"]["maximum"] == MAX_ID
    for value in (str(MAX_ID + 1), "9" * 30, "0", "-1"):
        response = await client.get(f"/api/books/{value}")
        assert response.status_code in {400, 404}, value
    assert (await client.get(f"/api/books/{MAX_ID}")).status_code == 404


ALLOW = {
    "/api/books/1": "DELETE, GET, OPTIONS, PATCH",
    "/api/books": "GET, OPTIONS, POST",
    "/api/auth/login": "OPTIONS, POST",
    "/api/auth/me": "GET, OPTIONS",
    "/graphql": "GET, OPTIONS, POST",
    "/health": "GET, OPTIONS",
}


async def test_options_lists_every_method_of_the_route(
    anonymous_client: httpx.AsyncClient,
) -> None:
    answers = {path: await anonymous_client.options(path) for path in ALLOW}
    assert {path: r.status_code for path, r in answers.items()} == dict.fromkeys(
        ALLOW, 204
    )
    assert {path: r.headers["allow"] for path, r in answers.items()} == ALLOW


async def test_options_agrees_with_the_document(
    document: Json, anonymous_client: httpx.AsyncClient
) -> None:
    for path, item in document["paths"].items():
        concrete = path.replace("{item_id}", "1")
        response = await anonymous_client.options(concrete)
        allowed = set(response.headers["allow"].split(", "))
        assert {method.upper() for method in item} | {"OPTIONS"} == allowed, path

"""GraphQL global ids are read by one strict parser, like REST ids.

An id is the standard base64 of `TypeName:123` exactly as the server writes it
(no whitespace, no missing or extra padding, no other alphabet, nothing after
it); its number is read as REST reads a path id (ASCII digits, no leading
zero, 1 to 2^63-1); its type must be a concrete type implementing `Node`.
Anything else is `BAD_USER_INPUT` on the id argument, with one message per
kind of mistake, for `node`, `nodes`, `bookById` and the mutations alike.
Before, `Node:1` was an internal error, `Book:01` was book 1, 2^63-1 was
refused and `Qm9va zox` or a trailing newline or `=` were accepted.
"""

import base64
import logging
from collections.abc import Callable

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from tests.books.factories import seed_books
from tests.helpers.graphql import execute, global_id, only_error
from tests.security.test_graphql_argument_errors import internal_errors

NODE = "query($id: ID!) { node(id: $id) { id } }"
NODES = "query($ids: [ID!]!) { nodes(ids: $ids) { id } }"
BY_ID = "query($id: ID!) { bookById(id: $id) { id } }"
UPDATE = 'mutation($id: ID!) { updateBook(id: $id, input: {title: "Changed"}) { id } }'
DELETE = "mutation($id: ID!) { deleteBook(id: $id) }"

type Variables = Callable[[str], dict[str, object]]

# Every field taking ids: its document, how it takes one id, the argument.
ID_FIELDS: dict[str, tuple[str, Variables, str]] = {
    "node": (NODE, lambda value: {"id": value}, "id"),
    "nodes": (NODES, lambda value: {"ids": [value]}, "ids"),
    "bookById": (BY_ID, lambda value: {"id": value}, "id"),
    "updateBook": (UPDATE, lambda value: {"id": value}, "id"),
    "deleteBook": (DELETE, lambda value: {"id": value}, "id"),
}

NOT_NODE_TYPES = [
    "Node",  # the interface itself
    "Query",
    "Mutation",
    "PageInfo",
    "BookConnection",
    "BookEdge",
    "BookFilter",
    "BookInput",
    "BookOrder",
    "String",
    "ID",
    "Date",
    "__Schema",
    "Nobody",
    "book",
]

MAX_BIGINT = 2**63 - 1
NOT_DATABASE_IDS = [
    "01",
    "007",
    "0",
    "00",
    "-1",
    "+1",
    "1.0",
    "1e2",
    " 1",
    "1 ",
    "1\n",
    "0x1",
    "1_0",
    "\u0661",  # ARABIC-INDIC DIGIT ONE
    "",
    str(MAX_BIGINT + 1),
    str(2**64),
    "9" * 30,
]


async def bad_input_error(
    client: httpx.AsyncClient, field: str, value: str
) -> dict[str, object]:
    """The one error `field` answers for the id `value`, which must be
    `BAD_USER_INPUT` on its id argument, with no data."""
    query, variables, argument = ID_FIELDS[field]
    body = await execute(client, query, variables(value))
    error = only_error(body)
    assert error["extensions"] == {"code": "BAD_USER_INPUT", "field": argument}, (
        field,
        value,
        error,
    )
    assert body["data"] is None or list(body["data"].values()) == [None]
    return error


async def test_an_id_naming_no_concrete_node_type_is_bad_user_input(
    client: httpx.AsyncClient, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.INFO):
        for field in ID_FIELDS:
            messages = set()
            for type_name in NOT_NODE_TYPES:
                error = await bad_input_error(client, field, global_id(type_name, 1))
                messages.add(error["message"])
            # One answer for every name that is not a node type, known or not.
            assert len(messages) == 1, (field, messages)
        literal = await execute(client, '{ node(id: "Tm9kZTox") { id } }')
        assert only_error(literal)["extensions"]["field"] == "id"
    assert internal_errors(caplog) == []


async def test_the_number_in_an_id_is_read_like_a_rest_id(
    client: httpx.AsyncClient, db_session: AsyncSession
) -> None:
    (book_id,) = await seed_books(db_session, 1)
    for field in ID_FIELDS:
        for number in [*NOT_DATABASE_IDS, f"0{book_id}", f"{book_id}.0"]:
            await bad_input_error(client, field, global_id("Book", number))
    for number in ("01", f"0{book_id}", str(MAX_BIGINT + 1)):
        assert (await client.get(f"/api/books/{number}")).status_code == 400
    # The largest BIGINT is an id that does not exist, as on REST.
    largest = global_id("Book", MAX_BIGINT)
    assert (await client.get(f"/api/books/{MAX_BIGINT}")).status_code == 404
    assert await execute(client, NODE, {"id": largest}) == {"data": {"node": None}}
    assert await execute(client, BY_ID, {"id": largest}) == {"data": {"bookById": None}}
    assert await execute(client, NODES, {"ids": [largest]}) == {
        "data": {"nodes": [None]}
    }
    for field in ("updateBook", "deleteBook"):
        query, variables, _ = ID_FIELDS[field]
        error = only_error(await execute(client, query, variables(largest)))
        assert error["extensions"]["code"] == "NOT_FOUND"
    book = await execute(client, BY_ID, {"id": global_id("Book", book_id)})
    assert book["data"]["bookById"] == {"id": global_id("Book", book_id)}


_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"


def sloppy_spellings(canonical: str) -> dict[str, str]:
    """Texts that lenient base64 decoding reads as `canonical`'s bytes."""
    body = canonical.rstrip("=")
    last = body[-1]
    unused_bits_set = body[:-1] + _ALPHABET[_ALPHABET.index(last) | 1]
    spellings = {
        "space inside": f"{canonical[:5]} {canonical[5:]}",
        "newline after": f"{canonical}\n",
        "CRLF inside": f"{canonical[:4]}\r\n{canonical[4:]}",
        "space before": f" {canonical}",
        "tab after": f"{canonical}\t",
        "extra padding": f"{canonical}=",
        "two extra paddings": f"{canonical}==",
        "another id after": canonical + global_id("Book", 1),
        "garbage after": f"{canonical}!!",
        "url-safe characters inside": f"{canonical[:3]}-{canonical[3:]}_",
        "dot inside": f"{canonical[:2]}.{canonical[2:]}",
        "fullwidth letters": canonical.translate(
            {c: c + 0xFEE0 for c in range(0x21, 0x7F)}
        ),
    }
    if body != canonical:
        spellings["padding missing"] = body
        spellings["padding inside"] = f"{body[:4]}={body[4:]}{canonical[len(body) :]}"
        spellings["unused bits set"] = unused_bits_set + canonical[len(body) :]
    return {name: text for name, text in spellings.items() if text != canonical}


async def test_base64_is_read_strictly(
    client: httpx.AsyncClient, db_session: AsyncSession
) -> None:
    (book_id,) = await seed_books(db_session, 1)
    stored = global_id("Book", book_id)
    canonicals = [stored, global_id("Book", 12), global_id("Book", 123)]
    assert any(text.endswith("==") for text in canonicals)
    assert any(text.endswith("=") and not text.endswith("==") for text in canonicals)
    for canonical in canonicals:
        assert base64.b64encode(base64.b64decode(canonical)).decode() == canonical
        for sloppy in sloppy_spellings(canonical).values():
            for field in ID_FIELDS:
                await bad_input_error(client, field, sloppy)
    book = await execute(
        client, "query($id: ID!) { bookById(id: $id) { title } }", {"id": stored}
    )
    assert book["data"]["bookById"]["title"] != "Changed"


async def test_every_malformed_id_gets_one_message_naming_the_argument(
    client: httpx.AsyncClient,
) -> None:
    malformed = [
        "not-an-id!",
        global_id("", 1),
        global_id("Book", ""),
        global_id("Book", "01"),
        global_id("Book", MAX_BIGINT + 1),
        base64.b64encode(b"Book:\xff").decode(),
        base64.b64encode(b"Book").decode(),
        f"{global_id('Book', 1)}\n",
        "",
    ]
    for field, (_, _, argument) in ID_FIELDS.items():
        messages = {
            (await bad_input_error(client, field, value))["message"]
            for value in malformed
        }
        assert messages == {f"{argument} is not a valid id"}, (field, messages)

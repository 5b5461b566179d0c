"""One-line text: invisible-only is empty; controls and bidi overrides are refused.

A title of zero-width spaces was stored as a "non-empty" title; a tab, a line
break, an ANSI escape or a right-to-left override went into titles, authors
and names, where they break logs and CSV exports or make text read backwards.
The rule lives in `backend.kit.text` and REST, GraphQL and the admin all reach it
through the services; the REST schema states it as a pattern. Braille
blanks, variation selectors, tags, a lone combining mark, private use and
noncharacters were still stored as titles: a value must hold a visible
character (a letter, number, punctuation mark or symbol). Passwords of
spaces, NULs or zero-width spaces were accepted and worked.
"""

import asyncio
import html
import re

import httpx
import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from backend.apps.books.models import BookModel
from backend.apps.users.cli import EXIT_INVALID, main
from backend.apps.users.models import UserModel
from tests.books.factories import book_payload, isbn13
from tests.helpers.admin_forms import submit
from tests.helpers.graphql import execute, only_error
from tests.users.factories import TEST_PASSWORD, add_user

INVISIBLE_ONLY = {
    "zero-width space": "\u200b",
    "ZWNJ and ZWJ": "\u200c\u200d",
    "word joiner": "\u2060",
    "BOM": "\ufeff",
    "soft hyphen": "\u00ad",
    "ideographic space": "\u3000",
    "no-break and zero-width spaces": "\u00a0 \u200b\u00a0",
    "Hangul filler": "\u3164",
    "direction marks": "\u200e\u200f",
    "braille blank": "\u2800\u2800",
    "variation selectors": "\ufe00\ufe0f",
    "interlinear annotation": "\ufff9\ufffa\ufffb",
    "object replacement": "\ufffc",
    "deprecated format characters": "\u206a\u206f",
    "Khmer inherent vowels": "\u17b4\u17b5",
    "lone combining mark": "\u0301",
    "noncharacters": "\ufdd0\uffff",
    "private use": "\ue000",
    "space and combining marks": " \u0301\u0308 ",
}
# Beyond U+FFFF: a portable pattern cannot name these, only the server refuses.
INVISIBLE_BEYOND_BMP = {
    "tag characters": "\U000e0001\U000e0041\U000e007f",
    "variation selector supplement": "\U000e0100",
    "supplementary private use": "\U000f0000",
    "unassigned": "\U0003ffff",
}
FORBIDDEN = {
    "tab": "Du\tne",
    "line feed": "Du\nne",
    "carriage return": "Dune\r",
    "ANSI escape": "\x1b[31mDune",
    "DEL": "Du\x7fne",
    "C1 control": "Du\x85ne",
    "line separator": "Du\u2028ne",
    "right-to-left override": "\u202eenuD",
    "left-to-right embedding": "\u202aDune\u202c",
    "isolates": "\u2066Dune\u2069",
    "first-strong isolate": "Dune\u2068",
}
FIELDS = ("title", "author")
CODER = "\U0001f469\u200d\U0001f4bb"  # woman, ZWJ, laptop: one emoji
PERSIAN = "\u0646\u0627\u0645\u0647\u200c\u0647\u0627"  # a ZWNJ inside a word
CREATE = "mutation($input: BookInput!) { createBook(input: $input) { title author } }"


async def book_count(session: AsyncSession) -> int:
    return await session.scalar(select(func.count()).select_from(BookModel)) or 0


def fields_named(response: httpx.Response) -> set[str]:
    assert response.status_code == 400, response.text
    return {problem["key"] for problem in response.json()["extra"]}


@pytest.mark.parametrize("field", FIELDS)
async def test_rest_refuses_invisible_only_and_control_text(
    client: httpx.AsyncClient, db_session: AsyncSession, field: str
) -> None:
    created = await client.post("/api/books", json=book_payload())
    book_id = created.json()["id"]
    refused = [*INVISIBLE_ONLY.items(), *INVISIBLE_BEYOND_BMP.items()]
    for name, value in [*refused, *FORBIDDEN.items()]:
        response = await client.post(
            "/api/books", json=book_payload(2, **{field: value})
        )
        assert fields_named(response) == {field}, name
        patched = await client.patch(f"/api/books/{book_id}", json={field: value})
        assert fields_named(patched) == {field}, name
    assert await book_count(db_session) == 1
    stored = (await client.get(f"/api/books/{book_id}")).json()
    assert (stored["title"], stored["author"]) == ("Title 1", "Author 1")


@pytest.mark.parametrize("field", FIELDS)
async def test_graphql_refuses_invisible_only_and_control_text(
    client: httpx.AsyncClient, db_session: AsyncSession, field: str
) -> None:
    book = {"title": "Dune", "author": "Frank Herbert", "isbn": isbn13(1)}
    refused = [*INVISIBLE_ONLY.items(), *INVISIBLE_BEYOND_BMP.items()]
    for name, value in [*refused, *FORBIDDEN.items()]:
        body = await execute(client, CREATE, {"input": {**book, field: value}})
        error = only_error(body)
        assert error["extensions"] == {"code": "BAD_USER_INPUT", "field": field}, name
    assert await book_count(db_session) == 0


async def test_invisible_characters_around_text_are_trimmed_and_kept_inside(
    client: httpx.AsyncClient,
) -> None:
    response = await client.post(
        "/api/books",
        json=book_payload(
            title="\u200b\ufeff Dune\u00ad\u3000\u2060",
            # A ZWJ inside an emoji sequence and a ZWNJ inside a Persian word.
            author="\u200f" + CODER + " " + PERSIAN,
        ),
    )
    assert response.status_code == 201, response.text
    assert response.json()["title"] == "Dune"
    assert response.json()["author"] == f"{CODER} {PERSIAN}"
    # Fillers, selectors and tags around the value go; those that belong to
    # the character before them (an emoji's selector, a flag's tags) stay.
    heart = "\u2764\ufe0f"
    scotland = "\U0001f3f4\U000e0067\U000e0062\U000e0073\U000e0063\U000e0074\U000e007f"
    for number, (sent, stored) in enumerate(
        [
            ("\u2800\ufe0fDune\u2800\U000e0041 ", "Dune"),
            ("\ufffc\u206aDune \ufe0f\ufff9", "Dune"),
            (f"I {heart} Dune", f"I {heart} Dune"),
            (f"Dune {heart}", f"Dune {heart}"),
            (f"Dune {scotland}\u2800", f"Dune {scotland}"),
            ("\u0301e\u0301", "\u0301e\u0301"),
        ]
    ):
        book = await client.post(
            "/api/books", json=book_payload(isbn=isbn13(10 + number), title=sent)
        )
        assert book.status_code == 201, (sent, book.text)
        assert book.json()["title"] == stored, sent


async def test_the_openapi_pattern_says_what_the_server_accepts(
    client: httpx.AsyncClient,
) -> None:
    document = (await client.get("/schema/openapi.json")).json()
    schemas = document["components"]["schemas"]
    create = next(s for name, s in schemas.items() if name.endswith("BookCreate"))
    for field in FIELDS:
        pattern = re.compile(create["properties"][field]["pattern"])
        for value in [*INVISIBLE_ONLY.values(), *FORBIDDEN.values()]:
            assert not pattern.search(value), (field, value)
        for value in ("Dune", " Dune ", "\u200bDune", "\u0646\u0627\u0645\u0647\u200c"):
            assert pattern.search(value), (field, value)


ADMIN_BOOK = {
    "title": "Dune",
    "author": "Frank Herbert",
    "isbn": isbn13(3),
    "published_on": "1965-08-01",
    "page_count": "412",
}


async def test_admin_refuses_invisible_only_and_control_text(
    admin_client: httpx.AsyncClient, db_session: AsyncSession
) -> None:
    refused = [*INVISIBLE_ONLY.items(), *INVISIBLE_BEYOND_BMP.items()]
    for field in FIELDS:
        for name, value in [*refused, *FORBIDDEN.items()]:
            response = await submit(
                admin_client, "/admin/book/create", {**ADMIN_BOOK, field: value}
            )
            assert response.status_code == 422, (field, name)
            assert html.escape(f"{field} must") in response.text, (field, name)
    assert await book_count(db_session) == 0


NEW_USER = {
    "email": "new.person@example.com",
    "password": "a fresh password",
    "is_active": "on",
}


async def test_a_user_name_takes_one_line_and_invisible_only_is_no_name(
    admin_client: httpx.AsyncClient, db_session: AsyncSession
) -> None:
    for name, value in FORBIDDEN.items():
        response = await submit(
            admin_client, "/admin/user/create", {**NEW_USER, "full_name": value}
        )
        assert response.status_code == 422, name
        assert "full_name must be one line of text" in response.text, name
    response = await submit(
        admin_client,
        "/admin/user/create",
        {**NEW_USER, "full_name": "\u200b\u2060\ufeff"},
    )
    assert response.status_code == 303, response.text
    user = await db_session.scalar(
        select(UserModel).where(UserModel.email == NEW_USER["email"])
    )
    assert user is not None
    assert user.full_name is None


PASSWORDS_REFUSED = {
    "eight spaces": " " * 8,
    "eight NULs": "\x00" * 8,
    "NUL inside": "pass\x00word",
    "zero-width spaces": "\u200b" * 8,
    "ideographic spaces": "\u3000" * 8,
    "no-break and zero-width": "\u00a0\u200b" * 4,
    "braille blanks": "\u2800" * 8,
    "variation selectors": "\ufe0f" * 8,
    "combining marks": "\u0301" * 8,
    "tags (beyond U+FFFF)": "\U000e0041" * 8,
    "tab": "pass\tword",
    "line feed": "password\n",
    "ANSI escape": "\x1b[31mpassword",
    "DEL": "\x7f" * 8,
    "C1 control": "pass\x85word",
}
PASSWORDS_ACCEPTED = [
    "correct horse",
    "  spaced out  ",
    "pässwörd\u200d",
    "密码密码密码密码",
]


async def test_api_password_change_refuses_invisible_and_control_passwords(
    client: httpx.AsyncClient,
) -> None:
    for name, password in PASSWORDS_REFUSED.items():
        response = await client.post(
            "/api/auth/password",
            json={"current_password": TEST_PASSWORD, "new_password": password},
        )
        assert fields_named(response) == {"new_password"}, name
    assert (await client.get("/api/auth/me")).status_code == 200


async def test_admin_and_cli_refuse_invisible_and_control_passwords(
    admin_client: httpx.AsyncClient,
    db_session: AsyncSession,
    password_hash: str,
    capsys: pytest.CaptureFixture[str],
) -> None:
    user = await add_user(db_session, password_hash=password_hash)
    for name, password in PASSWORDS_REFUSED.items():
        created = await submit(
            admin_client, "/admin/user/create", {**NEW_USER, "password": password}
        )
        assert created.status_code == 422, name
        assert "password must" in created.text, name
        edited = await submit(
            admin_client,
            f"/admin/user/edit?pk={user.id}",
            {"email": user.email, "password": password, "is_active": "on"},
        )
        assert edited.status_code == 422, name
        # The command runs its own event loop.
        status = await asyncio.to_thread(
            main, ["--email", "cli@example.com", "--password", password]
        )
        assert status == EXIT_INVALID, name
        assert "password must" in capsys.readouterr().err, name
    await db_session.refresh(user)
    assert user.password_hash == password_hash
    assert (
        await db_session.scalar(select(func.count()).select_from(UserModel)) == 2
    )  # the user and the signed-in superuser
    for number, password in enumerate(PASSWORDS_ACCEPTED):
        email = f"fine{number}@example.com"
        response = await submit(
            admin_client,
            "/admin/user/create",
            {**NEW_USER, "email": email, "password": password},
        )
        assert response.status_code == 303, password

"""Two instances behind one database and one Redis behave as one app.

A rate limit counts across both, a cursor from one pages on the other, and a
write through one is read through the other: nothing lives in one process.
"""

from collections.abc import AsyncGenerator
from pathlib import Path

import httpx
import pytest

from tests.helpers.settings import TEST_REDIS_URL
from tests.reliability.conftest import add_user, sign_in
from tests.reliability.servers import Server, serve, server_env

RATE_LIMIT = 30

pytestmark = pytest.mark.reliability


@pytest.fixture
async def instances(
    app_database: str, redis_namespace: str, log_dir: Path
) -> AsyncGenerator[tuple[Server, Server]]:
    """Two servers on one database and one Redis, with a small API limit."""
    await add_user(app_database)
    env = server_env(
        app_database,
        REDIS_URL=TEST_REDIS_URL,
        REDIS_NAMESPACE=redis_namespace,
        API_RATE_LIMIT=str(RATE_LIMIT),
        API_RATE_LIMIT_WINDOW="hour",
    )
    async with (
        serve(env, log_dir=log_dir, name="first") as first,
        serve(env, log_dir=log_dir, name="second") as second,
    ):
        yield first, second


def book(number: int) -> dict[str, object]:
    first12 = f"979{number:09d}"
    total = sum(int(d) * (3 if i % 2 else 1) for i, d in enumerate(first12))
    isbn = first12 + str((10 - total % 10) % 10)
    return {"title": f"Book {number:02d}", "author": "Ann Author", "isbn": isbn}


async def test_two_instances_share_writes_cursors_and_the_rate_limit(
    instances: tuple[Server, Server], figures: dict[str, str]
) -> None:
    first, second = instances
    auth = await sign_in(first.url)
    async with (
        httpx.AsyncClient(base_url=first.url, headers=auth) as a,
        httpx.AsyncClient(base_url=second.url, headers=auth) as b,
    ):
        created = [(await a.post("/api/books", json=book(n))) for n in range(3)]
        assert [response.status_code for response in created] == [201] * 3
        seen = await b.get(f"/api/books/{created[0].json()['id']}")
        assert seen.json() == created[0].json()

        page_one = (
            await a.get("/api/books", params={"sort": "title", "limit": 2})
        ).json()
        page_two = await b.get(
            "/api/books",
            params={
                "sort": "title",
                "limit": 2,
                "cursor": page_one["page"]["next_cursor"],
            },
        )
        assert page_two.status_code == 200
        titles = [
            item["title"] for item in page_one["items"] + page_two.json()["items"]
        ]
        assert titles == ["Book 00", "Book 01", "Book 02"]

        remaining: list[int] = []
        statuses: list[int] = []
        for n in range(RATE_LIMIT + 2):
            response = await (a if n % 2 else b).get("/api/books", params={"limit": 1})
            statuses.append(response.status_code)
            if response.status_code == 200:
                remaining.append(int(response.headers["ratelimit-remaining"]))
    # The counter is shared: each answer, from either instance, counts one down.
    assert remaining == list(range(remaining[0], remaining[0] - len(remaining), -1))
    assert remaining[-1] == 0
    assert statuses[len(remaining) :] == [429] * (len(statuses) - len(remaining))
    figures["two instances, one Redis"] = (
        f"limit {RATE_LIMIT}/hour counted across both; 429 from both once spent; "
        "cursor and writes crossed instances"
    )

"""The books' review counters stay exact under concurrent writes.

The app runs in-process on a database of this module's own, with its own
pool: each request has its own connection and transaction, and the writes
commit, so they really race. After each race the counters of every book
must equal the aggregate over the review table, and no request may fail
with a 5xx (a deadlock would be one).
"""

import asyncio
from collections import Counter
from collections.abc import AsyncGenerator, Iterator

import asyncpg
import httpx
import pytest

from tests.books.factories import book_payload
from tests.helpers.database import asyncpg_dsn, create_database, drop_database, migrate
from tests.helpers.http import app_client
from tests.helpers.settings import TEST_SECRET_KEY
from tests.reviews.factories import NO_PASSWORD
from tests.users.factories import bearer

USERS = 50
TRIES = 20
# Counters and aggregates of every book, and the books whose differ.
DRIFT = """
SELECT b.id, b.review_count, b.rating_sum, count(r.id), coalesce(sum(r.rating), 0)
FROM book b LEFT JOIN review r ON r.book_id = b.id
GROUP BY b.id
HAVING b.review_count <> count(r.id) OR b.rating_sum <> coalesce(sum(r.rating), 0)
"""


@pytest.fixture(scope="module")
def races_database(base_database_url: str) -> Iterator[str]:
    """A migrated database of this module's own: the races commit."""
    url = create_database(base_database_url, suffix="_review_races")
    try:
        migrate(url)
        yield url
    finally:
        drop_database(url)


@pytest.fixture(scope="module")
async def users(races_database: str) -> list[int]:
    """`USERS` active users, none a superuser."""
    connection = await asyncpg.connect(asyncpg_dsn(races_database))
    try:
        rows = await connection.fetch(
            "INSERT INTO user_account (email, password_hash, is_active,"
            " is_superuser, created_at, updated_at)"
            " SELECT 'racer-' || n || '@example.com', $1, true, false, now(), now()"
            " FROM generate_series(1, $2) AS n RETURNING id",
            NO_PASSWORD,
            USERS,
        )
    finally:
        await connection.close()
    return sorted(row["id"] for row in rows)


@pytest.fixture
async def http(races_database: str) -> AsyncGenerator[httpx.AsyncClient]:
    """A client of the app on the races' database (pool of 10 + 10)."""
    async with app_client(races_database) as client:
        yield client


async def drift(database_url: str) -> list[asyncpg.Record]:
    """The books whose counters differ from their reviews' aggregate."""
    connection = await asyncpg.connect(asyncpg_dsn(database_url))
    try:
        return await connection.fetch(DRIFT)
    finally:
        await connection.close()


class Racers:
    """Requests as one of `users`."""

    def __init__(self, http: httpx.AsyncClient, users: list[int]) -> None:
        self.http = http
        self.users = users

    def as_user(self, index: int) -> dict[str, str]:
        return bearer(self.users[index], TEST_SECRET_KEY)

    async def new_book(self, number: int) -> int:
        response = await self.http.post(
            "/api/books", json=book_payload(number), headers=self.as_user(0)
        )
        assert response.status_code == 201, response.text
        return response.json()["id"]

    def review(
        self, book_id: int, user: int, rating: int
    ) -> "asyncio.Future[httpx.Response]":
        return asyncio.ensure_future(
            self.http.post(
                f"/api/books/{book_id}/reviews",
                json={"rating": rating, "body": f"By racer {user}."},
                headers=self.as_user(user),
            )
        )

    def patch(
        self, review_id: int, user: int, rating: int
    ) -> "asyncio.Future[httpx.Response]":
        return asyncio.ensure_future(
            self.http.patch(
                f"/api/reviews/{review_id}",
                json={"rating": rating},
                headers=self.as_user(user),
            )
        )

    def delete(self, review_id: int, user: int) -> "asyncio.Future[httpx.Response]":
        return asyncio.ensure_future(
            self.http.delete(f"/api/reviews/{review_id}", headers=self.as_user(user))
        )

    async def book(self, book_id: int) -> dict[str, object]:
        response = await self.http.get(f"/api/books/{book_id}")
        assert response.status_code == 200, response.text
        return response.json()


@pytest.fixture
def racers(http: httpx.AsyncClient, users: list[int]) -> Racers:
    return Racers(http, users)


async def test_fifty_concurrent_reviews_of_one_book_are_all_counted(
    racers: Racers, races_database: str
) -> None:
    book_id = await racers.new_book(1)
    ratings = [1 + n * 3 % 5 for n in range(USERS)]
    responses = await asyncio.gather(
        *(racers.review(book_id, n, rating) for n, rating in enumerate(ratings))
    )
    assert [r.status_code for r in responses] == [201] * USERS
    book = await racers.book(book_id)
    assert book["review_count"] == USERS
    assert book["average_rating"] == round(sum(ratings) / USERS, 2)
    assert await drift(races_database) == []


async def test_concurrent_edits_and_deletes_keep_the_counters_exact(
    racers: Racers, races_database: str
) -> None:
    book_id = await racers.new_book(2)
    created = await asyncio.gather(
        *(racers.review(book_id, n, 3) for n in range(USERS))
    )
    ids = [r.json()["id"] for r in created]
    # Every review edited twice, every other one deleted between its two
    # edits, all at once.
    work = []
    for n, review_id in enumerate(ids):
        work.append(racers.patch(review_id, n, 1 + (n + 1) % 5))
        if n % 2:
            work.append(racers.delete(review_id, n))
        work.append(racers.patch(review_id, n, 1 + (n + 2) % 5))
    responses = await asyncio.gather(*work)
    statuses = Counter(r.status_code for r in responses)
    assert set(statuses) <= {200, 204, 404}, statuses
    assert statuses[204] == USERS // 2
    book = await racers.book(book_id)
    assert book["review_count"] == USERS - USERS // 2
    assert await drift(races_database) == []


async def test_a_delete_racing_an_edit_of_the_same_review(
    racers: Racers, races_database: str
) -> None:
    book_id = await racers.new_book(3)
    outcomes: Counter[tuple[int, int]] = Counter()
    for n in range(TRIES):
        created = await racers.review(book_id, n, 2)
        review_id = created.json()["id"]
        patched, deleted = await asyncio.gather(
            racers.patch(review_id, n, 5), racers.delete(review_id, n)
        )
        outcomes[patched.status_code, deleted.status_code] += 1
    assert set(outcomes) <= {(200, 204), (404, 204)}, outcomes
    book = await racers.book(book_id)
    assert (book["review_count"], book["average_rating"]) == (0, None)
    assert await drift(races_database) == []


async def test_a_book_deletion_racing_review_writes(
    racers: Racers, races_database: str
) -> None:
    outcomes: Counter[str] = Counter()
    for attempt in range(TRIES // 2):
        book_id = await racers.new_book(100 + attempt)
        half = USERS // 2
        created = await asyncio.gather(
            *(racers.review(book_id, n, 4) for n in range(half))
        )
        ids = [r.json()["id"] for r in created]
        work = [racers.review(book_id, n, 1) for n in range(half, USERS)]
        work += [racers.patch(i, n, 2) for n, i in enumerate(ids) if n % 2]
        work += [racers.delete(i, n) for n, i in enumerate(ids) if not n % 2]
        deletion = asyncio.ensure_future(
            racers.http.delete(f"/api/books/{book_id}", headers=racers.as_user(0))
        )
        work.insert(len(work) // 2, deletion)
        responses = await asyncio.gather(*work)
        statuses = Counter(f"{r.request.method} {r.status_code}" for r in responses)
        outcomes.update(statuses)
        allowed = {"POST 201", "POST 404", "PATCH 200", "PATCH 404"}
        allowed |= {"DELETE 204", "DELETE 404"}
        assert set(statuses) <= allowed, statuses
        assert deletion.result().status_code == 204
        left = await racers.http.get(
            "/api/reviews", params={"book_id": book_id, "limit": 100}
        )
        assert left.json()["items"] == []
        assert await drift(races_database) == []
    # The deletion came amid the writes: some went before it, some after.
    assert outcomes["POST 201"] + outcomes["PATCH 200"], outcomes
    assert outcomes["POST 404"] + outcomes["PATCH 404"], outcomes

"""`task bench`: seed 100 000 books and their reviews, serve the app as production
would, measure.

Usage: python -m bench.run [--rows N] [--seconds S] [--connections C] [--workers W]
       python -m bench.run --smoke     (a tiny run for CI, so the benchmark cannot rot)
"""

import argparse
import asyncio
import json
import sys
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass

import asyncpg
from sqlalchemy.engine import make_url
from strawberry.relay import to_base64

from backend.apps.books.services import BookListQuery, BookSort
from backend.paging.cursors import CursorCodec, query_scope
from backend.paging.keyset import Position
from backend.settings import Settings
from bench import load, seed, servers

FIELDS = "id title author isbn publishedOn pageCount createdAt updatedAt"
BOOKS_QUERY = (
    f"{{ books(first: 20) {{ edges {{ cursor node {{ {FIELDS} }} }} "
    "pageInfo { hasNextPage endCursor } } }"
)
# Issue 13's nested list and its flat counterpart: the same books, the same fields.
BOOK_TITLES = "id title"
FLAT_BOOKS_QUERY = f"{{ books(first: 20) {{ edges {{ node {{ {BOOK_TITLES} }} }} }} }}"
NESTED_BOOKS_QUERY = (
    f"{{ books(first: 20) {{ edges {{ node {{ {BOOK_TITLES} "
    "reviews(first: 3) { edges { node { rating body author { id } } } } "
    "} } } }"
)
FLAT_GRAPHQL = "GraphQL books(first: 20) { id title }"
NESTED_GRAPHQL = "GraphQL books(first: 20) { id title reviews(first: 3) }"
FLAT_REST = "REST list ?limit=20"
NESTED_REST = "REST reviews of a book ?limit=20"
TARGETS: dict[str, tuple[str, float] | None] = {
    "deep page / first page": ("<=", 1.2),
    "REST list / floor": (">=", 0.25),
    "GraphQL list / REST list": (">=", 0.5),
    "GraphQL nested / flat": (">=", 0.5),
    "REST reviews of a book / REST list": None,
}
"""Each ratio's target (issue 16), or None when it is only reported."""


@dataclass(frozen=True)
class Plan:
    """How big and how long the run is."""

    rows: int
    deep_offset: int
    seconds: int
    connections: int
    workers: int
    server: str


def _options() -> Plan:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--smoke", action="store_true", help="tiny run for CI")
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--seconds", type=int, default=5)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--server", choices=["uvicorn", "granian"], default="uvicorn")
    args = parser.parse_args()
    if args.smoke:
        return Plan(2_000, 1_500, 1, 4, 1, args.server)
    return Plan(
        args.rows,
        int(args.rows * 0.9),
        args.seconds,
        args.connections,
        args.workers,
        args.server,
    )


async def _deep_cursors(dsn: str, offset: int) -> dict[BookSort, str]:
    """The cursor a client holds after paging `offset` rows, for every sort."""
    codec = CursorCodec(servers.SECRET)
    cursors: dict[BookSort, str] = {}
    connection = await asyncpg.connect(dsn)
    try:
        for sort in BookSort:
            field = sort.value.removeprefix("-")
            direction = "DESC" if sort.value.startswith("-") else "ASC"
            key = field
            if field == "published_on":
                fill = "'-infinity'" if direction == "DESC" else "'infinity'"
                key = f"coalesce(published_on, {fill}::date)"
            row = await connection.fetchrow(
                f"SELECT {field} AS value, id FROM book "  # noqa: S608 (fixed identifiers)
                f"ORDER BY {key} {direction}, id {direction} OFFSET $1 LIMIT 1",
                offset - 1,
            )
            scope = query_scope(BookListQuery(sort=sort))
            cursors[sort] = codec.encode(Position(row["value"], row["id"]), scope=scope)
    finally:
        await connection.close()
    return cursors


async def _most_reviewed_book(dsn: str) -> int:
    connection = await asyncpg.connect(dsn)
    try:
        return await connection.fetchval(
            "SELECT id FROM book ORDER BY review_count DESC, id LIMIT 1"
        )
    finally:
        await connection.close()


def _scenarios(
    api: str,
    plan: Plan,
    cursors: dict[BookSort, str],
    some_id: int,
    reviewed_id: int,
) -> Iterator[tuple[str, str, str | None]]:
    for sort in BookSort:
        yield (
            f"REST list first page sort={sort.value}",
            f"{api}/api/books?limit=20&sort={sort.value}",
            None,
        )
        yield (
            f"REST list after {plan.deep_offset} rows sort={sort.value}",
            f"{api}/api/books?limit=20&sort={sort.value}&cursor={cursors[sort]}",
            None,
        )
    yield "REST get one", f"{api}/api/books/{some_id}", None
    yield (
        "GraphQL books(first: 20)",
        f"{api}/graphql",
        json.dumps({"query": BOOKS_QUERY}),
    )
    node_id = to_base64("Book", some_id)
    yield (
        "GraphQL node(id:)",
        f"{api}/graphql",
        json.dumps(
            {"query": f'{{ node(id: "{node_id}") {{ ... on Book {{ {FIELDS} }} }} }}'}
        ),
    )
    # Each nested list right after its flat counterpart, so that their ratio
    # compares runs close in time on a shared machine.
    yield FLAT_REST, f"{api}/api/books?limit=20", None
    yield NESTED_REST, f"{api}/api/books/{reviewed_id}/reviews?limit=20", None
    yield FLAT_GRAPHQL, f"{api}/graphql", json.dumps({"query": FLAT_BOOKS_QUERY})
    yield NESTED_GRAPHQL, f"{api}/graphql", json.dumps({"query": NESTED_BOOKS_QUERY})


def _fetch(url: str, body: str | None) -> object:
    request = urllib.request.Request(  # noqa: S310 (loopback only)
        url,
        data=None if body is None else body.encode(),
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
        return json.load(response)


def _check(name: str, answer: object) -> None:
    """Refuse a scenario whose answer is not what it means to measure: wrk
    counts an error status, not a GraphQL error or an empty page.

    Raises:
        TypeError: the answer is not a JSON object.
        RuntimeError: the answer is a GraphQL error, or a nested scenario's
            page is not full.
    """
    if not isinstance(answer, dict):
        raise TypeError(f"{name}: answered {answer!r}")
    if answer.get("errors"):
        raise RuntimeError(f"{name}: answered errors {answer['errors']}")
    if name == NESTED_REST and len(answer["items"]) != 20:
        raise RuntimeError(f"{name}: {len(answer['items'])} reviews, not 20")
    if name == NESTED_GRAPHQL:
        books = [edge["node"] for edge in answer["data"]["books"]["edges"]]
        reviews = [edge["node"] for book in books for edge in book["reviews"]["edges"]]
        if len(books) != 20 or not reviews:
            raise RuntimeError(f"{name}: {len(books)} books, {len(reviews)} reviews")


def _ratio_rows(results: dict[str, load.Result], plan: Plan) -> list[tuple[str, float]]:
    ratios: list[tuple[str, float]] = []
    for sort in BookSort:
        first = results[f"REST list first page sort={sort.value}"].requests_per_second
        deep = results[
            f"REST list after {plan.deep_offset} rows sort={sort.value}"
        ].requests_per_second
        ratios.append((f"deep page / first page ({sort.value})", first / deep))
    rest = results["REST list first page sort=-created_at"].requests_per_second
    ratios.append(
        (
            "REST list / floor",
            rest / results["floor (bare ASGI + asyncpg + msgspec)"].requests_per_second,
        )
    )
    ratios.append(
        (
            "GraphQL list / REST list",
            results["GraphQL books(first: 20)"].requests_per_second / rest,
        )
    )
    for ratio, nested, flat in (
        ("GraphQL nested / flat", NESTED_GRAPHQL, FLAT_GRAPHQL),
        ("REST reviews of a book / REST list", NESTED_REST, FLAT_REST),
    ):
        ratios.append(
            (
                ratio,
                results[nested].requests_per_second / results[flat].requests_per_second,
            )
        )
    return ratios


def _report(results: dict[str, load.Result], plan: Plan) -> bool:
    out = sys.stdout
    out.write(
        f"\n{plan.rows} books, {plan.connections} connections, "
        f"{plan.seconds}s per scenario, {plan.workers} {plan.server} worker(s)\n\n"
    )
    out.write(
        "| scenario | requests/s | p50 ms | p99 ms | errors |\n"
        "|---|---:|---:|---:|---:|\n"
    )
    for result in results.values():
        out.write(
            f"| {result.name} | {result.requests_per_second:.0f} | "
            f"{result.p50_ms:.2f} | {result.p99_ms:.2f} | {result.errors} |\n"
        )
    out.write("\n| ratio | measured | target | met |\n|---|---:|---:|---|\n")
    all_met = True
    for name, value in _ratio_rows(results, plan):
        goal = TARGETS[name.split(" (")[0]]
        if goal is None:
            out.write(f"| {name} | {value:.2f} | - | - |\n")
            continue
        op, target = goal
        met = value <= target if op == "<=" else value >= target
        all_met &= met
        out.write(
            f"| {name} | {value:.2f} | {op} {target} | {'yes' if met else 'no'} |\n"
        )
    return all_met and not any(r.errors for r in results.values())


def main() -> int:
    """Seed, serve, measure, report; exit 1 when a request failed."""
    plan = _options()
    env = servers.production_env("backend_bench")
    url = env["DATABASE_URL"]
    settings = Settings.model_validate(
        {name.lower(): value for name, value in env.items()}
    )
    dsn = (
        make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)
    )
    seed.prepare(settings, plan.rows)
    try:
        cursors = asyncio.run(_deep_cursors(dsn, plan.deep_offset))
        reviewed_id = asyncio.run(_most_reviewed_book(dsn))
        results: dict[str, load.Result] = {}
        with servers.serve(
            "bench.floor:app",
            env={"FLOOR_DSN": dsn},
            workers=plan.workers,
            probe="/",
            server=plan.server,
        ) as floor:
            name = "floor (bare ASGI + asyncpg + msgspec)"
            results[name] = load.run(
                name, floor.url, seconds=plan.seconds, connections=plan.connections
            )
        with servers.serve(
            "backend.app:create_app",
            env=env,
            workers=plan.workers,
            probe="/health",
            factory=True,
            server=plan.server,
        ) as api:
            sys.stdout.write(
                f"app start-up ({plan.server}): {api.startup_seconds:.2f} s "
                "from process start to the first /health answer\n"
            )
            scenarios = list(
                _scenarios(
                    api.url,
                    plan,
                    cursors,
                    some_id=plan.rows // 2,
                    reviewed_id=reviewed_id,
                )
            )
            for name, target, body in scenarios:
                _check(name, _fetch(target, body))
            for name, target, body in scenarios:
                results[name] = load.run(
                    name,
                    target,
                    seconds=plan.seconds,
                    connections=plan.connections,
                    post=body,
                )
        ok = _report(results, plan)
    finally:
        asyncio.run(seed.drop(url))
    return 0 if ok or plan.rows < 100_000 else 1


if __name__ == "__main__":
    sys.exit(main())

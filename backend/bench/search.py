"""What a `q` search costs with and without the trigram indexes.

Usage: python -m bench.search [--rows N] [--repeat R]

Seeds a throwaway database (`backend_bench_search`), serves the app, and
times each search one request at a time (median of R), first with the
trigram indexes dropped (the plan before migration a3f9e1c07b52), then with
them. Statement timeouts are off so the slow plan is measured, not cut.
"""

import argparse
import asyncio
import json
import statistics
import sys
import time
import urllib.parse
import urllib.request

import asyncpg
from sqlalchemy.engine import make_url

from backend.settings import Settings
from bench import seed, servers

COUNT = "{ books(first: 100, filter: {q: %s}) { totalCount } }"
SEARCHES = {
    "one title (q=012345)": "012345",
    "one title (q=Book 012345)": "Book 012345",
    "one author (q=Author 123)": "Author 123",
    "every row (q=book)": "book",
}
_INDEXES = {
    "ix_book_title_trgm": "title",
    "ix_book_author_trgm": "author",
}


def _timed(url: str, body: bytes | None, repeat: int) -> float:
    """Median seconds of `repeat` requests."""
    seconds: list[float] = []
    for _ in range(repeat):
        request = urllib.request.Request(  # noqa: S310 (loopback only)
            url, data=body, headers={"content-type": "application/json"}
        )
        started = time.perf_counter()
        with urllib.request.urlopen(request, timeout=600) as response:  # noqa: S310
            response.read()
        seconds.append(time.perf_counter() - started)
    return statistics.median(seconds)


def _measure(api: str, repeat: int) -> dict[str, float]:
    results: dict[str, float] = {}
    for label, q in SEARCHES.items():
        query = urllib.parse.urlencode({"q": q, "limit": 20})
        results[f"REST /api/books?{query}"] = _timed(
            f"{api}/api/books?{query}", None, repeat
        )
        body = json.dumps({"query": COUNT % json.dumps(q)}).encode()
        results[f"GraphQL totalCount, {label}"] = _timed(f"{api}/graphql", body, repeat)
    return results


async def _indexes(dsn: str, *, present: bool) -> None:
    connection = await asyncpg.connect(dsn)
    try:
        for name, column in _INDEXES.items():
            if present:
                await connection.execute(
                    f"CREATE INDEX IF NOT EXISTS {name} ON book "
                    f"USING gin ({column} gin_trgm_ops)"
                )
            else:
                await connection.execute(f"DROP INDEX IF EXISTS {name}")
        await connection.execute("ANALYZE book")
    finally:
        await connection.close()


def main() -> int:
    """Seed, serve, measure without and with the indexes, print a table."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=200_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    env = servers.production_env(
        "backend_bench_search",
        DATABASE_STATEMENT_TIMEOUT_MS="0",
        DATABASE_READ_STATEMENT_TIMEOUT_MS="0",
        REQUEST_TIMEOUT_SECONDS="3600",
    )
    url = env["DATABASE_URL"]
    settings = Settings.model_validate({k.lower(): v for k, v in env.items()})
    dsn = make_url(url).set(drivername="postgresql").render_as_string(False)
    seed.prepare(settings, args.rows)
    try:
        results: list[dict[str, float]] = []
        for present in (False, True):
            asyncio.run(_indexes(dsn, present=present))
            # A fresh server per phase: no plan cached from the other one.
            with servers.serve(
                "backend.app:create_app",
                env=env,
                workers=1,
                probe="/health",
                factory=True,
            ) as api:
                results.append(_measure(api.url, args.repeat))
        before, after = results
    finally:
        asyncio.run(seed.drop(url))
    out = sys.stdout
    out.write(f"\n{args.rows} books, median of {args.repeat} sequential requests\n\n")
    out.write("| request | no trigram index (s) | trigram indexes (s) |\n")
    out.write("|---|---:|---:|\n")
    for name, seconds in before.items():
        out.write(f"| {name} | {seconds:.3f} | {after[name]:.3f} |\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Slow request bodies and slow sign-ins hold no pooled database connection.

Served by uvicorn with a pool of two connections and no overflow: more
signed-in clients than the pool has connections send their headers, then
trickle their bodies a byte at a time, and more clients sign in with slow
bodies; meanwhile `/ready` and `GET /api/books` must keep answering 200.
"""

import asyncio
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import pytest

from tests.reliability.conftest import add_user, sign_in
from tests.reliability.servers import serve, server_env
from tests.users.factories import TEST_PASSWORD

pytestmark = pytest.mark.reliability

SLOW_CLIENTS = 6
TRICKLE_SECONDS = 3.0
POOL = {
    "DATABASE_POOL_SIZE": "2",
    "DATABASE_MAX_OVERFLOW": "0",
    "DATABASE_POOL_TIMEOUT": "1",
}


async def slow_request(
    url: str, method: str, path: str, headers: dict[str, str], body: bytes
) -> int:
    """Send the headers at once, then the body a byte at a time; the status."""
    address = urlsplit(url)
    assert address.hostname is not None
    assert address.port is not None
    reader, writer = await asyncio.open_connection(address.hostname, address.port)
    try:
        head = [f"{method} {path} HTTP/1.1", f"Host: {address.netloc}"]
        head += [f"{name}: {value}" for name, value in headers.items()]
        head += ["Content-Type: application/json", f"Content-Length: {len(body)}"]
        writer.write(("\r\n".join(head) + "\r\n\r\n").encode())
        await writer.drain()
        pause = TRICKLE_SECONDS / len(body)
        for byte in body:
            writer.write(bytes([byte]))
            await writer.drain()
            await asyncio.sleep(pause)
        status_line = await asyncio.wait_for(reader.readline(), timeout=10)
        return int(status_line.split()[1])
    finally:
        writer.close()


async def probe(http: httpx.AsyncClient, url: str) -> list[int]:
    """`/ready` and the book list, polled while the slow bodies arrive."""
    statuses: list[int] = []
    await asyncio.sleep(0.5)
    deadline = asyncio.get_running_loop().time() + TRICKLE_SECONDS - 1.0
    while asyncio.get_running_loop().time() < deadline:
        statuses += [
            (await http.get(f"{url}{path}", timeout=5)).status_code
            for path in ("/ready", "/api/books")
        ]
        await asyncio.sleep(0.1)
    return statuses


async def test_slow_bodies_and_sign_ins_leave_the_pool_to_reads(
    app_database: str, log_dir: Path, http: httpx.AsyncClient
) -> None:
    await add_user(app_database)
    async with serve(server_env(app_database, **POOL), log_dir=log_dir) as server:
        headers = await sign_in(server.url)
        book = b'{"title": "Slow", "author": "Body", "isbn": "0441172717"}'
        login = f'{{"email": "x@example.com", "password": "{TEST_PASSWORD}"}}'.encode()
        slow = [
            slow_request(server.url, "POST", "/api/books", headers, book)
            for _ in range(SLOW_CLIENTS // 2)
        ]
        slow += [
            slow_request(
                server.url, "PATCH", "/api/books/1", headers, b'{"title": "T"}'
            )
            for _ in range(SLOW_CLIENTS // 2)
        ]
        slow += [
            slow_request(server.url, "POST", "/api/auth/login", {}, login)
            for _ in range(SLOW_CLIENTS // 2)
        ]
        reading = asyncio.create_task(probe(http, server.url))
        answers = await asyncio.gather(*slow)
        reads = await reading
    assert reads, "no read was made while the bodies arrived"
    assert set(reads) == {200}, reads
    assert all(status != 503 and status < 500 for status in answers), answers

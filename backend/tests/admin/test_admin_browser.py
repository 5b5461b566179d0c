"""In a real browser: sign in to the admin, create a book, see it in the list.

Playwright drives headless Chromium (`/usr/bin/chromium` from Debian's
`chromium` package; `CHROMIUM_PATH` overrides it) against the app served by
uvicorn on a free loopback port, with a database of its own: the server
commits, so a rolled-back test transaction could not hold its data. Skipped
without Chromium, except in CI (`CI` set), where a missing browser fails.
"""

import asyncio
import os
import socket
import threading
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import asyncpg
import pytest
import uvicorn
from playwright.async_api import ConsoleMessage, async_playwright

from backend.app import create_app
from backend.apps.users.passwords import hash_password
from tests.helpers.database import asyncpg_dsn, create_database, drop_database, migrate
from tests.helpers.settings import make_settings
from tests.users.factories import TEST_PASSWORD

CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SUPERUSER_EMAIL = "browser-admin@example.com"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists() and not os.environ.get("CI"),
        reason=f"no Chromium at {CHROMIUM}: `apt-get install -y chromium`",
    ),
]


async def _add_superuser(database_url: str) -> None:
    connection = await asyncpg.connect(asyncpg_dsn(database_url))
    try:
        await connection.execute(
            "INSERT INTO user_account (email, password_hash, is_active, is_superuser,"
            " created_at, updated_at) VALUES ($1, $2, true, true, now(), now())",
            SUPERUSER_EMAIL,
            await hash_password(TEST_PASSWORD),
        )
    finally:
        await connection.close()


@pytest.fixture(scope="module")
def browser_database(base_database_url: str) -> Iterator[str]:
    """A migrated database of the browser test's own."""
    url = create_database(base_database_url, suffix="_browser")
    try:
        migrate(url)
        yield url
    finally:
        drop_database(url)


@pytest.fixture
async def server_url(browser_database: str) -> AsyncIterator[str]:
    """The app served by uvicorn in a thread, on a free loopback port."""
    await _add_superuser(browser_database)
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.bind(("127.0.0.1", 0))
    # Listening now queues the browser's first connections until uvicorn serves.
    listener.listen(16)
    host, port = listener.getsockname()
    config = uvicorn.Config(
        create_app(make_settings(browser_database, allowed_hosts=["127.0.0.1"])),
        log_level="warning",
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(
        target=server.run, kwargs={"sockets": [listener]}, daemon=True
    )
    thread.start()
    try:
        yield f"http://{host}:{port}"
    finally:
        server.should_exit = True
        await asyncio.to_thread(thread.join, 15)
        listener.close()


async def test_superuser_creates_a_book_in_the_browser(
    server_url: str, browser_database: str
) -> None:
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS
        )
        page = await browser.new_page()
        page.set_default_timeout(15_000)
        # The admin must work under its Content-Security-Policy: no refusals.
        refused: list[str] = []

        def note_refusal(message: ConsoleMessage) -> None:
            text = str(message.text)
            if "Content Security Policy" in text:
                refused.append(text)

        page.on("console", note_refusal)

        await page.goto(f"{server_url}/admin/book/list")
        assert "/admin/login" in page.url
        await page.fill("input[name=username]", SUPERUSER_EMAIL)
        await page.fill("input[name=password]", TEST_PASSWORD)
        await page.click("button[type=submit]")
        await page.wait_for_url("**/admin/book/list")

        await page.goto(f"{server_url}/admin/book/create")
        await page.fill("input[name=title]", "Dune")
        await page.fill("input[name=author]", "Frank Herbert")
        await page.fill("input[name=isbn]", "978-0-441-17271-9")
        await page.fill("input[name=page_count]", "412")
        await page.get_by_role("button", name="Save", exact=True).click()
        await page.wait_for_url("**/admin/book/list")

        row = page.locator("table tbody tr", has_text="9780441172719")
        await row.wait_for()
        assert "Dune" in await row.inner_text()
        await browser.close()
    assert refused == []

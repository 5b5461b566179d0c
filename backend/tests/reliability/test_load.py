"""A bounded load run on loopback: a mix of reads, GraphQL and writes, no errors.

wrk (one thread, so one Lua state numbers the writes) drives the served app
for `LOAD_SECONDS` (default 10) over `LOAD_CONNECTIONS` (default 16): in
every ten requests four list pages, three gets by id, two GraphQL
connections and one create with a fresh ISBN. Every answer must be a 2xx.
The app's rate limit is raised for the run: one client address sends it all.
"""

import asyncio
import os
import shutil
from collections.abc import AsyncGenerator
from pathlib import Path

import pytest

from backend.settings import Settings
from bench import load, seed
from tests.reliability.conftest import add_user, sign_in
from tests.reliability.servers import Server, serve, server_env

pytestmark = [
    pytest.mark.reliability,
    pytest.mark.skipif(
        shutil.which("wrk") is None and not os.environ.get("CI"),
        reason="no wrk: `apt-get install -y wrk`",
    ),
]

SECONDS = int(os.environ.get("LOAD_SECONDS", "10"))
CONNECTIONS = int(os.environ.get("LOAD_CONNECTIONS", "16"))
ROWS = 2_000
MIX = """
local counter = 0
local token = "{token}"
local rows = {rows}
local graphql =
  '{{"query": "{{ books(first: 20) {{ edges {{ node {{ id title }} }} }} }}"}}'

local function isbn13(n)
  local first12 = string.format("979%09d", n)
  local total = 0
  for i = 1, 12 do
    local weight = (i % 2 == 0) and 3 or 1
    total = total + weight * tonumber(first12:sub(i, i))
  end
  return first12 .. tostring((10 - total % 10) % 10)
end

request = function()
  counter = counter + 1
  local slot = counter % 10
  if slot < 4 then
    return wrk.format("GET", "/api/books?limit=20&sort=title")
  elseif slot < 7 then
    return wrk.format("GET", "/api/books/" .. (counter % rows + 1))
  elseif slot < 9 then
    local headers = {{["Content-Type"] = "application/json"}}
    return wrk.format("POST", "/graphql", headers, graphql)
  end
  local body = string.format(
    '{{"title": "Load %d", "author": "Load Test", "isbn": "%s"}}',
    counter,
    isbn13(counter)
  )
  return wrk.format("POST", "/api/books", {{
    ["Content-Type"] = "application/json",
    ["Authorization"] = "Bearer " .. token,
  }}, body)
end
"""


@pytest.fixture
async def server(app_database: str, log_dir: Path) -> AsyncGenerator[Server]:
    """The app on its own database, seeded with `ROWS` books."""
    settings = Settings.model_validate({"database_url": app_database})
    await asyncio.to_thread(seed.prepare, settings, ROWS)
    await add_user(app_database)
    async with serve(server_env(app_database), log_dir=log_dir) as served:
        yield served


async def test_mixed_load_runs_without_errors(
    server: Server, figures: dict[str, str]
) -> None:
    auth = await sign_in(server.url)
    token = auth["Authorization"].removeprefix("Bearer ")
    result = await asyncio.to_thread(
        load.run,
        "mixed load",
        server.url,
        seconds=SECONDS,
        connections=CONNECTIONS,
        script=MIX.format(token=token, rows=ROWS),
    )
    figures["load (40% list, 30% get, 20% GraphQL, 10% create)"] = (
        f"{result.requests_per_second:.0f} requests/s, p50 {result.p50_ms:.1f} ms, "
        f"p99 {result.p99_ms:.1f} ms, {result.errors} errors "
        f"({SECONDS} s, {CONNECTIONS} connections, 1 uvicorn worker)"
    )
    assert result.errors == 0, server.log_text()[-5000:]

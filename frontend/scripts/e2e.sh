#!/usr/bin/env bash
# `task frontend:test:e2e`: Playwright against the real stack, which this script
# sets up and always tears down again:
#   1. a throwaway database on the server DATABASE_URL points at (default: the
#      local Postgres), migrated, with one user to sign in as and E2E_REVIEWERS
#      more whose reviews the review tests seed;
#   2. the backend (litestar run, APP_ENV=test) on a free loopback port, and the
#      built frontend: from the backend itself when it serves frontend/dist at /
#      (as in production), else from vite preview (proxying /graphql and /api);
#   3. `playwright test` with any arguments given to this script;
#   4. on exit, success or not: stop the two servers (their process groups) and
#      drop the database.
# Needs: frontend/dist (task frontend:build), backend/.venv (task backend:install),
# uv, and Chromium at $CHROMIUM_PATH (default /usr/bin/chromium).
set -euo pipefail
cd "$(dirname "$0")/.."
frontend="$PWD"
backend="$(cd ../backend && pwd)"
logs="$frontend/test-results"
mkdir -p "$logs"
export UV_PYTHON_DOWNLOADS=never

[ -f dist/index.html ] || { echo "e2e: no dist/ (run task frontend:build)" >&2; exit 1; }
export CHROMIUM_PATH="${CHROMIUM_PATH:-/usr/bin/chromium}"
[ -x "$CHROMIUM_PATH" ] || {
  echo "e2e: no Chromium at $CHROMIUM_PATH: apt-get install -y chromium (or set CHROMIUM_PATH)" >&2
  exit 1
}

in_backend() { (cd "$backend" && "$@"); }
free_port() { node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'; }

# Creates, prunes and drops e2e databases; $1 is create|drop, the URL comes in E2E_DATABASE_URL.
database() {
  in_backend uv run python - "$1" <<'PY'
import asyncio, os, re, sys
import asyncpg
from sqlalchemy.engine import make_url

url = make_url(os.environ["E2E_DATABASE_URL"])
server = url.set(drivername="postgresql", database="postgres").render_as_string(hide_password=False)

def running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        pass
    return True

async def main(action: str) -> None:
    conn = await asyncpg.connect(server, timeout=5)
    try:
        if action == "create":
            # Databases of earlier runs that died before cleaning up.
            for row in await conn.fetch("SELECT datname FROM pg_database WHERE datname LIKE 'frontend_e2e_%'"):
                match = re.fullmatch(r"frontend_e2e_\d+_(\d+)", row["datname"])
                if match and not running(int(match.group(1))):
                    await conn.execute(f'DROP DATABASE IF EXISTS "{row["datname"]}" WITH (FORCE)')
            await conn.execute(f'CREATE DATABASE "{url.database}"')
        else:
            await conn.execute(f'DROP DATABASE IF EXISTS "{url.database}" WITH (FORCE)')
    finally:
        await conn.close()

asyncio.run(main(sys.argv[1]))
PY
}

server_url="${DATABASE_URL:-postgresql+asyncpg://postgres@127.0.0.1:5432/backend}"
database_name="frontend_e2e_$(date +%s)_$$"
E2E_DATABASE_URL="$(in_backend uv run python -c 'import sys; from sqlalchemy.engine import make_url; print(make_url(sys.argv[1]).set(database=sys.argv[2]).render_as_string(hide_password=False))' "$server_url" "$database_name")"
export E2E_DATABASE_URL

pids=()
created=false
cleanup() {
  local status=$?
  trap - EXIT INT TERM
  for pid in "${pids[@]}"; do kill -TERM -- "-$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL -- "-$pid" 2>/dev/null || true
  done
  if $created; then
    database drop || echo "e2e: could not drop database $database_name" >&2
  fi
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Starts "$@" in its own process group (job control on), output to test-results/e2e-$name.log.
start() {
  local name=$1
  shift
  set -m
  "$@" >"$logs/e2e-$name.log" 2>&1 &
  pids+=("$!")
  set +m
}

wait_for() {
  local url=$1 name=$2
  for _ in $(seq 1 120); do
    if node -e 'fetch(process.argv[1]).then(r=>process.exit(r.ok?0:1),()=>process.exit(1))' "$url"; then return 0; fi
    sleep 0.5
  done
  echo "e2e: $name did not answer at $url; its log:" >&2
  tail -n 40 "$logs/e2e-$name.log" >&2
  return 1
}

echo "e2e: database $database_name"
database create
created=true
in_backend env DATABASE_URL="$E2E_DATABASE_URL" \
  uv run litestar --app backend.app:create_app database upgrade --no-prompt >"$logs/e2e-migrate.log" 2>&1 \
  || { cat "$logs/e2e-migrate.log" >&2; exit 1; }

export E2E_EMAIL="e2e-user@example.com"
export E2E_PASSWORD="e2e-password-$$-$RANDOM"
in_backend env DATABASE_URL="$E2E_DATABASE_URL" \
  uv run python -m backend.apps.users.cli --email "$E2E_EMAIL" --password "$E2E_PASSWORD" \
  --full-name "E2E Reader"
# Other users, whose reviews fill a book's list (a user reviews a book once):
# reviewer-<n>@example.com, same password, in one process.
export E2E_REVIEWERS=6
in_backend env DATABASE_URL="$E2E_DATABASE_URL" uv run python - <<'PY'
import os, sys
from backend.apps.users.cli import main

for n in range(1, int(os.environ["E2E_REVIEWERS"]) + 1):
    email = f"reviewer-{n}@example.com"
    args = ["--email", email, "--password", os.environ["E2E_PASSWORD"], "--full-name", f"Reviewer {n}"]
    if main(args) != 0:
        sys.exit(1)
PY

api_port="$(free_port)"
start backend in_backend env APP_ENV=test DATABASE_URL="$E2E_DATABASE_URL" LOGIN_RATE_LIMIT=1000 \
  uv run litestar --app backend.app:create_app run --host 127.0.0.1 --port "$api_port"
wait_for "http://127.0.0.1:$api_port/health" backend
api="http://127.0.0.1:$api_port"

# The backend serves frontend/dist at / in production; test through it when it
# does, else through vite preview. E2E_FRONTEND=backend|vite forces one.
serves_app() { node -e 'fetch(process.argv[1]).then(async r=>process.exit(r.ok&&(await r.text()).includes("id=\"root\"")?0:1),()=>process.exit(1))' "$api/"; }
mode="${E2E_FRONTEND:-}"
if [ -z "$mode" ]; then if serves_app; then mode=backend; else mode=vite; fi; fi
if [ "$mode" = backend ]; then
  base="$api"
else
  web_port="$(free_port)"
  start web env BACKEND_URL="$api" vite preview --host 127.0.0.1 --port "$web_port" --strictPort
  base="http://127.0.0.1:$web_port"
  wait_for "$base/" web
fi

echo "e2e: backend on $api, app served by $mode at $base"
# In the background, in its own group, so a signal to this script stops it too.
set -m
E2E_BASE_URL="$base" playwright test "$@" &
runner=$!
set +m
pids+=("$runner")
wait "$runner"

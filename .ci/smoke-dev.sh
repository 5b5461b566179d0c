#!/usr/bin/env bash
# Runs the README's `task dev` and its curl examples, then stops what it started.
set -euo pipefail
cd "$(dirname "$0")/.."
port="${SMOKE_PORT:-8765}"
base="http://127.0.0.1:$port"
log="$(mktemp)"

PORT="$port" setsid task dev >"$log" 2>&1 &
pid=$!
stop() { kill -TERM -- "-$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; }
trap stop EXIT

for _ in $(seq 1 120); do
  if curl -sf "$base/health" >/dev/null; then break; fi
  if ! kill -0 "$pid" 2>/dev/null; then cat "$log"; echo "task dev exited early" >&2; exit 1; fi
  sleep 1
done
curl -sf "$base/ready" >/dev/null || { cat "$log"; echo "/ready failed" >&2; exit 1; }

# The README's examples, as written (a second run meets the first run's book: 409).
status=$(curl -s -o /dev/null -w '%{http_code}' -X POST "$base/api/books" \
  -H 'content-type: application/json' \
  -d '{"title": "Dune", "author": "Frank Herbert", "isbn": "0-441-17271-7"}')
case "$status" in 201|409) ;; *) echo "POST /api/books answered $status" >&2; exit 1;; esac
cursor=$(curl -sf "$base/api/books?sort=title&limit=2" | python3 -c 'import json,sys; print(json.load(sys.stdin)["page"]["next_cursor"] or "")')
if [ -n "$cursor" ]; then curl -sf "$base/api/books?sort=title&limit=2&cursor=$cursor" >/dev/null; fi
curl -sf "$base/schema/openapi.json" >/dev/null
echo "smoke: task dev serves /health, /ready, the README's REST examples and /schema"

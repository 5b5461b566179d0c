#!/usr/bin/env bash
# Runs the README's `task dev`, its user command and its curl examples (REST and
# GraphQL), checks the Vite proxy, then stops what it started.
set -euo pipefail
cd "$(dirname "$0")/.."
port="${SMOKE_PORT:-8765}"
base="http://127.0.0.1:$port"
log="$(mktemp)"
email="smoke@example.com"
password="smoke passphrase 0123"

PORT="$port" setsid task dev >"$log" 2>&1 &
pid=$!
stop() { kill -TERM -- "-$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; }
fail() { cat "$log"; echo "smoke: $*" >&2; exit 1; }
trap stop EXIT

for _ in $(seq 1 180); do
  if curl -sf "$base/health" >/dev/null; then break; fi
  kill -0 "$pid" 2>/dev/null || fail "task dev exited early"
  sleep 1
done
curl -sf "$base/ready" >/dev/null || fail "/ready failed"

# The README's user command (a second run meets the first run's user: exit 1).
task -x backend:users:create -- --email "$email" --password "$password" || [ $? -eq 1 ]

token=$(curl -sf -X POST "$base/api/auth/login" -H 'content-type: application/json' \
  -d "{\"email\": \"$email\", \"password\": \"$password\"}" \
  | python3 -c 'import json, sys; print(json.load(sys.stdin)["access_token"])')
status=$(curl -s -o /dev/null -w '%{http_code}' -X POST "$base/api/books" \
  -H "Authorization: Bearer $token" -H 'content-type: application/json' \
  -d '{"title": "Dune", "author": "Frank Herbert", "isbn": "0-441-17271-7"}')
case "$status" in 201|409) ;; *) fail "POST /api/books answered $status";; esac
cursor=$(curl -sf "$base/api/books?sort=title&limit=2" \
  | python3 -c 'import json, sys; print(json.load(sys.stdin)["page"]["next_cursor"] or "")')
if [ -n "$cursor" ]; then curl -sf "$base/api/books?sort=title&limit=2&cursor=$cursor" >/dev/null; fi

graphql() {
  curl -sf "$base/graphql" -H "Authorization: Bearer $token" -H 'content-type: application/json' -d "$1"
}
graphql '{"query": "{ books(first: 2, orderBy: TITLE) { edges { cursor node { id title isbn } } pageInfo { hasNextPage endCursor } } }"}' \
  | python3 -c 'import json, sys; body = json.load(sys.stdin); assert "errors" not in body, body'
graphql '{"query": "mutation { createBook(input: {title: \"Emma\", author: \"Jane Austen\", isbn: \"978-0-14-143958-7\"}) { id isbn } }"}' \
  | python3 -c 'import json, sys; body = json.load(sys.stdin); assert body.get("data") or body["errors"][0]["extensions"]["code"] == "CONFLICT", body'

# The README's review examples, on the book the examples above stored.
book_id=$(curl -sf "$base/api/books?q=Dune&limit=1" \
  | python3 -c 'import json, sys; print(json.load(sys.stdin)["items"][0]["id"])')
status=$(curl -s -o /dev/null -w '%{http_code}' -X POST "$base/api/books/$book_id/reviews" \
  -H "Authorization: Bearer $token" -H 'content-type: application/json' \
  -d '{"rating": 5, "body": "A desert planet.\nSpice."}')
case "$status" in 201|409) ;; *) fail "POST /api/books/$book_id/reviews answered $status";; esac
curl -sf "$base/api/books/$book_id/reviews?sort=-rating&limit=3" >/dev/null || fail "reviews list failed"
graphql '{"query": "{ books(first: 20) { edges { node { title reviewCount averageRating reviews(first: 3) { edges { node { rating author { fullName } } } pageInfo { endCursor } } } } } }"}' \
  | python3 -c 'import json, sys; body = json.load(sys.stdin); assert "errors" not in body, body'

curl -sf "$base/schema/openapi.json" >/dev/null || fail "/schema failed"
curl -sf -o /dev/null "$base/admin/login" || fail "/admin/login failed"
for _ in $(seq 1 60); do
  if curl -sf "http://127.0.0.1:5173/" >/dev/null; then break; fi
  sleep 1
done
curl -sf "http://127.0.0.1:5173/api/books?limit=1" >/dev/null || fail "Vite does not proxy /api"
echo "smoke: task dev serves the API, GraphQL, the admin and the frontend; the README's examples work"

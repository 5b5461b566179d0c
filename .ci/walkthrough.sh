#!/usr/bin/env bash
# Runs the commands of docs/walkthrough.md that neither `task test` nor
# .ci/smoke-dev.sh runs, so they cannot rot:
#   - on a scratch database: migrate, revert, migrate, check, and make (the
#     models match the migrations, so it must write no revision);
#   - the contract: schema:check, then schema:export and codegen, which must
#     leave the committed schema and frontend/src/gql/ exactly as they were.
# tests/conformance/test_walkthrough.py proves that every command the
# walkthrough names is run here, by `task test` or by .ci/smoke-dev.sh.
set -euo pipefail
cd "$(dirname "$0")/.."

base="${DATABASE_URL:-postgresql+asyncpg://postgres@127.0.0.1:5432/backend}"
# The test suite drops `backend_test_<pid>_*` databases whose process is gone.
export DATABASE_URL="${base%/*}/backend_test_$$_walkthrough"
versions=backend/migrations/versions
revisions_before="$(ls "$versions")"
contract_before="$(cat frontend/schema/schema.graphql frontend/src/gql/* | sha256sum)"

cleanup() {
  for file in $(comm -13 <(echo "$revisions_before") <(ls "$versions")); do
    rm -f "$versions/$file"
  done
  (cd backend && uv run python -c \
    'import sys; from tests.helpers.database import drop_database; drop_database(sys.argv[1])' \
    "$DATABASE_URL") || true
}
trap cleanup EXIT

task backend:db:ensure
task backend:migrations:migrate
task backend:migrations:revert
task backend:migrations:migrate
task backend:migrations:check

# With models and migrations in step, make-migrations writes nothing.
task backend:migrations:make -- "walkthrough check"
if [ -n "$(comm -13 <(echo "$revisions_before") <(ls "$versions"))" ]; then
  echo "walkthrough: make-migrations found model changes that no revision has" >&2
  exit 1
fi

task backend:schema:check
task backend:schema:export
task frontend:codegen
contract_after="$(cat frontend/schema/schema.graphql frontend/src/gql/* | sha256sum)"
if [ "$contract_before" != "$contract_after" ]; then
  echo "walkthrough: schema export and codegen changed committed files; run them and commit" >&2
  exit 1
fi
echo "walkthrough: migrations (make, migrate, revert, check), schema export and codegen work"

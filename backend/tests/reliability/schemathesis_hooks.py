"""Schemathesis checks of our own, loaded with `SCHEMATHESIS_HOOKS`.

`positive_data_acceptance_beyond_schema` is Schemathesis' own
`positive_data_acceptance` (a request the schema allows must not be
refused), forgiving only the refusals no schema can state. REST: an ISBN
whose check digit is wrong, a cursor that this app did not sign (or signed
for another query), a password change whose current password is not the
account's, and a search `q` without 3 letters or digits in a row (Unicode
letter classes are not portable across JSON Schema validators, so the
document states that rule in words only). GraphQL: its type system has no
lengths, ranges, formats or "not both" rules, so `BAD_USER_INPUT`, and
`NOT_FOUND`/`CONFLICT` (REST's 404 and 409, which the built-in accepts). The
fuzz runs use it in place of the built-in.

GraphQL answers errors with HTTP 200, so a masked server failure is only
visible as an error whose `extensions.code` is `INTERNAL_SERVER_ERROR`.
Schemathesis' own GraphQL checks cannot tell our client error codes
(`NOT_FOUND`, `CONFLICT`, `UNAUTHENTICATED`) from server failures, so this
check states the contract instead: no 5xx, and every error carries one of
the codes clients are promised, never `INTERNAL_SERVER_ERROR`.
"""

import schemathesis
from schemathesis.specs.openapi.checks import positive_data_acceptance

from backend.apps.books.services import SEARCH_TOO_SHORT
from backend.graphql.errors import ErrorCode

CLIENT_CODES = frozenset(ErrorCode) - {ErrorCode.INTERNAL_SERVER_ERROR}
HTTP_BAD_REQUEST = 400
BEYOND_GRAPHQL_SCHEMA = frozenset(
    {ErrorCode.BAD_USER_INPUT, ErrorCode.NOT_FOUND, ErrorCode.CONFLICT}
)


def _beyond_schema(error: dict[str, str]) -> bool:
    """Whether a 400's field error breaks a rule no schema can express."""
    key, message = error.get("key"), error.get("message", "")
    return (
        (key == "isbn" and "check digit" in message)
        or key == "cursor"
        or (key == "current_password" and "not the account's password" in message)
        or (key == "q" and message == SEARCH_TOO_SHORT)
    )


@schemathesis.check
def positive_data_acceptance_beyond_schema(
    ctx: schemathesis.CheckContext,
    response: schemathesis.Response,
    case: schemathesis.Case,
) -> bool | None:
    """`positive_data_acceptance`, except refusals no schema can express."""
    if case.operation.label.startswith(("Query.", "Mutation.")):
        errors = response.json().get("errors") or []
        codes = {(error.get("extensions") or {}).get("code") for error in errors}
        if errors and codes <= BEYOND_GRAPHQL_SCHEMA:
            return None
    elif response.status_code == HTTP_BAD_REQUEST:
        errors = response.json().get("extra") or []
        if errors and all(_beyond_schema(error) for error in errors):
            return None
    return positive_data_acceptance(ctx, response, case)


@schemathesis.check
def graphql_errors_are_client_errors(
    ctx: schemathesis.CheckContext,
    response: schemathesis.Response,
    case: schemathesis.Case,
) -> bool | None:
    """Fail on a 5xx or on a GraphQL error without a client error code."""
    if not case.operation.label.startswith(("Query.", "Mutation.")):
        return None
    if response.status_code >= 500:
        raise AssertionError(f"server error {response.status_code}")
    body = response.json()
    for error in body.get("errors") or []:
        code = (error.get("extensions") or {}).get("code")
        if code not in CLIENT_CODES:
            raise AssertionError(f"error without a client code: {error}")
    return None

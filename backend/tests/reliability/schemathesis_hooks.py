"""Schemathesis checks of our own, loaded with `SCHEMATHESIS_HOOKS`.

`positive_data_acceptance_beyond_schema` is Schemathesis' own
`positive_data_acceptance` (a request the schema allows must not be
refused), forgiving only the refusals no schema can state. REST: an ISBN
whose check digit is wrong, a cursor that this app did not sign (or signed
for another query), a password change whose current password is not the
account's, a search `q` without 3 letters or digits in a row (Unicode
letter classes are not portable across JSON Schema validators, so the
document states that rule in words only), and a text whose only characters
the published pattern counts as visible lie beyond U+FFFF (unassigned or
private use: a portable pattern cannot name them, the server checks Unicode
categories). GraphQL: its type system has no lengths, ranges, formats or
"not both" rules, so `BAD_USER_INPUT`, and `NOT_FOUND`/`CONFLICT` (REST's
404 and 409, which the built-in accepts). The fuzz runs use it in place of
the built-in.

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
from backend.kit.text import is_visible

CLIENT_CODES = frozenset(ErrorCode) - {ErrorCode.INTERNAL_SERVER_ERROR}
HTTP_BAD_REQUEST = 400
BEYOND_GRAPHQL_SCHEMA = frozenset(
    {ErrorCode.BAD_USER_INPUT, ErrorCode.NOT_FOUND, ErrorCode.CONFLICT}
)
LAST_BMP_CHARACTER = 0xFFFF


def _visible_only_beyond_bmp(value: object) -> bool:
    """Whether `value` shows nothing in the Basic Multilingual Plane, the only
    characters a portable pattern can name."""
    return isinstance(value, str) and not any(
        is_visible(character)
        for character in value
        if ord(character) <= LAST_BMP_CHARACTER
    )


def _beyond_schema(error: dict[str, str], body: object) -> bool:
    """Whether a 400's field error breaks a rule no schema can express."""
    key, message = error.get("key"), error.get("message", "")
    sent = body.get(key) if isinstance(body, dict) and key else None
    return (
        (key == "isbn" and "check digit" in message)
        or key == "cursor"
        or (key == "current_password" and "not the account's password" in message)
        or ("visible character" in message and _visible_only_beyond_bmp(sent))
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
        if errors and all(_beyond_schema(error, case.body) for error in errors):
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

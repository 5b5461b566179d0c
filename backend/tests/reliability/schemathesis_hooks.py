"""Schemathesis checks of our own, loaded with `SCHEMATHESIS_HOOKS`.

GraphQL answers errors with HTTP 200, so a masked server failure is only
visible as an error whose `extensions.code` is `INTERNAL_SERVER_ERROR`.
Schemathesis' own GraphQL checks cannot tell our client error codes
(`NOT_FOUND`, `CONFLICT`, `UNAUTHENTICATED`) from server failures, so this
check states the contract instead: no 5xx, and every error carries one of
the codes clients are promised, never `INTERNAL_SERVER_ERROR`.
"""

import schemathesis

from backend.graphql.errors import ErrorCode

CLIENT_CODES = frozenset(ErrorCode) - {ErrorCode.INTERNAL_SERVER_ERROR}


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

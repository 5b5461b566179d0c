"""The benchmark's GraphQL documents stay valid and within the default limits.

`task backend:bench -- --smoke` (CI) checks every scenario's answer before
measuring it; this catches a schema change that breaks a document in the
ordinary test run, without wrk or a seeded database.
"""

import pytest

from bench.graphql_validation import admit
from bench.run import BOOKS_QUERY, FLAT_BOOKS_QUERY, NESTED_BOOKS_QUERY


@pytest.mark.parametrize(
    "document", [BOOKS_QUERY, FLAT_BOOKS_QUERY, NESTED_BOOKS_QUERY]
)
def test_bench_document_is_admitted_at_the_default_limits(document: str) -> None:
    assert admit(document) == []

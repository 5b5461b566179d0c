"""The GraphQL error mapping alone: codes, masking, and limits without a context."""

from graphql import GraphQLError
from strawberry.exceptions import StrawberryInputCoercionError

from backend.errors import InvalidFieldError
from backend.graphql.errors import client_error
from backend.schema import schema


def test_unexpected_exception_in_a_resolver_is_masked() -> None:
    error = GraphQLError(
        "password=hunter2", path=["books"], original_error=RuntimeError("hunter2")
    )
    shown = client_error(error)
    assert shown.message == "Internal server error."
    assert shown.extensions == {"code": "INTERNAL_SERVER_ERROR"}
    assert shown.path == ["books"]
    assert shown.original_error is None


def test_unexpected_exception_before_execution_is_masked_too() -> None:
    shown = client_error(GraphQLError("boom", original_error=KeyError("secret")))
    assert shown.message == "Internal server error."


def test_domain_error_names_the_field_in_camel_case() -> None:
    error = GraphQLError(
        "bad",
        path=["createBook"],
        original_error=InvalidFieldError("page_count", "bad"),
    )
    assert client_error(error).extensions == {
        "code": "BAD_USER_INPUT",
        "field": "pageCount",
    }


def test_input_coercion_error_is_bad_user_input() -> None:
    cause = StrawberryInputCoercionError("Expected a value")
    shown = client_error(GraphQLError("x", path=["f"], original_error=cause))
    assert (shown.message, shown.extensions) == (
        "Expected a value",
        {"code": "BAD_USER_INPUT"},
    )


def test_error_with_a_code_is_kept_as_it_is() -> None:
    error = GraphQLError("gone", path=["x"], extensions={"code": "NOT_FOUND"})
    assert client_error(error) is error


async def test_limits_apply_without_an_app_context() -> None:
    aliases = " ".join(f"a{i}: __typename" for i in range(16))
    result = await schema.execute(f"{{ {aliases} }}")
    assert result.errors is not None
    assert "16 aliases found" in result.errors[0].message

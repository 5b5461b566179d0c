"""The user field rules: one place, reached by the API, the CLI and the admin."""

import pytest

from backend.apps.users.validation import (
    check_password,
    clean_user_fields,
    normalize_email,
)
from backend.errors import InvalidFieldError


@pytest.mark.parametrize(
    ("raw", "stored"),
    [
        ("Ada@Example.COM", "ada@example.com"),
        (
            "  ada.lovelace+books@mail.example.org ",
            "ada.lovelace+books@mail.example.org",
        ),
        ("x@xn--80ak6aa92e.com", "x@xn--80ak6aa92e.com"),
    ],
)
def test_email_is_trimmed_and_lower_cased(raw: str, stored: str) -> None:
    assert normalize_email(raw) == stored


@pytest.mark.parametrize(
    "raw",
    [
        "",
        "plain",
        "@example.com",
        "a@",
        "a@example",
        "a b@example.com",
        "a@@example.com",
        "a@-example.com",
        "a@example..com",
        f"{'a' * 65}@example.com",
        f"a@{'b' * 315}.com",
    ],
)
def test_malformed_email_is_refused(raw: str) -> None:
    with pytest.raises(InvalidFieldError) as error:
        normalize_email(raw)
    assert error.value.field == "email"


@pytest.mark.parametrize("password", ["", "1234567", "x" * 129])
def test_password_length_is_checked(password: str) -> None:
    with pytest.raises(InvalidFieldError) as error:
        check_password(password)
    assert error.value.field == "password"


def test_new_user_needs_email_and_password() -> None:
    with pytest.raises(InvalidFieldError) as error:
        clean_user_fields({"email": "a@example.com"}, partial=False)
    assert error.value.field == "password"
    assert clean_user_fields({"full_name": "  "}, partial=True) == {"full_name": None}

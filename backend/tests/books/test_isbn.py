"""The ISBN rule: ISBN-10 and ISBN-13, any hyphens or spaces, checked digits."""

import pytest

from backend.errors import InvalidFieldError
from backend.kit.isbns import normalize_isbn


@pytest.mark.parametrize(
    ("raw", "normalised"),
    [
        ("9780441172719", "9780441172719"),
        ("978-0-441-17271-9", "9780441172719"),
        ("978 0 441 17271 9", "9780441172719"),
        ("0441172717", "9780441172719"),
        ("0-441-17271-7", "9780441172719"),
        ("080442957X", "9780804429573"),
        ("0-8044-2957-x", "9780804429573"),
        ("979-10-90636-07-1", "9791090636071"),
    ],
)
def test_valid_isbns_normalise_to_isbn13(raw: str, normalised: str) -> None:
    assert normalize_isbn(raw, field="isbn") == normalised


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        ("9780441172718", "check digit"),
        ("0441172718", "check digit"),
        ("0804429570", "check digit"),
        ("9770441172714", "978 or 979"),
        ("12345", "10 or 13 digits"),
        ("", "10 or 13 digits"),
        ("97804411727190", "10 or 13 digits"),
        ("97804411727a9", "10 or 13 digits"),
        ("X441172717", "check digit"),
        ("978_0441172719", "10 or 13 digits"),
    ],
)
def test_invalid_isbns_are_rejected_on_the_isbn_field(raw: str, reason: str) -> None:
    with pytest.raises(InvalidFieldError, match=reason) as caught:
        normalize_isbn(raw, field="isbn")
    assert caught.value.field == "isbn"

"""Book in the entity contract suite (`tests/contract`)."""

from tests.books.factories import book_payload, seed_books
from tests.contract.spec import EntitySpec, FilterExample, InvalidInput

SPEC = EntitySpec(
    name="book",
    rest_path="/api/books",
    rest_item_path="/api/books/{item_id}",
    graphql_type="Book",
    graphql_by_id="bookById",
    graphql_connection="books",
    graphql_create="createBook",
    graphql_update="updateBook",
    graphql_delete="deleteBook",
    graphql_input="BookInput",
    graphql_patch_input="BookPatchInput",
    graphql_filter="BookFilter",
    graphql_order="BookOrder",
    admin_key="book",
    valid_input=book_payload,
    update={"title": "A changed title"},
    invalid_inputs=(
        InvalidInput({"title": "   "}, "title"),
        InvalidInput({"author": "x" * 256}, "author"),
        InvalidInput({"isbn": "978-0-441-17271-8"}, "isbn"),
        InvalidInput({"page_count": 0}, "page_count"),
    ),
    unique_field="isbn",
    unique_value="0-441-17271-7",
    duplicate_spellings=(
        "9780441172719",
        "978-0-441-17271-9",
        "0441172717",
        "0 441 17271 7",
    ),
    sorts=(
        "-created_at",
        "created_at",
        "title",
        "-title",
        "published_on",
        "-published_on",
    ),
    filters=(
        FilterExample({"q": "book 01"}, {"q": "no such book"}),
        FilterExample({"author": "AUTHOR 3"}, {"author": "Nobody"}),
        FilterExample(
            {"published_after": "1995-01-01", "published_before": "2005-12-31"},
            {"published_after": "2090-01-01"},
        ),
    ),
    seed=lambda session, count, start: seed_books(session, count, start=start),
)

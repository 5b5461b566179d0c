"""The kit's connection field for a listing without filters (Book's has one):
no `filter` argument, and pages read by the keyset pager all the same."""

from types import SimpleNamespace

from sqlalchemy.ext.asyncio import AsyncSession

from backend.apps.books.graphql.inputs import BookOrder
from backend.apps.books.graphql.types import BookConnection, BookType
from backend.apps.books.services import BookListQuery, BookService, BookSort
from backend.kit import queries
from backend.paging.cursors import CursorCodec
from tests.books.factories import seed_books

UNFILTERED = queries.connection(
    BookConnection,
    BookType,
    listing=BookListQuery,
    order=BookOrder,
    description="Books, without filters.",
    order_description="Default: newest first.",
)


def test_a_listing_without_filters_takes_no_filter_argument() -> None:
    arguments = UNFILTERED.base_resolver.arguments
    assert [argument.python_name for argument in arguments] == [
        "first",
        "after",
        "last",
        "before",
        "order_by",
    ]
    order_by = arguments[-1]
    assert getattr(order_by.type, "name", None) == "BookOrder"
    assert order_by.default is BookSort.CREATED_AT_DESC
    assert UNFILTERED.base_resolver.type is BookConnection


async def test_a_listing_without_filters_pages_by_keyset(
    db_session: AsyncSession,
) -> None:
    ids = await seed_books(db_session, 5)
    context = SimpleNamespace(
        books=BookService(session=db_session), cursor_codec=CursorCodec("secret")
    )
    resolve = UNFILTERED.base_resolver.wrapped_func
    info = SimpleNamespace(context=context)
    first = await resolve(info, first=3, order_by=BookSort.TITLE)
    rest = await resolve(
        info, first=3, after=first.page_info.end_cursor, order_by=BookSort.TITLE
    )
    seen = [edge.node.id for edge in [*first.edges, *rest.edges]]
    assert sorted(seen) == sorted(ids)
    assert (first.page_info.has_next_page, rest.page_info.has_next_page) == (
        True,
        False,
    )
    assert first.query == BookListQuery(sort=BookSort.TITLE)

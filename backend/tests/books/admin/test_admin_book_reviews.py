"""The book admin shows each book's review count and average rating, read-only."""

import httpx
from sqlalchemy.ext.asyncio import AsyncSession

from tests.books.factories import seed_books
from tests.helpers.admin_forms import submit
from tests.reviews.admin.seeds import add_readers, add_review, counters


def shown(page: str, label: str) -> str:
    """The text of the detail page's value cell after the row labelled `label`."""
    after = page.split(f"<strong>{label}</strong>", 1)[1]
    cell = after.split('data-label="Value">', 1)[1].split("</td>", 1)[0]
    return " ".join(cell.split())


async def test_detail_shows_the_review_count_and_the_average(
    admin_client: httpx.AsyncClient, db_session: AsyncSession, password_hash: str
) -> None:
    [book_id, unreviewed] = await seed_books(db_session, 2)
    readers = await add_readers(db_session, password_hash, 3)
    for reader, rating in zip(readers, (5, 4, 4), strict=True):
        await add_review(db_session, book_id, reader.id, rating)
    assert await counters(db_session, book_id) == (3, 13, 4.33)
    page = (await admin_client.get(f"/admin/book/detail?pk={book_id}")).text
    assert "3" in shown(page, "Reviews")
    assert "4.33" in shown(page, "Average rating")
    page = (await admin_client.get(f"/admin/book/detail?pk={unreviewed}")).text
    assert "0" in shown(page, "Reviews")
    assert "null" in shown(page, "Average rating")
    listing = await admin_client.get("/admin/book/list")
    assert "4.33" in listing.text


async def test_the_counters_are_never_in_the_forms_nor_written_by_them(
    admin_client: httpx.AsyncClient, db_session: AsyncSession, password_hash: str
) -> None:
    [book_id] = await seed_books(db_session, 1)
    [reader] = await add_readers(db_session, password_hash, 1)
    await add_review(db_session, book_id, reader.id, 2)
    for path in ("/admin/book/create", f"/admin/book/edit?pk={book_id}"):
        form = await admin_client.get(path)
        assert 'name="review_count"' not in form.text, path
        assert 'name="average_rating"' not in form.text, path
    response = await submit(
        admin_client,
        f"/admin/book/edit?pk={book_id}",
        {
            "title": "Retitled",
            "author": "Author 0",
            "isbn": "0-441-17271-7",
            "review_count": "40",
            "rating_sum": "200",
            "average_rating": "5",
        },
    )
    assert response.status_code == 303, response.text
    assert await counters(db_session, book_id) == (1, 2, 2.0)

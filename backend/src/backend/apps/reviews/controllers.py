"""REST endpoints for reviews: a book's at `/api/books/{book_id}/reviews`
(list, create), every review at `/api/reviews`. Transport only: the service
keeps the books' counters and checks who may change a review."""

from typing import Any

from litestar import Controller, Request
from litestar.datastructures import State
from litestar.di import NamedDependency

from backend.apps.reviews.schemas import (
    ReviewCreate,
    ReviewRead,
    ReviewUpdate,
    book_review_list_query,
    review_list_query,
)
from backend.apps.reviews.services import ReviewListQuery, ReviewService
from backend.kit import rest
from backend.kit.services import Actor
from backend.paging.pager import DEFAULT_PAGE_SIZE
from backend.paging.rest import Page

type AnyRequest = Request[Any, Any, Any]
Reviews = NamedDependency[ReviewService]  # built by `rest.dependencies`


class BookReviewController(Controller):
    """A book's reviews: list them, or review the book as the signed-in user."""

    path = "/api/books/{book_id:str}/reviews"
    tags = ["reviews"]  # noqa: RUF012
    dependencies = rest.dependencies(ReviewService, book_review_list_query)

    @rest.list_route("reviews of a book", errors=[404])
    async def list_book_reviews(
        self,
        book_id: rest.ItemId,
        *,
        service: Reviews,
        listing: NamedDependency[ReviewListQuery],
        state: State,
        limit: rest.Limit = DEFAULT_PAGE_SIZE,
        cursor: rest.Cursor = None,
    ) -> Page[ReviewRead]:
        """A page of the book's reviews, in `sort` order.

        Raises:
            InvalidCursorError: the cursor is malformed, forged, or from
                another book or sort.
            NotFoundError: no book has this id.
        """
        page = await rest.keyset_page(
            service, listing, ReviewRead, state=state, cursor=cursor, limit=limit
        )
        if not page.items:  # a non-empty page proves the book exists
            await service.books.get(book_id)
        return page

    @rest.create_route("review", errors=[404])
    async def create_review(
        self,
        request: AnyRequest,
        book_id: rest.ItemId,
        data: ReviewCreate,
        service: Reviews,
    ) -> ReviewRead:
        """The signed-in user's stored review of the book.

        Raises:
            InvalidFieldError: a value breaks a rule.
            NotFoundError: no book has this id.
            DuplicateKeyError: the user has reviewed this book already.
        """
        review = await service.create_review(
            book_id, Actor.of(request.user), data.to_fields()
        )
        return rest.read_as(ReviewRead, review)


class ReviewController(Controller):
    """Every review: list and read them; their authors (or a superuser)
    change and delete them."""

    path = "/api/reviews"
    tags = ["reviews"]  # noqa: RUF012
    dependencies = rest.dependencies(ReviewService, review_list_query)

    list_reviews = rest.list_handler(ReviewRead, plural="reviews")
    get_review = rest.read_handler(ReviewRead, noun="review")

    @rest.update_route("review", errors=[403])
    async def update_review(
        self,
        request: AnyRequest,
        item_id: rest.ItemId,
        data: ReviewUpdate,
        service: Reviews,
    ) -> ReviewRead:
        """The changed review.

        Raises:
            InvalidFieldError: a value breaks a rule.
            NotFoundError: no review has this id.
            ForbiddenError: the review is someone else's.
        """
        review = await service.update_review(
            item_id, Actor.of(request.user), data.to_fields()
        )
        return rest.read_as(ReviewRead, review)

    @rest.delete_route("review", errors=[403])
    async def delete_review(
        self, request: AnyRequest, item_id: rest.ItemId, service: Reviews
    ) -> None:
        """Remove the review.

        Raises:
            NotFoundError: no review has this id.
            ForbiddenError: the review is someone else's.
        """
        await service.delete_review(item_id, Actor.of(request.user))

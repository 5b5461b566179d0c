"""Reviews in the admin at `/admin/review/...`; every write goes through
`ReviewService`, so each keeps its book's review count and rating sum exact.

A new review names its book and its author in pickers that search the book
and user views page by page (`admin.pickers`); the review is written as that
author's. Edits and deletions are the signed-in superuser's (`Actor`), who may
change every review. Lists show each review's book and author by name, loaded
for the whole page in one query each.
"""

from collections.abc import Mapping, Sequence
from typing import Any

from advanced_alchemy.exceptions import (
    DuplicateKeyError,
    ForeignKeyError,
    NotFoundError,
)
from starlette.requests import Request
from starlette_admin.exceptions import FormValidationError
from starlette_admin.filters import FilterGroup

from backend.admin.auth import admin_actor
from backend.admin.pickers import Picker, remember_labels
from backend.admin.views.model_view import parse_id
from backend.apps.books.services import BookService
from backend.apps.reviews.models import ReviewModel
from backend.apps.reviews.services import ReviewFilter, ReviewService
from backend.apps.users.services import UserService
from backend.kit.admin import ServiceModelView, form_fields
from backend.kit.services import Actor

BOOK = "book_id"
AUTHOR = "user_id"
ALREADY_REVIEWED = "This user has already reviewed this book: edit that review."
NO_SUCH_USER = "User not found."


def _pickers() -> list[Picker]:
    return [
        Picker(
            BOOK,
            key="book",
            label="Book",
            required=True,
            exclude_from_edit=True,
            help_text="Search by title or author (3 letters or digits in a row), "
            "or an ISBN.",
        ),
        Picker(
            AUTHOR,
            key="user",
            label="Author",
            required=True,
            exclude_from_edit=True,
            help_text="Search by the user's email address.",
        ),
    ]


class ReviewAdminView(ServiceModelView[ReviewService]):
    """List, create, edit and delete reviews; search by the book's id."""

    key = "review"
    display_name = "Review"
    menu_label = "Reviews"
    service_type = ReviewService
    duplicate_field = BOOK
    # Only the primary key orders every review without a sort of the table.
    sortable_fields = ["id"]  # noqa: RUF012
    fields_default_sort = [("id", True)]  # noqa: RUF012

    def __init__(self) -> None:
        form = [*_pickers(), *form_fields(self._declarations())]
        super().__init__(ReviewModel, form=form)

    def search_clause(self, term: str) -> Any:
        """The reviews of the book whose id is `term`; other text finds none."""
        (clause,) = ReviewFilter(book_id=parse_id(term.strip()) or 0).clauses()
        return clause

    async def create_with(
        self, request: Request, service: ReviewService, data: Mapping[str, Any]
    ) -> ReviewModel:
        """Store the picked author's review of the picked book; the book's
        counters count it.

        Raises:
            FormValidationError: on the book when it does not exist or the
                author has reviewed it already, on the author when the user
                does not exist.
        """
        author = Actor(user_id=data[AUTHOR])
        try:
            return await service.create_review(
                data[BOOK], author, self.form_values(data)
            )
        except NotFoundError as exc:
            raise FormValidationError({BOOK: str(exc.detail)}) from exc
        except DuplicateKeyError as exc:
            raise FormValidationError({BOOK: ALREADY_REVIEWED}) from exc
        except ForeignKeyError as exc:
            raise FormValidationError({AUTHOR: NO_SUCH_USER}) from exc

    async def edit_with(
        self,
        request: Request,
        service: ReviewService,
        item_id: int,
        data: Mapping[str, Any],
    ) -> ReviewModel:
        """Change the rating and text as the signed-in superuser; a new rating
        moves the book's rating sum."""
        actor = admin_actor(request)
        return await service.update_review(item_id, actor, self.form_values(data))

    async def delete_with(
        self, request: Request, service: ReviewService, item_id: int
    ) -> None:
        """Remove the review as the signed-in superuser; the book uncounts it."""
        await service.delete_review(item_id, admin_actor(request))

    async def find_all(  # noqa: PLR0917 (starlette-admin's signature)
        self,
        request: Request,
        skip: int = 0,
        limit: int = 100,
        q: str | None = None,
        sorts: Sequence[tuple[str, str]] | None = None,
        filters: FilterGroup | None = None,
    ) -> Sequence[Any]:
        """A page of reviews, with their books' and authors' names."""
        reviews = await super().find_all(request, skip, limit, q, sorts, filters)
        await self._remember_names(request, reviews)
        return reviews

    async def find_by_pk(self, request: Request, pk: Any) -> Any:
        """The review `pk`, with its book's and author's names."""
        review = await super().find_by_pk(request, pk)
        if review is not None:
            await self._remember_names(request, [review])
        return review

    async def repr(self, obj: ReviewModel, request: Request) -> str:
        """How messages and lookups name a review: its id."""
        return f"Review #{obj.id}"

    @staticmethod
    async def _remember_names(request: Request, reviews: Sequence[Any]) -> None:
        session = request.state.session
        book_ids = sorted({review.book_id for review in reviews})
        user_ids = sorted({r.user_id for r in reviews if r.user_id is not None})
        books = await BookService(session=session).get_by_ids(book_ids)
        remember_labels(
            request,
            BOOK,
            {book.id: f"{book.title} by {book.author}" for book in books if book},
        )
        users = await UserService(session=session).get_by_ids(user_ids)
        remember_labels(
            request,
            AUTHOR,
            {user.id: user.full_name or user.email for user in users if user},
        )


view = ReviewAdminView

"""Every model of every app, imported in one place for Alembic and the admin."""

from backend.apps.books.models import BookModel
from backend.apps.reviews.models import ReviewModel
from backend.apps.users.models import UserModel

__all__ = ("BookModel", "ReviewModel", "UserModel")

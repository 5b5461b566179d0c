"""Every admin view, in menu order: add a new entity's view to `ADMIN_VIEWS`."""

from starlette_admin.views import BaseView

from backend.admin.views import book, review, user

ADMIN_VIEWS: list[type[BaseView]] = [book.view, review.view, user.view]

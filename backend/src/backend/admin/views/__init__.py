"""Every admin view, in menu order: add a new entity's view to `ADMIN_VIEWS`."""

from starlette_admin.views import BaseView

from backend.admin.views import book, user

ADMIN_VIEWS: list[type[BaseView]] = [book.view, user.view]

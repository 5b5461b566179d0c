"""Users in the admin at `/admin/user/...`; every write goes through `UserService`.

The form takes a plain password and the service stores its hash; the hash
itself is never shown.
"""

from collections.abc import Mapping
from typing import Any, cast

from markupsafe import escape
from starlette.requests import Request
from starlette_admin.fields import PasswordField

from backend.apps.users.models import UserModel
from backend.apps.users.services import UserFields, UserService, search_clause
from backend.kit.admin import ServiceModelView

FORM_FIELDS = ("email", "full_name", "is_active", "is_superuser")


def _password_field() -> PasswordField:
    return PasswordField(
        "password",
        help_text="8 to 128 characters. When editing, leave empty to keep the "
        "current password.",
        exclude_from_list=True,
        exclude_from_detail=True,
        exclude_from_export=True,
        exclude_from_import=True,
        searchable=False,
        orderable=False,
    )


def _user_fields(data: Mapping[str, Any], *, creating: bool) -> UserFields:
    fields: dict[str, Any] = {name: data[name] for name in FORM_FIELDS if name in data}
    if data.get("password") or creating:
        fields["password"] = data.get("password") or ""
    return cast("UserFields", fields)


class UserAdminView(ServiceModelView[UserService]):
    """List, search (by email address), create, edit and delete users."""

    key = "user"
    display_name = "User"
    menu_label = "Users"
    service_type = UserService
    duplicate_field = "email"
    searchable_fields = ["email"]  # noqa: RUF012
    sortable_fields = ["id", "email", "full_name", "created_at"]  # noqa: RUF012
    fields_default_sort = [("created_at", True)]  # noqa: RUF012

    def __init__(self) -> None:
        form = ["email", "full_name", _password_field(), "is_active", "is_superuser"]
        super().__init__(UserModel, form=form)

    def search_clause(self, term: str) -> Any:
        """The user whose email is `term` (any case)."""
        return search_clause(term)

    async def create_with(
        self, request: Request, service: UserService, data: Mapping[str, Any]
    ) -> UserModel:
        """Store a user through the service: email normalised, password hashed."""
        return await service.create_user(fields=_user_fields(data, creating=True))

    async def edit_with(
        self,
        request: Request,
        service: UserService,
        item_id: int,
        data: Mapping[str, Any],
    ) -> UserModel:
        """Change a user through the service; an empty password keeps the old one."""
        fields = _user_fields(data, creating=False)
        return await service.update_user(item_id, fields=fields)

    async def repr(self, obj: UserModel, request: Request) -> str:
        """How messages and lookups name a user: its email."""
        return obj.email

    async def select2_result(self, obj: UserModel, request: Request) -> str:
        """How a picker offers a user: email, and name when there is one."""
        if not obj.full_name:
            return str(escape("<span>{}</span>").format(obj.email))
        return str(escape("<span>{} ({})</span>").format(obj.email, obj.full_name))


view = UserAdminView

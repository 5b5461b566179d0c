"""Users in the admin at `/admin/user/...`; every write goes through `UserService`.

The form takes a plain password and the service stores its hash; the hash
itself is never shown.
"""

from typing import Any, cast

from starlette.requests import Request
from starlette_admin.fields import PasswordField

from backend.admin.forms import form_errors
from backend.admin.views.model_view import IntegerIdModelView, require_id
from backend.apps.users.models import UserModel
from backend.apps.users.services import UserFields, UserService, search_clause

FORM_FIELDS = ("email", "full_name", "is_active", "is_superuser")
AUDIT_FIELDS = ["created_at", "updated_at"]


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


def _user_fields(data: dict[str, Any], *, creating: bool) -> UserFields:
    fields: dict[str, Any] = {name: data[name] for name in FORM_FIELDS if name in data}
    if data.get("password") or creating:
        fields["password"] = data.get("password") or ""
    return cast("UserFields", fields)


class UserAdminView(IntegerIdModelView):
    """List, search (by email address), create, edit and delete users."""

    key = "user"
    display_name = "User"
    menu_label = "Users"
    exclude_fields_from_create = AUDIT_FIELDS
    exclude_fields_from_edit = AUDIT_FIELDS
    searchable_fields = ["email"]  # noqa: RUF012
    sortable_fields = ["id", "email", "full_name", "created_at"]  # noqa: RUF012
    fields_default_sort = [("created_at", True)]  # noqa: RUF012
    importers = []  # noqa: RUF012  (an import would bypass password hashing)

    def __init__(self) -> None:
        # Built per view: starlette-admin binds each field to its view. It takes
        # field names too, though its annotation only admits fields.
        self.fields = [  # pyrefly: ignore[bad-assignment]  # ty: ignore[invalid-assignment]
            "id",
            "email",
            "full_name",
            _password_field(),
            "is_active",
            "is_superuser",
            *AUDIT_FIELDS,
        ]
        super().__init__(UserModel)

    def search_clause(self, term: str) -> Any:
        """The user whose email is `term` (any case)."""
        return search_clause(term)

    async def create(self, request: Request, data: dict[str, Any]) -> UserModel:
        """Store a user through the service: email normalised, password hashed."""
        async with form_errors(request, duplicate_field="email") as session:
            users = UserService(session=session)
            return await users.create_user(fields=_user_fields(data, creating=True))

    async def edit(self, request: Request, pk: Any, data: dict[str, Any]) -> UserModel:
        """Change a user through the service; an empty password keeps the old one."""
        async with form_errors(request, duplicate_field="email") as session:
            users = UserService(session=session)
            return await users.update_user(
                require_id(pk), fields=_user_fields(data, creating=False)
            )

    async def repr(self, obj: UserModel, request: Request) -> str:
        """How messages and lookups name a user: its email."""
        return obj.email

    async def delete(self, request: Request, pks: list[Any]) -> int:
        """Remove the users through the service; their tokens stop working."""
        users = UserService(session=request.state.session)
        for pk in pks:
            await users.delete_user(require_id(pk))
        return len(pks)


view = UserAdminView

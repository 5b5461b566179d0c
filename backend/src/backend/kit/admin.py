"""The admin base view whose writes always go through the entity's service.

starlette-admin's `ModelView` writes rows itself; a `ServiceModelView`
creates, edits and deletes through the service instead, inside a savepoint,
so the service's rules apply and its errors show next to their form field
(`admin.forms.form_errors`). A service that guards rows by owner gets the
signed-in superuser's `Actor` (`admin.auth.admin_actor`). Its form fields are
built from the entity's field declarations (`kit.fields`): the same limits as
REST and GraphQL.
"""

from collections.abc import Mapping, Sequence
from typing import Any, ClassVar

from starlette.requests import Request
from starlette_admin.fields import BaseField, StringField, TextAreaField

from backend.admin.forms import StrictDateField, StrictIntegerField, form_errors
from backend.admin.views.model_view import IntegerIdModelView, require_id
from backend.kit.fields import Date, Field, Fields, Integer, Isbn, Paragraphs, Text
from backend.kit.services import EntityService

AUDIT_FIELDS = ["created_at", "updated_at"]


def form_field(name: str, field: Field) -> BaseField | str:
    """The form field of a declaration; a name lets starlette-admin choose."""
    match field:
        case Text(max_length=max_length, required=required):
            return StringField(name, required=required, maxlength=max_length)
        case Isbn(max_length=max_length, required=required):
            # The column holds 13 digits; the form also takes hyphenated input.
            return StringField(
                name,
                label="ISBN",
                required=required,
                maxlength=max_length,
                help_text="ISBN-10 or ISBN-13, hyphens and spaces allowed; "
                "stored as ISBN-13.",
            )
        case Paragraphs(max_length=max_length, required=required):
            return TextAreaField(name, required=required, maxlength=max_length)
        case Integer():
            return StrictIntegerField(name)
        case Date():
            return StrictDateField(name)
        case _:
            return name


def form_fields(declarations: Fields) -> list[BaseField | str]:
    """The form fields of every declared field, in order."""
    return [form_field(name, field) for name, field in declarations.items()]


class ServiceModelView[ServiceT: EntityService[Any]](IntegerIdModelView):
    """A `ModelView` of the service's model whose create, edit and delete call
    `service_type` (`create_item`, `update_item`, `delete_by_id`).

    A view names its service and the unique field a duplicate is reported on;
    its form shows the service's field declarations (`declarations`, by
    default `service_type.fields`). A view may override `create_with`,
    `edit_with` and `delete_with` to call other service methods.
    """

    service_type: type[ServiceT]
    declarations: ClassVar[Fields | None] = None
    duplicate_field: ClassVar[str]
    exclude_fields_from_create = AUDIT_FIELDS
    exclude_fields_from_edit = AUDIT_FIELDS
    importers = []  # noqa: RUF012  (an import would skip the service)

    def __init__(
        self,
        model: type[Any] | None = None,
        *,
        form: Sequence[BaseField | str] | None = None,
    ) -> None:
        """A view of `model` (by default the service's) whose form shows
        `form`, by default a field per declaration."""
        # Built per view: starlette-admin binds each field to its view. It takes
        # field names too, though its annotation only admits fields.
        self.fields = [  # pyrefly: ignore[bad-assignment]  # ty: ignore[invalid-assignment]
            "id",
            *(form_fields(self._declarations()) if form is None else form),
            *AUDIT_FIELDS,
        ]
        super().__init__(model or self.service_type.repository_type.model_type)

    @classmethod
    def _declarations(cls) -> Fields:
        return cls.service_type.fields if cls.declarations is None else cls.declarations

    def form_values(self, data: Mapping[str, Any]) -> dict[str, Any]:
        """The declared fields the form sent."""
        names = self._declarations().names()
        return {name: data[name] for name in names if name in data}

    async def create_with(
        self, request: Request, service: ServiceT, data: Mapping[str, Any]
    ) -> Any:
        """Store a new row through `service` (`create_item`)."""
        return await service.create_item(self.form_values(data))

    async def edit_with(
        self,
        request: Request,
        service: ServiceT,
        item_id: int,
        data: Mapping[str, Any],
    ) -> Any:
        """Change the row `item_id` through `service` (`update_item`)."""
        return await service.update_item(item_id, self.form_values(data))

    async def delete_with(
        self, request: Request, service: ServiceT, item_id: int
    ) -> None:
        """Remove the row `item_id` through `service` (`delete_by_id`)."""
        await service.delete_by_id(item_id, auto_commit=False)

    async def repr(self, obj: Any, request: Request) -> str:
        """How messages and lookups name a row: its first declared field."""
        names = self._declarations().names()
        return str(getattr(obj, names[0])) if names else str(obj.id)

    async def create(self, request: Request, data: dict[str, Any]) -> Any:
        """Store a row through the service; its errors become form errors."""
        async with form_errors(
            request, duplicate_field=self.duplicate_field
        ) as session:
            service = self.service_type(session=session)
            return await self.create_with(request, service, data)

    async def edit(self, request: Request, pk: Any, data: dict[str, Any]) -> Any:
        """Change a row through the service; its errors become form errors."""
        async with form_errors(
            request, duplicate_field=self.duplicate_field
        ) as session:
            service = self.service_type(session=session)
            return await self.edit_with(request, service, require_id(pk), data)

    async def delete(self, request: Request, pks: list[Any]) -> int:
        """Remove the rows through the service (`delete_with`)."""
        service = self.service_type(session=request.state.session)
        for pk in pks:
            await self.delete_with(request, service, require_id(pk))
        return len(pks)

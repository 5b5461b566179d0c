"""Id columns picked from another admin view's searched, paged lookup.

starlette-admin's `HasOne` needs an ORM relationship, and its dropdown is
filled by the other view's `relation-lookup` endpoint. A `Picker` is the same
widget on a plain id column: the form's select2 box asks that endpoint for a
page of 20 rows at a time, found by the other view's indexed search
(`search_clause`), never a dropdown of every row. Lists and detail pages show
the picked row's label, which the view loads for the whole page at once
(`remember_labels`, one query per picker).
"""

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from starlette.datastructures import FormData
from starlette.requests import Request
from starlette_admin.fields import BaseField
from starlette_admin.helpers import static_url

from backend.admin.forms import Unparsable, refuse_unparsable
from backend.kit.text import database_id

_LABELS_KEY = "picker_labels"


def remember_labels(request: Request, name: str, labels: Mapping[int, str]) -> None:
    """Keep, for this request, the labels the picker `name` shows by id."""
    state: dict[str, Mapping[int, str]] = getattr(request.state, _LABELS_KEY, {})
    state[name] = labels
    setattr(request.state, _LABELS_KEY, state)


def _labels(request: Request, name: str) -> Mapping[int, str]:
    state: dict[str, Mapping[int, str]] = getattr(request.state, _LABELS_KEY, {})
    return state.get(name, {})


@dataclass
class Picker(BaseField):
    """The id of a row of the view `key`, picked in a searched, paged box.

    The form sends the id; text that is not an id is an error on the field.
    Elsewhere the value is `{"id", "label"}`, the label from
    `remember_labels` (the id alone when none was loaded).
    """

    key: str = ""
    form_template: str = "fields/form/picker.html"
    list_template: str = "fields/list/picker.html"
    detail_template: str = "fields/detail/picker.html"
    searchable: bool | None = False
    orderable: bool | None = False

    async def parse_form_data(self, request: Request, form_data: FormData) -> Any:
        """The id picked, None when none, `Unparsable` for other text."""
        raw = form_data.get(self.id)
        if not isinstance(raw, str) or not raw.strip():
            return None
        number = database_id(raw.strip())
        return Unparsable(raw) if number is None else number

    async def validate(
        self, request: Request, value: Any, form_values: dict[str, Any]
    ) -> None:
        """Refuse text that is not an id, then the field's own rules."""
        await refuse_unparsable(value, f"Choose a {self.key} from the list.")
        await super().validate(request, value, form_values)

    async def serialize_value(self, request: Request, value: Any) -> Any:
        """The id in a form; the id and its label on lists and detail pages."""
        if request.state.action.is_form():
            return value
        label = _labels(request, self.name).get(value)
        return {"id": value, "label": f"#{value}" if label is None else label}

    def additional_css_links(self, request: Request) -> list[str]:
        """select2's style, on forms (as starlette-admin's relation fields)."""
        if self._needs_form_assets(request):
            return [static_url(request, "css/vendor/select2.min.css", v="4.1.0")]
        return []

    def additional_js_links(self, request: Request) -> list[str]:
        """select2 itself, on forms (as starlette-admin's relation fields)."""
        if self._needs_form_assets(request):
            return [static_url(request, "js/vendor/select2.min.js", v="4.1.0")]
        return []

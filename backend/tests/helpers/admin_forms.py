"""Drive the admin's HTML forms over HTTP, CSRF token included."""

import re

import httpx

SUPERUSER_EMAIL = "admin@example.com"

_CSRF_INPUT = re.compile(r'name="csrftoken" value="([^"]+)"')


def csrf_token(page: httpx.Response) -> str:
    """The CSRF token the page's form carries."""
    match = _CSRF_INPUT.search(page.text)
    assert match is not None, f"no CSRF token on {page.url}"
    return match.group(1)


async def submit(
    client: httpx.AsyncClient, path: str, fields: dict[str, str]
) -> httpx.Response:
    """Open the form at `path`, fill in `fields` and post it (no redirect followed)."""
    form = await client.get(path)
    assert form.status_code == 200, form.text
    data = {**fields, "csrftoken": csrf_token(form)}
    return await client.post(path, data=data)


async def sign_in(
    client: httpx.AsyncClient, email: str, password: str
) -> httpx.Response:
    """Post the admin login form."""
    return await submit(
        client, "/admin/login", {"username": email, "password": password}
    )


async def run_action(
    client: httpx.AsyncClient, key: str, name: str, pks: list[int]
) -> httpx.Response:
    """Run a list-page action (e.g. `delete`) on rows, as the page's script does."""
    page = await client.get(f"/admin/{key}/list")
    return await client.post(
        f"/admin/_api/{key}/action",
        params={"name": name, "pks": [str(pk) for pk in pks]},
        headers={"X-CSRFToken": csrf_token(page)},
    )

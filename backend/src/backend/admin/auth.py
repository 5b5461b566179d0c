"""Admin sign-in: only active superusers, remembered in a signed session cookie.

Each request loads the user again, so deactivating a user or taking away
`is_superuser` ends their admin session at once.
"""

from sqlalchemy.ext.asyncio import AsyncSession
from starlette.requests import Request
from starlette.responses import Response
from starlette_admin.auth import AdminUser, AuthProvider, LoginFailed

from backend.apps.users.models import UserModel
from backend.apps.users.services import UserService

SESSION_USER_KEY = "user_id"
LOGIN_REFUSED = "Invalid email or password, or not an administrator."


def _users(request: Request) -> UserService:
    session: AsyncSession = request.state.session
    return UserService(session=session)


class AdminAuthProvider(AuthProvider):
    """Email and password of an active superuser; anyone else is refused."""

    async def login(
        self,
        username: str,
        password: str,
        remember_me: bool,
        request: Request,
    ) -> Response | None:
        """Remember the superuser in the session.

        Raises:
            LoginFailed: wrong credentials, inactive account or not a superuser,
                all with one message.
        """
        user = await _users(request).authenticate(email=username, password=password)
        if user is None or not user.is_superuser:
            raise LoginFailed(LOGIN_REFUSED)
        request.session.clear()
        request.session[SESSION_USER_KEY] = user.id
        return None

    async def logout(self, request: Request) -> Response | None:
        """Forget the signed-in user."""
        request.session.clear()
        return None

    async def authenticate(self, request: Request) -> AdminUser | None:
        """The signed-in superuser, or `None` (the admin then redirects to login)."""
        user_id = request.session.get(SESSION_USER_KEY)
        if not isinstance(user_id, int):
            return None
        user = await _users(request).get_active_user(user_id=user_id)
        if user is None or not user.is_superuser:
            return None
        return AdminUser(username=_display_name(user))


def _display_name(user: UserModel) -> str:
    return user.full_name or user.email

"""Create a user without a prompt (scripts, first superuser, CI).

    python -m backend.apps.users.cli --email E --password P [--superuser]

The database is the one `DATABASE_URL` names. Exit status: 0 created,
1 duplicate email or database unreachable, 2 invalid arguments. The password
is visible to other local users while the command runs (process list), and in
shell history: change it after a first sign-in on shared machines.
"""

import argparse
import asyncio
import sys
from collections.abc import Sequence

from advanced_alchemy.exceptions import DuplicateKeyError, RepositoryError
from sqlalchemy.exc import SQLAlchemyError

from backend.apps.users.models import UserModel
from backend.apps.users.services import UserFields, UserService
from backend.database import alchemy_config
from backend.errors import InvalidFieldError
from backend.settings import Settings, get_settings

EXIT_FAILED = 1
EXIT_INVALID = 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m backend.apps.users.cli",
        description="Create a user in the database DATABASE_URL names.",
    )
    parser.add_argument("--email", required=True, help="stored in lower case")
    parser.add_argument("--password", required=True, help="8 to 128 characters")
    parser.add_argument("--full-name", default=None, help="optional display name")
    parser.add_argument(
        "--superuser",
        action="store_true",
        help="may sign in to the admin at /admin",
    )
    parser.add_argument(
        "--inactive", action="store_true", help="create the account disabled"
    )
    return parser


async def create_user(*, settings: Settings, fields: UserFields) -> UserModel:
    """Store a user in its own committed transaction.

    Raises:
        InvalidFieldError: a field breaks a rule.
        DuplicateKeyError: the email is taken.
    """
    config = alchemy_config(settings)
    try:
        async with config.get_session() as session:
            users = UserService(session=session)
            return await users.create_user(fields=fields, auto_commit=True)
    finally:
        await config.get_engine().dispose()


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command; return its exit status."""
    args = _parser().parse_args(argv)
    fields = UserFields(
        email=args.email,
        password=args.password,
        full_name=args.full_name,
        is_active=not args.inactive,
        is_superuser=args.superuser,
    )
    try:
        user = asyncio.run(create_user(settings=get_settings(), fields=fields))
    except InvalidFieldError as exc:
        sys.stderr.write(f"error: {exc.message}\n")
        return EXIT_INVALID
    except DuplicateKeyError as exc:
        sys.stderr.write(f"error: {exc.detail}\n")
        return EXIT_FAILED
    except (RepositoryError, SQLAlchemyError, OSError) as exc:
        sys.stderr.write(f"error: the database failed: {type(exc).__name__}\n")
        return EXIT_FAILED
    role = "superuser" if user.is_superuser else "user"
    sys.stdout.write(f"created {role} {user.email} (id {user.id})\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())

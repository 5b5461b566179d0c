"""Argon2id password hashing, run in a worker thread: a hash costs ~0.2 s of CPU."""

from functools import cache

import anyio.to_thread
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

_hasher = PasswordHasher()


def _hash(password: str) -> str:
    return _hasher.hash(password)


def _verify(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


@cache
def _dummy_hash() -> str:
    return _hash("dummy password, never matches a real one")


async def hash_password(password: str) -> str:
    """The argon2id hash of `password`, with a fresh salt."""
    return await anyio.to_thread.run_sync(_hash, password)


async def verify_password(password_hash: str | None, password: str) -> bool:
    """Whether `password` matches `password_hash`.

    With no hash (an unknown account) a dummy hash is checked, so answering
    takes as long as for a known account and response times reveal nothing.
    """
    if password_hash is None:
        dummy = await anyio.to_thread.run_sync(_dummy_hash)
        await anyio.to_thread.run_sync(_verify, dummy, password)
        return False
    return await anyio.to_thread.run_sync(_verify, password_hash, password)


def needs_rehash(password_hash: str) -> bool:
    """Whether the hash was made with other parameters than today's."""
    return _hasher.check_needs_rehash(password_hash)

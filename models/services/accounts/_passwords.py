"""argon2id hashes (argon2-cffi's defaults: RFC 9106's second recommended profile, 64 MiB)."""

from __future__ import annotations

from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

# The product's cost: argon2-cffi's defaults (argon2id, 64 MiB, three passes, four lanes).
PRODUCT_HASHER = PasswordHasher()
_hasher = PRODUCT_HASHER


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(stored: str | None, password: str) -> bool:
    """Whether `password` matches; a missing or damaged hash matches nothing but still costs
    one hashing, so a refused name takes as long as a refused password."""
    try:
        return _hasher.verify(stored or _unmatchable(), password)
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(stored: str) -> bool:
    return _hasher.check_needs_rehash(stored)


@cache
def _unmatchable() -> str:
    return _hasher.hash("\x00never a password\x00")

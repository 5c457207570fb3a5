"""Password hashing with argon2id (argon2-cffi's RFC 9106 low-memory profile) and password rules."""

from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from marketplace.accounts.error_codes import AccountErrorCode
from marketplace.core.errors import ValidationError

_hasher = PasswordHasher()  # argon2id, time_cost=3, memory_cost=64 MiB, parallelism=4

MIN_LENGTH = 10
MAX_LENGTH = 256

# A dummy hash to verify against when the account does not exist, so timing does not reveal which
# e-mail addresses are registered.
_DUMMY_HASH = _hasher.hash("meridian-dummy-password")


def check_password_rules(password: object) -> str:
    if not isinstance(password, str):
        raise ValidationError("Enter a password.", code=AccountErrorCode.PASSWORD_REQUIRED, field="password")
    if len(password) < MIN_LENGTH:
        raise ValidationError("Use at least %(min)s characters for your password.", code=AccountErrorCode.PASSWORD_TOO_SHORT,
                              field="password", min=MIN_LENGTH)
    if len(password) > MAX_LENGTH:
        raise ValidationError("Use at most %(max)s characters for your password.", code=AccountErrorCode.PASSWORD_TOO_LONG,
                              field="password", max=MAX_LENGTH)
    return password


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(stored_hash: str | None, password: str) -> bool:
    """True when ``password`` matches; always does one argon2 verification."""
    try:
        return _hasher.verify(stored_hash or _DUMMY_HASH, password) and stored_hash is not None
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def needs_rehash(stored_hash: str) -> bool:
    return _hasher.check_needs_rehash(stored_hash)

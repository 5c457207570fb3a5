"""Domain errors and problems: what went wrong, as a stable code, the input it is about and a message id.

Services raise :class:`DomainError` subclasses; a list of things that stop an action without raising (a cart
line out of stock, a parcel that cannot ship) travels as :class:`Problem` values. Both carry

- ``code``: a member of a per-domain ``StrEnum`` (``marketplace/<domain>/error_codes.py``, Saleor's pattern;
  the shared ones are :class:`CommonErrorCode`). Code that branches on an error compares codes, never text.
- ``field``: the name of the input the error is about (a form field, an API field), or None.
- ``message``: an English message id (translatable, shown to the user) and ``params`` for its placeholders.
  Never put stack traces or internal details in it. ``marketplace.present.problems.problem_text`` turns a
  problem or an error into text in the shopper's language: pages and routes use that, nothing else.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from dataclasses import field as dc_field
from enum import StrEnum, unique
from types import MappingProxyType


@unique
class CommonErrorCode(StrEnum):
    """Codes any domain may use; a domain's own ``error_codes.py`` adds the ones only it raises."""

    INVALID = "invalid"
    NOT_FOUND = "not_found"
    PERMISSION_DENIED = "permission_denied"
    NOT_AUTHENTICATED = "not_authenticated"
    THROTTLED = "throttled"
    REQUIRED = "required"
    TOO_LONG = "too_long"


@dataclass(frozen=True)
class Problem:
    """One reason an action cannot go ahead, in a form code can branch on and a page can translate."""

    code: StrEnum
    message: str
    field: str | None = None
    params: Mapping[str, object] = dc_field(default_factory=dict)

    def __post_init__(self) -> None:
        if not isinstance(self.code, StrEnum):
            raise TypeError(f"Problem.code must be an error-code enum member, not {self.code!r}")
        object.__setattr__(self, "params", MappingProxyType(dict(self.params)))


class DomainError(Exception):
    """Base of every error a user may see. Subclasses set ``default_code``; a raise may give a finer one."""

    default_code: StrEnum = CommonErrorCode.INVALID

    def __init__(self, message: str, *, code: StrEnum | None = None, field: str | None = None,
                 **params: object) -> None:
        super().__init__(message)
        self.message = message
        self.code: StrEnum = code if code is not None else self.default_code
        self.field = field
        self.params = params

    @property
    def problem(self) -> Problem:
        return Problem(self.code, self.message, self.field, self.params)


class ValidationError(DomainError):
    """The input is malformed or out of range; nothing was changed."""


class NotFound(DomainError):
    """The thing asked for does not exist (or the caller may not know it exists)."""

    default_code = CommonErrorCode.NOT_FOUND


class PermissionDenied(DomainError):
    """The caller is not allowed to do this; nothing was changed."""

    default_code = CommonErrorCode.PERMISSION_DENIED


class NotAuthenticated(PermissionDenied):
    """No valid session."""

    default_code = CommonErrorCode.NOT_AUTHENTICATED


class Throttled(DomainError):
    """Too many attempts; try again later."""

    default_code = CommonErrorCode.THROTTLED

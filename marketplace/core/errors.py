"""Domain errors. Each carries a message id (translatable, shown to the user) and optional parameters.

Services raise these; states catch :class:`DomainError` and show ``message`` through the locale catalogue.
Never put stack traces or internal details in ``message``.
"""

from __future__ import annotations


class DomainError(Exception):
    """Base of every error a user may see."""

    def __init__(self, message: str, **params: object) -> None:
        super().__init__(message)
        self.message = message
        self.params = params


class ValidationError(DomainError):
    """The input is malformed or out of range; nothing was changed."""


class NotFound(DomainError):
    """The thing asked for does not exist (or the caller may not know it exists)."""


class PermissionDenied(DomainError):
    """The caller is not allowed to do this; nothing was changed."""


class NotAuthenticated(PermissionDenied):
    """No valid session."""


class Throttled(DomainError):
    """Too many attempts; try again later."""

"""Authorisation policies, called inside every protected handler and service.

``require_role`` and ``require_vendor`` raise :class:`NotAuthenticated` / :class:`PermissionDenied`;
they take the :class:`Caller` resolved from the server-side session, never anything the client sent.
"""

from __future__ import annotations

from marketplace.accounts.error_codes import AccountErrorCode
from marketplace.accounts.service import Caller
from marketplace.core.errors import NotAuthenticated, PermissionDenied
from marketplace.models import Role

STAFF_ROLES = (Role.STAFF, Role.ADMIN)


def require_role(caller: Caller | None, *roles: Role) -> Caller:
    if caller is None:
        raise NotAuthenticated("Please log in to continue.")
    if caller.role not in roles:
        raise PermissionDenied("Your account cannot open this page.", code=AccountErrorCode.ROLE_NOT_ALLOWED)
    return caller


def require_vendor(caller: Caller | None) -> tuple[Caller, int]:
    """A seller acting for their vendor: returns the caller and the vendor id they act for."""
    caller = require_role(caller, Role.SELLER)
    if caller.vendor_id is None:
        raise PermissionDenied("Your account is not linked to a seller.", code=AccountErrorCode.NOT_A_SELLER)
    return caller, caller.vendor_id

"""Authorisation policies, called inside every protected handler and service.

Contract:
- ``role_required(caller, role)`` is the one back-office check: it returns the caller when they hold
  ``role`` and raises :class:`NotAuthenticated` (nobody signed in) or :class:`PermissionDenied` otherwise.
  An admin holds ``Role.STAFF`` too (``STAFF_ROLES``); ``Role.SELLER`` is held by sellers only.
- ``require_vendor(caller, capability)`` is ``role_required(caller, Role.SELLER)`` plus the vendor the seller
  acts for, and the member's role in that vendor (``Caller.vendor_role``, read from ``vendor_members`` on every
  call) must hold ``capability`` (``accounts.seller_roles``). With no capability named only an owner or a
  manager passes (fail closed): services a packer may use name their capability. A refusal is
  ``PermissionDenied`` with code ``seller_role_cannot``.
- ``require_staff(caller, capability)`` is ``role_required(caller, Role.STAFF)`` plus the staff member's
  ``staff_role`` (``Caller.staff_role``, read from ``users`` on every call) holding ``capability``
  (``accounts.staff_roles``; an admin holds every one). A refusal is ``PermissionDenied`` with code
  ``staff_role_cannot``. Every staff service names its capability.
- ``require_staff_for(caller, seller_capability)``: staff using a seller-side order service (they act on
  every vendor's orders) need ``REFUNDS`` for refunds, ``PAYOUTS`` for money, ``ORDERS`` for the rest.
- ``holds(role, required)`` answers the same question for a bare role value (e.g. to show a link).
- They take the :class:`Caller` resolved from the server-side session, never anything the client sent.
"""

from __future__ import annotations

from marketplace.accounts import staff_roles
from marketplace.accounts.error_codes import AccountErrorCode
from marketplace.accounts.seller_roles import Capability, can
from marketplace.accounts.service import Caller
from marketplace.core.errors import NotAuthenticated, PermissionDenied
from marketplace.models import Role

STAFF_ROLES = (Role.STAFF, Role.ADMIN)

# the roles that hold each role: an admin is staff as well; every other role is held by itself only
_HOLDERS: dict[Role, tuple[Role, ...]] = {Role.STAFF: STAFF_ROLES}


def holders(role: Role) -> tuple[Role, ...]:
    return _HOLDERS.get(role, (role,))


def holds(role: object, required: Role) -> bool:
    """Whether a caller with ``role`` (a :class:`Role` or its value; anything else holds nothing) holds ``required``."""
    return isinstance(role, str) and role in holders(required)


def require_role(caller: Caller | None, *roles: Role) -> Caller:
    if caller is None:
        raise NotAuthenticated("Please log in to continue.")
    if caller.role not in roles:
        raise PermissionDenied("Your account cannot open this page.", code=AccountErrorCode.ROLE_NOT_ALLOWED)
    return caller


def role_required(caller: Caller | None, role: Role) -> Caller:
    """The caller, when they hold ``role``; see the module contract."""
    return require_role(caller, *holders(role))


def require_vendor(caller: Caller | None, capability: Capability | None = None) -> tuple[Caller, int]:
    """A seller acting for their vendor whose role holds ``capability`` (none named: an owner or a manager);
    returns the caller and the vendor id they act for."""
    caller = role_required(caller, Role.SELLER)
    if caller.vendor_id is None:
        raise PermissionDenied("Your account is not linked to a seller.", code=AccountErrorCode.NOT_A_SELLER)
    if not can(caller.vendor_role, capability):
        raise PermissionDenied("Your role in this shop can't use this page. Ask the shop's owner if you need it.",
                               code=AccountErrorCode.SELLER_ROLE_CANNOT)
    return caller, caller.vendor_id


def require_staff(caller: Caller | None, capability: staff_roles.StaffCapability) -> Caller:
    """A staff member or admin whose staff role holds ``capability``; see the module contract."""
    caller = role_required(caller, Role.STAFF)
    if not staff_roles.can(caller.staff_role, capability, admin=caller.role == Role.ADMIN):
        raise PermissionDenied("Your staff role can't use this. Ask an admin if you need it.",
                               code=AccountErrorCode.STAFF_ROLE_CANNOT)
    return caller


# what staff need to use a seller-side order service (staff act on every vendor's orders): money needs REFUNDS
_STAFF_FOR_SELLER: dict[Capability, staff_roles.StaffCapability] = {
    Capability.REFUNDS: staff_roles.StaffCapability.REFUNDS, Capability.MONEY: staff_roles.StaffCapability.PAYOUTS}


def require_staff_for(caller: Caller | None, capability: Capability | None) -> Caller:
    """Staff using a seller-side order service that needs the seller ``capability``: refunds and money need
    the staff capability of the same name, everything else the order view (``StaffCapability.ORDERS``)."""
    return require_staff(caller, _STAFF_FOR_SELLER.get(capability, staff_roles.StaffCapability.ORDERS))


def staff_can(caller: Caller | None, capability: staff_roles.StaffCapability) -> bool:
    """Whether ``caller`` is staff holding ``capability`` (for showing a control; the service re-checks)."""
    return caller is not None and holds(caller.role, Role.STAFF) and staff_roles.can(
        caller.staff_role, capability, admin=caller.role == Role.ADMIN)

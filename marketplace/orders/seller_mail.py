"""E-mails to a vendor's own people about one of its orders: a shopper asks to cancel.

Contract: :func:`cancel_requested` enqueues one ``email`` outbox message (payload ``{to, subject, body,
lang}``, sent by ``outbox.mail``) per active member of the order's vendor, in the caller's transaction, so it
commits or rolls back with the request. Each is in that member's own language (``User.language``), names the
order number and the shopper's reason, and links to the order's seller page. Returns how many were queued.
"""

from __future__ import annotations

from sqlmodel import Session, select

from marketplace import routes
from marketplace.core.i18n import N_, translate
from marketplace.core.settings import get_settings
from marketplace.models import User, VendorMember, VendorOrder
from marketplace.outbox.worker import enqueue


def cancel_requested(session: Session, order: VendorOrder, reason: str) -> int:
    members = session.exec(select(User).join(VendorMember, VendorMember.user_id == User.id)
                           .where(VendorMember.vendor_id == order.vendor_id, User.is_active)
                           .order_by(User.id)).all()
    link = f"{get_settings().public_url}{routes.seller_order(order.number)}"
    for user in members:
        lang = user.language or "en"
        body = "\n\n".join((
            translate(lang, N_("The customer asked to cancel order %(number)s."), number=order.number),
            translate(lang, N_("Reason: %(reason)s"), reason=reason),
            translate(lang, N_("Approve or decline the request on the order's page:")) + "\n" + link))
        enqueue(session, "email", {"to": user.email, "lang": lang, "body": body,
                                   "subject": translate(lang, N_("Cancellation requested for order %(number)s"),
                                                        number=order.number)})
    return len(members)


__all__ = ["cancel_requested"]

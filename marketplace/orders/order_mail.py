"""E-mails to the shopper when their vendor order moves: accepted, rejected or canceled with a refund,
cancellation declined, shipped (with the carrier's name, the tracking number and the parcel's signed public
tracking link, ``orders.tracking_links.tracking_url``, so a guest can follow it), held at customs and out for
delivery (each with the link again), delivered.

Contract: each function enqueues one ``email`` outbox message (payload ``{to, subject, body, lang}``, sent
by ``outbox.mail``) in the caller's transaction, so it commits or rolls back with the move that caused it.
The text is translated into the order group's language (``OrderGroup.lang``) and amounts are formatted in
its locale. An order group without an e-mail address gets nothing (the function returns ``None``).
"""

from __future__ import annotations

from sqlmodel import Session

from marketplace.core.formatting import format_money
from marketplace.core.i18n import format_locale, translate
from marketplace.core.money import Money
from marketplace.models import OrderGroup, OutboxMessage, Shipment, VendorOrder
from marketplace.orders.carrier_names import parcel_carrier
from marketplace.orders.tracking_links import tracking_url
from marketplace.outbox.worker import enqueue


def _send(session: Session, order: VendorOrder, subject: str, lines: list[tuple[str, dict[str, object]]],
          **money: Money) -> OutboxMessage | None:
    group = session.get(OrderGroup, order.group_id)
    if group is None or not group.email:
        return None
    lang = group.lang or "en"
    locale = format_locale(lang)
    amounts = {name: format_money(value, locale) for name, value in money.items()}
    body = "\n\n".join(translate(lang, msgid, number=order.number, **params, **amounts) for msgid, params in lines)
    return enqueue(session, "email", {"to": group.email, "lang": lang,
                                      "subject": translate(lang, subject, number=order.number), "body": body})


_REFUND = ("%(amount)s will be refunded to your card.", {})


def _follow(shipment: Shipment) -> tuple[str, dict[str, object]]:
    return "Follow your parcel here: %(link)s", {"link": tracking_url(shipment.id)}


def _lang(session: Session, order: VendorOrder) -> str:
    group = session.get(OrderGroup, order.group_id)
    return (group.lang if group else None) or "en"


def accepted(session: Session, order: VendorOrder) -> OutboxMessage | None:
    return _send(session, order, "Your order %(number)s was accepted",
                 [("The seller accepted your order %(number)s and is preparing your parcel.", {}),
                  ("We e-mail you the tracking number when it ships.", {})])


def rejected(session: Session, order: VendorOrder, reason: str, refund: Money) -> OutboxMessage | None:
    return _send(session, order, "Your order %(number)s was canceled",
                 [("The seller could not fulfil your order %(number)s and canceled it.", {}),
                  ("Reason: %(reason)s", {"reason": reason}), _REFUND], amount=refund)


def canceled(session: Session, order: VendorOrder, refund: Money) -> OutboxMessage | None:
    return _send(session, order, "Your order %(number)s was canceled",
                 [("Your order %(number)s was canceled as you asked.", {}), _REFUND], amount=refund)


def cancel_declined(session: Session, order: VendorOrder, reason: str) -> OutboxMessage | None:
    return _send(session, order, "Your order %(number)s cannot be canceled",
                 [("The seller declined to cancel your order %(number)s.", {}),
                  ("Reason: %(reason)s", {"reason": reason})])


def shipped(session: Session, order: VendorOrder, shipment: Shipment) -> OutboxMessage | None:
    return _send(session, order, "Your order %(number)s has shipped",
                 [("Your order %(number)s is on its way.", {}),
                  ("Carrier: %(carrier)s. Tracking number: %(tracking)s",
                   {"carrier": parcel_carrier(_lang(session, order), shipment.carrier, shipment.service),
                    "tracking": shipment.tracking_number or ""}),
                  _follow(shipment)])


def held_at_customs(session: Session, order: VendorOrder, shipment: Shipment, detail: str) -> OutboxMessage | None:
    return _send(session, order, "Your order %(number)s is held at customs",
                 [("Customs is holding your parcel %(tracking)s.", {"tracking": shipment.tracking_number or ""}),
                  ("The carrier says: %(detail)s", {"detail": detail}), _follow(shipment)])


def out_for_delivery(session: Session, order: VendorOrder, shipment: Shipment) -> OutboxMessage | None:
    return _send(session, order, "Your order %(number)s is out for delivery",
                 [("Your parcel %(tracking)s will be delivered today.", {"tracking": shipment.tracking_number or ""}),
                  _follow(shipment)])


def delivered(session: Session, order: VendorOrder, shipment: Shipment) -> OutboxMessage | None:
    return _send(session, order, "Your order %(number)s was delivered",
                 [("Your parcel %(tracking)s was delivered.", {"tracking": shipment.tracking_number or ""}),
                  ("You can now review what you bought.", {})])

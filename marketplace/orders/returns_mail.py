"""E-mails to the shopper when their return request moves: approved (with how to get the return label),
declined (with the reason), refunded (with the amount and the import duty note), replacement or repaired
item sent (with the tracking number).

Contract: each function enqueues one ``email`` outbox message (payload ``{to, subject, body, lang}``) in the
caller's transaction, translated into the order group's language and with amounts in its locale; an order
group without an e-mail address gets nothing (``None``).
"""

from __future__ import annotations

from sqlmodel import Session

from marketplace.core.formatting import country_name, format_money
from marketplace.core.i18n import format_locale, translate
from marketplace.core.money import Money
from marketplace.core.settings import get_settings
from marketplace.models import OrderGroup, OutboxMessage, ReturnRequest, VendorOrder
from marketplace.outbox.worker import enqueue
from marketplace.routes import account_order_return


def _send(session: Session, row: ReturnRequest, subject: str, lines: list[tuple[str, dict[str, object]]],
          **money: Money) -> OutboxMessage | None:
    order = session.get(VendorOrder, row.vendor_order_id)
    group = session.get(OrderGroup, order.group_id)
    if group is None or not group.email:
        return None
    lang = group.lang or "en"
    amounts = {name: format_money(value, format_locale(lang)) for name, value in money.items()}
    body = "\n\n".join(translate(lang, msgid, number=row.number, **params, **amounts) for msgid, params in lines)
    return enqueue(session, "email", {"to": group.email, "lang": lang,
                                      "subject": translate(lang, subject, number=row.number), "body": body})


def _link(session: Session, row: ReturnRequest) -> str:
    order = session.get(VendorOrder, row.vendor_order_id)
    return f"{get_settings().public_url}{account_order_return(order.number)}"


def approved(session: Session, row: ReturnRequest) -> OutboxMessage | None:
    return _send(session, row, "Your return %(number)s was approved",
                 [("The seller approved your return %(number)s.", {}),
                  ("Print the return label, stick it on the parcel and hand it to the carrier: %(link)s",
                   {"link": _link(session, row)}),
                  ("Tracking number of the return parcel: %(tracking)s", {"tracking": row.tracking_number or ""})])


def declined(session: Session, row: ReturnRequest, reason: str) -> OutboxMessage | None:
    return _send(session, row, "Your return %(number)s was declined",
                 [("The seller declined your return %(number)s.", {}), ("Reason: %(reason)s", {"reason": reason})])


def refunded(session: Session, row: ReturnRequest, amount: Money, duty_note: str,
             duty_params: dict[str, object]) -> OutboxMessage | None:
    order = session.get(VendorOrder, row.vendor_order_id)
    group = session.get(OrderGroup, order.group_id)
    lang = (group.lang if group else "en") or "en"
    params = {**duty_params, "country": country_name(str(duty_params.get("country", "")), format_locale(lang))}
    note = translate(lang, duty_note, **params)
    return _send(session, row, "Your return %(number)s was refunded",
                 [("The seller received your return %(number)s.", {}),
                  ("%(amount)s will be refunded to your card.", {}), ("%(note)s", {"note": note})], amount=amount)


def sent_back(session: Session, row: ReturnRequest) -> OutboxMessage | None:
    if row.kind == "exchange":
        subject, first = "Your replacement for %(number)s is on its way", "We sent your replacement for return %(number)s."
    else:
        subject, first = ("Your repaired item for %(number)s is on its way",
                          "We sent your repaired item back for return %(number)s.")
    return _send(session, row, subject,
                 [(first, {}), ("Tracking number: %(tracking)s", {"tracking": row.outbound_tracking or ""})])

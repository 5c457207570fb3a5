"""Words for return requests on screens and in e-mails: labels of kinds, reasons and statuses (English msgids,
translated where shown) and the rows the shopper and seller pages show, built from ``orders.returns_queries``
read models (pure: no database, no Reflex).

Contract: :func:`summary_row(lang, summary)` -> :class:`ReturnRow` with every text already translated and
formatted in ``lang``'s locale; document links are the access-checked ``routes.return_document`` URLs and
are empty when that document was never stored.
"""

from __future__ import annotations

from dataclasses import dataclass

from marketplace import routes
from marketplace.core import formatting
from marketplace.core.i18n import N_, format_locale, translate
from marketplace.orders.returns_queries import ReturnSummary
from marketplace.orders.returns_status import ReturnKind, ReturnReason, ReturnStatus

KIND_LABELS: dict[str, str] = {
    ReturnKind.RETURN: N_("Return for a refund"),
    ReturnKind.EXCHANGE: N_("Exchange for the same item"),
    ReturnKind.REPAIR: N_("Repair"),
}
REASON_LABELS: dict[str, str] = {
    ReturnReason.DAMAGED: N_("Arrived damaged"),
    ReturnReason.DEFECTIVE: N_("Does not work"),
    ReturnReason.WRONG_ITEM: N_("Wrong item sent"),
    ReturnReason.NOT_AS_DESCRIBED: N_("Not as described"),
    ReturnReason.DOES_NOT_FIT: N_("Does not fit"),
    ReturnReason.CHANGED_MIND: N_("Changed my mind"),
}
STATUS_LABELS: dict[str, str] = {
    ReturnStatus.REQUESTED: N_("Requested"),
    ReturnStatus.APPROVED: N_("Approved: send it back"),
    ReturnStatus.DECLINED: N_("Declined"),
    ReturnStatus.IN_TRANSIT: N_("On its way back"),
    ReturnStatus.RECEIVED: N_("Received by the seller"),
    ReturnStatus.REFUNDED: N_("Refunded"),
    ReturnStatus.EXCHANGED: N_("Replacement sent"),
    ReturnStatus.REPAIRED: N_("Repaired item sent"),
}
STATUS_COLORS: dict[str, str] = {
    ReturnStatus.REQUESTED: "amber", ReturnStatus.APPROVED: "blue", ReturnStatus.DECLINED: "red",
    ReturnStatus.IN_TRANSIT: "blue", ReturnStatus.RECEIVED: "violet", ReturnStatus.REFUNDED: "grass",
    ReturnStatus.EXCHANGED: "grass", ReturnStatus.REPAIRED: "grass",
}


def label(lang: str, labels: dict[str, str], value: str) -> str:
    return translate(lang, labels[value]) if value in labels else value.replace("_", " ").capitalize()


@dataclass(frozen=True)
class ReturnRow:
    number: str = ""
    href: str = ""  # the seller's page of this return
    order_number: str = ""
    vendor: str = ""
    kind: str = ""  # stored value
    kind_label: str = ""
    status: str = ""  # stored value
    status_label: str = ""
    color: str = "gray"
    date: str = ""
    units: str = ""
    refund: str = ""
    tracking: str = ""
    label_href: str = ""
    customs_href: str = ""
    outbound_tracking: str = ""
    outbound_href: str = ""
    decline_reason: str = ""


def summary_row(lang: str, summary: ReturnSummary) -> ReturnRow:
    locale = format_locale(lang)
    return ReturnRow(
        number=summary.number, href=routes.seller_return(summary.number), order_number=summary.order_number,
        vendor=summary.vendor_name, kind=summary.kind, kind_label=label(lang, KIND_LABELS, summary.kind),
        status=summary.status, status_label=label(lang, STATUS_LABELS, summary.status),
        color=STATUS_COLORS.get(summary.status, "gray"), date=formatting.format_date(summary.created_at, locale),
        units=formatting.format_number(summary.units, locale),
        refund=formatting.format_money(summary.refund, locale) if summary.refund is not None else "",
        tracking=summary.tracking,
        label_href=routes.return_document(summary.number, "label") if summary.has_label else "",
        customs_href=routes.return_document(summary.number, "customs") if summary.has_customs else "",
        outbound_tracking=summary.outbound_tracking,
        outbound_href=routes.return_document(summary.number, "outbound") if summary.has_outbound else "",
        decline_reason=summary.decline_reason)

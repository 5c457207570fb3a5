"""A seller with a real paid order (sale + commission written by checkout) plus hand-written ledger entries on
fixed dates, and another vendor with its own entries (canaries that must never show on the first one's pages)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from sqlmodel import Session, select

from marketplace.models import LedgerEntry, Payout, VendorOrder
from tests.integration.orders.fulfilment_world import World, placed_order

NOV = datetime(2026, 11, 10, 9, 0, tzinfo=UTC)
OTHER_MEMO = "canary of the other vendor"


@dataclass
class MoneyWorld:
    world: World
    number: str
    other_vendor_id: int


def _entry(session: Session, vendor_id: int, kind: str, minor: int, at: datetime, memo: str,
           order_id: int | None = None, payout_id: int | None = None) -> None:
    session.add(LedgerEntry(vendor_id=vendor_id, kind=kind, amount_minor=minor, amount_currency="JPY",
                            vendor_order_id=order_id, payout_id=payout_id, memo=memo, created_at=at, available_at=at))


def money_world(engine, *, adjustments: int = 0) -> MoneyWorld:
    world = placed_order(engine)
    with Session(engine) as session:
        number = session.get(VendorOrder, world.order_id).number
        vendor_id, other = world.vendor_id, world.other_seller.vendor_id
        payout = Payout(vendor_id=vendor_id, amount_minor=1000, amount_currency="JPY", status="paid",
                        external_id="po_test_1", created_at=NOV, paid_at=NOV)
        session.add(payout)
        session.flush()
        _entry(session, vendor_id, "adjustment", 5000, datetime(2026, 11, 1, tzinfo=UTC), "=HYPERLINK(\"x\")")
        _entry(session, vendor_id, "payout", -1000, NOV, "payout", payout_id=payout.id)
        _entry(session, vendor_id, "refund", -700, datetime(2026, 11, 20, tzinfo=UTC), "refund", world.order_id)
        for i in range(adjustments):
            _entry(session, vendor_id, "adjustment", 1, datetime(2026, 10, 1, 0, i, tzinfo=UTC), f"bulk {i}")
        _entry(session, other, "adjustment", 99999, datetime(2026, 11, 5, tzinfo=UTC), OTHER_MEMO)
        session.commit()
        assert session.exec(select(LedgerEntry).where(LedgerEntry.vendor_id == vendor_id,
                                                      LedgerEntry.kind == "sale")).first() is not None
    return MoneyWorld(world, number, other)

"""The demo seed's paid orders, on SQLite and PostgreSQL: after the catalogue seed, the demo shopper's orders
are placed through the real checkout, so seller A (kyoto) has two paid orders to accept and seller B one,
with their stock taken and their sales in the ledger."""

from __future__ import annotations

from sqlmodel import Session, select

from marketplace.checkout.demo_orders import _variant_of, place_demo_orders
from marketplace.demo.seed import seed
from marketplace.models import LedgerEntry, OrderLine, User, Variant, Vendor, VendorOrder
from marketplace.orders.seller_orders import seller_orders
from tests.factories_account import caller


def test_the_demo_sellers_have_paid_orders_to_accept(db_engine, tmp_path):
    with Session(db_engine) as session:
        seed(session, tmp_path, draw_images=False)
        session.commit()
        variant_id = _variant_of(session, "kyoto-kiln")
        stock_before = session.get(Variant, variant_id).stock
    numbers = place_demo_orders(db_engine, "shopper@meridian.test", ("kyoto-kiln", "kyoto-kiln", "navigli-pelle"))
    assert len(numbers) == 3
    with Session(db_engine) as session:
        for email, expected in (("kyoto@meridian.test", 2), ("milano@meridian.test", 1)):
            seller = caller(session, session.exec(select(User).where(User.email == email)).one())
            rows = seller_orders(session, seller, "to_accept").rows
            assert len(rows) == expected and {row.payment_status for row in rows} == {"paid"}
        kyoto = session.exec(select(Vendor).where(Vendor.slug == "kyoto-kiln")).one()
        orders = session.exec(select(VendorOrder).where(VendorOrder.vendor_id == kyoto.id)).all()
        sales = session.exec(select(LedgerEntry).where(LedgerEntry.vendor_id == kyoto.id)).all()
        assert sales and sum(entry.amount_minor for entry in sales) > 0
        lines = session.exec(select(OrderLine).where(OrderLine.vendor_order_id.in_([o.id for o in orders]))).all()
        assert {line.variant_id for line in lines} == {variant_id} and all(line.hs_code for line in lines)
        assert session.get(Variant, variant_id).stock == stock_before - 2  # both units taken from stock

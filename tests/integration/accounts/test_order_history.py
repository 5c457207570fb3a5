"""A shopper's orders: only their own, newest first, with parcels, statuses, tracking and frozen amounts."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from marketplace.core.errors import NotFound
from marketplace.core.money import Money
from marketplace.orders import history
from tests import factories_account as fa


def test_the_list_holds_only_my_orders_newest_first(shop):
    s = shop.session
    old = fa.order(s, shop.alice, [(shop.kyoto, [(shop.mug, 2)])], created_at=datetime(2026, 10, 1, tzinfo=UTC))
    new = fa.order(s, shop.alice, [(shop.kyoto, [(shop.mug, 1)]), (shop.milano, [(shop.bag, 1)])],
                   created_at=datetime(2026, 11, 1, tzinfo=UTC))
    fa.order(s, shop.bob, [(shop.milano, [(shop.bag, 3)])])
    s.commit()

    orders = history.my_orders(s, shop.alice.id)

    assert [o.number for o in orders] == [new.number, old.number]
    assert (orders[0].parcels, orders[0].items, orders[1].items) == (2, 2, 2)
    assert orders[0].total == Money(new.total_minor, "EUR")
    assert history.my_orders(s, shop.bob.id)[0].number not in {new.number, old.number}


def test_the_detail_shows_parcels_lines_tracking_and_the_frozen_breakdown(shop):
    s = shop.session
    group = fa.order(s, shop.alice, [(shop.kyoto, [(shop.mug, 2)]), (shop.milano, [(shop.bag, 1)])],
                     status="shipped", duty_minor=300, tax_minor=700)
    kyoto_order = fa.vendor_orders(s, group)[0]
    fa.shipment(s, kyoto_order, tracking="EJ123456789JP")
    s.commit()

    detail = history.my_order(s, shop.alice.id, group.number)

    assert detail.total == Money(group.total_minor, "EUR")
    assert detail.goods + detail.shipping + detail.duty + detail.tax + detail.fees == detail.total
    first, second = detail.vendor_orders
    assert (first.vendor_name, first.status, first.payment_status) == (shop.kyoto.display_name, "shipped", "paid")
    assert [(line.product_name, line.quantity, line.total) for line in first.lines] == [
        ("Tea mug", 2, Money(5000, "EUR"))]
    assert [sh.tracking_number for sh in first.shipments] == ["EJ123456789JP"]
    assert second.shipments == () and second.lines[0].product_name == "Leather bag"
    assert all(status in history.STATUS_LABELS for status in (first.status, second.status))


@pytest.mark.parametrize("number", ["MRD-NOPE", "", None, 12, ["MRD"], "x" * 500])
def test_an_unknown_or_malformed_number_is_not_found(shop, number):
    with pytest.raises(NotFound) as missing:
        history.my_order(shop.session, shop.alice.id, number)
    assert missing.value.message == "We couldn't find that order."


def test_another_shoppers_order_is_not_found_with_the_same_message(shop):
    s = shop.session
    group = fa.order(s, shop.alice, [(shop.kyoto, [(shop.mug, 1)])])
    s.commit()

    with pytest.raises(NotFound) as theirs:
        history.my_order(s, shop.bob.id, group.number)
    with pytest.raises(NotFound) as nobodys:
        history.my_order(s, shop.bob.id, "MRD-00000000")

    assert theirs.value.message == nobodys.value.message
    assert history.my_orders(s, shop.bob.id) == []

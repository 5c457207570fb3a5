"""The seller's stock page services on SQLite and PostgreSQL: filters and search, bulk set/add with a note
(all or nothing, history rows with the seller as actor), thresholds, history; another seller's variants are
refused and unchanged; suspended shops cannot edit; and a manual change racing checkouts never oversells."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlmodel import Session, select

from marketplace.catalog.error_codes import CatalogErrorCode
from marketplace.core.db import immediate_scope
from marketplace.core.errors import NotFound, PermissionDenied, ValidationError
from marketplace.models import AuditLog, Role, StockChange, Variant, Vendor, VendorStatus
from marketplace.orders import stock
from marketplace.orders.stock import OutOfStock
from marketplace.vendors import stock_portal
from marketplace.vendors.error_codes import VendorErrorCode
from tests import factories
from tests.factories_account import caller


@pytest.fixture
def shop(db_engine):
    with Session(db_engine) as session:
        vendor, other = factories.vendor(session), factories.vendor(session)
        category = factories.category(session)
        mugs = factories.product(session, vendor, category, name="Kyoto mug", stock=12, variants=2)
        bowl = factories.product(session, vendor, category, name="Rice bowl", stock=3)
        plate = factories.product(session, vendor, category, name="Plate", stock=0)
        theirs = factories.product(session, other, category, name="Their vase", stock=7)
        ids = {p.name: [v.id for v in session.exec(select(Variant).where(Variant.product_id == p.id)
                                                    .order_by(Variant.id)).all()]
               for p in (mugs, bowl, plate, theirs)}
        seller = caller(session, factories.user(session, role=Role.SELLER, vendor=vendor))
        other_seller = caller(session, factories.user(session, role=Role.SELLER, vendor=other))
        shopper = caller(session, factories.user(session))
        session.commit()
        return {"ids": ids, "seller": seller, "other": other_seller, "shopper": shopper, "vendor_id": vendor.id}


def _page(engine, who, **kwargs):
    with Session(engine) as session:
        return stock_portal.stock_page(session, who, **kwargs)


def _edit(engine, who, ids, mode, quantity, note=""):
    with immediate_scope(engine) as session:
        return stock_portal.edit_stock(session, who, ids, mode, quantity, note)


def _stock(engine, variant_id):
    with Session(engine) as session:
        return session.get(Variant, variant_id).stock


def _changes(engine) -> int:
    with Session(engine) as session:
        return len(session.exec(select(StockChange)).all())


def test_the_page_lists_only_my_variants_low_and_sold_out_first(db_engine, shop):
    page = _page(db_engine, shop["seller"])
    assert [row.product_name for row in page.rows] == ["Plate", "Rice bowl", "Kyoto mug", "Kyoto mug"]
    assert [row.state for row in page.rows] == ["out", "low", "ok", "ok"]
    assert (page.low, page.out, page.total) == (1, 1, 4)
    assert [r.product_name for r in _page(db_engine, shop["seller"], show="low").rows] == ["Rice bowl"]
    assert [r.product_name for r in _page(db_engine, shop["seller"], show="out").rows] == ["Plate"]
    sku = page.rows[2].sku
    assert [r.sku for r in _page(db_engine, shop["seller"], query=sku.lower()).rows] == [sku]
    assert [r.product_name for r in _page(db_engine, shop["seller"], query="MUG").rows] == ["Kyoto mug"] * 2
    assert _page(db_engine, shop["seller"], query="vase").rows == []


@pytest.mark.parametrize("kwargs", [{"show": "hidden"}, {"show": None}, {"query": "x" * 101}, {"query": 5}])
def test_bad_filters_are_refused(db_engine, shop, kwargs):
    with pytest.raises(ValidationError):
        _page(db_engine, shop["seller"], **kwargs)


def test_bulk_set_and_add_write_history_with_the_seller_and_note(db_engine, shop):
    mugs = shop["ids"]["Kyoto mug"]
    bowl = shop["ids"]["Rice bowl"][0]
    assert _edit(db_engine, shop["seller"], mugs + [bowl], "set", 20, "Stocktake") == 3
    assert [_stock(db_engine, v) for v in mugs + [bowl]] == [20, 20, 20]
    assert _edit(db_engine, shop["seller"], [bowl], "add", -4, " Broken  in transit ") == 1
    assert _stock(db_engine, bowl) == 16
    with Session(db_engine) as session:
        history = stock_portal.variant_history(session, shop["seller"], bowl)
    assert [(h.reason, h.delta, h.stock_after, h.reference) for h in history] == [
        ("manual", -4, 16, "Broken in transit"), ("manual", 17, 20, "Stocktake")]
    assert history[0].actor == shop["seller"].display_name
    assert _edit(db_engine, shop["seller"], [bowl], "set", 16) == 0  # the same level: no row


def test_a_bulk_edit_is_all_or_nothing(db_engine, shop):
    mugs, plate = shop["ids"]["Kyoto mug"], shop["ids"]["Plate"][0]
    with pytest.raises(ValidationError) as raised:
        _edit(db_engine, shop["seller"], mugs + [plate], "add", -5)  # the plate has 0
    assert raised.value.code == CatalogErrorCode.STOCK_NEGATIVE
    assert [_stock(db_engine, v) for v in mugs + [plate]] == [12, 12, 0]
    assert _changes(db_engine) == 0


@pytest.mark.parametrize("ids, mode, quantity, code", [
    ([], "set", 1, VendorErrorCode.STOCK_SELECTION_INVALID),
    (list(range(1, 102)), "set", 1, VendorErrorCode.STOCK_SELECTION_INVALID),
    ("1,2", "set", 1, VendorErrorCode.STOCK_SELECTION_INVALID),
    (None, "add", 0, CatalogErrorCode.STOCK_QUANTITY_INVALID),
    (None, "set", -1, CatalogErrorCode.STOCK_QUANTITY_INVALID),
    (None, "set", 1_000_001, CatalogErrorCode.STOCK_QUANTITY_INVALID),
    (None, "set", "5", CatalogErrorCode.STOCK_QUANTITY_INVALID),
    (None, "set", True, CatalogErrorCode.STOCK_QUANTITY_INVALID),
    (None, "set", 2.5, CatalogErrorCode.STOCK_QUANTITY_INVALID),
    (None, "replace", 1, VendorErrorCode.STOCK_MODE_INVALID),
])
def test_malformed_edits_are_refused_and_change_nothing(db_engine, shop, ids, mode, quantity, code):
    ids = shop["ids"]["Kyoto mug"] if ids is None else ids
    with pytest.raises(ValidationError) as raised:
        _edit(db_engine, shop["seller"], ids, mode, quantity)
    assert raised.value.code == code
    assert _changes(db_engine) == 0


def test_a_note_over_120_characters_is_refused(db_engine, shop):
    with pytest.raises(ValidationError) as raised:
        _edit(db_engine, shop["seller"], shop["ids"]["Rice bowl"], "set", 9, "n" * 121)
    assert raised.value.code == CatalogErrorCode.STOCK_NOTE_TOO_LONG
    assert _stock(db_engine, shop["ids"]["Rice bowl"][0]) == 3


def test_another_sellers_variant_is_refused_unchanged_and_audited(db_engine, shop):
    vase = shop["ids"]["Their vase"][0]
    mine = shop["ids"]["Rice bowl"][0]
    for action in (lambda s: stock_portal.edit_stock(s, shop["seller"], [mine, vase], "set", 99, ""),
                   lambda s: stock_portal.set_threshold(s, shop["seller"], vase, 1),
                   lambda s: stock_portal.variant_history(s, shop["seller"], vase)):
        with pytest.raises(NotFound) as raised, immediate_scope(db_engine) as session:
            action(session)
        assert raised.value.code == VendorErrorCode.VARIANT_OF_OTHER_SELLER
    assert (_stock(db_engine, vase), _stock(db_engine, mine)) == (7, 3)
    with Session(db_engine) as session:
        assert session.get(Variant, vase).low_stock_threshold == 5
        denied = session.exec(select(AuditLog).where(AuditLog.action == "seller.denied")).all()
    assert {row.entity_id for row in denied} == {str(vase)}
    with pytest.raises(NotFound):  # an id that does not exist answers the same
        _edit(db_engine, shop["seller"], [987654], "set", 1)


@pytest.mark.parametrize("who", ["shopper", None])
def test_only_sellers_reach_stock(db_engine, shop, who):
    with pytest.raises(PermissionDenied):
        _page(db_engine, shop[who] if who else None)
    with pytest.raises(PermissionDenied):
        _edit(db_engine, shop[who] if who else None, shop["ids"]["Rice bowl"], "set", 1)


def test_a_suspended_shop_cannot_edit_stock(db_engine, shop):
    with Session(db_engine) as session:
        vendor = session.get(Vendor, shop["vendor_id"])
        vendor.status = VendorStatus.SUSPENDED
        session.add(vendor)
        session.commit()
    with pytest.raises(PermissionDenied) as raised:
        _edit(db_engine, shop["seller"], shop["ids"]["Rice bowl"], "set", 10)
    assert raised.value.code == VendorErrorCode.SHOP_LOCKED
    assert _page(db_engine, shop["seller"]).total == 4  # reading stays open


def test_thresholds_change_what_counts_as_low(db_engine, shop):
    mug = shop["ids"]["Kyoto mug"][0]
    with immediate_scope(db_engine) as session:
        assert stock_portal.set_threshold(session, shop["seller"], mug, 12) == 12
    assert _page(db_engine, shop["seller"]).low == 2
    for bad in (-1, 10_001, "3", None):
        with pytest.raises(ValidationError) as raised, immediate_scope(db_engine) as session:
            stock_portal.set_threshold(session, shop["seller"], mug, bad)
        assert raised.value.code == CatalogErrorCode.THRESHOLD_INVALID
    with Session(db_engine) as session:
        assert stock_portal.stock_alerts(session, shop["seller"]) == stock_portal.StockAlerts(low=2, out=1)


def test_setting_zero_while_units_are_held_leaves_the_holds_to_their_checkouts(db_engine, shop):
    bowl = shop["ids"]["Rice bowl"][0]  # 3 in stock
    stock.reserve(db_engine, "checkout-a", {bowl: 2})
    assert _page(db_engine, shop["seller"], query="rice").rows[0].held == 2
    _edit(db_engine, shop["seller"], [bowl], "set", 0, "Found breakage")
    assert _stock(db_engine, bowl) == 0
    assert stock.commit(db_engine, "checkout-a") == 1  # the held checkout still pays for its units
    with pytest.raises(OutOfStock):
        stock.reserve(db_engine, "checkout-b", {bowl: 1})
    with pytest.raises(ValidationError) as raised:  # and nothing can take the held units from below
        _edit(db_engine, shop["seller"], [bowl], "add", -1)
    assert raised.value.code == CatalogErrorCode.STOCK_NEGATIVE


def test_a_manual_set_racing_checkouts_never_oversells_or_loses_an_update(db_engine, shop):
    bowl = shop["ids"]["Rice bowl"][0]
    _edit(db_engine, shop["seller"], [bowl], "set", 10)
    buyers = 12
    start = threading.Barrier(buyers + 1)

    def buy(n: int) -> str:
        start.wait()
        try:
            stock.reserve(db_engine, f"race-{n}", {bowl: 1})
        except OutOfStock:
            return "out"
        return "ok"

    def clear() -> str:
        start.wait()
        _edit(db_engine, shop["seller"], [bowl], "set", 0, "Recount")
        return "set"

    with ThreadPoolExecutor(max_workers=buyers + 1) as pool:
        futures = [pool.submit(buy, n) for n in range(buyers)] + [pool.submit(clear)]
        outcomes = [future.result(timeout=60) for future in futures]
    held = stock.held_units(db_engine, bowl)
    with Session(db_engine) as session:
        recount = session.exec(select(StockChange).where(StockChange.variant_id == bowl,
                                                         StockChange.reference == "Recount")).first()
    taken_by_recount = -recount.delta if recount else 0
    # then the stock is 0 (nothing can be reserved after the recount), every unit is either held or removed by
    # the recount, and no more units were held than there were
    assert _stock(db_engine, bowl) == 0
    assert held == outcomes.count("ok") <= 10
    assert held + taken_by_recount == 10

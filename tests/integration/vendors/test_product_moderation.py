"""Product moderation on SQLite and PostgreSQL: shoppers' reports (duplicate, rate limit), keyword and
customs-edit flags, staff approve / hide / remove with the storefront, the seller's notice, e-mails, audit and
who may do it."""

from __future__ import annotations

import pytest
from sqlmodel import Session, select

from marketplace.core.errors import NotAuthenticated, NotFound, PermissionDenied, Throttled, ValidationError
from marketplace.models import (
    AuditLog,
    ModerationKeyword,
    OutboxMessage,
    Product,
    ProductFlag,
    ProductStatus,
    Role,
    Variant,
)
from marketplace.vendors import product_moderation as pm
from tests import factories, factories_account


@pytest.fixture
def shop(db_engine):
    with Session(db_engine) as session:
        vendor = factories.vendor(session)
        category = factories.category(session)
        products = [factories.product(session, vendor, category) for _ in range(7)]
        callers = {name: factories_account.caller(session, factories.user(session, role, staff_role=staff_role))
                   for name, role, staff_role in (("moderator", Role.STAFF, "moderator"),
                                                  ("support", Role.STAFF, "support"),
                                                  ("finance", Role.STAFF, "finance"), ("admin", Role.ADMIN, None),
                                                  ("shopper", Role.SHOPPER, None))}
        callers["seller"] = factories_account.caller(session, factories.user(session, Role.SELLER, vendor=vendor))
        session.commit()
        yield session, [p.id for p in products], callers


def test_a_report_needs_a_signed_in_shopper_a_reason_and_is_once_per_product(shop):
    session, ids, callers = shop
    with pytest.raises(NotAuthenticated):
        pm.report_product(session, None, ids[0], "counterfeit")
    for reason, text in (("nonsense", ""), (None, ""), ("other", "x" * 1001), ("other", 5)):
        with pytest.raises(ValidationError):
            pm.report_product(session, callers["shopper"], ids[0], reason, text)
    flag = pm.report_product(session, callers["shopper"], ids[0], "counterfeit", "Looks fake")
    assert (flag.source, flag.reason, flag.text) == ("report", "counterfeit", "Looks fake")
    with pytest.raises(ValidationError):
        pm.report_product(session, callers["shopper"], ids[0], "other")


def test_reports_are_rate_limited_to_five_an_hour(shop):
    session, ids, callers = shop
    for product_id in ids[:5]:
        pm.report_product(session, callers["shopper"], product_id, "other")
    with pytest.raises(Throttled):
        pm.report_product(session, callers["shopper"], ids[5], "other")


def test_keyword_and_customs_edit_flags_but_not_price_edits(shop):
    session, ids, callers = shop
    product = session.get(Product, ids[0])
    product.name = "Replica watch"
    session.add(product)
    assert [(f.source, f.reason) for f in pm.scan_product(session, ids[0])] == [("keyword", "replica")]
    assert pm.scan_product(session, ids[0]) == []  # already open
    pm.moderate_product(session, callers["moderator"], ids[0], "approve", "A toy, fine")
    before = pm.customs_snapshot(session, ids[0])
    variant = session.exec(select(Variant).where(Variant.product_id == ids[0])).first()
    variant.price_minor = (variant.price_minor or 0) + 100
    session.add(variant)
    assert [f.source for f in pm.scan_product(session, ids[0], before)] == ["keyword"]
    pm.moderate_product(session, callers["moderator"], ids[0], "approve", "Still fine")
    before = pm.customs_snapshot(session, ids[0])
    variant.origin_country = "CN" if variant.origin_country != "CN" else "JP"
    session.add(variant)
    assert {f.source for f in pm.scan_product(session, ids[0], before)} == {"keyword", "edited"}


def test_hide_then_approve_restores_and_the_seller_reads_the_reason(shop):
    session, ids, callers = shop
    pm.report_product(session, callers["shopper"], ids[1], "offensive")
    queue = pm.product_queue(session, callers["moderator"])
    assert [q.product_id for q in queue] == [ids[1]] and queue[0].sources == {"report": 1}
    for reason in (None, "", "  ", "x" * 501):
        with pytest.raises(ValidationError):
            pm.moderate_product(session, callers["moderator"], ids[1], "hide", reason)
    pm.moderate_product(session, callers["moderator"], ids[1], "hide", "Offensive picture")
    session.commit()
    assert session.get(Product, ids[1]).status == ProductStatus.BLOCKED
    notice = pm.seller_notice(session, ids[1])
    assert notice is not None and notice.reason == "Offensive picture" and not notice.removed
    assert pm.product_queue(session, callers["moderator"]) == []
    assert session.exec(select(AuditLog).where(AuditLog.action == "product.hidden")).one().detail["reason"] \
        == "Offensive picture"
    assert session.exec(select(OutboxMessage)).all()  # the shop's members are told
    pm.moderate_product(session, callers["admin"], ids[1], "approve", "Picture changed")
    assert session.get(Product, ids[1]).status == ProductStatus.ACTIVE
    assert pm.seller_notice(session, ids[1]) is None


def test_remove_is_for_good(shop):
    session, ids, callers = shop
    pm.moderate_product(session, callers["moderator"], ids[2], "remove", "Ivory")
    assert session.get(Product, ids[2]).status == ProductStatus.BLOCKED
    assert pm.seller_notice(session, ids[2]).removed
    with pytest.raises(ValidationError):
        pm.moderate_product(session, callers["moderator"], ids[2], "approve", "Oops")
    with pytest.raises(ValidationError):
        pm.moderate_product(session, callers["moderator"], ids[3], "approve", "Nothing to approve")
    with pytest.raises(ValidationError):
        pm.moderate_product(session, callers["moderator"], ids[3], "delete", "x")


def test_keywords_are_managed_by_staff(shop):
    session, _, callers = shop
    pm.remove_keyword(session, callers["moderator"], session.exec(
        select(ModerationKeyword.id).where(ModerationKeyword.phrase == "fake designer")).one())
    row = pm.add_keyword(session, callers["moderator"], "  Fake   Designer ")
    assert row.phrase == "fake designer"
    for bad in ("", "   ", "x" * 81, "replica", 3):
        with pytest.raises(ValidationError):
            pm.add_keyword(session, callers["moderator"], bad)
    phrases = [k.phrase for k in pm.keywords(session, callers["admin"])]
    assert "fake designer" in phrases and "replica" in phrases  # "replica" is seeded by the migration
    pm.remove_keyword(session, callers["moderator"], row.id)
    assert "fake designer" not in [k.phrase for k in pm.keywords(session, callers["admin"])]


@pytest.mark.parametrize("who", ["support", "finance", "seller", "shopper"])
def test_only_moderators_and_admins(shop, who):
    session, ids, callers = shop
    pm.report_product(session, callers["moderator"], ids[0], "other")
    for call in (lambda: pm.product_queue(session, callers[who]),
                 lambda: pm.moderate_product(session, callers[who], ids[0], "hide", "x"),
                 lambda: pm.keywords(session, callers[who]),
                 lambda: pm.add_keyword(session, callers[who], "abc"),
                 lambda: pm.product_queue(session, None)):
        with pytest.raises(PermissionDenied):
            call()
    assert session.get(Product, ids[0]).status == ProductStatus.ACTIVE
    assert session.exec(select(ProductFlag)).one().resolved_at is None


def test_the_seller_save_path_flags_and_hiding_takes_it_off_the_storefront(db_engine):
    from marketplace.catalog.queries import product_detail
    from marketplace.catalog.search import SearchParams, search
    from marketplace.vendors import catalogue
    from tests.integration.vendors.editor_world import build, product_input, variant

    with Session(db_engine) as s:
        world = build(s)
        staff = factories_account.caller(s, factories.user(s, Role.STAFF, staff_role="moderator"))
        product_id = catalogue.save_product(s, world.seller_a, None, product_input(
            world.category.id, description="A replica of a famous mug."))
        catalogue.publish(s, world.seller_a, product_id)
        s.commit()
        queue = pm.product_queue(s, staff)
        assert [(q.product_id, q.sources) for q in queue] == [(product_id, {"keyword": 1})]
        def listed() -> bool:
            return "Stoneware mug" in [c.name for c in search(s, SearchParams(query="stoneware"), "en", "EUR", "DE",
                                                                24).items]
        assert listed()
        pm.moderate_product(s, staff, product_id, "hide", "Replicas are not allowed")
        s.commit()
        assert not listed()
        slug = s.get(Product, product_id).slug
        with pytest.raises(NotFound):  # the product page is gone too
            product_detail(s, slug, "en")
        variant_id = catalogue.load_product(s, world.seller_a, product_id).variants[0].id
        catalogue.save_product(s, world.seller_a, product_id, product_input(
            world.category.id, (variant_id, variant("MUG-S")), description="An original mug."))
        s.commit()
        assert pm.product_queue(s, staff)[0].sources == {"edited": 1}
        with pytest.raises(PermissionDenied):
            catalogue.publish(s, world.seller_a, product_id)
        pm.moderate_product(s, staff, product_id, "approve", "Now original")
        s.commit()
        assert s.get(Product, product_id).status == ProductStatus.ACTIVE and listed()
        pm.moderate_product(s, staff, product_id, "remove", "Sold replicas again")
        s.commit()
        with pytest.raises(ValidationError):
            catalogue.save_product(s, world.seller_a, product_id, product_input(
                world.category.id, (variant_id, variant("MUG-S"))))


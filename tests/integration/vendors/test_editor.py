"""The catalogue editor: a seller creates a draft with variants, is told why it cannot be published until it is
complete, publishes it, edits it; SKUs are unique platform-wide; another seller's product is out of reach."""

from __future__ import annotations

import pytest
from sqlmodel import Session, select

from marketplace.catalog.error_codes import CatalogErrorCode
from marketplace.catalog.queries import product_detail
from marketplace.catalog.restriction_report import destinations
from marketplace.catalog.search import SearchParams, search
from marketplace.core.errors import PermissionDenied, ValidationError
from marketplace.models import AuditLog, Product, ProductStatus, ProductTranslation, Variant, VendorStatus
from marketplace.vendors import catalogue, portal
from tests.integration.vendors.editor_world import build, product_input, variant


@pytest.fixture
def world(db_engine):
    with Session(db_engine) as session:
        yield build(session)


def test_a_draft_with_two_variants_is_refused_until_complete_then_published_and_shown(world):
    s = world.session
    data = product_input(world.category.id, (None, variant("MUG-S", hs_code="", origin_country="")),
                         (None, variant("MUG-L", option1_value="Large", price="")))
    product_id = catalogue.save_product(s, world.seller_a, None, data)
    s.commit()
    product = s.get(Product, product_id)
    assert product.status == ProductStatus.DRAFT
    assert sorted(v.stock for v in s.exec(select(Variant).where(Variant.product_id == product_id))) == [5, 5]
    report = catalogue.publish_report(s, world.seller_a, product_id)
    assert [(p.message, p.params["sku"]) for p in report.problems] == [
        ("%(sku)s has no HS code.", "MUG-S"), ("%(sku)s has no country of origin.", "MUG-S"),
        ("%(sku)s has no price.", "MUG-L")]
    with pytest.raises(ValidationError) as refused:
        catalogue.publish(s, world.seller_a, product_id)
    assert refused.value.code == CatalogErrorCode.NOT_PUBLISHABLE
    with pytest.raises(ValidationError):  # the overview's "List" button obeys the same rules
        portal.set_listing_visibility(s, world.seller_a, product_id, True)
    s.rollback()

    edit = catalogue.load_product(s, world.seller_a, product_id)
    ids = [v.id for v in edit.variants]
    complete = product_input(world.category.id, (ids[0], variant("MUG-S")),
                             (ids[1], variant("MUG-L", option1_value="Large", price="22.00")))
    catalogue.save_product(s, world.seller_a, product_id, complete)
    assert catalogue.publish(s, world.seller_a, product_id) == ProductStatus.ACTIVE
    s.commit()
    detail = product_detail(s, s.get(Product, product_id).slug, "en")
    assert [v.sku for v in detail.variants] == ["MUG-S", "MUG-L"]
    assert [a.action for a in s.exec(select(AuditLog).where(AuditLog.entity_id == str(product_id))
                                      .order_by(AuditLog.id))] == ["product.created", "product.edited",
                                                                   "product.published"]
    assert "Stoneware mug" in [c.name for c in search(s, SearchParams(query="stoneware"), "en", "EUR", "DE", 24).items]


def test_a_sku_used_anywhere_on_the_platform_is_refused_with_its_name(world):
    taken = world.session.exec(select(Variant.sku).where(Variant.product_id == world.b_product.id)).first()
    data = product_input(world.category.id, (None, variant("MUG-S")), (None, variant(taken)))
    with pytest.raises(ValidationError) as refused:
        catalogue.save_product(world.session, world.seller_a, None, data)
    assert refused.value.code == CatalogErrorCode.SKU_TAKEN
    assert refused.value.field == "variants.1.sku" and refused.value.params["sku"] == taken
    world.session.rollback()
    assert world.session.exec(select(Product).where(Product.vendor_id == world.shop_a.id)).all() == []


@pytest.mark.parametrize(("overrides", "field", "code"), [
    ({"price": "18.001"}, "variants.0.price", CatalogErrorCode.PRICE_INVALID),
    ({"compare_at_price": "17.00"}, "variants.0.compare_at_price", CatalogErrorCode.COMPARE_AT_INVALID),
    ({"hs_code": "9999.99"}, "variants.0.hs_code", CatalogErrorCode.HS_INVALID),
    ({"origin_country": "XX"}, "variants.0.origin_country", CatalogErrorCode.ORIGIN_INVALID),
    ({"weight_g": ""}, "variants.0.weight_g", CatalogErrorCode.WEIGHT_INVALID),
    ({"sku": "bad sku!"}, "variants.0.sku", CatalogErrorCode.SKU_INVALID),
])
def test_bad_variant_fields_are_refused_by_field_and_nothing_is_saved(world, overrides, field, code):
    values = {"sku": "MUG-S"} | overrides
    data = product_input(world.category.id, (None, variant(values.pop("sku"), **values)))
    with pytest.raises(ValidationError) as refused:
        catalogue.save_product(world.session, world.seller_a, None, data)
    assert (refused.value.field, refused.value.code) == (field, code)
    world.session.rollback()
    assert world.session.exec(select(Variant).where(Variant.sku == "MUG-S")).first() is None


def test_seller_a_cannot_read_or_change_seller_b_products(world):
    s, b_id = world.session, world.b_product.id
    before = s.get(Product, b_id).name
    with pytest.raises(PermissionDenied):
        catalogue.load_product(s, world.seller_a, b_id)
    with pytest.raises(PermissionDenied):
        catalogue.save_product(s, world.seller_a, b_id, product_input(world.category.id, (None, variant("NEW-1"))))
    with pytest.raises(PermissionDenied):
        catalogue.publish(s, world.seller_a, b_id)
    with pytest.raises(PermissionDenied):
        catalogue.publish_report(s, world.seller_a, b_id)
    s.rollback()
    s.expire_all()
    assert s.get(Product, b_id).name == before
    assert s.exec(select(Variant).where(Variant.sku == "NEW-1")).first() is None
    # a variant id of B's product cannot be pulled into A's product either
    own = catalogue.save_product(s, world.seller_a, None, product_input(world.category.id))
    b_variant = s.exec(select(Variant.id).where(Variant.product_id == b_id)).first()
    with pytest.raises(Exception) as refused:
        catalogue.save_product(s, world.seller_a, own, product_input(world.category.id, (b_variant, variant("X-1"))))
    assert refused.value.code == CatalogErrorCode.VARIANT_NOT_FOUND


def test_a_pending_shop_saves_drafts_but_cannot_publish(db_engine):
    with Session(db_engine) as session:
        world = build(session, VendorStatus.PENDING)
        product_id = catalogue.save_product(session, world.seller_a, None, product_input(world.category.id))
        with pytest.raises(PermissionDenied) as refused:
            catalogue.publish(session, world.seller_a, product_id)
        assert refused.value.message == portal.LISTING_LOCKS[VendorStatus.PENDING]
        assert session.get(Product, product_id).status == ProductStatus.DRAFT


def test_a_blocked_product_stays_blocked_and_a_listed_one_stays_complete(world):
    s = world.session
    product_id = catalogue.save_product(s, world.seller_a, None, product_input(world.category.id))
    catalogue.publish(s, world.seller_a, product_id)
    s.commit()
    variant_id = catalogue.load_product(s, world.seller_a, product_id).variants[0].id
    with pytest.raises(ValidationError) as refused:  # removing the HS code of a listed product
        catalogue.save_product(s, world.seller_a, product_id,
                            product_input(world.category.id, (variant_id, variant("MUG-S", hs_code=""))))
    assert refused.value.code == CatalogErrorCode.NOT_PUBLISHABLE
    s.rollback()
    product = s.get(Product, product_id)
    product.status = ProductStatus.BLOCKED
    s.add(product)
    s.commit()
    catalogue.save_product(s, world.seller_a, product_id, product_input(world.category.id, (variant_id, variant("MUG-S")),
                                                                     name="Renamed mug"))
    with pytest.raises(PermissionDenied):
        catalogue.publish(s, world.seller_a, product_id)
    assert s.get(Product, product_id).status == ProductStatus.BLOCKED


def test_translations_are_saved_and_removed_and_the_shop_falls_back_to_english(world):
    s = world.session
    data = product_input(world.category.id, translations={"de": ("Steinzeugbecher", "Handgedreht.")})
    product_id = catalogue.save_product(s, world.seller_a, None, data)
    catalogue.publish(s, world.seller_a, product_id)
    slug = s.get(Product, product_id).slug
    assert product_detail(s, slug, "de").name == "Steinzeugbecher"
    variant_id = catalogue.load_product(s, world.seller_a, product_id).variants[0].id
    catalogue.save_product(s, world.seller_a, product_id, product_input(
        world.category.id, (variant_id, variant("MUG-S")), translations={"de": ("", "")}))
    assert s.exec(select(ProductTranslation).where(ProductTranslation.product_id == product_id)).all() == []
    assert product_detail(s, slug, "de").name == "Stoneware mug"
    with pytest.raises(ValidationError):
        catalogue.save_product(s, world.seller_a, product_id, product_input(
            world.category.id, (variant_id, variant("MUG-S")), translations={"fr": ("Mug", "")}))


def test_the_restricted_goods_check_names_each_destination_and_why():
    findings = {f.country: f for f in destinations([("821191", "Chef's knife")])}
    assert findings["GB"].level in {"warn", "block", "post_only_blocked"}
    assert any("knife" in reason for reason in findings["DE"].reasons)
    assert destinations([("691200", "Stoneware mug")]) == [] or all(f.level for f in destinations([("691200", "Mug")]))


def test_a_closed_shop_edits_nothing_and_a_suspended_one_only_its_drafts(db_engine):
    with Session(db_engine) as session:
        world = build(session)
        listed = catalogue.save_product(session, world.seller_a, None, product_input(world.category.id))
        catalogue.publish(session, world.seller_a, listed)
        draft = catalogue.save_product(session, world.seller_a, None,
                                       product_input(world.category.id, (None, variant("MUG-D")), name="Draft mug"))
        session.commit()

        world.shop_a.status = VendorStatus.SUSPENDED
        session.commit()
        catalogue.save_product(session, world.seller_a, draft, product_input(
            world.category.id, (None, variant("MUG-D2")), name="Draft mug, renamed"))  # drafts: still allowed
        with pytest.raises(PermissionDenied) as refused:  # the listing is not
            catalogue.save_product(session, world.seller_a, listed, product_input(world.category.id, name="Cheaper"))
        assert refused.value.code == "shop_locked"
        session.rollback()

        world.shop_a.status = VendorStatus.TERMINATED
        session.commit()
        for product_id in (None, draft):
            with pytest.raises(PermissionDenied) as refused:
                catalogue.save_product(session, world.seller_a, product_id, product_input(world.category.id))
            assert refused.value.code == "shop_action_not_allowed"
            session.rollback()
        assert session.get(Product, listed).name == "Stoneware mug"

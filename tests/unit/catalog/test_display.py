"""Market-aware display policy for one unit (catalog/display.py) and how cards present it (present/cards.py)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from marketplace.catalog.display import (
    LABEL_ESTIMATE,
    LABEL_INCL_VAT,
    LABEL_INCLUDED,
    LABEL_NONE,
    LABEL_RESTRICTED,
    UnitFacts,
    unit_display,
)
from marketplace.catalog.pricing import localise
from marketplace.catalog.views import ProductCard
from marketplace.core.money import Money, sum_money
from marketplace.present.cards import card

DAY = date(2026, 11, 25)
TEA_BOWL = UnitFacts(variant_id=101, price=Money(4800, "JPY"), hs_code="691200", origin_country="JP", weight_g=400,
                     vendor_country="JP", description="Hagi tea bowl")
HONEY = UnitFacts(variant_id=202, price=Money(1200, "EUR"), hs_code="040900", origin_country="FR", weight_g=500,
                  vendor_country="FR", description="Lavender honey")
BAG = UnitFacts(variant_id=303, price=Money(18900, "EUR"), hs_code="420221", origin_country="IT", weight_g=900,
                vendor_country="IT", description="Leather tote")


def _card(facts: UnitFacts, compare_at: Money | None = None) -> ProductCard:
    return ProductCard(id=facts.variant_id, slug=f"p-{facts.variant_id}", name=facts.description, price=facts.price,
                       compare_at=compare_at, rating_x10=45, review_count=3, vendor_name="Shop",
                       vendor_country=facts.vendor_country, image_path=None, in_stock=True,
                       variant_id=facts.variant_id, hs_code=facts.hs_code, origin_country=facts.origin_country,
                       weight_g=facts.weight_g)


def test_a_german_shopper_sees_duties_and_taxes_included_in_the_price():
    # given a Kyoto tea bowl priced in yen, when a shopper in Germany pays in euros
    shown = unit_display(TEA_BOWL, "EUR", "DE", DAY)
    # then the goods are the one conversion checkout uses, and the price includes duty and import VAT
    assert shown.mode == "included" and shown.incoterm == "DDP" and shown.label == LABEL_INCLUDED
    assert shown.goods == localise(TEA_BOWL.price, "EUR")
    assert shown.import_tax.minor > 0 and shown.duty.minor > 0  # 19 % VAT under IOSS, EU flat duty per subheading
    assert shown.shown == sum_money([shown.goods, shown.duty, shown.import_tax, shown.fees], "EUR")
    assert shown.shown > shown.goods


def test_the_card_for_a_german_shopper_says_duties_and_taxes_included():
    texts = card(_card(TEA_BOWL), "EUR", "en", ship_to="DE")
    display = unit_display(TEA_BOWL, "EUR", "DE")
    assert texts.note == "Duties & taxes included" and texts.note_kind == "included"
    assert texts.price == "€" + display.shown.amount_str()  # en_US formatting of the included price
    assert not texts.restricted and texts.restriction == ""


def test_an_intra_eu_sale_says_incl_vat_and_shows_the_sellers_price():
    shown = unit_display(BAG, "EUR", "DE", DAY)
    assert shown.mode == "incl_vat" and shown.label == LABEL_INCL_VAT
    assert shown.shown == Money(18900, "EUR") and not shown.charges


def test_a_us_shopper_sees_the_goods_price_and_a_separate_import_estimate():
    shown = unit_display(TEA_BOWL, "USD", "US", DAY)
    assert shown.mode == "estimate" and shown.incoterm == "DAP" and shown.label == LABEL_ESTIMATE
    assert shown.shown == shown.goods == localise(TEA_BOWL.price, "USD")
    assert shown.charges == shown.duty + shown.import_tax + shown.fees and shown.charges.minor > 0
    texts = card(_card(TEA_BOWL), "USD", "en", ship_to="US")
    assert texts.price == "$" + shown.goods.amount_str()
    assert texts.note == f"+ about ${shown.charges.amount_str()} import charges"


def test_a_domestic_sale_in_a_tax_exclusive_market_expects_no_import_charges():
    us_made = UnitFacts(variant_id=404, price=Money(2500, "USD"), hs_code="691200", origin_country="US",
                        weight_g=400, vendor_country="US", description="Mug")
    shown = unit_display(us_made, "USD", "US", DAY)
    assert shown.mode == "none_expected" and shown.label == LABEL_NONE and shown.shown == Money(2500, "USD")
    assert card(_card(us_made), "USD", "en", ship_to="US").note == "No import charges expected"


def test_yen_prices_have_no_decimals():
    shown = unit_display(BAG, "JPY", "JP", DAY)
    assert shown.goods.currency == "JPY" and shown.goods.exponent == 0
    texts = card(_card(BAG), "JPY", "en", ship_to="JP")
    assert texts.price.startswith("¥") and "." not in texts.price
    assert texts.note == "Duties & taxes included"


def test_an_item_the_destination_prohibits_is_flagged_with_the_reason():
    # given honey (a biosecurity risk) when a shopper in Australia looks at it
    shown = unit_display(HONEY, "AUD", "AU", DAY)
    # then it cannot ship there, and the reason is the rule's sentence; the page does not fail
    assert shown.restricted and shown.label == LABEL_RESTRICTED
    assert "Australia" in shown.reason and shown.reason_id == "restriction.biosecurity_au"
    texts = card(_card(HONEY), "AUD", "en", ship_to="AU")
    assert texts.note == "Cannot ship to Australia" and texts.note_kind == "restricted"
    assert texts.restricted and "biosecurity" in texts.restriction
    # while the same honey ships within the EU as usual
    assert unit_display(HONEY, "EUR", "DE", DAY).mode == "incl_vat"


def test_a_struck_through_compare_at_price_follows_the_same_policy():
    texts = card(_card(TEA_BOWL, compare_at=Money(6000, "JPY")), "EUR", "en", ship_to="DE")
    was = unit_display(UnitFacts(**{**TEA_BOWL.__dict__, "price": Money(6000, "JPY")}), "EUR", "DE")
    assert texts.compare_at == "€" + was.shown.amount_str()


def test_displays_are_cached_per_variant_market_and_day():
    first = unit_display(TEA_BOWL, "GBP", "GB", DAY)
    assert unit_display(TEA_BOWL, "GBP", "GB", DAY) is first
    assert unit_display(TEA_BOWL, "GBP", "GB", date(2026, 11, 26)) is not first


def test_cards_without_a_ship_to_keep_the_plain_converted_price():
    texts = card(_card(TEA_BOWL), "EUR", "en")
    assert texts.price == "€" + localise(TEA_BOWL.price, "EUR").amount_str()
    assert texts.note == "" and texts.note_kind == ""


def test_goods_the_post_refuses_are_shown_as_shippable_by_courier():
    # given a power bank (lithium cells: the post refuses them, couriers take them with a warning)
    power_bank = UnitFacts(variant_id=505, price=Money(3900, "USD"), hs_code="850760", origin_country="CN",
                           weight_g=300, vendor_country="CN", description="Power bank 10000 mAh")
    # when a German shopper looks at it, then it is not flagged and its price includes duties and taxes
    shown = unit_display(power_bank, "EUR", "DE", DAY)
    assert shown.mode == "included" and not shown.restricted


def test_the_restriction_rules_read_the_english_name_whatever_the_shoppers_language():
    # given a card shown in German, whose English name carries a keyword the rules read ("spray")
    german = replace(_card(HONEY), name="Haarspray", name_en="Hair spray", hs_code="330530")
    # then the engine is asked about the English name, as checkout asks, not the translated one
    from marketplace.present.cards import card_facts

    assert card_facts(german).description == "Hair spray"
    assert card_facts(replace(german, name_en="")).description == "Haarspray"  # a card built without it

"""Worked landed-cost examples, one or more per regime, written from the rule (cited) with the boundaries:
exactly at a threshold and one minor unit over. Duty rates are the verified MFN rates of the project's data
(6109.10 cotton T-shirts: EU 12 %, UK 12 %, US 16.5 %, CA 18 %; 6912.00 ceramic tableware)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from marketplace.crossborder.landed_cost import quote
from marketplace.crossborder.markets import default_currency
from marketplace.crossborder.quote_request import NotPermitted, parse_request

TSHIRT = "6109.10"


def M(amount: str, currency: str) -> dict:  # noqa: N802 - reads like the contract's M
    return {"amount": amount, "currency": currency}


def request(destination: str, price: str, priced_in: str, *, shipping: str = "0", qty: int = 1, hs: str = TSHIRT,
            origin: str = "CN", day: str = "2026-11-25", **extra) -> dict:
    data = {"date": day, "origin_country": origin, "destination_country": destination,
            "shipping": M(shipping, priced_in),
            "items": [{"sku": "A-1", "description": "Cotton T-shirt", "hs_code": hs, "origin_country": origin,
                       "quantity": qty, "unit_price": M(price, priced_in), "unit_weight_kg": "0.2"}]}
    data.update(extra)
    return data


def q(data: dict):
    return quote(parse_request(data))


def amount(money) -> str:  # noqa: ANN001
    return money.amount_str()


# --- EU: IOSS up to EUR 150 (Directive 2017/2455), flat EUR 3 per tariff subheading from 2026-07-01 ------------

def test_eu_ioss_with_the_flat_three_euro_duty():
    result = q(request("DE", "20.00", "EUR", shipping="5.00", qty=2))
    assert result.regime == "EU_IOSS"
    assert amount(result.duty) == "3.00"  # one subheading, quantity irrelevant
    assert amount(result.taxes) == "9.12"  # 19 % of (40 + 5 + 3)
    assert amount(result.total_landed_cost) == "57.12"
    assert amount(result.payable_at_checkout) == "57.12" and amount(result.payable_on_delivery) == "0.00"
    assert result.lines[0].duty_rate is None and result.lines[0].duty_basis == "flat_per_subheading"


def test_eu_flat_duty_counts_distinct_subheadings_not_items():
    data = request("FR", "10.00", "EUR", qty=3)
    data["items"].append({**data["items"][0], "sku": "A-2"})  # same subheading again
    data["items"].append({**data["items"][0], "sku": "B-1", "hs_code": "6912.00"})
    assert amount(q(data).duty) == "6.00"


def test_eu_before_july_2026_low_value_parcels_were_duty_free():
    result = q(request("DE", "20.00", "EUR", shipping="5.00", qty=2, day="2026-06-30"))
    assert result.regime == "EU_IOSS" and amount(result.duty) == "0.00"
    assert amount(result.taxes) == "8.55"  # 19 % of 45
    assert result.de_minimis_applied


def test_eu_exactly_150_is_ioss_and_one_cent_over_is_standard_import():
    at = q(request("DE", "150.00", "EUR", shipping="5.00"))
    over = q(request("DE", "150.01", "EUR", shipping="5.00"))
    assert at.regime == "EU_IOSS" and over.regime == "EU_STANDARD"
    assert amount(over.customs_value) == "155.01"  # CIF
    assert amount(over.duty) == "18.60"  # 12 % of 155.01 = 18.6012
    assert amount(over.taxes) == "32.99"  # 19 % of 173.61 = 32.9859


def test_eu_dap_over_150_is_paid_on_delivery():
    result = q(request("DE", "200.00", "EUR", incoterm="DAP"))
    assert amount(result.payable_at_checkout) == "200.00"
    assert result.payable_on_delivery == result.duty + result.taxes


def test_eu_ioss_forces_collection_at_checkout_even_when_dap():
    result = q(request("DE", "20.00", "EUR", incoterm="DAP"))
    assert amount(result.payable_on_delivery) == "0.00"


def test_eu_uk_origin_claims_the_tca_preference():
    result = q(request("DE", "200.00", "EUR", origin="GB"))
    assert amount(result.duty) == "0.00" and result.lines[0].preferential
    no_claim = q(request("DE", "200.00", "EUR", origin="GB", claim_preference=False))
    assert amount(no_claim.duty) == "24.00"


# --- UK: GBP 135 (VAT Notice 143) ---------------------------------------------------------------------------

def test_uk_low_value_vat_at_checkout_and_no_duty():
    result = q(request("GB", "135.00", "GBP", shipping="4.99"))
    assert result.regime == "GB_LOW_VALUE" and amount(result.duty) == "0.00"
    assert amount(result.taxes) == "28.00"  # 20 % of 139.99 = 27.998, half up
    assert result.de_minimis_applied


def test_uk_one_penny_over_135_pays_duty_and_import_vat():
    result = q(request("GB", "135.01", "GBP"))
    assert result.regime == "GB_STANDARD"
    assert amount(result.duty) == "16.20"  # 12 % of 135.01
    assert amount(result.taxes) == "30.24"  # 20 % of 151.21 = 30.242


# --- US: de minimis suspended 2025-08-29 (EO 14324); MPF FY2026 -------------------------------------------------

def test_us_duty_on_fob_value_plus_merchandise_processing_fee():
    result = q(request("US", "20.00", "USD", shipping="10.00", qty=2))
    assert result.regime == "US_NO_DE_MINIMIS"
    assert amount(result.customs_value) == "40.00"  # FOB: shipping excluded
    assert amount(result.duty) == "6.60"  # 16.5 %
    assert amount(result.taxes) == "0.00"
    assert amount(result.fees) == "2.69"
    assert amount(result.total_landed_cost) == "59.29"


def test_us_before_the_suspension_800_dollars_came_in_free():
    result = q(request("US", "800.00", "USD", day="2025-08-28"))
    assert result.regime == "US_DE_MINIMIS" and amount(result.duty) == "0.00" and result.de_minimis_applied
    assert q(request("US", "800.01", "USD", day="2025-08-28")).regime == "US_NO_DE_MINIMIS"


# --- Canada: CAD 20 / CUSMA CAD 40 and 150 (CBSA CN 20-18) ------------------------------------------------------

def test_canada_courier_from_china_over_20_pays_duty_and_hst():
    result = q(request("CA", "30.00", "CAD", shipping="8.00", destination_region="ON"))
    assert result.regime == "CA_STANDARD"
    assert amount(result.duty) == "5.40"  # 18 % of FOB 30
    assert amount(result.taxes) == "4.60"  # HST 13 % of 35.40 = 4.602


def test_canada_cusma_bands_by_place_of_direct_shipment():
    free = q(request("CA", "40.00", "CAD", origin="US"))
    gst_only = q(request("CA", "40.01", "CAD", origin="US"))
    assert free.regime == "CA_CUSMA_COURIER_FREE" and amount(free.taxes) == "0.00"
    assert gst_only.regime == "CA_CUSMA_COURIER_DUTY_FREE" and amount(gst_only.duty) == "0.00"
    assert amount(gst_only.taxes) == "2.00"  # GST 5 % of 40.01
    assert q(request("CA", "20.00", "CAD")).regime == "CA_COURIER_LOW_VALUE"
    assert q(request("CA", "20.01", "CAD")).regime == "CA_STANDARD"


# --- Australia / New Zealand / Singapore: GST at checkout up to the threshold ----------------------------------

@pytest.mark.parametrize("destination, currency, limit, rate", [
    ("AU", "AUD", "1000.00", Decimal("0.10")), ("NZ", "NZD", "1000.00", Decimal("0.15")),
    ("SG", "SGD", "400.00", Decimal("0.09")),
])
def test_point_of_sale_gst_up_to_the_threshold(destination, currency, limit, rate):
    at = q(request(destination, limit, currency, shipping="10.00"))
    assert at.regime == f"{destination}_LOW_VALUE" and amount(at.duty) == "0.00"
    assert at.taxes.to_decimal() == ((Decimal(limit) + 10) * rate).quantize(Decimal("0.01"))
    assert amount(at.payable_on_delivery) == "0.00"
    over = q(request(destination, str(Decimal(limit) + Decimal("0.01")), currency, shipping="10.00"))
    assert over.regime == f"{destination}_STANDARD"


# --- Japan: JPY 10,000, personal-use 60 % valuation, truncation -----------------------------------------------

def test_japan_small_value_exemption_uses_sixty_percent_of_the_price():
    at = q(request("JP", "15000", "JPY", shipping="1000", hs="6912.00"))  # 9,000 + 1,000 = 10,000
    over = q(request("JP", "15002", "JPY", shipping="1000", hs="6912.00"))  # 9,001 + 1,000
    assert at.regime == "JP_SMALL_VALUE" and amount(at.taxes) == "0"
    assert over.regime == "JP_STANDARD"
    assert amount(over.customs_value) == "10001"
    # consumption tax: base (10,001 + duty) rounded down to 1,000; national 7.8 % and local 22/78, each to 100
    base = (10001 + int(over.duty.minor)) // 1000 * 1000
    national = int(base * Decimal("0.078")) // 100 * 100
    assert over.taxes.minor == national + int(national * Decimal(22) / 78) // 100 * 100


def test_japan_designated_goods_never_get_the_exemption():
    assert q(request("JP", "3000", "JPY", hs=TSHIRT)).regime == "JP_STANDARD"  # knitted clothing


# --- China CBEC: CNY 5,000, taxes at 70 % ------------------------------------------------------------------

def test_china_cbec_taxes_at_seventy_percent_and_no_duty():
    result = q(request("CN", "5000.00", "CNY", hs="6912.00", origin="JP"))
    assert result.regime == "CN_CBEC" and amount(result.duty) == "0.00"
    assert result.lines[0].tax_rate == Decimal("0.13") * Decimal("0.7")
    assert q(request("CN", "5000.01", "CNY", hs="6912.00", origin="JP")).regime == "CN_GENERAL"


# --- Switzerland: import VAT of CHF 5 or less is not charged --------------------------------------------------

def test_switzerland_tax_floor():
    under = q(request("CH", "50.00", "CHF", shipping="10.00", hs="6912.00"))  # 8.1 % of 60 = 4.86
    over = q(request("CH", "55.00", "CHF", shipping="10.00", hs="6912.00"))  # 8.1 % of 65 = 5.27
    assert amount(under.taxes) == "0.00" and under.de_minimis_applied
    assert amount(over.taxes) == "5.27"


# --- Norway VOEC, Mexico, Brazil, Korea -----------------------------------------------------------------

def test_norway_voec_items_under_3000_nok():
    result = q(request("NO", "2999.00", "NOK", shipping="100.00"))
    assert result.regime == "NO_VOEC" and amount(result.taxes) == "774.75"  # 25 % of 3,099
    assert q(request("NO", "3000.01", "NOK")).regime == "NO_STANDARD"


def test_mexico_courier_global_rate_and_usmca_exemption():
    non_fta = q(request("MX", "100.00", "USD", currency="USD"))
    assert non_fta.regime == "MX_COURIER_GLOBAL" and non_fta.lines[0].duty_rate == Decimal("0.335")
    usmca = q(request("MX", "50.00", "USD", origin="US", currency="USD"))
    assert usmca.regime == "MX_COURIER_USMCA_EXEMPT" and amount(usmca.duty) == "0.00"


def test_brazil_remessa_conforme_and_its_limit():
    low = q(request("BR", "50.00", "USD", currency="USD"))
    assert low.regime == "BR_REMESSA_CONFORME" and amount(low.duty) == "10.00"  # 20 %
    # ICMS 'por dentro' at 20 %: (50 + 10) / 0.8 * 0.2 = 15.00
    assert amount(low.taxes) == "15.00"
    high = q(request("BR", "100.00", "USD", currency="USD"))
    assert amount(high.duty) == "40.00"  # 60 % of 100 - 20
    with pytest.raises(NotPermitted) as refused:
        q(request("BR", "3000.01", "USD", currency="USD"))
    assert refused.value.code == "over_regime_limit"


def test_korea_list_clearance():
    assert q(request("KR", "150.00", "USD", currency="USD")).regime == "KR_LIST_CLEARANCE"
    assert q(request("KR", "150.01", "USD", currency="USD")).regime == "KR_STANDARD"
    assert q(request("KR", "200.00", "USD", origin="US", currency="USD")).regime == "KR_LIST_CLEARANCE"


# --- conversion and provenance ---------------------------------------------------------------------------

def test_the_quote_converts_once_and_reports_the_rates_used():
    result = q(request("JP", "20.00", "EUR", hs="6912.00"))
    assert result.currency == "JPY" and result.goods_value.currency == "JPY"
    assert result.fx is not None and result.fx.rates_used["JPY"] == Decimal("178.15")
    assert result.goods_value.minor == 3563  # 20 x 178.15, half up


def test_pinned_rates_win_over_the_embedded_snapshot():
    data = request("US", "10.00", "EUR", currency="USD",
                   fx_rates={"base": "EUR", "as_of": "2026-11-20", "rates": {"USD": "1.2000"}})
    result = q(data)
    assert amount(result.goods_value) == "12.00" and result.fx.source.startswith("request fx_rates")


@pytest.mark.parametrize("destination", __import__("marketplace.crossborder.regimes", fromlist=["x"])
                         .supported_destinations())
@pytest.mark.parametrize("mode, incoterm", [("courier", "DDP"), ("postal", "DAP")])
def test_every_destination_quotes_in_its_own_currency(destination, mode, incoterm):
    origin = "JP" if destination == "CN" else "CN"
    data = request(destination, "40.00", "EUR", shipping="6.00", transport_mode=mode, incoterm=incoterm,
                   origin=origin)
    data["items"].append({"sku": "B-1", "description": "Stoneware mug", "hs_code": "6912.00", "origin_country": "KR",
                          "quantity": 2, "unit_price": M("18.00", "EUR"), "unit_weight_kg": "0.35"})
    result = q(data)
    assert result.regime.startswith(("EU_", destination))
    assert result.total_landed_cost == result.payable_at_checkout + result.payable_on_delivery
    assert result.currency == default_currency(destination, date(2026, 11, 25))
    assert (result.fx is None) == (result.currency == "EUR")
    assert result.rules_version and result.explanations


def test_domestic_and_intra_eu_parcels_are_not_imports():
    domestic = q(request("JP", "20000", "JPY", origin="JP"))
    intra_eu = q(request("FR", "500.00", "EUR", origin="IT"))
    assert domestic.regime == "DOMESTIC" and intra_eu.regime == "EU_INTERNAL_MARKET"
    for result in (domestic, intra_eu):
        assert result.duty.minor == 0 and result.taxes.minor == 0 and result.fees.minor == 0

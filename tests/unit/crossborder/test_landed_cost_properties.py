"""Properties of every quote (hypothesis): parts add up exactly, nothing is negative, every amount respects
its currency's minor unit, quotes are deterministic, and within one regime more goods never mean less duty."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from marketplace.core.money import exponent
from marketplace.crossborder.landed_cost import quote
from marketplace.crossborder.quote_request import NotPermitted, parse_request
from marketplace.crossborder.regimes import supported_destinations

CODES = ["6109.10", "6912.00", "8517.13", "4202.21", "0902.10", "6404.11", "4901.99", "9503.00", "3304.99"]
ORIGINS = ["CN", "JP", "IT", "GB", "US", "MX", "IN", "DE"]
CURRENCIES = ["EUR", "USD", "JPY", "GBP", "KRW", "CNY"]


@st.composite
def requests(draw):
    currency = draw(st.sampled_from(CURRENCIES))
    scale = 10 ** exponent(currency)
    items = [{"sku": f"S{i}", "hs_code": draw(st.sampled_from(CODES)), "origin_country": draw(st.sampled_from(ORIGINS)),
              "quantity": draw(st.integers(1, 5)),
              "unit_price": {"amount": _amt(draw(st.integers(0, 500 * scale)), currency), "currency": currency}}
             for i in range(draw(st.integers(1, 4)))]
    return {"date": "2026-11-25", "destination_country": draw(st.sampled_from(supported_destinations())),
            "transport_mode": draw(st.sampled_from(["courier", "postal"])),
            "incoterm": draw(st.sampled_from(["DDP", "DAP"])), "items": items,
            "shipping": {"amount": _amt(draw(st.integers(0, 50 * scale)), currency), "currency": currency}}


def _amt(minor: int, currency: str) -> str:
    exp = exponent(currency)
    return str(minor) if exp == 0 else f"{minor // 10 ** exp}.{minor % 10 ** exp:0{exp}d}"


def _quote(data):  # noqa: ANN001, ANN202
    try:
        return quote(parse_request(data))
    except NotPermitted:
        return None


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(requests())
def test_every_quote_adds_up_exactly_and_is_never_negative(data):
    result = _quote(data)
    if result is None:
        return
    parts = [result.goods_value, result.shipping, result.insurance, result.duty, result.taxes, result.fees]
    assert sum(p.minor for p in parts) == result.total_landed_cost.minor
    assert result.payable_at_checkout.minor + result.payable_on_delivery.minor == result.total_landed_cost.minor
    assert sum(line.duty.minor for line in result.lines) == result.duty.minor
    assert sum(line.tax.minor for line in result.lines) == result.taxes.minor
    for money in [*parts, result.total_landed_cost, result.payable_on_delivery, result.customs_value]:
        assert money.minor >= 0 and money.currency == result.currency
    assert result == _quote(data)  # deterministic


@settings(max_examples=200, deadline=None)
@given(requests(), st.integers(2, 4))
def test_within_a_regime_more_goods_never_mean_less_duty(data, factor):
    """More of the same cart (every quantity times ``factor``). Adding only zero-duty goods to a mixed cart
    may lower duty by a cent, rightly: freight is allocated by value, so the dutiable lines' CIF share falls."""
    base = _quote(data)
    more = dict(data, items=[dict(item, quantity=item["quantity"] * factor) for item in data["items"]])
    bigger = _quote(more)
    if base is None or bigger is None or base.regime != bigger.regime:
        return
    assert bigger.duty >= base.duty

"""Landed cost: what a parcel costs the shopper, duty, import tax and fees included, and when each is paid.

Contract: ``quote(request) -> Quote`` is pure and deterministic for a request (fetch, then calculate: the
rates and regime parameters are read from the versioned data files, nothing else).
- All amounts are in the quote currency (the request's ``currency``, else the destination's). Each input
  amount is converted once (line totals, shipping, insurance), half up to the currency's minor unit.
- The destination's regime (``regimes.regime_for``) decides valuation (CIF/FOB), duty mode, tax mode and
  whether collection at checkout is forced. Rounding points, each named: freight and insurance are allocated
  over lines by value (largest remainder, exact); duty per line half up; tax per line half up (Japan: base
  truncated to JPY 1,000 and tax to JPY 100, then allocated; Brazil: ICMS 'por dentro' on the total, then
  allocated).
- ``total_landed_cost = goods + shipping + insurance + duty + taxes + fees`` and
  ``payable_at_checkout + payable_on_delivery == total_landed_cost``, exactly.
- Raises :class:`QuoteError` (bad request) or :class:`NotPermitted` (over a regime's limit, prohibited goods).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from marketplace.core.money import Money, Rounding, sum_money
from marketplace.crossborder import fx, restrictions, tariffs, taxes
from marketplace.crossborder.explain import explanation
from marketplace.crossborder.markets import default_currency
from marketplace.crossborder.quote_request import NotPermitted, PinnedRates, QuoteError, QuoteRequest
from marketplace.crossborder.regimes import (
    Consignment,
    Decision,
    LineFacts,
    OverRegimeLimit,
    internal_movement,
    param,
    regime_for,
)


@dataclass(frozen=True)
class QuoteLine:
    sku: str
    hs_code: str
    quantity: int
    value: Money
    customs_value: Money
    duty_rate: Decimal | None
    duty_basis: str
    duty: Money
    preferential: bool
    agreement: str | None
    tax_rate: Decimal | None
    tax_name: str
    tax: Money


@dataclass(frozen=True)
class FxUsed:
    source: str
    as_of: date
    base: str
    rates_used: dict[str, Decimal]


@dataclass(frozen=True)
class Quote:
    currency: str
    regime: str
    regime_name: str
    de_minimis_applied: bool
    goods_value: Money
    shipping: Money
    insurance: Money
    customs_value: Money
    duty: Money
    taxes: Money
    fees: Money
    fee_lines: tuple[tuple[str, str, Money], ...]
    total_landed_cost: Money
    payable_at_checkout: Money
    payable_on_delivery: Money
    incoterm: str
    lines: tuple[QuoteLine, ...]
    fx: FxUsed | None
    explanations: tuple[dict, ...]
    rules_version: str
    date: date


class PinnedProvider:
    """Rates the request pins (``fx_rates``): 1 base = rate currency; cross rates through the base."""

    def __init__(self, pinned: PinnedRates) -> None:
        self.pinned = pinned

    def _per_base(self, code: str) -> Decimal:
        if code == self.pinned.base:
            return Decimal(1)
        if code not in self.pinned.rates:
            raise fx.RatesNotAvailable(f"fx_rates has no rate for {code}")
        return self.pinned.rates[code]

    def rate(self, base: str, quote: str, on: date | None = None) -> fx.RateQuote:
        rate = Decimal(1) if base == quote else fx._RATE_CONTEXT.divide(self._per_base(quote), self._per_base(base))
        return fx.RateQuote(base=base, quote=quote, rate=rate, source=f"request fx_rates ({self.pinned.base} base)",
                            as_of=self.pinned.as_of)


class _Converter:
    """Converts into the quote currency and remembers what it used."""

    def __init__(self, currency: str, provider: fx.RateProvider) -> None:
        self.currency, self.provider = currency, provider
        self.used: dict[str, fx.RateQuote] = {}

    def __call__(self, money: Money) -> Money:
        """One conversion, rounded once half up; the pair's rate is fetched once per quote."""
        if money.currency == self.currency:
            return money
        quote = self.used.get(money.currency)
        if quote is None:
            try:
                quote = self.used[money.currency] = self.provider.rate(money.currency, self.currency)
            except fx.RatesNotAvailable as exc:
                raise QuoteError("fx_unavailable", f"No exchange rate from {money.currency} to {self.currency}.",
                                 "fx_rates") from exc
        return fx.apply_rate(money, quote)

    def report(self) -> FxUsed | None:
        if not self.used:
            return None
        first = next(iter(self.used.values()))
        base = getattr(getattr(self.provider, "pinned", None), "base", None) or "EUR"
        rates = {}
        for code in sorted({*self.used, self.currency}):
            rates[code] = Decimal(1) if code == base else self.provider.rate(base, code).rate
        return FxUsed(source=first.source, as_of=first.as_of, base=base, rates_used=rates)


def _allocate(total: Money, weights: Sequence[int], fallback: Sequence[int]) -> list[Money]:
    if total.minor == 0:
        return [Money.zero(total.currency) for _ in weights]
    return total.allocate(list(weights) if any(weights) else list(fallback))


def _tariff_duty(request: QuoteRequest, line_hs: str, origin: str) -> tariffs.DutyRate:
    try:
        return tariffs.duty_rate(request.destination_country, line_hs, origin, request.on, request.claim_preference)
    except tariffs.NoTariffData as exc:
        raise QuoteError("no_tariff_data", f"No duty rate for HS {line_hs} into {request.destination_country}.",
                         "items") from exc


def _screen(request: QuoteRequest, values: list[Money]) -> list[dict]:
    items = [restrictions.ScreenItem(hs_code=item.hs_code, description=item.description, quantity=item.quantity,
                                     unit_weight_g=item.unit_weight_g, value=value)
             for item, value in zip(request.items, values, strict=True)]
    notes = []
    for finding in restrictions.screen(request.destination_country, items, request.transport_mode, request.on):
        if finding.level == restrictions.Level.BLOCK:
            raise NotPermitted("prohibited_goods", finding.reason, f"items[{finding.item_index}]")
        notes.append(explanation("restriction.warning",
                                 {"reason": finding.reason, "rule": finding.rule, "item": finding.item_index}))
    return notes


def quote(request: QuoteRequest, provider: fx.RateProvider | None = None) -> Quote:
    currency = request.currency or default_currency(request.destination_country, request.on)
    if request.fx_rates is not None:
        provider = PinnedProvider(request.fx_rates)
    convert = _Converter(currency, provider or fx.default_provider())
    values = [convert(item.unit_price * item.quantity) for item in request.items]
    shipping, insurance = convert(request.shipping), convert(request.insurance)
    notes = _screen(request, values)
    goods = sum_money(values, currency)
    consignment = Consignment(
        destination=request.destination_country, region=request.destination_region,
        ship_from=request.ship_from_country, transport_mode=request.transport_mode, on=request.on,
        goods_value=goods, shipping=shipping, insurance=insurance,
        lines=tuple(LineFacts(item.hs_code, item.origin_country, value, item.quantity)
                    for item, value in zip(request.items, values, strict=True)),
        to_quote=convert)
    try:
        decision = internal_movement(consignment) or regime_for(request.destination_country).decide(consignment)
    except OverRegimeLimit as exc:
        raise NotPermitted("over_regime_limit", str(exc), "items") from exc
    return _calculate(request, decision, currency, values, shipping, insurance, convert, notes)


def _calculate(request: QuoteRequest, d: Decision, currency: str, values: list[Money], shipping: Money,
               insurance: Money, convert: _Converter, notes: list[dict]) -> Quote:
    weights = [v.minor for v in values]
    quantities = [item.quantity for item in request.items]
    freight = _allocate(shipping + insurance, weights, quantities)
    bases = [v.multiply(d.value_factor, Rounding.HALF_UP) if d.value_factor != 1 else v for v in values]
    customs = [b + f if d.valuation == "CIF" else b for b, f in zip(bases, freight, strict=True)]
    zero = Money.zero(currency)

    # -- duty, per line --
    duty_rates: list[Decimal | None] = []
    duties: list[Money] = []
    prefs: list[tuple[bool, str | None]] = []
    duty_bases: list[str] = []
    seen_subheadings: set[str] = set()
    standard_duty = zero
    for item, value_c in zip(request.items, customs, strict=True):
        rate = _tariff_duty(request, item.hs_code, item.origin_country)
        if rate.basis == "ad_valorem":
            tariff_amount = value_c.multiply(rate.rate, Rounding.HALF_UP)
        else:  # per kg of (net) weight, in the schedule's currency
            kilos = Decimal(item.unit_weight_g or 0) * item.quantity / 1000
            tariff_amount = convert(Money.of(rate.rate * kilos, rate.currency or currency, Rounding.HALF_UP))
        standard_duty += tariff_amount
        prefs.append((rate.preferential, rate.agreement))
        duty_bases.append(rate.basis if d.duty == "tariff" else d.duty)
        if d.duty == "tariff":
            duty_rates.append(rate.rate if rate.basis == "ad_valorem" else None)
            duties.append(tariff_amount)
        elif d.duty == "flat_per_subheading":
            first = item.hs_code[:6] not in seen_subheadings
            seen_subheadings.add(item.hs_code[:6])
            duty_rates.append(None)
            duties.append(convert(d.flat_duty) if first and d.flat_duty else zero)
        elif d.duty == "global_rate":
            duty_rates.append(d.global_rate)
            duties.append(value_c.multiply(d.global_rate, Rounding.HALF_UP))
        elif d.duty == "india_personal":
            bcd, sws = param("IN.bcd_personal", request.on), param("IN.sws_rate", request.on)
            effective = (bcd.rate if bcd else Decimal(0)) * (1 + (sws.rate if sws else Decimal(0)))
            duty_rates.append(effective)
            duties.append(value_c.multiply(effective, Rounding.HALF_UP))
        else:  # waived, or Brazil's II which is computed on the total below
            duty_rates.append(None)
            duties.append(zero)
    if d.duty == "brazil_ii":
        duties, duty_rates = _brazil_ii(request, customs, convert)

    # -- import tax, per line --
    tax_rows = [taxes.import_tax_rate(request.destination_country, item.hs_code, request.on,
                                      request.destination_region) for item in request.items]
    if d.tax == "point_of_sale":
        tax_bases = [v + f + dt for v, f, dt in zip(values, freight, duties, strict=True)]
    else:
        tax_bases = [c + dt for c, dt in zip(customs, duties, strict=True)]
    tax_rates = [row.rate * d.tax_factor for row in tax_rows]
    if d.tax == "waived":
        line_taxes = [zero for _ in request.items]
        would_be_tax = sum_money((b.multiply(r, Rounding.HALF_UP) for b, r in zip(tax_bases, tax_rates, strict=True)),
                                 currency)
    elif d.tax_rounding == "japan_truncation" and currency == "JPY":
        line_taxes = _japan_tax(tax_bases, tax_rates)
        would_be_tax = sum_money(line_taxes, currency)
    elif d.tax_rounding == "brazil_por_dentro":
        line_taxes, tax_rates = _brazil_icms(request, tax_bases)
        would_be_tax = sum_money(line_taxes, currency)
    else:
        line_taxes = [b.multiply(r, Rounding.HALF_UP) for b, r in zip(tax_bases, tax_rates, strict=True)]
        would_be_tax = sum_money(line_taxes, currency)
    de_minimis = d.de_minimis and (
        (d.duty == "waived" and standard_duty.minor > 0) or (d.tax == "waived" and would_be_tax.minor > 0))
    explanations = [explanation(i, p) for i, p in d.explanations]
    if d.tax_floor is not None and sum_money(line_taxes, currency) <= convert(d.tax_floor):
        if any(t.minor for t in line_taxes):
            de_minimis = True
            explanations.append(explanation("tax.ch_floor_applied", {"floor": str(d.tax_floor)}))
        line_taxes = [zero for _ in line_taxes]

    fee_lines = tuple((fee.id, fee.name, convert(fee.amount)) for fee in d.fees)
    fees = sum_money((amount for _, _, amount in fee_lines), currency)
    duty, tax = sum_money(duties, currency), sum_money(line_taxes, currency)
    charges = duty + tax + fees
    total = sum_money(values, currency) + shipping + insurance + charges
    at_checkout_charges = charges if (request.incoterm == "DDP" or d.forced_checkout) else zero
    explanations.append(explanation("valuation.cif" if d.valuation == "CIF" else "valuation.fob", {}))
    explanations.append(explanation("collect.checkout" if request.incoterm == "DDP" or d.forced_checkout
                                    else "collect.delivery", {}))
    if d.forced_checkout and request.incoterm == "DAP":
        explanations.append(explanation("collect.forced_checkout", {}))
    for item, (preferential, agreement) in zip(request.items, prefs, strict=True):
        if preferential and d.duty == "tariff":
            explanations.append(explanation("duty.preferential", {"sku": item.sku, "agreement": agreement or ""}))
    if de_minimis:
        explanations.append(explanation("de_minimis.applied", {}))
    for fee_id, _, amount in fee_lines:
        explanations.append(explanation(fee_id, {"amount": str(amount)}))
    fx_used = convert.report()
    if fx_used:
        explanations.append(explanation("fx.converted", {"source": fx_used.source, "as_of": fx_used.as_of}))
    explanations.extend(notes)

    lines = tuple(QuoteLine(
        sku=item.sku, hs_code=item.hs_code, quantity=item.quantity, value=value, customs_value=cv,
        duty_rate=dr, duty_basis=db, duty=dt,
        preferential=pref[0] and d.duty == "tariff", agreement=pref[1] if d.duty == "tariff" else None,
        tax_rate=tr if d.tax != "waived" else None, tax_name=row.name, tax=tx)
        for item, value, cv, dr, db, dt, pref, tr, row, tx in zip(
            request.items, values, customs, duty_rates, duty_bases, duties, prefs, tax_rates, tax_rows, line_taxes,
            strict=True))
    return Quote(
        currency=currency, regime=d.code, regime_name=d.name, de_minimis_applied=de_minimis,
        goods_value=sum_money(values, currency), shipping=shipping, insurance=insurance,
        customs_value=sum_money(customs, currency), duty=duty, taxes=tax, fees=fees, fee_lines=fee_lines,
        total_landed_cost=total, payable_at_checkout=total - (charges - at_checkout_charges),
        payable_on_delivery=charges - at_checkout_charges, incoterm=request.incoterm, lines=lines, fx=fx_used,
        explanations=tuple(explanations), rules_version=tariffs.rules_version(), date=request.on)


def _japan_tax(bases: list[Money], rates: list[Decimal]) -> list[Money]:
    """Japanese consumption tax on imports: national tax (78 % of the rate) on the total base rounded down to
    JPY 1,000, rounded down to JPY 100; local tax 22/78 of the national tax, rounded down to JPY 100."""
    total_base = sum(b.minor for b in bases)
    taxed_base = total_base // 1000 * 1000
    weighted_rate = (sum((Decimal(b.minor) * r for b, r in zip(bases, rates, strict=True)), Decimal(0))
                     / total_base) if total_base else Decimal(0)
    national = int(taxed_base * weighted_rate * Decimal("0.78")) // 100 * 100
    local = int(Decimal(national) * 22 / 78) // 100 * 100
    return Money(national + local, "JPY").allocate([b.minor for b in bases]) if total_base else \
        [Money.zero("JPY") for _ in bases]


def _brazil_ii(request: QuoteRequest, customs: list[Money], convert: _Converter) -> tuple[list[Money], list]:
    total = sum_money(customs, customs[0].currency)
    low_band, low_rate = param("BR.ii_low_band", request.on), param("BR.ii_low_rate", request.on)
    high_rate, deduction = param("BR.ii_high_rate", request.on), param("BR.ii_high_deduction", request.on)
    if total <= convert(low_band.amount):
        tax_total, rate = total.multiply(low_rate.rate, Rounding.HALF_UP), low_rate.rate
    else:
        tax_total = total.multiply(high_rate.rate, Rounding.HALF_UP) - convert(deduction.amount)
        rate = high_rate.rate
    return _allocate(tax_total, [c.minor for c in customs], [1] * len(customs)), [rate] * len(customs)


def _brazil_icms(request: QuoteRequest, bases: list[Money]) -> tuple[list[Money], list[Decimal]]:
    icms = param("BR.icms_rate", request.on)
    rate = icms.rate if icms else Decimal("0.17")
    total = sum_money(bases, bases[0].currency)
    tax_total = Money.of(total.to_decimal() / (1 - rate) * rate, total.currency, Rounding.HALF_UP)
    return _allocate(tax_total, [b.minor for b in bases], [1] * len(bases)), [rate] * len(bases)

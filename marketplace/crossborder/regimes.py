"""Import regimes: one strategy object per destination, chosen by country and date.

Contract:
- ``regime_for(destination)`` returns the destination's :class:`Regime`; ``Regime.decide(consignment)``
  returns a :class:`Decision`: which regime applies on the consignment's date (low-value or standard), how
  goods are valued (CIF or FOB), whether duty is charged by tariff, waived, flat per tariff line or as a
  global rate, how import tax is charged (at the border, at the point of sale, waived), whether the regime
  forces collection at checkout, and the regime's fees. The arithmetic itself is done by
  :mod:`marketplace.crossborder.landed_cost`; a regime only decides.
- Thresholds, rates and fees come from ``data/regimes.json`` (each with effective dates and a source) via
  :func:`param`; the date of the quote picks the row in force.
- Thresholds are compared in the quote's currency: the consignment carries a ``to_quote`` converter that
  turns a threshold in the regime's own currency into the quote currency at the quote's rates.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from functools import cache
from pathlib import Path

from marketplace.core.money import Money, Rounding
from marketplace.crossborder.markets import EU_MEMBERS

DATA_DIR = Path(__file__).resolve().parent / "data"

# Excise goods are excluded from every point-of-sale scheme (IOSS, UK, AU, NZ, NO VOEC): alcohol, tobacco.
EXCISE_PREFIXES = ("2203", "2204", "2205", "2206", "2207", "2208", "24")
# Japan's JPY 10,000 exemption excludes designated goods (Customs Tariff Law, Cabinet Order): leather bags and
# leather garments, knitted clothing, footwear, gloves; alcohol and tobacco are excise goods anyway.
JP_EXCLUDED_PREFIXES = ("4202", "4203", "61", "64", "6116", "6216", *EXCISE_PREFIXES)
FOOD_CHAPTERS = tuple(f"{n:02d}" for n in range(1, 25))


@dataclass(frozen=True)
class Param:
    key: str
    amount: Money | None
    rate: Decimal | None
    source: str
    effective_from: date
    effective_to: date | None


@cache
def _params() -> tuple[Param, ...]:
    raw = json.loads((DATA_DIR / "regimes.json").read_text())
    rows = []
    for row in raw["params"]:
        amount = Money.of(Decimal(row["amount"]), row["currency"], Rounding.HALF_UP) if "amount" in row else None
        rows.append(Param(key=row["key"], amount=amount, rate=Decimal(row["rate"]) if "rate" in row else None,
                          source=row["source"], effective_from=date.fromisoformat(row["effective_from"]),
                          effective_to=date.fromisoformat(row["effective_to"]) if row.get("effective_to") else None))
    return tuple(rows)


def param(key: str, on: date) -> Param | None:
    """The row for ``key`` in force on ``on`` (from inclusive, to exclusive), or None."""
    for row in _params():
        if row.key == key and row.effective_from <= on and (row.effective_to is None or on < row.effective_to):
            return row
    return None


@dataclass(frozen=True)
class LineFacts:
    hs_code: str
    origin: str
    value: Money  # line total in the quote currency
    quantity: int


@dataclass(frozen=True)
class Consignment:
    destination: str
    region: str | None
    ship_from: str
    transport_mode: str  # "courier" | "postal"
    on: date
    goods_value: Money
    shipping: Money
    insurance: Money
    lines: tuple[LineFacts, ...]
    to_quote: Callable[[Money], Money]

    def has(self, prefixes: tuple[str, ...]) -> bool:
        return any(line.hs_code.startswith(prefixes) for line in self.lines)

    def over(self, threshold: Money, value: Money | None = None) -> bool:
        return (value if value is not None else self.goods_value) > self.to_quote(threshold)


@dataclass(frozen=True)
class Fee:
    id: str
    name: str
    amount: Money  # in the regime's currency; converted by the engine
    source: str


@dataclass(frozen=True)
class Decision:
    code: str
    name: str
    valuation: str = "CIF"  # CIF: freight and insurance are part of the customs value; FOB: they are not
    value_factor: Decimal = Decimal(1)  # Japan values personal-use imports at 60 % of the retail price
    duty: str = "tariff"  # tariff | waived | flat_per_subheading | global_rate | brazil_ii | india_personal
    flat_duty: Money | None = None
    global_rate: Decimal | None = None
    tax: str = "border"  # border | point_of_sale | waived
    tax_factor: Decimal = Decimal(1)  # China CBEC: 70 % of the statutory tax
    tax_floor: Money | None = None  # Switzerland: no import VAT of CHF 5 or less
    tax_rounding: str = "line_half_up"  # line_half_up | japan_truncation | brazil_por_dentro
    forced_checkout: bool = False  # the regime makes the seller collect at checkout whatever the incoterm
    de_minimis: bool = False  # a low-value threshold waived duty or tax
    fees: tuple[Fee, ...] = ()
    explanations: tuple[tuple[str, dict], ...] = ()
    sources: tuple[str, ...] = field(default_factory=tuple)


def _src(*keys_on: tuple[str, date]) -> tuple[str, ...]:
    return tuple(p.source for key, on in keys_on if (p := param(key, on)) is not None)


class Regime:
    """Standard import: duty by tariff on the customs value, import tax at the border. No low-value relief."""

    country = ""
    valuation = "CIF"

    def decide(self, c: Consignment) -> Decision:
        return Decision(code=f"{self.country}_STANDARD", name=f"{self.country} standard import",
                        valuation=self.valuation,
                        explanations=(("regime.standard", {"country": self.country}),))


class EuropeanUnion(Regime):
    valuation = "CIF"

    def decide(self, c: Consignment) -> Decision:
        ioss = param("EU.ioss_threshold", c.on)
        if ioss and not c.over(ioss.amount) and not c.has(EXCISE_PREFIXES):
            flat = param("EU.flat_duty_per_subheading", c.on)
            relief = param("EU.duty_relief_threshold", c.on)
            common = dict(code="EU_IOSS", name="EU Import One-Stop Shop (consignments up to EUR 150)",
                          valuation="CIF", tax="point_of_sale", forced_checkout=True)
            if flat:
                return Decision(**common, duty="flat_per_subheading", flat_duty=flat.amount,
                                explanations=(("regime.eu_ioss", {"threshold": "150 EUR"}),
                                              ("duty.eu_flat", {"amount": "3 EUR"})),
                                sources=(ioss.source, flat.source))
            return Decision(**common, duty="waived", de_minimis=relief is not None,
                            explanations=(("regime.eu_ioss", {"threshold": "150 EUR"}),
                                          ("duty.eu_relief", {"threshold": "150 EUR"})),
                            sources=_src(("EU.ioss_threshold", c.on), ("EU.duty_relief_threshold", c.on)))
        return Decision(code="EU_STANDARD", name="EU standard import (over EUR 150 or excise goods)",
                        valuation="CIF", explanations=(("regime.eu_standard", {"threshold": "150 EUR"}),))


class UnitedKingdom(Regime):
    def decide(self, c: Consignment) -> Decision:
        low = param("GB.low_value_threshold", c.on)
        if low and not c.over(low.amount) and not c.has(EXCISE_PREFIXES):
            return Decision(code="GB_LOW_VALUE", name="UK low-value consignment (up to GBP 135)", duty="waived",
                            tax="point_of_sale", forced_checkout=True, de_minimis=True,
                            explanations=(("regime.gb_low_value", {"threshold": "135 GBP"}),), sources=(low.source,))
        return Decision(code="GB_STANDARD", name="UK standard import (over GBP 135)",
                        explanations=(("regime.gb_standard", {"threshold": "135 GBP"}),))


class UnitedStates(Regime):
    valuation = "FOB"

    def decide(self, c: Consignment) -> Decision:
        de_minimis = param("US.de_minimis", c.on)
        if de_minimis and not c.over(de_minimis.amount):
            return Decision(code="US_DE_MINIMIS", name="US de minimis (up to USD 800)", valuation="FOB",
                            duty="waived", tax="waived", de_minimis=True,
                            explanations=(("regime.us_de_minimis", {"threshold": "800 USD"}),),
                            sources=(de_minimis.source,))
        fees = []
        informal = param("US.informal_entry_limit", c.on)
        if c.transport_mode == "postal" and (mail := param("US.mpf_dutiable_mail", c.on)):
            fees.append(Fee("fee.us_dutiable_mail", "US dutiable mail fee", mail.amount, mail.source))
        elif informal and not c.over(informal.amount) and (mpf := param("US.mpf_informal", c.on)):
            fees.append(Fee("fee.us_mpf_informal", "US merchandise processing fee (informal entry)", mpf.amount,
                            mpf.source))
        elif (rate := param("US.mpf_formal_rate", c.on)) and (low := param("US.mpf_formal_min", c.on)) and (
                high := param("US.mpf_formal_max", c.on)):
            fees.append(Fee("fee.us_mpf_formal", f"US merchandise processing fee ({rate.rate * 100}%)",
                            _formal_mpf(c, rate.rate, low.amount, high.amount), rate.source))
        return Decision(code="US_NO_DE_MINIMIS", name="US import, de minimis suspended (since 2025-08-29)",
                        valuation="FOB", tax="waived", fees=tuple(fees),
                        explanations=(("regime.us_no_de_minimis", {}), ("tax.us_none", {})))


def _formal_mpf(c: Consignment, rate: Decimal, low: Money, high: Money) -> Money:
    """Formal-entry MPF: a percentage of the value, between a minimum and a maximum (in the quote currency)."""
    fee = c.goods_value.multiply(rate, Rounding.HALF_UP)
    return max(c.to_quote(low), min(c.to_quote(high), fee))


class Canada(Regime):
    valuation = "FOB"

    def decide(self, c: Consignment) -> Decision:
        if c.transport_mode == "postal":
            limit = param("CA.postal_threshold", c.on)
            if limit and not c.over(limit.amount):
                return self._free("CA_POSTAL_LOW_VALUE", "Canada postal import up to CAD 20", limit)
        elif c.ship_from in ("US", "MX"):
            tax_free, duty_free = param("CA.cusma_tax_free", c.on), param("CA.cusma_duty_free", c.on)
            if tax_free and not c.over(tax_free.amount):
                return self._free("CA_CUSMA_COURIER_FREE", "Canada courier from the US or Mexico up to CAD 40",
                                  tax_free)
            if duty_free and not c.over(duty_free.amount):
                return Decision(code="CA_CUSMA_COURIER_DUTY_FREE",
                                name="Canada courier from the US or Mexico, CAD 40.01-150 (GST/HST only)",
                                valuation="FOB", duty="waived", de_minimis=True, sources=(duty_free.source,),
                                explanations=(("regime.ca_cusma_duty_free", {"threshold": "150 CAD"}),))
        else:
            limit = param("CA.courier_threshold", c.on)
            if limit and not c.over(limit.amount):
                return self._free("CA_COURIER_LOW_VALUE", "Canada courier import up to CAD 20", limit)
        return Decision(code="CA_STANDARD", name="Canada standard import", valuation="FOB",
                        explanations=(("regime.ca_standard", {}),))

    @staticmethod
    def _free(code: str, name: str, limit: Param) -> Decision:
        return Decision(code=code, name=name, valuation="FOB", duty="waived", tax="waived", de_minimis=True,
                        sources=(limit.source,), explanations=(("regime.ca_free", {"threshold": str(limit.amount)}),))


class PointOfSaleLowValue(Regime):
    """AU, NZ, SG: GST charged by the seller or marketplace at checkout up to a threshold; no duty."""

    key = ""
    label = ""
    border_valuation = "FOB"

    def decide(self, c: Consignment) -> Decision:
        limit = param(self.key, c.on)
        excluded = c.has(EXCISE_PREFIXES) or (self.country == "SG" and c.transport_mode not in ("postal", "courier"))
        if limit and not c.over(limit.amount) and not excluded:
            return Decision(code=f"{self.country}_LOW_VALUE", name=self.label, valuation=self.border_valuation,
                            duty="waived", tax="point_of_sale", forced_checkout=True, de_minimis=True,
                            sources=(limit.source,),
                            explanations=((f"regime.{self.country.lower()}_low_value",
                                           {"threshold": str(limit.amount)}),))
        return Decision(code=f"{self.country}_STANDARD", name=f"{self.country} standard import",
                        valuation=self.border_valuation, explanations=(("regime.standard", {"country": self.country}),))


class Australia(PointOfSaleLowValue):
    country, key, label, border_valuation = "AU", "AU.lvg_threshold", "Australia low-value goods (GST at checkout)", "FOB"


class NewZealand(PointOfSaleLowValue):
    country, key, label, border_valuation = "NZ", "NZ.lvg_threshold", "New Zealand low-value goods (GST at checkout)", "FOB"


class Singapore(PointOfSaleLowValue):
    country, key, label, border_valuation = "SG", "SG.lvg_threshold", "Singapore low-value goods (GST at checkout)", "CIF"


class Japan(Regime):
    def decide(self, c: Consignment) -> Decision:
        limit, factor = param("JP.small_value_threshold", c.on), param("JP.personal_use_factor", c.on)
        value_factor = factor.rate if factor else Decimal(1)
        customs_value = c.goods_value.multiply(value_factor, Rounding.HALF_UP) + c.shipping + c.insurance
        if limit and not c.over(limit.amount, customs_value) and not c.has(JP_EXCLUDED_PREFIXES):
            return Decision(code="JP_SMALL_VALUE", name="Japan small-value import (up to JPY 10,000)", duty="waived",
                            tax="waived", de_minimis=True, value_factor=value_factor,
                            sources=(limit.source, factor.source if factor else ""),
                            explanations=(("regime.jp_small_value", {"threshold": "10000 JPY"}),
                                          ("valuation.jp_personal_use", {"factor": "60%"})))
        return Decision(code="JP_STANDARD", name="Japan import", value_factor=value_factor,
                        tax_rounding="japan_truncation",
                        explanations=(("regime.jp_standard", {}), ("valuation.jp_personal_use", {"factor": "60%"}),
                                      ("tax.jp_truncation", {})))


class China(Regime):
    def decide(self, c: Consignment) -> Decision:
        limit, factor = param("CN.cbec_single_limit", c.on), param("CN.cbec_tax_factor", c.on)
        if limit and factor and not c.over(limit.amount):
            return Decision(code="CN_CBEC", name="China cross-border e-commerce retail import", duty="waived",
                            tax_factor=factor.rate, forced_checkout=True, de_minimis=True,
                            sources=(limit.source, factor.source),
                            explanations=(("regime.cn_cbec", {"limit": "5000 CNY", "factor": "70%"}),))
        return Decision(code="CN_GENERAL", name="China general trade import (over the CBEC single limit)",
                        explanations=(("regime.cn_general", {"limit": "5000 CNY"}),))


class Switzerland(Regime):
    def decide(self, c: Consignment) -> Decision:
        floor = param("CH.tax_floor", c.on)
        return Decision(code="CH_STANDARD", name="Switzerland import", tax_floor=floor.amount if floor else None,
                        sources=(floor.source,) if floor else (),
                        explanations=(("regime.ch_standard", {}), ("tax.ch_floor", {"floor": "5 CHF"})))


class Norway(Regime):
    def decide(self, c: Consignment) -> Decision:
        limit = param("NO.voec_item_limit", c.on)
        item_ok = limit and all(
            not c.over(limit.amount, Money(line.value.minor // max(line.quantity, 1), line.value.currency))
            for line in c.lines)
        if item_ok and not c.has(EXCISE_PREFIXES) and not c.has(FOOD_CHAPTERS):
            return Decision(code="NO_VOEC", name="Norway VOEC (items under NOK 3,000, VAT at checkout)",
                            duty="waived", tax="point_of_sale", forced_checkout=True, de_minimis=True,
                            sources=(limit.source,), explanations=(("regime.no_voec", {"limit": "3000 NOK"}),))
        return Decision(code="NO_STANDARD", name="Norway import", explanations=(("regime.standard", {"country": "NO"}),))


class Mexico(Regime):
    def decide(self, c: Consignment) -> Decision:
        limit = param("MX.courier_limit", c.on)
        if c.transport_mode == "courier" and limit and not c.over(limit.amount):
            usmca = all(line.origin in ("US", "CA", "MX") for line in c.lines)
            if usmca:
                exempt, band = param("MX.usmca_exempt", c.on), param("MX.usmca_low_band", c.on)
                if exempt and not c.over(exempt.amount):
                    return Decision(code="MX_COURIER_USMCA_EXEMPT", name="Mexico courier, USMCA origin up to USD 50",
                                    duty="waived", tax="waived", de_minimis=True, sources=(exempt.source,),
                                    explanations=(("regime.mx_usmca_exempt", {"threshold": "50 USD"}),))
                rate = param("MX.usmca_low_rate" if band and not c.over(band.amount) else "MX.usmca_high_rate", c.on)
                return self._global(rate, "MX_COURIER_USMCA", "Mexico courier simplified regime, USMCA origin")
            return self._global(param("MX.global_rate_non_fta", c.on), "MX_COURIER_GLOBAL",
                                "Mexico courier simplified regime (global rate)")
        return Decision(code="MX_STANDARD", name="Mexico standard import",
                        explanations=(("regime.standard", {"country": "MX"}),))

    @staticmethod
    def _global(rate: Param | None, code: str, name: str) -> Decision:
        if rate is None or rate.rate is None:
            return Decision(code="MX_STANDARD", name="Mexico standard import")
        return Decision(code=code, name=name, duty="global_rate", global_rate=rate.rate, tax="waived",
                        sources=(rate.source,),
                        explanations=(("regime.mx_global_rate", {"rate": f"{rate.rate * 100:g}%"}),))


class Brazil(Regime):
    def decide(self, c: Consignment) -> Decision:
        limit = param("BR.remessa_limit", c.on)
        if limit and not c.over(limit.amount):
            return Decision(code="BR_REMESSA_CONFORME", name="Brazil Remessa Conforme (up to USD 3,000)",
                            duty="brazil_ii", tax_rounding="brazil_por_dentro", forced_checkout=True,
                            sources=(limit.source,),
                            explanations=(("regime.br_remessa", {"limit": "3000 USD"}), ("tax.br_icms", {})))
        raise OverRegimeLimit("Brazil's simplified courier import (Remessa Conforme) is limited to USD 3,000; "
                              "larger orders need a formal import.")


class India(Regime):
    def decide(self, c: Consignment) -> Decision:
        return Decision(code="IN_PERSONAL_9804", name="India personal import by post or courier (heading 9804)",
                        duty="india_personal", sources=_src(("IN.bcd_personal", c.on), ("IN.sws_rate", c.on)),
                        explanations=(("regime.in_9804", {}),))


class Korea(Regime):
    def decide(self, c: Consignment) -> Decision:
        limit = param("KR.list_clearance_us" if c.ship_from == "US" else "KR.list_clearance", c.on)
        if limit and not c.over(limit.amount) and not c.has(EXCISE_PREFIXES):
            return Decision(code="KR_LIST_CLEARANCE", name="Korea list clearance for personal-use goods",
                            duty="waived", tax="waived", de_minimis=True, sources=(limit.source,),
                            explanations=(("regime.kr_list_clearance", {"threshold": str(limit.amount)}),))
        return Decision(code="KR_STANDARD", name="Korea import", explanations=(("regime.standard", {"country": "KR"}),))


class OverRegimeLimit(Exception):
    """The consignment may not be imported under the destination's regime (exit code 3 in the CLI)."""


def _standard(country: str, valuation: str = "CIF") -> Regime:
    regime = Regime()
    regime.country, regime.valuation = country, valuation
    return regime


_REGIMES: dict[str, Regime] = {
    **{member: EuropeanUnion() for member in EU_MEMBERS},
    "GB": UnitedKingdom(), "US": UnitedStates(), "CA": Canada(), "AU": Australia(), "NZ": NewZealand(),
    "JP": Japan(), "CN": China(), "CH": Switzerland(), "NO": Norway(), "SG": Singapore(), "MX": Mexico(),
    "BR": Brazil(), "IN": India(), "KR": Korea(),
    "TR": _standard("TR"), "AE": _standard("AE"), "SA": _standard("SA"), "ZA": _standard("ZA", "FOB"),
}


def internal_movement(c: Consignment) -> Decision | None:
    """No import at all: a domestic parcel, or one moving inside the EU's customs and VAT area (the seller
    charges VAT in its price under the EU's OSS rules; nothing is due at the border)."""
    if c.ship_from == c.destination:
        return Decision(code="DOMESTIC", name="Domestic delivery (no import)", duty="waived", tax="waived",
                        explanations=(("regime.domestic", {"country": c.destination}),))
    if c.ship_from in EU_MEMBERS and c.destination in EU_MEMBERS:
        return Decision(code="EU_INTERNAL_MARKET", name="Inside the EU single market (no import)", duty="waived",
                        tax="waived", explanations=(("regime.eu_internal", {}),))
    return None


def regime_for(destination: str) -> Regime:
    """The destination's regime strategy; KeyError for a destination the engine does not cover."""
    return _REGIMES[destination]


def supported_destinations() -> tuple[str, ...]:
    return tuple(sorted(_REGIMES))

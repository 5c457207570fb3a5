"""Shapes of the raw demo-catalogue content (internal to ``marketplace.demo``).

Contract: the content modules in this package describe the catalogue only with the frozen
dataclasses below and the helpers ``T``, ``V`` and ``axis``; they contain no logic.
``marketplace.demo.catalogue.build_catalogue`` turns them into the public ``Demo*`` records.

How a product family expands into products:

* ``Family.tokens`` is a tuple of token tables. Every combination (cartesian product, in order,
  minus ``Family.skip``) is one product. Token ``i`` of a combination fills ``{i}`` in the name
  templates (``Token.en`` / ``Token.de``) and in the intro templates (``Token.pe`` / ``Token.pd``,
  falling back to the name words when a token has no phrase).
* The English description is ``intro + body[n % len(body)] + tail``; the German one is built the
  same way from the German halves. German phrases are written in the grammatical case the family's
  template needs (e.g. dative after "mit"), so no inflection happens at build time.
* Prices are **whole major units** of the vendor's currency (``189`` = EUR 189, ``3200`` = JPY 3,200);
  the builder converts them to integer minor units and rounds to believable price points.
  Token prices are deltas in major units; an axis value scales the product's price by ``pct``
  percent and then adds ``price`` major units. No floats anywhere.
* Variants are the cartesian product of an optional colour axis (``Family.colours`` colours picked
  from ``Family.palette`` / ``Token.palette``, keys of ``options.COLOURS``) and ``Family.axes``
  (or ``Token.axes`` when a token overrides them). A product must end up with 1..6 variants.
* ``weight``: grams; ``dims``: (length, width, height) in millimetres of the packed item. Axis
  values add grams and scale dimensions in percent.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Token:
    en: str
    de: str
    pe: str = ""  # English phrase for the intro template ("" -> use ``en``)
    pd: str = ""  # German phrase for the intro template ("" -> use ``de``)
    price: int = 0  # major-unit delta
    weight: int = 0  # gram delta
    hs: str | None = None  # overrides Family.hs
    origin: str | None = None  # overrides Family.origin
    palette: tuple[str, ...] | None = None  # overrides Family.palette
    axes: tuple[Axis, ...] | None = None  # overrides Family.axes
    category: str | None = None  # overrides Family.category
    dims: tuple[int, int, int] | None = None  # overrides Family.dims


@dataclass(frozen=True)
class AxisValue:
    en: str
    de: str
    code: str  # SKU fragment, A-Z0-9 only
    price: int = 0  # major-unit delta, added after ``pct``
    weight: int = 0  # gram delta
    scale: int = 100  # percent applied to the family's dimensions
    pct: int = 100  # percent applied to the product's base price (currency-independent)


@dataclass(frozen=True)
class Axis:
    en: str  # option name, English ("Size")
    de: str  # option name, German ("Größe")
    values: tuple[AxisValue, ...]


@dataclass(frozen=True)
class Family:
    code: str  # SKU fragment, unique per vendor
    vendor: str
    category: str
    hs: str
    name: tuple[str, str]  # (English template, German template)
    intro: tuple[str, str]
    body: tuple[tuple[str, str], ...]
    tokens: tuple[tuple[Token, ...], ...]
    price: int  # major units
    weight: int  # grams
    dims: tuple[int, int, int]  # mm
    axes: tuple[Axis, ...] = ()
    palette: tuple[str, ...] = ()
    colours: int = 0  # colours per product (0 = no colour option)
    origin: str | None = None  # None = vendor country
    tail: tuple[str, str] = ("", "")
    skip: frozenset[tuple[int, ...]] = field(default_factory=frozenset)


@dataclass(frozen=True)
class VendorSpec:
    key: str
    sku_prefix: str
    display_name: str
    legal_name: str
    country: str
    city: str
    currency: str
    description: str
    description_de: str
    status: str = "approved"
    status_reason: str | None = None
    commission_bps: int | None = None
    response_hours: int = 24


def T(en: str, de: str, pe: str = "", pd: str = "", **kw: object) -> Token:  # noqa: N802 - short data helper
    """A token: name words (en, de) and optional intro phrases (pe, pd)."""
    return Token(en, de, pe, pd, **kw)  # type: ignore[arg-type]


def V(  # noqa: N802 - short data helper
    en: str, de: str, code: str, price: int = 0, weight: int = 0, scale: int = 100, pct: int = 100,
) -> AxisValue:
    """An option value of an axis."""
    return AxisValue(en, de, code, price, weight, scale, pct)


def axis(en: str, de: str, *values: AxisValue) -> Axis:
    return Axis(en, de, tuple(values))

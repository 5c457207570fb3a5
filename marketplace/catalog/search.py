"""Search and browse: full-text query, typo correction, facets, sorting and pagination.

Contract:
    * :func:`parse_params` turns a URL query string (``q``, ``category``, ``seller``, ``from``, ``price``,
      ``rating``, ``stock``, ``ships``, ``sort``, ``page``) into :class:`SearchParams`. It is lenient on
      purpose: a URL is typed, shared and edited by people, so a value it cannot use (an unknown sort, page
      ``-3``, a price ``abc``) is dropped to its default instead of failing the page, and a huge page number
      is clamped (to :data:`MAX_PAGE` here, to the last page by :func:`search`). :func:`to_query`
      is its inverse (only non-default values, in a stable order), so links are shareable and the back
      button restores the same results.
    * :func:`search` is strict: it takes a :class:`SearchParams` (anything else, or a field of the wrong
      type or range, raises :class:`ValidationError`) and returns a :class:`SearchResult` with one page of
      :class:`~marketplace.catalog.views.ProductCard` (built by ``queries._cards``), the facet counts and
      the query actually run. Only active products of approved vendors are found.
    * Text: every word of the query must match the product's name or description in the shopper's
      language or in English (the source text, which also holds brand-like names shoppers type in any
      language); the last word also matches as a prefix ("sneak" finds sneakers). Words are letters and
      digits only: quotes, ``*``, ``NEAR(``, ``OR``, ``--`` are plain text, never query syntax.
      SQLite uses the FTS5 index with bm25 (name weighted 10, description 2), PostgreSQL the tsvector
      index with ``ts_rank`` (name weight A, description B); see :mod:`marketplace.catalog.search_index`.
    * Typos: when a query finds nothing, each word not in the index's vocabulary is replaced by the most
      frequent indexed word within a small edit distance (Damerau-Levenshtein 1 for words of up to 5
      letters, 2 for longer; words of 1-2 letters are never changed). Candidates are the words that share a
      form with the query word after deleting at most one letter from each (symmetric delete): every single
      typo (a letter missing, extra, wrong or two letters swapped) and many double ones ("stonewear"). If the corrected query finds
      products, those are returned and ``corrected_query`` says what was searched ("snekers" ->
      "sneakers"); when the corrected query finds nothing either, nothing is suggested. The vocabulary is built from the index
      and cached per database and language until ``search_index_state.version`` changes.
    * Prices: a product's price is the price its card shows (cheapest in-stock variant, else cheapest),
      the headline price the card shows in the shopper's market (``catalog.display.unit_display``: converted
      once like ``catalog.pricing.localise``, plus the one-unit duty and import tax where the market shows
      prices with duties and taxes included). The price filter and the price sort compare those amounts, so
      "under 50 €" means what the shopper sees on the card. The
      conversion runs in Python over the products that match the other filters (hundreds in the demo
      catalogue; a catalogue of millions would store per-currency prices instead). Price range bounds in
      the URL are whole units of the display currency (``price=20-50``, ``price=-20``, ``price=100-``),
      the lower bound inclusive and the upper exclusive; the buckets offered are "nice" round edges
      (1, 2, 2.5, 5 x 10^n) near the quartiles of the matching prices (near the median for 2-3 prices).
    * "Ships to": a product ships to the shopper's ship-to country when, for one of its variants, the
      embedded carrier has a service that can carry one unit from the seller's country
      (``crossborder.shipping.rates``) whose transport mode is not blocked for the variant's HS code and
      name by ``crossborder.restrictions.screen``, the same checks the checkout quote makes.
    * Facets are disjunctive: each facet's counts apply every other filter but not its own, so a shopper
      sees how many products each choice would give. Categories are the children of the selected category
      (top-level categories when none is selected), counted with their sub-categories.
    * Sorting: ``relevance`` (text rank, then featured, rating, newest; without a query: featured, rating),
      ``price_asc``, ``price_desc``, ``newest``, ``rating`` (stars, then number of reviews); ties by id.
      Pages hold :data:`PAGE_SIZE` cards; a page beyond the last is clamped to the last.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from decimal import Decimal
from urllib.parse import urlencode

from sqlalchemy import bindparam, text
from sqlmodel import Session, select

from marketplace.catalog import search_index
from marketplace.catalog.display import UnitFacts, unit_display
from marketplace.catalog.error_codes import CatalogErrorCode
from marketplace.catalog.queries import _cards, categories
from marketplace.catalog.views import CategoryView, ProductCard
from marketplace.core import clock
from marketplace.core.errors import ValidationError
from marketplace.core.money import Money, exponent
from marketplace.core.text import is_digits
from marketplace.crossborder import restrictions, shipping
from marketplace.crossborder.markets import DESTINATIONS
from marketplace.models import Product, ProductStatus, Variant, Vendor, VendorStatus

PAGE_SIZE = 24
MAX_PAGE = 10_000
MAX_QUERY = 200
MAX_WORDS = 8
MAX_CHOICES = 20  # sellers or countries selected at once
SORTS = ("relevance", "price_asc", "price_desc", "newest", "rating")
RATINGS = (4, 3)  # "4 stars & up", "3 stars & up"
_SLUG = re.compile(r"[a-z0-9][a-z0-9-]{0,79}")
_COUNTRY = re.compile(r"[A-Z]{2}")
_PRICE = re.compile(r"(\d{0,9})-(\d{0,9})")
_WORD = re.compile(r"[^\W_]+")


# -- parameters -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SearchParams:
    """What the shopper asked for. Prices are whole units of the display currency."""

    query: str = ""
    category: str = ""  # category slug, "" for all
    sellers: tuple[str, ...] = ()  # vendor slugs
    countries: tuple[str, ...] = ()  # sellers' countries, ISO alpha-2
    price_min: int | None = None
    price_max: int | None = None
    min_rating: int | None = None  # one of RATINGS
    in_stock: bool = False
    ships_to: bool = False
    sort: str = "relevance"
    page: int = 1

    @property
    def filtered(self) -> bool:
        """True when any filter besides the query and category is applied."""
        return bool(self.sellers or self.countries or self.price_min is not None or self.price_max is not None
                    or self.min_rating or self.in_stock or self.ships_to)


def _first(raw: Mapping[str, object], key: str) -> str:
    value = raw.get(key, "")
    if isinstance(value, list | tuple):
        value = value[0] if value else ""
    return value.strip() if isinstance(value, str) else ""


def _choices(value: str, pattern: re.Pattern, upper: bool = False) -> tuple[str, ...]:
    items = [(v.strip().upper() if upper else v.strip().lower()) for v in value.split(",")]
    return tuple(dict.fromkeys(v for v in items if pattern.fullmatch(v)))[:MAX_CHOICES]


def _price_range(value: str) -> tuple[int | None, int | None]:
    match = _PRICE.fullmatch(value.replace(" ", ""))
    if not match:
        return None, None
    low = int(match[1]) if match[1] else None
    high = int(match[2]) if match[2] else None
    if low == 0:
        low = None
    if low is not None and high is not None and high <= low:
        return None, None
    return low, high


def parse_params(raw: Mapping[str, object]) -> SearchParams:
    """Lenient: what can be used from a URL's query parameters (see the module contract)."""
    if not isinstance(raw, Mapping):
        return SearchParams()
    query = " ".join(_first(raw, "q").split())[:MAX_QUERY]
    category = _first(raw, "category").lower()
    low, high = _price_range(_first(raw, "price"))
    rating = _first(raw, "rating")
    sort = _first(raw, "sort")
    page = _first(raw, "page")
    return SearchParams(
        query=query,
        category=category if _SLUG.fullmatch(category) else "",
        sellers=_choices(_first(raw, "seller"), _SLUG),
        countries=_choices(_first(raw, "from"), _COUNTRY, upper=True),
        price_min=low, price_max=high,
        min_rating=int(rating) if rating in {str(r) for r in RATINGS} else None,
        in_stock=_first(raw, "stock") == "1",
        ships_to=_first(raw, "ships") == "1",
        sort=sort if sort in SORTS else "relevance",
        page=min(int(page), MAX_PAGE) if is_digits(page) and len(page) <= 9 and int(page) >= 1 else 1,
    )


def to_query(params: SearchParams, *, include_category: bool = True) -> str:
    """The URL query string of ``params`` (only non-default values; "" when all are defaults)."""
    pairs: list[tuple[str, str]] = []
    if params.query:
        pairs.append(("q", params.query))
    if include_category and params.category:
        pairs.append(("category", params.category))
    if params.sellers:
        pairs.append(("seller", ",".join(params.sellers)))
    if params.countries:
        pairs.append(("from", ",".join(params.countries)))
    if params.price_min is not None or params.price_max is not None:
        pairs.append(("price", f"{params.price_min or ''}-{params.price_max if params.price_max is not None else ''}"))
    if params.min_rating:
        pairs.append(("rating", str(params.min_rating)))
    if params.in_stock:
        pairs.append(("stock", "1"))
    if params.ships_to:
        pairs.append(("ships", "1"))
    if params.sort != "relevance":
        pairs.append(("sort", params.sort))
    if params.page != 1:
        pairs.append(("page", str(params.page)))
    return urlencode(pairs)


def _validate(params: object) -> SearchParams:
    if not isinstance(params, SearchParams):
        raise ValidationError("That search is not valid.", code=CatalogErrorCode.SEARCH_INVALID)
    p = params
    strings_ok = isinstance(p.query, str) and isinstance(p.category, str) and isinstance(p.sort, str)
    if not strings_ok or len(p.query) > MAX_QUERY:
        raise ValidationError("Searches can be up to %(max)s characters long.", code=CatalogErrorCode.QUERY_TOO_LONG,
                              field="query", max=MAX_QUERY)
    if p.category and not _SLUG.fullmatch(p.category):
        raise ValidationError("We couldn't find that category.", code=CatalogErrorCode.CATEGORY_NOT_FOUND, field="category")
    for values, pattern in ((p.sellers, _SLUG), (p.countries, _COUNTRY)):
        if (not isinstance(values, tuple) or len(values) > MAX_CHOICES
                or not all(isinstance(v, str) and pattern.fullmatch(v) for v in values)):
            raise ValidationError("That filter is not valid.", code=CatalogErrorCode.FILTER_INVALID)
    for bound in (p.price_min, p.price_max):
        if bound is not None and (isinstance(bound, bool) or not isinstance(bound, int) or not 0 <= bound < 10**9):
            raise ValidationError("That price range is not valid.", code=CatalogErrorCode.PRICE_RANGE_INVALID)
    if p.price_min is not None and p.price_max is not None and p.price_max <= p.price_min:
        raise ValidationError("That price range is not valid.", code=CatalogErrorCode.PRICE_RANGE_INVALID)
    if p.min_rating is not None and p.min_rating not in RATINGS:
        raise ValidationError("That filter is not valid.", code=CatalogErrorCode.FILTER_INVALID, field="min_rating")
    if not isinstance(p.in_stock, bool) or not isinstance(p.ships_to, bool):
        raise ValidationError("That filter is not valid.", code=CatalogErrorCode.FILTER_INVALID)
    if p.sort not in SORTS:
        raise ValidationError("That sort order is not available.", code=CatalogErrorCode.SORT_INVALID, field="sort")
    if isinstance(p.page, bool) or not isinstance(p.page, int) or not 1 <= p.page <= MAX_PAGE:
        raise ValidationError("That page number is not valid.", code=CatalogErrorCode.PAGE_INVALID, field="page")
    return p


# -- words and typo correction ------------------------------------------------------------------------


def fold(word: str) -> str:
    """Case and accents folded: "Café" -> "cafe" (how both indexes compare words)."""
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def words(query: str) -> list[str]:
    """The query's searchable words, lower-cased: letters and digits only, at most 8 of 40 characters.

    >>> words('"Leather" bag* NEAR( -- OR')
    ['leather', 'bag', 'near', 'or']
    """
    return [w[:40] for w in _WORD.findall(query.casefold())][:MAX_WORDS]


def edit_distance(a: str, b: str) -> int:
    """Damerau-Levenshtein distance (optimal string alignment): "snekers" / "sneakers" -> 1."""
    if a == b:
        return 0
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        row = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            row[j] = min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (ca != cb))
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                row[j] = min(row[j], prev2[j - 2] + 1)
        prev2, prev = prev, row
    return prev[-1]


def allowed_distance(word: str) -> int:
    return 0 if len(word) < 3 else 1 if len(word) <= 5 else 2


def _deletes(word: str) -> set[str]:
    return {word[:i] + word[i + 1:] for i in range(len(word))}


@dataclass(frozen=True)
class Vocabulary:
    """Indexed words with how often they occur, and a one-delete index for fast near-miss lookups."""

    frequency: Mapping[str, int]
    _by_delete: Mapping[str, tuple[str, ...]] = field(repr=False)

    @classmethod
    def build(cls, texts: Iterable[str]) -> Vocabulary:
        counts: Counter[str] = Counter()
        for chunk in texts:
            counts.update(fold(w) for w in _WORD.findall(chunk.casefold()))
        by_delete: dict[str, list[str]] = defaultdict(list)
        for word in counts:
            if len(word) >= 2:
                for key in _deletes(word) | {word}:
                    by_delete[key].append(word)
        return cls(dict(counts), {k: tuple(v) for k, v in by_delete.items()})

    def correct(self, word: str) -> str:
        """The closest known word (see the module contract), or ``word`` itself."""
        folded = fold(word)
        limit = allowed_distance(folded)
        if folded in self.frequency or limit == 0:
            return word
        candidates = {c for key in _deletes(folded) | {folded} for c in self._by_delete.get(key, ())}
        scored = sorted((edit_distance(folded, c), -self.frequency[c], c) for c in candidates)
        best = next((s for s in scored if s[0] <= limit), None)
        return best[2] if best else word


_VOCABULARIES: dict[tuple[str, tuple[str, ...]], tuple[int, Vocabulary]] = {}


def vocabulary(session: Session, langs: tuple[str, ...]) -> Vocabulary:
    """The vocabulary of the documents in ``langs`` (cached until the index changes)."""
    key = (str(session.get_bind().url), langs)
    current = search_index.version(session)
    cached = _VOCABULARIES.get(key)
    if cached and cached[0] == current:
        return cached[1]
    rows = session.execute(text("SELECT name, description FROM product_search WHERE lang IN :langs")
                           .bindparams(bindparam("langs", expanding=True)), {"langs": list(langs)}).all()
    built = Vocabulary.build(f"{name} {name} {name} {description}" for name, description in rows)
    _VOCABULARIES[key] = (current, built)
    return built


# -- text matching -----------------------------------------------------------------------------------------


def _langs(lang: str) -> tuple[str, ...]:
    return ("en",) if lang == "en" else (lang, "en")


def _match(session: Session, terms: list[str], lang: str) -> dict[int, float]:
    """product id -> relevance (higher is better) for documents matching every term."""
    if not terms:
        return {}
    langs = _langs(lang)
    scores: dict[int, float] = {}
    if session.get_bind().dialect.name == "sqlite":
        last = f'"{terms[-1]}"' + ("*" if len(terms[-1]) >= 3 else "")
        expression = " ".join([*(f'"{t}"' for t in terms[:-1]), last])
        rows = session.execute(text(
            "SELECT product_id, bm25(product_search, 10.0, 2.0) FROM product_search "
            "WHERE product_search MATCH :q AND lang IN :langs").bindparams(bindparam("langs", expanding=True)),
            {"q": expression, "langs": list(langs)}).all()
        for product_id, rank in rows:  # bm25: lower is better
            scores[int(product_id)] = max(scores.get(int(product_id), float("-inf")), -float(rank))
    else:
        tsquery = " & ".join([*terms[:-1], terms[-1] + (":*" if len(terms[-1]) >= 3 else "")])
        rows = session.execute(text(
            "SELECT product_id, ts_rank(document, to_tsquery(search_config(lang), :q)) FROM product_search "
            "WHERE (lang = :lang AND document @@ to_tsquery(CAST(:cfg AS regconfig), :q)) "
            "OR (lang = 'en' AND document @@ to_tsquery('english', :q))"),
            {"q": tsquery, "lang": lang, "cfg": search_index.pg_config(lang)}).all()
        for product_id, rank in rows:
            scores[int(product_id)] = max(scores.get(int(product_id), float("-inf")), float(rank))
    return scores


# -- the candidates and their facts -------------------------------------------------------------------------


@dataclass(frozen=True)
class _VariantFacts:
    price: Money
    stock: int
    hs_code: str
    weight_g: int
    dims: tuple[int, int, int]
    id: int = 0
    origin: str = ""


@dataclass
class _Candidate:
    id: int
    name: str  # English: what the restriction rules read, as at checkout
    category_id: int
    vendor_slug: str
    vendor_name: str
    country: str
    rating_x10: int
    review_count: int
    featured: bool
    created_at: datetime
    variants: list[_VariantFacts] = field(default_factory=list)
    score: float = 0.0
    display_price: Money | None = None
    ships: bool = False

    @property
    def in_stock(self) -> bool:
        return any(v.stock > 0 for v in self.variants)

    def card_variant(self) -> _VariantFacts:
        """The variant whose price the product card shows (see ``queries._cards``): the cheapest in stock."""
        stocked = [v for v in self.variants if v.stock > 0]
        pool = stocked or self.variants
        return min(pool, key=lambda v: v.price.minor)

    def card_price(self) -> Money:
        return self.card_variant().price

    def shown_price(self, currency: str, ship_to: str) -> Money:
        """The headline price the card shows in this market (``catalog.display``): duties and taxes included
        where the market shows them included, the converted goods price elsewhere."""
        v = self.card_variant()
        facts = UnitFacts(variant_id=v.id, price=v.price, hs_code=v.hs_code, origin_country=v.origin or self.country,
                          weight_g=v.weight_g or 1, vendor_country=self.country, description=self.name)
        return unit_display(facts, currency, ship_to).shown


@functools.lru_cache(maxsize=65_536)
def _ships(origin: str, destination: str, hs_code: str, name: str, weight_g: int, dims: tuple[int, int, int],
           day: date) -> bool:
    try:
        parcel = shipping.combine([(shipping.Parcel(weight_g, *dims), 1)])
        modes = {option.transport_mode for option in shipping.rates(origin, destination, parcel, "EUR", day)}
    except (shipping.ShippingError, ValueError):
        return False
    item = [restrictions.ScreenItem(hs_code=hs_code, description=name)]
    for mode in modes:
        try:
            findings = restrictions.screen(destination, item, mode, day)
        except ValueError:
            continue
        if not any(f.level == restrictions.Level.BLOCK for f in findings):
            return True
    return False


def ships_to(candidate: _Candidate, destination: str, day: date) -> bool:
    return any(_ships(candidate.country, destination, v.hs_code, candidate.name, v.weight_g, v.dims, day)
               for v in candidate.variants)


def _candidates(session: Session, ids: Iterable[int] | None, category_ids: list[int] | None) -> list[_Candidate]:
    stmt = (select(Product.id, Product.name, Product.category_id, Vendor.slug, Vendor.display_name, Vendor.country,
                   Product.rating_x10, Product.review_count, Product.featured, Product.created_at)
            .join(Vendor, Vendor.id == Product.vendor_id)
            .where(Product.status == ProductStatus.ACTIVE, Vendor.status == VendorStatus.APPROVED))
    if ids is not None:
        stmt = stmt.where(Product.id.in_(list(ids)))
    if category_ids is not None:
        stmt = stmt.where(Product.category_id.in_(category_ids))
    found = {row[0]: _Candidate(*row) for row in session.exec(stmt).all()}
    if not found:
        return []
    variant_rows = session.exec(select(Variant.product_id, Variant.price_minor, Variant.price_currency, Variant.stock,
                                       Variant.hs_code, Variant.weight_g, Variant.length_mm, Variant.width_mm,
                                       Variant.height_mm, Variant.id, Variant.origin_country)
                                .where(Variant.product_id.in_(list(found)))).all()
    for pid, minor, cur, stock, hs, weight, length, width, height, vid, origin in variant_rows:
        found[pid].variants.append(_VariantFacts(Money(minor, cur), stock, hs, weight, (length, width, height),
                                                 vid, origin))
    return [c for c in found.values() if c.variants]


# -- result --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class FacetValue:
    value: str
    label: str
    count: int


@dataclass(frozen=True)
class PriceBucket:
    """[low, high) in whole units of the display currency; None = open."""

    low: int | None
    high: int | None
    count: int


@dataclass(frozen=True)
class Facets:
    categories: tuple[FacetValue, ...]
    sellers: tuple[FacetValue, ...]
    countries: tuple[FacetValue, ...]  # label = the ISO code (the page names it in the shopper's language)
    prices: tuple[PriceBucket, ...]
    ratings: tuple[FacetValue, ...]  # value "4" / "3"
    in_stock: int
    ships_to: int


@dataclass(frozen=True)
class SearchResult:
    params: SearchParams  # as run: the page clamped to the last one
    items: tuple[ProductCard, ...]
    total: int
    pages: int
    facets: Facets
    currency: str
    ship_to: str
    category: CategoryView | None = None
    corrected_query: str = ""  # the query run instead of a misspelt one that found nothing
    unsearchable: bool = False  # the query had no letters or digits to search for
    sellers: Mapping[str, str] = field(default_factory=dict)  # slug -> name, for chips


# -- search --------------------------------------------------------------------------------------------------


def _descendants(cats: list[CategoryView], root_id: int) -> list[int]:
    children: dict[int | None, list[int]] = defaultdict(list)
    by_slug = {c.slug: c for c in cats}
    for c in cats:
        children[by_slug[c.parent_slug].id if c.parent_slug else None].append(c.id)
    found, stack = [], [root_id]
    while stack:
        current = stack.pop()
        found.append(current)
        stack.extend(children[current])
    return found


def _whole_units(money: Money) -> Decimal:
    return Decimal(money.minor).scaleb(-exponent(money.currency))


_NICE = (1, 2, 2.5, 5)


def _nice(value: Decimal) -> int:
    """The largest 1/2/2.5/5 x 10^n (whole units) at or below ``value``, at least 1."""
    if value < 1:
        return 1
    magnitude = 10 ** (len(str(int(value))) - 1)
    best = magnitude
    for step in _NICE:
        candidate = int(step * magnitude)
        if candidate <= value and candidate == step * magnitude:
            best = candidate
    return best


def price_edges(prices: list[Decimal]) -> list[int]:
    """Up to three round edges near the quartiles of ``prices`` (whole units), increasing, distinct; with only
    two or three prices, one edge near the median (a short result list can still be split by price)."""
    if len(prices) < 2:
        return []
    ordered = sorted(prices)
    edges: list[int] = []
    for q in (1, 2, 3) if len(prices) >= 4 else (2,):
        edge = _nice(ordered[len(ordered) * q // 4])
        if edge > ordered[0] and (not edges or edge > edges[-1]):
            edges.append(edge)
    return edges


def _in_price(c: _Candidate, low: int | None, high: int | None) -> bool:
    units = _whole_units(c.display_price)
    return (low is None or units >= low) and (high is None or units < high)


def _sort_key(sort: str, has_query: bool):  # noqa: ANN202
    if sort == "price_asc":
        return lambda c: (c.display_price.minor, c.id)
    if sort == "price_desc":
        return lambda c: (-c.display_price.minor, c.id)
    if sort == "newest":
        return lambda c: (-c.created_at.timestamp(), c.id)
    if sort == "rating":
        return lambda c: (-c.rating_x10, -c.review_count, c.id)
    if has_query:
        return lambda c: (-c.score, not c.featured, -c.rating_x10, -c.created_at.timestamp(), c.id)
    return lambda c: (not c.featured, -c.rating_x10, c.id)


def search(session: Session, params: SearchParams, lang: str, currency: str, ship_to: str,
           per_page: int = PAGE_SIZE) -> SearchResult:
    """One page of results and the facets for ``params`` (see the module contract).

    Raises:
        ValidationError: for params that are not a valid :class:`SearchParams`, or a market that is not one.
        NotFound: never; an unknown category slug gives an empty result with ``category`` None.
    """
    p = _validate(params)
    if not isinstance(lang, str) or not isinstance(currency, str) or len(currency) != 3 \
            or ship_to not in DESTINATIONS:
        raise ValidationError("That market is not available.", code=CatalogErrorCode.MARKET_UNAVAILABLE)
    per_page = max(1, min(int(per_page), 60))
    cats = categories(session, lang, top_level_only=False)
    category = next((c for c in cats if c.slug == p.category), None) if p.category else None
    category_ids = _descendants(cats, category.id) if category else None
    if p.category and category is None:
        category_ids = []

    terms = words(p.query)
    corrected, scores = "", None
    if p.query:
        scores = _match(session, terms, lang)
        if not scores and terms:
            vocab = vocabulary(session, _langs(lang))
            fixed = [vocab.correct(t) for t in terms]
            if fixed != terms:
                retry = _match(session, fixed, lang)
                if retry:
                    scores, corrected = retry, " ".join(fixed)
    candidates = [] if category_ids == [] else _candidates(
        session, scores.keys() if scores is not None else None, category_ids)
    day = clock.now().date()
    for c in candidates:
        c.score = scores.get(c.id, 0.0) if scores else 0.0
        c.display_price = c.shown_price(currency, ship_to)

        c.ships = ships_to(c, ship_to, day)  # for every candidate: the facet counts it

    checks = {
        "sellers": lambda c: not p.sellers or c.vendor_slug in p.sellers,
        "countries": lambda c: not p.countries or c.country in p.countries,
        "price": lambda c: _in_price(c, p.price_min, p.price_max),
        "rating": lambda c: not p.min_rating or c.rating_x10 >= p.min_rating * 10,
        "in_stock": lambda c: not p.in_stock or c.in_stock,
        "ships_to": lambda c: not p.ships_to or c.ships,
    }

    def without(facet: str) -> list[_Candidate]:
        return [c for c in candidates if all(check(c) for name, check in checks.items() if name != facet)]

    matching = without("")
    facets = _facets(candidates, without, cats, category)
    matching.sort(key=_sort_key(p.sort, bool(scores)))
    total = len(matching)
    pages = max(1, -(-total // per_page))
    page = min(p.page, pages)
    window = matching[(page - 1) * per_page: page * per_page]
    rows = session.exec(select(Product, Vendor).join(Vendor, Vendor.id == Product.vendor_id)
                        .where(Product.id.in_([c.id for c in window]))).all() if window else []
    by_id = {product.id: (product, vendor) for product, vendor in rows}
    cards = _cards(session, [by_id[c.id] for c in window if c.id in by_id], lang)
    seller_names = {c.vendor_slug: c.vendor_name for c in candidates}
    return SearchResult(
        params=replace(p, page=page), items=tuple(cards), total=total, pages=pages, facets=facets,
        currency=currency, ship_to=ship_to, category=category, corrected_query=corrected,
        unsearchable=bool(p.query) and not terms, sellers=seller_names)


def _facets(candidates: list[_Candidate], without, cats: list[CategoryView],  # noqa: ANN001
            category: CategoryView | None) -> Facets:
    everything = without("")
    children = [c for c in cats if c.parent_slug == (category.slug if category else None)]
    by_id = {c.id: c for c in cats}
    by_slug = {c.slug: c for c in cats}
    parent_of = {c.id: by_slug[c.parent_slug].id for c in cats if c.parent_slug in by_slug}
    child_ids = {c.id for c in children}

    def branch(cat_id: int) -> int | None:
        current: int | None = cat_id
        while current is not None and current not in child_ids:
            current = parent_of.get(current)
        return current

    per_child = Counter(branch(c.category_id) for c in everything)
    category_values = tuple(FacetValue(by_id[cid].slug, by_id[cid].name, per_child[cid])
                            for cid in (c.id for c in children) if per_child[cid])
    sellers = Counter((c.vendor_slug, c.vendor_name) for c in without("sellers"))
    countries = Counter(c.country for c in without("countries"))
    ratings = without("rating")
    priced = without("price")
    edges = price_edges([_whole_units(c.display_price) for c in priced])
    bounds = list(zip([None, *edges], [*edges, None], strict=True)) if edges else []
    prices = tuple(PriceBucket(low, high, sum(1 for c in priced if _in_price(c, low, high))) for low, high in bounds)
    return Facets(
        categories=category_values,
        sellers=tuple(FacetValue(slug, name, n) for (slug, name), n in sorted(sellers.items(), key=lambda i: (-i[1], i[0][1]))),
        countries=tuple(FacetValue(code, code, n) for code, n in sorted(countries.items(), key=lambda i: (-i[1], i[0]))),
        prices=tuple(b for b in prices if b.count),
        ratings=tuple(FacetValue(str(r), str(r), sum(1 for c in ratings if c.rating_x10 >= r * 10)) for r in RATINGS),
        in_stock=sum(1 for c in without("in_stock") if c.in_stock),
        ships_to=sum(1 for c in without("ships_to") if c.ships),
    )


__all__ = ["PAGE_SIZE", "RATINGS", "SORTS", "FacetValue", "Facets", "PriceBucket", "SearchParams", "SearchResult",
           "Vocabulary", "edit_distance", "fold", "parse_params", "price_edges", "search", "to_query", "words"]

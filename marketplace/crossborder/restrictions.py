"""Prohibited and restricted goods: screen a parcel's items for a destination and transport mode.

Contract:
    * :func:`screen` returns a list of :class:`Finding`: ``Level.BLOCK`` means the item cannot be
      sent that way (the quote or label must be refused), ``Level.WARN`` means it can, with a
      condition the seller and shopper should know. An empty list means no rule fired; it is
      not a legal clearance.
    * The rules are data: ``data/restrictions.json`` (see ``data/SOURCES.md``), each with a stable
      ``id``, its ``effective_from`` (inclusive) and ``effective_to`` (exclusive) dates and its
      source. A rule fires for an item when the date ``on`` is in its range, the destination is
      one of its ``destinations`` (or it has ``"*"``), it has a level for the transport mode,
      the item's quantity reaches its ``min_quantity`` (if any) and one of its ``match`` clauses
      matches: the item's HS code starts with one of the clause's ``hs`` prefixes and none of its
      ``exclude_hs`` prefixes, and, if the clause has ``keywords``, the item's description
      contains one of them as a whole word (case and accents ignored).
    * Rules share a ``group`` ("alcohol", "biosecurity", ...): for one item only the most severe
      finding of a group is kept, the first rule of the file winning a tie, so a country's ban
      replaces the general warning instead of repeating it.
    * Findings are ordered by item, then blocks before warnings, then the file's rule order.
      ``reason_id`` is ``"restriction." + rule`` (the message id for translations), ``reason``
      the English sentence with ``{country}`` filled in, ``params`` the values a translation may
      use (``country``, ``destination``, ``hs_code``, ``transport_mode``, ``quantity`` and, for a
      quantity rule, ``min_quantity``), all strings.
    * Transport modes are ``"postal"`` and ``"courier"`` (both travel by air internationally).
      ``ScreenItem.value`` (the line total) and ``unit_weight_g`` are accepted for rules that
      need them; no current rule does.
"""

from __future__ import annotations

import functools
import json
import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from importlib import resources
from types import MappingProxyType
from typing import Any

from babel import Locale

from marketplace.core import clock
from marketplace.core.money import Money
from marketplace.crossborder.customs import TransportMode
from marketplace.crossborder.hs import normalise

RULES_FILE = "restrictions.json"


class Level(StrEnum):
    """How serious a finding is."""

    BLOCK = "block"
    """The item cannot be sent to this destination by this transport mode."""
    WARN = "warn"
    """The item can be sent, with a condition (age check, dangerous-goods handling, inspection)."""


_SEVERITY = {Level.BLOCK: 0, Level.WARN: 1}


@dataclass(frozen=True)
class Finding:
    """One rule that fired for one item (``item_index`` is its position in the list screened)."""

    level: Level
    rule: str
    item_index: int
    reason_id: str
    reason: str
    params: dict[str, str]
    source: str


@dataclass(frozen=True)
class ScreenItem:
    """An item to screen. ``value`` is the line total; ``unit_weight_g`` the weight of one unit."""

    hs_code: str
    description: str
    quantity: int = 1
    unit_weight_g: int | None = None
    value: Money | None = None


@dataclass(frozen=True)
class Clause:
    """Matches an item whose HS code starts with one of ``hs`` (and none of ``exclude_hs``) and,
    when ``keywords`` is not empty, whose description has one of them as a whole word."""

    hs: tuple[str, ...] = ()
    exclude_hs: tuple[str, ...] = ()
    keywords: frozenset[str] = frozenset()

    def matches(self, hs_code: str, words: frozenset[str]) -> bool:
        if self.hs and not hs_code.startswith(self.hs):
            return False
        if self.exclude_hs and hs_code.startswith(self.exclude_hs):
            return False
        return not self.keywords or not self.keywords.isdisjoint(words)


@dataclass(frozen=True)
class Rule:
    """One restriction, as read from ``data/restrictions.json``."""

    id: str
    group: str
    match: tuple[Clause, ...]
    destinations: frozenset[str]  # {"*"} for every destination
    levels: Mapping[str, Level]  # transport mode -> level
    reason: str
    effective_from: date
    effective_to: date | None
    source: str
    min_quantity: int | None = None
    confidence: str = ""
    order: int = field(default=0, compare=False)

    @property
    def reason_id(self) -> str:
        return f"restriction.{self.id}"

    def in_force(self, on: date) -> bool:
        return self.effective_from <= on and (self.effective_to is None or on < self.effective_to)

    def applies_to(self, destination: str) -> bool:
        return "*" in self.destinations or destination in self.destinations


# -- loading ------------------------------------------------------------------------------------------

_ID = re.compile(r"[a-z][a-z0-9_]*")
_PREFIX = re.compile(r"[0-9]{2,6}")
_COUNTRY = re.compile(r"[A-Z]{2}")
_REASON_FIELDS = frozenset(
    {"country", "destination", "hs_code", "transport_mode", "quantity", "min_quantity"}
)


@functools.lru_cache(maxsize=4096)
def _words(text: str) -> frozenset[str]:
    folded = unicodedata.normalize("NFKD", text)
    folded = "".join(ch for ch in folded if not unicodedata.combining(ch)).casefold()
    return frozenset(w for w in re.split(r"[^a-z0-9]+", folded) if w)


def _prefixes(values: Any, rule_id: str, what: str) -> tuple[str, ...]:
    if not isinstance(values, list) or not all(isinstance(v, str) and _PREFIX.fullmatch(v) for v in values):
        raise ValueError(f"{RULES_FILE}: {rule_id}: {what} must be a list of 2-6 digit HS prefixes")
    return tuple(values)


def _clause(raw: Any, rule_id: str) -> Clause:
    if not isinstance(raw, dict) or not raw.keys() <= {"hs", "exclude_hs", "keywords"}:
        raise ValueError(f"{RULES_FILE}: {rule_id}: a match clause has only hs, exclude_hs and keywords")
    keywords = raw.get("keywords", [])
    if not isinstance(keywords, list) or not all(isinstance(k, str) and _words(k) == {k} for k in keywords):
        raise ValueError(f"{RULES_FILE}: {rule_id}: keywords must be lower-case single words")
    clause = Clause(
        hs=_prefixes(raw.get("hs", []), rule_id, "hs"),
        exclude_hs=_prefixes(raw.get("exclude_hs", []), rule_id, "exclude_hs"),
        keywords=frozenset(keywords),
    )
    if not clause.hs and not clause.keywords:
        raise ValueError(f"{RULES_FILE}: {rule_id}: a match clause needs hs prefixes or keywords")
    return clause


def _rule(raw: Mapping[str, Any], order: int) -> Rule:
    rule_id = raw.get("id")
    if not isinstance(rule_id, str) or not _ID.fullmatch(rule_id):
        raise ValueError(f"{RULES_FILE}: rule {order}: id must be a lower-case identifier, got {rule_id!r}")
    for key in ("group", "reason", "source", "effective_from"):
        if not isinstance(raw.get(key), str) or not raw[key].strip():
            raise ValueError(f"{RULES_FILE}: {rule_id}: {key} is required")
    destinations = raw.get("destinations")
    if (
        not isinstance(destinations, list)
        or not destinations
        or not all(d == "*" or (isinstance(d, str) and _COUNTRY.fullmatch(d)) for d in destinations)
    ):
        raise ValueError(f"{RULES_FILE}: {rule_id}: destinations must be ISO alpha-2 codes or ['*']")
    levels_raw = raw.get("levels")
    if not isinstance(levels_raw, dict) or not levels_raw:
        raise ValueError(f"{RULES_FILE}: {rule_id}: levels must map transport modes to block/warn")
    levels = {TransportMode(mode).value: Level(level) for mode, level in levels_raw.items()}
    match = raw.get("match")
    if not isinstance(match, list) or not match:
        raise ValueError(f"{RULES_FILE}: {rule_id}: match needs at least one clause")
    min_quantity = raw.get("min_quantity")
    if min_quantity is not None and (
        isinstance(min_quantity, bool) or not isinstance(min_quantity, int) or min_quantity < 1
    ):
        raise ValueError(f"{RULES_FILE}: {rule_id}: min_quantity must be a positive int")
    fields = set(re.findall(r"{(\w*)}", raw["reason"]))
    if not fields <= _REASON_FIELDS:
        raise ValueError(
            f"{RULES_FILE}: {rule_id}: unknown reason placeholders {sorted(fields - _REASON_FIELDS)}"
        )
    effective_to = raw.get("effective_to")
    rule = Rule(
        id=rule_id,
        group=raw["group"],
        match=tuple(_clause(c, rule_id) for c in match),
        destinations=frozenset(destinations),
        levels=MappingProxyType(levels),
        reason=raw["reason"],
        effective_from=date.fromisoformat(raw["effective_from"]),
        effective_to=date.fromisoformat(effective_to) if effective_to is not None else None,
        source=raw["source"],
        min_quantity=min_quantity,
        confidence=str(raw.get("confidence", "")),
        order=order,
    )
    if rule.effective_to is not None and rule.effective_to <= rule.effective_from:
        raise ValueError(f"{RULES_FILE}: {rule_id}: effective_to must be after effective_from")
    return rule


def load_rules(data: Mapping[str, Any]) -> tuple[Rule, ...]:
    """Parse and check rules in the ``restrictions.json`` format (``{"rules": [...]}``).

    Raises:
        ValueError: for a malformed rule or a duplicate id.
    """
    rules = tuple(_rule(raw, i) for i, raw in enumerate(data["rules"]))
    ids = [r.id for r in rules]
    if len(ids) != len(set(ids)):
        raise ValueError(f"{RULES_FILE}: duplicate rule ids")
    return rules


@functools.cache
def rules() -> tuple[Rule, ...]:
    """The bundled rules, in file order (read once)."""
    raw = json.loads(
        (resources.files("marketplace.crossborder") / "data" / RULES_FILE).read_text(encoding="utf-8")
    )
    return load_rules(raw)


@functools.cache
def _country_name(code: str) -> str:
    return Locale("en").territories.get(code, code)


# -- screening ----------------------------------------------------------------------------------------


def screen(
    destination: str,
    items: Sequence[ScreenItem],
    transport_mode: str = "courier",
    on: date | None = None,
    *,
    rule_set: Sequence[Rule] | None = None,
) -> list[Finding]:
    """Findings for sending ``items`` to ``destination`` by ``transport_mode`` on ``on``.

    Args:
        destination: ISO 3166-1 alpha-2 code of the ship-to country.
        items: what is in the parcel; ``item_index`` in a finding is the position here.
        transport_mode: ``"postal"`` or ``"courier"``.
        on: the shipping date (default: today, UTC).
        rule_set: rules to use instead of the bundled ones (tests, staff previews).

    Raises:
        ValueError: for a malformed destination or an unknown transport mode.
        TypeError: for an item that is not a :class:`ScreenItem`.
        hs.InvalidHsCode: for an item whose HS code is malformed.
    """
    if not isinstance(destination, str) or not _COUNTRY.fullmatch(destination):
        raise ValueError(f"destination must be an upper-case ISO 3166-1 alpha-2 code, got {destination!r}")
    try:
        mode = TransportMode(transport_mode).value
    except ValueError:
        raise ValueError(f"transport_mode must be 'postal' or 'courier', got {transport_mode!r}") from None
    day = on if on is not None else clock.now().date()
    active = [
        r for r in (rule_set if rule_set is not None else rules())
        if r.in_force(day) and r.applies_to(destination) and mode in r.levels
    ]  # fmt: skip
    country = _country_name(destination)

    findings: list[tuple[int, int, int, Finding]] = []
    for index, item in enumerate(items):
        if not isinstance(item, ScreenItem):
            raise TypeError(f"item {index} is not a ScreenItem")
        hs_code = normalise(item.hs_code)
        words = _words(item.description) if isinstance(item.description, str) else frozenset()
        kept: dict[str, Rule] = {}
        for rule in active:
            if rule.min_quantity is not None and item.quantity < rule.min_quantity:
                continue
            if not any(clause.matches(hs_code, words) for clause in rule.match):
                continue
            current = kept.get(rule.group)
            if current is None or _SEVERITY[rule.levels[mode]] < _SEVERITY[current.levels[mode]]:
                kept[rule.group] = rule
        for rule in kept.values():
            level = rule.levels[mode]
            params = {
                "country": country,
                "destination": destination,
                "hs_code": hs_code,
                "transport_mode": mode,
                "quantity": str(item.quantity),
            }
            if rule.min_quantity is not None:
                params["min_quantity"] = str(rule.min_quantity)
            finding = Finding(
                level=level,
                rule=rule.id,
                item_index=index,
                reason_id=rule.reason_id,
                reason=rule.reason.format_map(params),
                params=params,
                source=rule.source,
            )
            findings.append((index, _SEVERITY[level], rule.order, finding))
    findings.sort(key=lambda entry: entry[:3])
    return [entry[3] for entry in findings]


__all__ = [
    "Clause",
    "Finding",
    "Level",
    "Rule",
    "ScreenItem",
    "load_rules",
    "rules",
    "screen",
]

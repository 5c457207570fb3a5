"""Checkout sessions: a priced quote with an id that expires after 15 minutes, and its re-validation.

Contract:
- ``start(session, owner, market, ...)`` prices the cart (``pricing``) and stores the frozen result as a
  ``CheckoutSession`` row (``snapshot`` below). It refuses an empty cart and a cart with problems
  (sold out, unavailable, not shippable, prohibited) with a specific :class:`CheckoutError`.
- ``start`` is rate-limited (``accounts.ratelimit``: bucket ``checkout`` per signed-in user or guest cart, and
  for guests ``checkout_address`` per client address ``client``; :class:`RateLimited` with the wait), and
  gives back the stock held by the cart's earlier checkouts (``orders.stock.release_cart``): one cart holds
  stock for one checkout at a time.
- ``set_contact(session, checkout_id, owner, email=, address=, lang=)`` records the buyer's e-mail, the
  validated delivery address (in the ship-to country), phone and language on an open checkout.
- ``revalidate(session, checkout_id, owner)`` re-prices the same cart now and lists precisely what changed
  (:class:`Change`: a line's price, its availability, a parcel's shipping, duty or tax, the total, or the
  quote's expiry). Placing an order is allowed only when nothing changed. When something changed it stores
  the fresh quote, except while a payment intent is recorded for the old one (``checkout.intents``): then
  the old quote stays until ``place`` has cancelled that intent.
- Amounts in the snapshot are minor units with their currency; rates are decimal strings.
"""

from __future__ import annotations

import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from sqlmodel import Session

from marketplace.accounts import ratelimit
from marketplace.accounts.address_format import PostalAddress
from marketplace.checkout.pricing import CheckoutPrice, Market, fetch_cart, price_checkout
from marketplace.core import clock
from marketplace.core.errors import NotFound, ValidationError
from marketplace.core.i18n import DEFAULT_LANGUAGE, LANGUAGES, N_
from marketplace.crossborder import fx
from marketplace.crossborder.markets import is_destination
from marketplace.models import CheckoutSession
from marketplace.orders import stock
from marketplace.orders.cart import CartOwner, find_cart

QUOTE_MINUTES = 15


class CheckoutError(ValidationError):
    """A checkout cannot start or continue; ``code`` says why."""

    def __init__(self, code: str, message: str, **params: object) -> None:
        super().__init__(message, **params)
        self.code = code


@dataclass(frozen=True)
class Change:
    code: str  # price | unavailable | stock | shipping | duty | taxes | total | expired
    message: str
    params: dict[str, str]


_PROBLEMS = {
    "empty": ("empty_cart", N_("Your cart is empty.")),
    "unavailable": ("unavailable", N_("%(sku)s is no longer available.")),
    "stock": ("out_of_stock", N_("Only %(available)s left of %(sku)s.")),
    "no_shipping": ("not_shippable", N_("A parcel cannot be shipped to your country.")),
    "prohibited_goods": ("prohibited", "%(reason)s"),
    "over_regime_limit": ("over_limit", "%(reason)s"),
}


_PARCEL_CHANGES = {
    "shipping": N_("Shipping for the parcel from %(vendor)s changed."),
    "duty": N_("Import duty for the parcel from %(vendor)s changed."),
    "taxes": N_("Import taxes for the parcel from %(vendor)s changed."),
}


def _problem_error(problem: str) -> CheckoutError:
    kind, *rest = problem.split(":", 2)
    code, message = _PROBLEMS.get(kind, ("not_quotable", "%(reason)s"))
    params: dict[str, object] = {}
    if kind == "unavailable":
        params = {"sku": rest[0]}
    elif kind == "stock":
        params = {"sku": rest[0], "available": rest[1]}
    elif rest:
        params = {"reason": rest[-1]}
    return CheckoutError(code, message, **params)


problem_error = _problem_error  # public: pages show a price's problems with the same messages


def snapshot(price: CheckoutPrice, market: Market) -> dict[str, Any]:
    def m(money) -> list:  # noqa: ANN001
        return [money.minor, money.currency]

    return {
        "currency": price.currency, "incoterm": price.incoterm, "ship_to": market.country, "region": market.region,
        "lines": [{"variant_id": line.item.variant_id, "sku": line.item.sku, "name": line.item.product_name,
                   "quantity": line.item.quantity, "vendor_id": line.item.vendor_id,
                   "hs_code": line.item.hs_code, "origin_country": line.item.origin_country,
                   "unit_price": m(line.unit_price), "vendor_unit_price": m(line.item.vendor_price),
                   "fx_rate": str(line.fx_rate), "fx_source": line.fx_source,
                   "fx_as_of": line.fx_as_of.isoformat() if line.fx_as_of else None}
                  for parcel in price.parcels for line in parcel.lines],
        "parcels": [{"vendor_id": p.vendor_id, "vendor": p.vendor_name, "service": p.chosen.service if p.chosen else None,
                     "regime": p.landed.regime if p.landed else None,
                     "shipping": m(p.landed.shipping), "duty": m(p.landed.duty), "taxes": m(p.landed.taxes),
                     "fees": m(p.landed.fees), "total": m(p.landed.total_landed_cost),
                     "on_delivery": m(p.landed.payable_on_delivery),
                     "lines": [{"sku": ql.sku, "duty": m(ql.duty), "tax": m(ql.tax)} for ql in p.landed.lines]}
                    for p in price.parcels if p.landed is not None],
        "totals": {"goods": m(price.goods), "shipping": m(price.shipping), "duty": m(price.duty),
                   "taxes": m(price.taxes), "fees": m(price.fees), "total": m(price.total),
                   "payable_now": m(price.payable_now), "payable_on_delivery": m(price.payable_on_delivery)},
    }


def _refuse_malformed(*, market: object = None, email: object = "", address: object = None,
                      choices: object = None, user_id: object = None, address_required: bool = False) -> None:
    """Arguments of the wrong type or shape (a raw websocket client can send anything) are refused up front,
    before anything is read or written: ``CheckoutError("invalid_request")``."""
    ok = (
        (market is None or (isinstance(market, Market) and is_destination(market.country)
                            and isinstance(market.currency, str) and market.currency in fx.supported_currencies()
                            and (market.region is None or (isinstance(market.region, str)
                                                           and len(market.region) <= 16))))
        and isinstance(email, str) and len(email) <= 254
        and (isinstance(address, PostalAddress) or (address is None and not address_required))
        and (choices is None or (isinstance(choices, Mapping) and all(
            isinstance(k, int) and not isinstance(k, bool) and isinstance(v, str) and len(v) <= 40
            for k, v in choices.items())))
        and (user_id is None or (isinstance(user_id, int) and not isinstance(user_id, bool)))
    )
    if not ok:
        raise CheckoutError("invalid_request", "This checkout is not valid.")


def start(session: Session, owner: CartOwner, market: Market, *, user_id: int | None = None, email: str = "",
          choices: Mapping[int, str] | None = None, address: PostalAddress | None = None,
          lang: str = DEFAULT_LANGUAGE, client: str | None = None) -> tuple[CheckoutSession, CheckoutPrice]:
    """Price the cart and freeze the quote. ``address`` (validated by ``accounts.address_format``) must be in
    the market's country; ``lang`` is the shopper's UI language, used for the confirmation e-mail; ``client``
    the client address (rate limit for guests)."""
    _refuse_malformed(market=market, email=email, address=address, choices=choices, user_id=user_id)
    if not isinstance(market, Market):
        raise CheckoutError("invalid_request", "This checkout is not valid.")
    uid = owner.user_id or user_id
    ratelimit.enforce(session, "checkout", ratelimit.caller_key(uid, None, owner.guest_token))
    if uid is None and client:
        ratelimit.enforce(session, "checkout_address", ratelimit.caller_key(address=client))
    if address is not None and address.country != market.country:
        raise CheckoutError("address_country", "The delivery address must be in %(country)s.",
                            country=market.country)
    if not isinstance(lang, str) or lang not in LANGUAGES:
        lang = DEFAULT_LANGUAGE
    price = price_checkout(fetch_cart(session, owner), market, choices)
    if not price.can_pay:
        raise _problem_error(price.problems[0])
    cart = find_cart(session, owner)
    stock.release_cart(session, cart.id if cart else None)
    now = clock.now()
    row = CheckoutSession(
        id=secrets.token_hex(16), user_id=user_id, cart_id=cart.id if cart else None, email=email,
        ship_to_country=market.country, quote={**snapshot(price, market), "choices": dict(choices or {}),
                                               "lang": lang},
        delivery_address=address.as_dict() if address else {}, phone=address.phone if address else "", lang=lang,
        total_minor=price.payable_now.minor, total_currency=price.currency, expires_at=now + timedelta(
            minutes=QUOTE_MINUTES), created_at=now)
    session.add(row)
    session.flush()
    return row, price


def load(session: Session, checkout_id: object, owner: CartOwner) -> CheckoutSession:
    """The checkout, only for the cart that started it (another shopper's id is simply not found)."""
    if not isinstance(checkout_id, str) or len(checkout_id) != 32:
        raise NotFound("We couldn't find that checkout.")
    row = session.get(CheckoutSession, checkout_id)
    cart = find_cart(session, owner)
    if row is None or cart is None or row.cart_id != cart.id:
        raise NotFound("We couldn't find that checkout.")
    return row


def set_contact(session: Session, checkout_id: object, owner: CartOwner, *, email: str, address: PostalAddress,
                lang: str = DEFAULT_LANGUAGE, user_id: int | None = None) -> CheckoutSession:
    """Record who pays and where it goes on an open checkout (the page validated both). The address must be
    in the checkout's ship-to country; the quote itself is unchanged."""
    _refuse_malformed(email=email, address=address, user_id=user_id, address_required=True)
    row = load(session, checkout_id, owner)
    if row.status != "open":
        raise CheckoutError("not_open", "This checkout is already complete.")
    if address.country != row.ship_to_country:
        raise CheckoutError("address_country", "The delivery address must be in %(country)s.",
                            country=row.ship_to_country)
    row.email, row.lang = email, lang if isinstance(lang, str) and lang in LANGUAGES else DEFAULT_LANGUAGE
    row.delivery_address, row.phone = address.as_dict(), address.phone
    row.quote = {**row.quote, "lang": row.lang}
    if user_id is not None:
        row.user_id = user_id
    session.add(row)
    return row


def revalidate(session: Session, checkout_id: object, owner: CartOwner) -> tuple[CheckoutSession, list[Change]]:
    row = load(session, checkout_id, owner)
    old = row.quote
    changes: list[Change] = []
    if clock.as_utc(row.expires_at) <= clock.now():
        changes.append(Change("expired", "Your checkout expired after 15 minutes; prices were checked again.", {}))
    market = Market(country=old["ship_to"], currency=old["currency"], region=old.get("region"))
    choices = {int(k): v for k, v in (old.get("choices") or {}).items()}
    price = price_checkout(fetch_cart(session, owner), market, choices)
    new = snapshot(price, market)
    for problem in price.problems:
        error = _problem_error(problem)
        changes.append(Change(error.code, error.message, {k: str(v) for k, v in error.params.items()}))
    old_lines = {line["sku"]: line for line in old["lines"]}
    new_lines = {line["sku"]: line for line in new["lines"]}
    for sku in old_lines.keys() | new_lines.keys():
        before, after = old_lines.get(sku), new_lines.get(sku)
        if before is None or after is None or before["quantity"] != after["quantity"]:
            changes.append(Change("cart", "Your cart changed since the checkout started.", {"sku": sku}))
        elif before["unit_price"] != after["unit_price"]:
            changes.append(Change("price", "The price of %(name)s changed.", {
                "name": after["name"], "sku": sku, "before": str(before["unit_price"][0]),
                "after": str(after["unit_price"][0])}))
    old_parcels = {p["vendor_id"]: p for p in old["parcels"]}
    for parcel in new["parcels"]:
        before = old_parcels.get(parcel["vendor_id"])
        for key, message in _PARCEL_CHANGES.items():
            if before and before[key] != parcel[key]:
                changes.append(Change(key, message, {
                    "vendor": parcel["vendor"], "before": str(before[key][0]), "after": str(parcel[key][0])}))
    if old["totals"]["payable_now"] != new["totals"]["payable_now"]:
        changes.append(Change("total", "The total changed.", {"before": str(old["totals"]["payable_now"][0]),
                                                               "after": str(new["totals"]["payable_now"][0])}))
    if not changes:
        return row, []
    # A quote with a payment intent recorded stays frozen: the payment may still succeed for exactly this quote.
    # ``place`` cancels (or finishes) that intent first, then asks again (see ``checkout.intents``).
    if price.can_pay and "intent_id" not in old:  # give the shopper a fresh quote to accept
        row.quote = {**new, "choices": old.get("choices") or {}, "lang": old.get("lang", row.lang),
                     "cancelled_intents": old.get("cancelled_intents", [])}
        row.total_minor, row.expires_at = price.payable_now.minor, clock.now() + timedelta(minutes=QUOTE_MINUTES)
        session.add(row)
    return row, changes

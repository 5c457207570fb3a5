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
- For the checkout page: ``current_price`` (an open checkout priced now), ``requote_market`` (a change of
  the delivery region re-quotes import tax) and ``payment_mode`` (how the configured gateway takes a card).
- The stored quote is a :class:`~marketplace.checkout.frozen.FrozenQuote` in its versioned JSON form (old rows,
  version 1, still load); a :class:`Change` of an amount carries ``Money`` before and after.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlmodel import Session

from marketplace.accounts import ratelimit
from marketplace.accounts.address_format import PostalAddress
from marketplace.checkout.error_codes import CheckoutErrorCode
from marketplace.checkout.frozen import FrozenQuote, stored_choices
from marketplace.checkout.pricing import CheckoutPrice, Market, fetch_cart, price_checkout
from marketplace.core import clock
from marketplace.core.errors import NotFound, Problem, ValidationError
from marketplace.core.i18n import DEFAULT_LANGUAGE, LANGUAGES, N_
from marketplace.core.money import Money
from marketplace.core.settings import Settings, get_settings
from marketplace.crossborder import fx
from marketplace.crossborder.markets import is_destination
from marketplace.models import CheckoutSession
from marketplace.orders import stock
from marketplace.orders.cart import CartOwner, find_cart

QUOTE_MINUTES = 15


class CheckoutError(ValidationError):
    """A checkout cannot start or continue; ``code`` (a :class:`CheckoutErrorCode`) says why. A provider's card
    refusal code that is not a member becomes ``PAYMENT_FAILED``, the provider's code kept on ``provider_code``."""

    default_code = CheckoutErrorCode.INVALID_REQUEST

    def __init__(self, code: CheckoutErrorCode | str, message: str, **params: object) -> None:
        known = code if isinstance(code, CheckoutErrorCode) else CheckoutErrorCode._value2member_map_.get(code)
        super().__init__(message, code=known or CheckoutErrorCode.PAYMENT_FAILED, **params)
        self.provider_code = str(code)

    @classmethod
    def of(cls, problem: Problem) -> CheckoutError:
        """The error that refuses a checkout for ``problem`` (a problem of its price)."""
        return cls(problem.code, problem.message, **problem.params)


@dataclass(frozen=True)
class Change:
    """One thing that changed since the quote. ``params`` fill the message; a change of an amount carries
    ``before`` and ``after`` as ``Money`` (the page formats them)."""

    code: str  # price | unavailable | stock | shipping | duty | taxes | total | expired | cart
    message: str
    params: dict[str, object]

    @property
    def amounts(self) -> tuple[Money, Money] | None:
        before, after = self.params.get("before"), self.params.get("after")
        return (before, after) if isinstance(before, Money) and isinstance(after, Money) else None


_PARCEL_CHANGES = {
    "shipping": N_("Shipping for the parcel from %(vendor)s changed."),
    "duty": N_("Import duty for the parcel from %(vendor)s changed."),
    "taxes": N_("Import taxes for the parcel from %(vendor)s changed."),
}


def problem_error(problem: Problem) -> CheckoutError:
    """Public: the error for one of a price's problems (pages show problems with the same messages)."""
    return CheckoutError.of(problem)


def snapshot(price: CheckoutPrice, market: Market) -> dict[str, Any]:
    """The stored (JSON) form of a priced checkout: :class:`~marketplace.checkout.frozen.FrozenQuote`, version 2."""
    return FrozenQuote.of(price, market).to_json()


def _refuse_malformed(*, market: object = None, email: object = "", address: object = None,
                      choices: object = None, user_id: object = None, address_required: bool = False) -> None:
    """Arguments of the wrong type or shape (a raw websocket client can send anything) are refused up front,
    before anything is read or written: ``CheckoutError(CheckoutErrorCode.INVALID_REQUEST)``."""
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
        raise CheckoutError(CheckoutErrorCode.INVALID_REQUEST, "This checkout is not valid.")


def start(session: Session, owner: CartOwner, market: Market, *, user_id: int | None = None, email: str = "",
          choices: Mapping[int, str] | None = None, address: PostalAddress | None = None,
          lang: str = DEFAULT_LANGUAGE, client: str | None = None) -> tuple[CheckoutSession, CheckoutPrice]:
    """Price the cart and freeze the quote. ``address`` (validated by ``accounts.address_format``) must be in
    the market's country; ``lang`` is the shopper's UI language, used for the confirmation e-mail; ``client``
    the client address (rate limit for guests)."""
    _refuse_malformed(market=market, email=email, address=address, choices=choices, user_id=user_id)
    if not isinstance(market, Market):
        raise CheckoutError(CheckoutErrorCode.INVALID_REQUEST, "This checkout is not valid.")
    uid = owner.user_id or user_id
    ratelimit.enforce(session, "checkout", ratelimit.caller_key(uid, None, owner.guest_token))
    if uid is None and client:
        ratelimit.enforce(session, "checkout_address", ratelimit.caller_key(address=client))
    if address is not None and address.country != market.country:
        raise CheckoutError(CheckoutErrorCode.ADDRESS_COUNTRY, "The delivery address must be in %(country)s.",
                            country=market.country)
    if not isinstance(lang, str) or lang not in LANGUAGES:
        lang = DEFAULT_LANGUAGE
    price = price_checkout(fetch_cart(session, owner), market, choices)
    if not price.can_pay:
        raise CheckoutError.of(price.problems[0])
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
        raise NotFound("We couldn't find that checkout.", code=CheckoutErrorCode.CHECKOUT_NOT_FOUND)
    row = session.get(CheckoutSession, checkout_id)
    cart = find_cart(session, owner)
    if row is None or cart is None or row.cart_id != cart.id:
        raise NotFound("We couldn't find that checkout.", code=CheckoutErrorCode.CHECKOUT_NOT_FOUND)
    return row


def set_contact(session: Session, checkout_id: object, owner: CartOwner, *, email: str, address: PostalAddress,
                lang: str = DEFAULT_LANGUAGE, user_id: int | None = None) -> CheckoutSession:
    """Record who pays and where it goes on an open checkout (the page validated both). The address must be
    in the checkout's ship-to country; the quote itself is unchanged."""
    _refuse_malformed(email=email, address=address, user_id=user_id, address_required=True)
    row = load(session, checkout_id, owner)
    if row.status != "open":
        raise CheckoutError(CheckoutErrorCode.NOT_OPEN, "This checkout is already complete.")
    if address.country != row.ship_to_country:
        raise CheckoutError(CheckoutErrorCode.ADDRESS_COUNTRY, "The delivery address must be in %(country)s.",
                            country=row.ship_to_country)
    row.email, row.lang = email, lang if isinstance(lang, str) and lang in LANGUAGES else DEFAULT_LANGUAGE
    row.delivery_address, row.phone = address.as_dict(), address.phone
    row.quote = {**row.quote, "lang": row.lang}
    if user_id is not None:
        row.user_id = user_id
    session.add(row)
    return row


@dataclass(frozen=True)
class CurrentPrice:
    """An open checkout priced now, for showing: the amount it will charge, the fresh price, the quote's expiry."""

    payable: Money
    price: CheckoutPrice
    expires_at: datetime


def current_price(session: Session, checkout_id: object, owner: CartOwner) -> CurrentPrice:
    """The checkout's cart priced now for the market and shipping choices of its frozen quote."""
    row = load(session, checkout_id, owner)
    market = FrozenQuote.from_json(row.quote).market
    price = price_checkout(fetch_cart(session, owner), market, stored_choices(row.quote))
    return CurrentPrice(Money(row.total_minor, row.total_currency), price, row.expires_at)


_REGION_CODE = re.compile(r"^[A-Z0-9]{1,3}$")


def quote_region(address: PostalAddress) -> str:
    """The delivery region a quote is priced for: the address's province or state code ("" when it has none
    or it is not a subdivision code). A province or state can change the import tax (Canada's HST/GST/PST)."""
    area = address.country_area or ""
    return area if _REGION_CODE.match(area) else ""


def requote_market(address: PostalAddress, currency: str, quoted_region: str) -> Market | None:
    """The rule "a region change re-quotes import tax": the market to quote again for when the delivery
    address's region differs from the one the current quote was priced for; None when the quote stands."""
    region = quote_region(address)
    if region == quoted_region:
        return None
    return Market(address.country, currency, region or None)


@dataclass(frozen=True)
class PaymentMode:
    """How the configured payment gateway (``PAYMENTS``) takes a card, for the checkout page.

    ``gateway`` is the name ``integrations.payment_gateways.gateway_for`` builds; ``card_in_browser`` says the
    provider's own card field (Stripe.js's Card Element) takes the card and the browser confirms the payment,
    so no card field is ours and authentication happens on the provider's page; otherwise the card form is
    ours and the embedded gateway's test step authenticates in a dialog."""

    gateway: str
    card_in_browser: bool
    publishable_key: str = ""
    js_url: str = ""

    @property
    def ready(self) -> bool:
        """False when the browser needs a publishable key that is not configured."""
        return not self.card_in_browser or bool(self.publishable_key)


def payment_mode(settings: Settings | None = None) -> PaymentMode:
    settings = settings or get_settings()
    in_browser = settings.payments == "stripe"
    return PaymentMode(settings.payments, in_browser, settings.stripe_publishable_key if in_browser else "",
                       settings.stripe_js_url if in_browser else "")


def revalidate(session: Session, checkout_id: object, owner: CartOwner) -> tuple[CheckoutSession, list[Change]]:
    row = load(session, checkout_id, owner)
    old = row.quote
    changes: list[Change] = []
    if clock.as_utc(row.expires_at) <= clock.now():
        changes.append(Change("expired", "Your checkout expired after 15 minutes; prices were checked again.", {}))
    frozen = FrozenQuote.from_json(old)
    market = frozen.market
    price = price_checkout(fetch_cart(session, owner), market, stored_choices(old))
    fresh = FrozenQuote.of(price, market)
    for problem in price.problems:
        changes.append(Change(problem.code, problem.message, {k: str(v) for k, v in problem.params.items()}))
    old_lines = {line.sku: line for line in frozen.lines}
    new_lines = {line.sku: line for line in fresh.lines}
    for sku in old_lines.keys() | new_lines.keys():
        before, after = old_lines.get(sku), new_lines.get(sku)
        if before is None or after is None or before.quantity != after.quantity:
            changes.append(Change("cart", "Your cart changed since the checkout started.", {"sku": sku}))
        elif before.unit_price != after.unit_price:
            changes.append(Change("price", "The price of %(name)s changed.", {
                "name": after.name, "sku": sku, "before": before.unit_price, "after": after.unit_price}))
    old_parcels = {p.vendor_id: p for p in frozen.parcels}
    for parcel in fresh.parcels:
        before = old_parcels.get(parcel.vendor_id)
        for key, message in _PARCEL_CHANGES.items():
            if before and getattr(before, key) != getattr(parcel, key):
                changes.append(Change(key, message, {
                    "vendor": parcel.vendor, "before": getattr(before, key), "after": getattr(parcel, key)}))
    if frozen.totals.payable_now != fresh.totals.payable_now:
        changes.append(Change("total", "The total changed.", {"before": frozen.totals.payable_now,
                                                               "after": fresh.totals.payable_now}))
    if not changes:
        return row, []
    # A quote with a payment intent recorded stays frozen: the payment may still succeed for exactly this quote.
    # ``place`` cancels (or finishes) that intent first, then asks again (see ``checkout.intents``).
    if price.can_pay and "intent_id" not in old:  # give the shopper a fresh quote to accept
        row.quote = {**fresh.to_json(), "choices": old.get("choices") or {}, "lang": old.get("lang", row.lang),
                     "cancelled_intents": old.get("cancelled_intents", [])}
        row.total_minor, row.expires_at = price.payable_now.minor, clock.now() + timedelta(minutes=QUOTE_MINUTES)
        session.add(row)
    return row, changes

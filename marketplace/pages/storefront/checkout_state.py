"""State of the checkout page (``/checkout``): the frozen quote, the delivery form, payment.

Contract:
- ``load`` starts a checkout (``checkout.service.start``) for the cart, the shopper's market and the shipping
  choices kept in the cart cookie: the quote id and its 15-minute expiry are shown, and the pay button
  shows the quote's ``payable_now``, the exact amount that will be charged.
- The address form fits the ship-to country (``accounts.address_format``): fields, order, labels, region
  choices, postal-code keyboard. Fields are checked when they lose focus and all again on the server at pay.
- ``pay`` records e-mail, address and language on the checkout and calls ``checkout.place.place``; card
  details go straight from the submitted form to the gateway and are never kept in a var. A change since
  the quote (price, stock, shipping, duty, tax, expiry) is listed and the new amount shown before any charge.
  A decline keeps the cart and what was typed (the inputs are not re-mounted). An authentication step
  opens the test dialog; ``authenticate`` completes or fails it. ``pending`` (computed from the
  backend var ``_pending``, which the client cannot set) disables the button and refuses a second pay or
  authenticate while one runs; the domain makes double submissions charge once anyway.
- The rules live below the page: the card form is read by ``payments.cards.card_from_form``; the current
  price, the region re-quote (``checkout.service.requote_market``) and how the gateway takes a card
  (``checkout.service.payment_mode``) come from ``checkout.service``; the page translates and formats.
- Identity comes from the session cookie on every call (``current_caller``); the cart from ``CartState``.
- ``PAYMENTS=stripe``: no card field is ours. ``load`` mounts Stripe.js's Card Element (``components.stripe_card``);
  ``pay`` checks the form, opens the payment (``checkout.client_payment.open_payment``) and hands the client
  secret to this tab's browser in a ``call_script`` (never in a var), which runs ``confirmCardPayment``;
  ``stripe_done`` then reads the intent from Stripe (``place.resume``) and shows the order or the failure. The
  browser's report is not trusted: only the backend var ``_stripe_intent`` says a confirmation is awaited.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass, field, replace
from datetime import UTC

import reflex as rx

from marketplace import routes
from marketplace.accounts.address_format import AddressInvalid, PostalAddress, address_form, validate_address
from marketplace.accounts.addresses import saved_addresses
from marketplace.accounts.service import normalise_email
from marketplace.checkout import service as checkout
from marketplace.checkout.client_payment import AlreadyPlaced, PaymentUnderWay, open_payment
from marketplace.checkout.place import CheckoutChanged, authenticate, place, resume
from marketplace.checkout.pricing import CheckoutPrice, Market
from marketplace.components.stripe_card import confirm_script, mount_script
from marketplace.core import formatting
from marketplace.core.db import get_engine
from marketplace.core.errors import DomainError, ValidationError
from marketplace.core.i18n import N_, format_locale, translate
from marketplace.core.money import Money
from marketplace.integrations.payment_gateways import gateway_for
from marketplace.orders.cart import CartOwner
from marketplace.payments.cards import card_from_form
from marketplace.payments.gateway import CardDetails
from marketplace.present.landed import (
    LineView,
    Option,
    ParcelView,
    TotalsView,
    parcel_view,
    totals_view,
)
from marketplace.present.problems import problem_text
from marketplace.state.auth import client_ip, current_caller
from marketplace.state.cart import CartState
from marketplace.state.loading import market, run_service, run_write

MAX_FORM_VALUE = 400
_UNAVAILABLE = N_("The payment could not be processed. Nothing was charged; please try again.")
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class FieldView:
    name: str = ""
    label: str = ""
    required: bool = False
    autocomplete: str = ""
    input_mode: str = "text"
    input_type: str = "text"
    max_length: int = 100
    choices: list[Option] = field(default_factory=list)
    hint: str = ""
    value: str = ""
    error: str = ""


@dataclass(frozen=True)
class SummaryParcel:
    parcel: ParcelView = field(default_factory=ParcelView)
    lines: list[LineView] = field(default_factory=list)


def _gateway():  # noqa: ANN202
    """The configured payment gateway (one per process)."""
    return gateway_for(checkout.payment_mode().gateway)


def _start(session, owner: CartOwner, market_: Market, user_id: int | None, email: str,  # noqa: ANN001
           choices: dict[int, str], lang: str, with_saved: bool, client: str | None = None):
    row, price = checkout.start(session, owner, market_, user_id=user_id, email=email, choices=choices, lang=lang,
                                client=client)
    saved = saved_addresses(session, user_id, market_.country) if (with_saved and user_id) else []
    return row.id, row.expires_at, Money(row.total_minor, row.total_currency), price, saved


def _current(session, checkout_id: str, owner: CartOwner) -> tuple[Money, CheckoutPrice, object]:  # noqa: ANN001
    now = checkout.current_price(session, checkout_id, owner)
    return now.payable, now.price, now.expires_at


def _change_text(lang: str, change: checkout.Change) -> str:
    """The change in words, with the amounts before and after when it is about money."""
    text = translate(lang, change.message, **change.params)
    if change.amounts is not None:
        locale = format_locale(lang)
        before, after = change.amounts
        text += " " + translate(lang, N_("(was %(before)s, now %(after)s)"),
                                before=formatting.format_money(before, locale),
                                after=formatting.format_money(after, locale))
    return text


class CheckoutState(rx.State):
    loaded: bool = False
    blocked: str = ""  # why checkout cannot start (empty cart, sold out ...)
    signed_in: bool = False
    email: str = ""
    email_error: str = ""
    fields: list[FieldView] = []
    saved: list[Option] = []
    form_version: int = 0
    parcels: list[SummaryParcel] = []
    totals: TotalsView = TotalsView()
    ship_to_label: str = ""
    quote_ref: str = ""
    quote_expiry: str = ""
    pay_amount: str = ""
    pay_label: str = ""
    card_errors: dict[str, str] = {}
    form_error: str = ""
    payment_error: str = ""
    changes: list[str] = []
    _pending: bool = False  # a payment is in flight; a backend var, so ``setvar`` cannot clear it
    auth_open: bool = False
    summary_open: bool = False
    stripe_card: bool = False  # PAYMENTS=stripe: the card is typed into Stripe.js's Card Element
    _checkout_id: str = ""
    _stripe_intent: str = ""  # the intent this tab's browser is confirming (set by pay, ended by stripe_done)
    _region: str = ""
    _saved_fields: dict[str, dict[str, str]] = {}
    _typed: dict[str, str] = {}
    _for_user: int | None = None  # whose typed and saved addresses the two dicts above hold (None: a guest)
    _options: dict[str, list[str]] = {}
    _paid_orders: list[str] = []  # order numbers this tab paid: its confirmation may show address and phone

    async def _owner_and_caller(self):  # noqa: ANN202
        caller = await current_caller(self)
        cart_state = await self.get_state(CartState)
        owner = CartOwner(user_id=caller.user_id) if caller else CartOwner(guest_token=cart_state._guest())
        return owner, caller, cart_state

    def _show_price(self, lang: str, price: CheckoutPrice, amount: Money, expires_at) -> None:  # noqa: ANN001
        locale = format_locale(lang)
        self.parcels = [SummaryParcel(
            parcel=parcel_view(p, lang),
            lines=[LineView(line.item.product_name, str(line.item.quantity),
                               formatting.format_money(line.total, locale)) for line in p.lines])
            for p in price.parcels]
        self._options = {p.parcel.vendor_id: [o.value for o in p.parcel.options] for p in self.parcels}
        self.totals = totals_view(price, lang)
        self.pay_amount = formatting.format_money(amount, locale)
        self.pay_label = translate(lang, N_("Pay %(amount)s"), amount=self.pay_amount)
        expires = expires_at.replace(tzinfo=UTC) if expires_at.tzinfo is None else expires_at
        self.quote_expiry = translate(lang, N_("Prices are held for 15 minutes, until %(time)s UTC."),
                                      time=expires.astimezone(UTC).strftime("%H:%M"))
        self.quote_ref = self._checkout_id[:8].upper()

    def _form_fields(self, lang: str, ship_to: str, values: dict[str, str]) -> None:
        form = address_form(ship_to)
        views = []
        for spec in form.fields:
            hint = ""
            if spec.example:
                hint = translate(lang, N_("For example %(example)s"), example=spec.example)
            views.append(FieldView(
                name=spec.name, label=translate(lang, spec.label), required=spec.required,
                autocomplete=spec.autocomplete, input_mode=spec.input_mode,
                input_type="tel" if spec.name == "phone" else "text", max_length=spec.max_length,
                choices=[Option(code, name) for code, name in spec.choices], hint=hint,
                value=values.get(spec.name, "")))
        self.fields = views

    async def _returned_from_provider(self) -> tuple[object, str]:
        """Back from the provider's authentication page (``?payment_intent=…``, Stripe's return): finish the
        payment this tab started. Returns (events to go on with, or None; a message for the checkout)."""
        if not self.router.url.query_parameters.get("payment_intent") or not self._checkout_id:
            return None, ""
        lang, _, _ = await market(self)
        owner, caller, _ = await self._owner_and_caller()
        try:
            placement = await asyncio.to_thread(resume, get_engine(), self._checkout_id, owner,
                                                gateway=_gateway(),
                                                user_id=caller.user_id if caller else None)
        except DomainError as exc:
            return None, problem_text(lang, exc)
        except Exception:  # noqa: BLE001 - show the checkout again with a clear message
            log.exception("resuming checkout %s failed", self._checkout_id)
            return None, translate(lang, _UNAVAILABLE)
        if placement.status == "processing":
            return None, translate(lang, N_("Your bank is still confirming the payment. We will e-mail you as "
                                            "soon as your order is placed; please don't pay again."))
        if placement.status == "requires_action":
            return None, translate(lang, N_("Your bank did not confirm the payment. Please try again."))
        return self._after(placement), ""

    @rx.var
    def pending(self) -> bool:
        return self._pending

    @rx.event
    async def load(self):
        going_on, message = await self._returned_from_provider()
        if going_on is not None:
            return going_on
        self.loaded, self._pending, self.auth_open, self._stripe_intent = False, False, False, ""
        self.changes, self.payment_error, self.form_error, self.card_errors = [], message, "", {}
        lang, currency, ship_to = await market(self)
        owner, caller, cart_state = await self._owner_and_caller()
        if (caller.user_id if caller else None) != self._for_user:  # another person in this tab: forget
            self._typed, self._saved_fields, self.saved = {}, {}, []
            self._for_user = caller.user_id if caller else None
        self.signed_in = caller is not None
        self.ship_to_label = f"{formatting.flag_emoji(ship_to)} {formatting.country_name(ship_to, format_locale(lang))}"
        self.email = caller.email if caller else self._typed.get("email", "")
        try:
            checkout_id, expires_at, amount, price, saved = await run_write(
                _start, owner, Market(ship_to, currency), caller.user_id if caller else None,
                caller.email if caller else "", cart_state._choices(), lang, True, client_ip(self))
        except DomainError as exc:
            self.blocked = problem_text(lang, exc)
            self.parcels, self.fields, self.loaded = [], [], True
            return
        self.blocked, self._checkout_id, self._region = "", checkout_id, ""
        self._saved_fields = {str(s.id): s.fields for s in saved}
        self.saved = [Option(str(s.id), f"{s.label}: {s.summary}") for s in saved]
        values = dict(saved[0].fields) if saved else {}
        values.update({k: v for k, v in self._typed.items() if v})
        self._form_fields(lang, ship_to, values)
        self._show_price(lang, price, amount, expires_at)
        self.form_version += 1
        self.loaded = True
        mode = checkout.payment_mode()
        self.stripe_card = mode.card_in_browser
        if mode.card_in_browser:
            if not mode.ready:
                log.error("PAYMENTS=%s needs STRIPE_PUBLISHABLE_KEY for the checkout's card field", mode.gateway)
                self.payment_error = translate(lang, _UNAVAILABLE)
                return None
            return rx.call_script(mount_script(mode.js_url, mode.publishable_key, lang))
        return None

    @rx.event
    def toggle_summary(self):
        self.summary_open = not self.summary_open

    @rx.event
    async def use_saved(self, address_id: str):
        if not isinstance(address_id, str) or address_id not in self._saved_fields:
            return
        caller = await current_caller(self)
        if caller is None or caller.user_id != self._for_user:
            return
        lang, _, ship_to = await market(self)
        self._typed.update(self._saved_fields[address_id])
        self._form_fields(lang, ship_to, self._typed)
        self.form_version += 1  # re-mount the inputs with the saved values

    @rx.event
    async def check_field(self, name: str, value: str):
        """Inline check of one field when it loses focus (the whole form is checked again at pay)."""
        if not isinstance(name, str) or not isinstance(value, str) or len(value) > MAX_FORM_VALUE:
            return
        lang, _, ship_to = await market(self)
        if name == "email":
            self._typed["email"] = value
            try:
                normalise_email(value)
                self.email_error = ""
            except ValidationError as exc:
                self.email_error = problem_text(lang, exc) if value.strip() else ""
            return
        if name not in {f.name for f in self.fields}:
            return
        self._typed[name] = value
        message = ""
        if value.strip():
            try:
                validate_address(ship_to, self._typed)
            except AddressInvalid as exc:
                if name in exc.errors:
                    msgid, params = exc.errors[name]
                    message = translate(lang, msgid, **params)
            except ValidationError:
                message = ""
        self.fields = [replace(f, error=message, value=value) if f.name == name else f for f in self.fields]

    @rx.event
    async def choose_shipping(self, vendor_id: str, service: str):
        cart_state = await self.get_state(CartState)
        return CheckoutState.load if cart_state._choose(vendor_id, service, self._options) else None

    def _address_errors(self, lang: str, errors: dict[str, tuple[str, dict]]) -> None:
        self.fields = [replace(f, error=translate(lang, errors[f.name][0], **errors[f.name][1])
                               if f.name in errors else "") for f in self.fields]

    @rx.event
    async def pay(self, form_data: dict):
        if self._pending or not isinstance(form_data, dict) or not self._checkout_id:
            return
        self._pending, self.payment_error, self.form_error, self.changes = True, "", "", []
        yield
        lang, currency, ship_to = await market(self)
        form = {k: v for k, v in form_data.items() if isinstance(k, str) and isinstance(v, str)
                and len(v) <= MAX_FORM_VALUE}
        self._typed.update({f.name: form.get(f.name, "") for f in self.fields})
        owner, caller, _ = await self._owner_and_caller()
        email, problems = "", False
        try:
            email = caller.email if caller else normalise_email(form.get("email", ""))
            self.email_error = ""
        except ValidationError as exc:
            self.email_error, problems = problem_text(lang, exc), True
        if not caller:
            self._typed["email"] = form.get("email", "")
        address: PostalAddress | None = None
        try:
            address = validate_address(ship_to, form)
            self._address_errors(lang, {})
        except AddressInvalid as exc:
            self._address_errors(lang, exc.errors)
            problems = True
        stripe_card = checkout.payment_mode().card_in_browser  # then the card never reaches us: Stripe.js has it
        card, card_errors = (None, {}) if stripe_card else card_from_form(form)
        self.card_errors = {k: translate(lang, v) for k, v in card_errors.items()}
        if problems or (card is None and not stripe_card) or address is None:
            self.form_error = translate(lang, N_("Check the highlighted fields."))
            self._pending = False
            return
        yield await self._place(lang, currency, owner, caller, email, address, card)

    async def _place(self, lang: str, currency: str, owner: CartOwner, caller, email: str,  # noqa: ANN001
                     address: PostalAddress, card: CardDetails | None):
        requote = checkout.requote_market(address, currency, self._region)
        try:
            if requote is not None:  # a province or state can change the import tax: quote it again
                cart_state = await self.get_state(CartState)
                before = self.pay_amount
                checkout_id, expires_at, amount, price, _ = await run_write(
                    _start, owner, requote, caller.user_id if caller else None, email, cart_state._choices(), lang,
                    False, client_ip(self))
                self._checkout_id, self._region = checkout_id, requote.region or ""
                self._show_price(lang, price, amount, expires_at)
                if self.pay_amount != before:
                    self.changes = [translate(lang, N_("Import taxes were recalculated for %(region)s."),
                                              region=address.country_area_name or requote.region or "")]
                    self._pending = False
                    return None
            await run_write(checkout.set_contact, self._checkout_id, owner, email=email, address=address, lang=lang,
                            user_id=caller.user_id if caller else None)
            if card is None:  # Stripe.js: this tab's browser confirms with the client secret
                intent_id, client_secret, _ = await asyncio.to_thread(
                    open_payment, get_engine(), self._checkout_id, owner,
                    gateway=_gateway(), user_id=caller.user_id if caller else None,
                    client=client_ip(self))
                self._stripe_intent = intent_id
                return rx.call_script(confirm_script(client_secret), callback=CheckoutState.stripe_done)
            placement = await asyncio.to_thread(place, get_engine(), self._checkout_id, owner, card,
                                                gateway=_gateway(),
                                                user_id=caller.user_id if caller else None, client=client_ip(self))
        except CheckoutChanged as exc:
            self.changes = [_change_text(lang, c) for c in exc.changes]
            amount, price, expires_at = await run_service(_current, self._checkout_id, owner)
            self._show_price(lang, price, amount, expires_at)
            self._pending = False
            return None
        except AlreadyPlaced as exc:
            self._pending = False
            return [rx.redirect(routes.checkout_done(exc.order_number)), CartState.refresh_count]
        except PaymentUnderWay as exc:  # the browser already paid (the page did not finish): show that payment
            return self._stripe_outcome(lang, exc.placement)
        except DomainError as exc:
            self.payment_error = problem_text(lang, exc)
            self._pending = False
            return None
        except Exception:  # a provider or network failure must not leave the pay button stuck
            log.exception("placing checkout %s failed", self._checkout_id)
            self.payment_error = translate(lang, _UNAVAILABLE)
            self._pending = False
            return None
        return self._after(placement)

    def _after(self, placement):  # noqa: ANN001, ANN202
        if placement.status == "requires_action":
            self._pending = False
            if placement.next_action_url and checkout.payment_mode().card_in_browser:  # the provider's 3-D Secure page
                return rx.redirect(placement.next_action_url, is_external=True)
            self.auth_open = True  # the embedded gateway's test step, in a dialog
            return None
        self._pending = False
        self._paid_orders = [*self._paid_orders[-4:], placement.order_number]
        return [rx.redirect(routes.checkout_done(placement.order_number)), CartState.refresh_count]

    @rx.event
    async def authenticate(self, approve: bool):
        if not isinstance(approve, bool) or not self._checkout_id or self._pending:
            return
        self._pending = True
        yield
        lang, _, _ = await market(self)
        owner, caller, _ = await self._owner_and_caller()
        try:
            placement = await asyncio.to_thread(authenticate, get_engine(), self._checkout_id, owner,
                                                approve=approve, gateway=_gateway(),
                                                user_id=caller.user_id if caller else None)
        except DomainError as exc:
            self.auth_open, self._pending = False, False
            self.payment_error = problem_text(lang, exc)
            return
        except Exception:  # noqa: BLE001 - never leave the dialog spinning
            log.exception("authenticating checkout %s failed", self._checkout_id)
            self.auth_open, self._pending = False, False
            self.payment_error = translate(lang, _UNAVAILABLE)
            return
        self.auth_open = False
        yield self._after(placement)

    @rx.event
    async def stripe_done(self, result: dict):
        """Stripe.js finished ``confirmCardPayment`` in this tab. ``result`` (``{ok, type, code}`` from
        assets/stripe_card.js) only picks the wording of a card the Element refused before any payment; the
        outcome is the intent as Stripe reports it (``place.resume``)."""
        if not self._stripe_intent or not self._checkout_id:
            return
        self._stripe_intent = ""
        lang, _, _ = await market(self)
        owner, caller, _ = await self._owner_and_caller()
        refused_locally = isinstance(result, dict) and result.get("type") == "validation_error"
        return await self._finish_stripe(lang, owner, caller, refused_locally=refused_locally)

    async def _finish_stripe(self, lang: str, owner: CartOwner, caller, *, refused_locally: bool):  # noqa: ANN001, ANN202
        """Read the checkout's intent from Stripe (``place.resume``) and show the order or what went wrong."""
        try:
            placement = await asyncio.to_thread(resume, get_engine(), self._checkout_id, owner,
                                                gateway=_gateway(),
                                                user_id=caller.user_id if caller else None)
        except DomainError as exc:
            self._pending = False
            self.payment_error = (translate(lang, N_("Check your card details.")) if refused_locally
                                  else problem_text(lang, exc))
            return None
        except Exception:  # noqa: BLE001 - never leave the pay button spinning
            log.exception("finishing the Stripe.js payment of checkout %s failed", self._checkout_id)
            self._pending = False
            self.payment_error = translate(lang, _UNAVAILABLE)
            return None
        return self._stripe_outcome(lang, placement)

    def _stripe_outcome(self, lang: str, placement):  # noqa: ANN001, ANN202
        self._pending = False
        if placement.status == "processing":
            self.payment_error = translate(lang, N_("Your bank is still confirming the payment. We will e-mail you "
                                                    "as soon as your order is placed; please don't pay again."))
            return None
        if placement.status == "requires_action":
            self.payment_error = translate(lang, N_("Your bank did not confirm the payment. Please try again."))
            return None
        return self._after(placement)

"""The shopper's market: UI language, display currency and ship-to country, and the UI strings.

Contract:
- ``t(msgid)`` returns the Var of that string in the current language; every UI string goes through it.
  The English catalogue is the compiled-in default; switching language swaps the dict at run time (no
  rebuild, no reload).
- The three choices are separate, kept in cookies (``mp_lang``, ``mp_cur``, ``mp_ship``) and on the account
  when signed in. First visit: language from Accept-Language, the rest from the language's usual market.
- Every setter validates its argument against the supported lists; bad values change nothing.
- After a change, the page's own loaders are run again (``PAGE_RELOADERS``) so prices and text re-render.
"""

from __future__ import annotations

import asyncio
import json
from typing import Any

import reflex as rx

from marketplace.accounts import service as accounts
from marketplace.catalog.market_prefs import known_country, known_currency, known_language
from marketplace.catalog.pricing import shopper_currencies
from marketplace.core import formatting
from marketplace.core.db import session_scope
from marketplace.core.i18n import LANGUAGES, catalog, format_locale, negotiate
from marketplace.crossborder.markets import DESTINATIONS, default_currency
from marketplace.state.auth import current_caller

YEAR = 365 * 24 * 3600
CURRENCIES = shopper_currencies()
_FIRST_MARKET = {"de": ("DE", "EUR"), "en": ("US", "USD")}

# route -> event handlers that (re)load that page's data; filled by the page registration wrapper.
PAGE_RELOADERS: dict[str, list[Any]] = {}


def _save_preferences(user_id: int, lang: str, currency: str, ship_to: str) -> None:
    with session_scope() as session:
        accounts.update_preferences(session, user_id, language=lang, currency=currency, ship_to_country=ship_to)


def _user_preferences(user_id: int) -> tuple[str, str, str] | None:
    with session_scope() as session:
        return accounts.preferences(session, user_id)


_ENGLISH = catalog("en")


def html_lang_script(lang: str) -> str:
    """JavaScript setting ``<html lang>``; the value is a JSON string literal, whatever ``lang`` holds."""
    return f"document.documentElement.lang = {json.dumps(lang)}"


def choose_market(cookies: tuple[object, object, object], saved: tuple[object, object, object] | None,
                  accept_language: str | None) -> tuple[str, str, str]:
    """A tab's first market (language, currency, ship-to): each part from its cookie, else from the account's
    saved market, else from Accept-Language and that language's usual market. Cookies are whatever the client
    sent (any JSON type) and the saved market came from them once: only a known code counts."""
    saved = saved or ("", "", "")
    lang = known_language(cookies[0]) or known_language(saved[0]) or negotiate(accept_language)
    currency = known_currency(cookies[1]) or known_currency(saved[1])
    ship_to = known_country(cookies[2]) or known_country(saved[2])
    first_ship, first_currency = _FIRST_MARKET.get(lang, ("US", "USD"))
    ship_to = ship_to or first_ship
    currency = currency or (default_currency(ship_to) if default_currency(ship_to) in CURRENCIES else first_currency)
    return lang, currency, ship_to


class LocaleState(rx.State):
    lang: str = "en"
    currency: str = "EUR"
    ship_to: str = "DE"
    t: dict[str, str] = dict(catalog("en"))
    lang_cookie: str = rx.Cookie("", name="mp_lang", max_age=YEAR, same_site="lax", path="/")
    currency_cookie: str = rx.Cookie("", name="mp_cur", max_age=YEAR, same_site="lax", path="/")
    ship_cookie: str = rx.Cookie("", name="mp_ship", max_age=YEAR, same_site="lax", path="/")
    _ready: bool = False

    @rx.var
    def format_locale(self) -> str:
        return format_locale(self.lang)

    @rx.var
    def ship_to_label(self) -> str:
        return f"{formatting.flag_emoji(self.ship_to)} {formatting.country_name(self.ship_to, self.lang)}"

    @rx.var
    def market_label(self) -> str:
        return f"{formatting.flag_emoji(self.ship_to)} {self.lang.upper()} · {self.currency}"

    @rx.var
    def market_label_short(self) -> str:
        return f"{formatting.flag_emoji(self.ship_to)} {self.currency}"

    @rx.var
    def country_options(self) -> list[list[str]]:
        names = [(formatting.country_name(c, self.lang), c) for c in DESTINATIONS]
        return [[code, f"{formatting.flag_emoji(code)} {name}"] for name, code in sorted(names)]

    @rx.var
    def currency_options(self) -> list[list[str]]:
        return [[code, f"{code} · {formatting.currency_name(code, self.lang)}"] for code in CURRENCIES]

    @rx.var
    def language_options(self) -> list[list[str]]:
        return [[code, name] for code, name in LANGUAGES.items()]

    def _apply(self, lang: str, currency: str, ship_to: str) -> None:
        if lang != self.lang:
            self.t = dict(catalog(lang))
        self.lang, self.currency, self.ship_to = lang, currency, ship_to
        self.lang_cookie, self.currency_cookie, self.ship_cookie = lang, currency, ship_to

    def _html_lang(self):
        return rx.call_script(html_lang_script(self.lang))

    @rx.event
    async def init_locale(self):
        """Runs on every page load; decides the market once per browser tab, then keeps <html lang> right."""
        if self._ready:
            return self._html_lang()
        self._ready = True
        cookies = (self.lang_cookie, self.currency_cookie, self.ship_cookie)
        saved = None
        if not (known_language(cookies[0]) and known_currency(cookies[1]) and known_country(cookies[2])):
            caller = await current_caller(self)
            saved = await asyncio.to_thread(_user_preferences, caller.user_id) if caller else None
        lang, currency, ship_to = choose_market(cookies, saved, self.router.headers.accept_language)
        self._apply(lang, currency, ship_to)
        return self._html_lang()

    async def _changed(self):
        caller = await current_caller(self)
        if caller is not None:
            await asyncio.to_thread(_save_preferences, caller.user_id, self.lang, self.currency, self.ship_to)
        return [self._html_lang(), *PAGE_RELOADERS.get(self.router.route_id, [])]

    @rx.event
    async def set_language(self, lang: str):
        if not isinstance(lang, str) or lang not in LANGUAGES:
            return None
        self._apply(lang, self.currency, self.ship_to)
        return await self._changed()

    @rx.event
    async def set_currency(self, currency: str):
        if not isinstance(currency, str) or currency not in CURRENCIES:
            return None
        self._apply(self.lang, currency, self.ship_to)
        return await self._changed()

    @rx.event
    async def set_ship_to(self, country: str):
        if not isinstance(country, str) or country not in DESTINATIONS:
            return None
        self._apply(self.lang, self.currency, country)
        return await self._changed()


UNCATALOGUED: set[str] = set()  # msgids pages asked for that the catalogue lacks (a test keeps it empty)


def t(msgid: str) -> rx.Var:
    """The UI string ``msgid`` in the shopper's language (extracted by ``make i18n`` with ``-k t``); the English
    msgid itself until the string is in the catalogue, as gettext does."""
    if msgid not in _ENGLISH:
        UNCATALOGUED.add(msgid)
    return LocaleState.t.get(msgid, msgid)

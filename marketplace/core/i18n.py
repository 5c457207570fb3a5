"""Translations: gettext catalogues from ``locales/`` (Babel), served to pages as plain dicts at run time.

Contract:
- ``LANGUAGES`` lists the shipped UI languages (code -> its own name). English is the source language:
  message ids are the English strings themselves.
- ``catalog(lang)`` returns a read-only mapping {msgid: translated text} for every msgid in
  ``locales/messages.pot`` (missing or fuzzy translations fall back to the English msgid). It is cached and
  shared between sessions: never mutate it.
- ``translate(lang, msgid, **params)`` formats ``%(name)s`` parameters after translating (for domain errors).
- ``negotiate(accept_language)`` picks the best shipped language for an Accept-Language header.
- Compiled ``.mo`` files are used when present (``make i18n`` builds them); otherwise the ``.po`` is read.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from pathlib import Path
from types import MappingProxyType

from babel import Locale, negotiate_locale
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

LOCALES_DIR = Path(__file__).resolve().parents[2] / "locales"
DEFAULT_LANGUAGE = "en"
LANGUAGES: dict[str, str] = {"en": "English", "de": "Deutsch"}

# Babel locale used to format numbers, money and dates for each UI language.
FORMAT_LOCALES: dict[str, str] = {"en": "en_US", "de": "de_DE"}


def _read(path: Path, reader):  # noqa: ANN001
    with path.open("rb") as handle:
        return reader(handle)


@cache
def msgids() -> tuple[str, ...]:
    template = LOCALES_DIR / "messages.pot"
    if not template.exists():
        return ()
    return tuple(m.id for m in _read(template, read_po) if m.id and isinstance(m.id, str))


@cache
def catalog(lang: str) -> Mapping[str, str]:
    """Every UI string in ``lang`` (English fallback), as a read-only mapping."""
    texts = {msgid: msgid for msgid in msgids()}
    if lang != DEFAULT_LANGUAGE and lang in LANGUAGES:
        base = LOCALES_DIR / lang / "LC_MESSAGES"
        mo, po = base / "messages.mo", base / "messages.po"
        source = None
        if mo.exists() and (not po.exists() or mo.stat().st_mtime >= po.stat().st_mtime):
            source = _read(mo, read_mo)
        elif po.exists():
            source = _read(po, read_po)
        if source is not None:
            for message in source:
                if message.id and isinstance(message.id, str) and message.string and not message.fuzzy:
                    texts[message.id] = message.string
    return MappingProxyType(texts)


def translate(lang: str, msgid: str, **params: object) -> str:
    text = catalog(lang if lang in LANGUAGES else DEFAULT_LANGUAGE).get(msgid, msgid)
    if params:
        try:
            return text % params
        except (KeyError, ValueError, TypeError):
            return msgid % params
    return text


def negotiate(accept_language: str | None) -> str:
    """Best shipped language for an Accept-Language header (``de-DE,de;q=0.9,en;q=0.8`` -> ``de``)."""
    if not accept_language:
        return DEFAULT_LANGUAGE
    preferred = []
    for part in accept_language.split(",")[:20]:
        tag, _, q = part.strip().partition(";q=")
        try:
            weight = float(q) if q else 1.0
        except ValueError:
            weight = 0.0
        if tag and weight > 0:
            preferred.append((weight, tag.strip().replace("-", "_")))
    preferred.sort(key=lambda item: -item[0])
    tags = [tag for _, tag in preferred] + [tag.split("_")[0] for _, tag in preferred]
    return negotiate_locale(tags, list(LANGUAGES), sep="_") or DEFAULT_LANGUAGE


def format_locale(lang: str) -> str:
    return FORMAT_LOCALES.get(lang, "en_US")


def language_name(lang: str) -> str:
    return LANGUAGES.get(lang) or Locale.parse(lang).get_display_name(lang)


def N_(msgid: str) -> str:  # noqa: N802 - the gettext convention for "mark for extraction only"
    """Marks a string for extraction (``pybabel -k N_``) where it is translated later, e.g. a label passed
    to a component helper that calls ``t(label)``."""
    return msgid

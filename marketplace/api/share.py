"""``GET /share/p/{slug}``: a product's shareable link, for link previews and crawlers that run no JavaScript.

Contract:
- Answers a small HTML page with ``<title>``, ``meta description``, ``og:title``, ``og:description``,
  ``og:image`` (absolute URL of the product's first full image), ``og:url`` (the product page),
  ``og:type=product``, ``og:locale`` and ``twitter:card=summary_large_image``, in the language of ``?lang=``
  (when shipped) or else the ``Accept-Language`` header (en/de), every value HTML-escaped.
- Then sends people on to ``/p/<slug>``: a meta refresh and a plain link (no script needed).
- An unknown, unlisted or malformed slug answers 404 with a small HTML page in the same language.
- Read-only; the product is read through ``catalog.queries.product_detail`` (listed products only).
"""

from __future__ import annotations

import asyncio
import html

from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import Route

from marketplace import routes
from marketplace.catalog import queries
from marketplace.core.db import session_scope
from marketplace.core.errors import NotFound
from marketplace.core.i18n import LANGUAGES, format_locale, negotiate, translate
from marketplace.core.settings import get_settings
from marketplace.present.cards import image_url

DESCRIPTION_CHARS = 200


def _language(request: Request) -> str:
    asked = request.query_params.get("lang", "")
    return asked if asked in LANGUAGES else negotiate(request.headers.get("accept-language"))


def _summary(text: str) -> str:
    words = " ".join(text.split())
    return words if len(words) <= DESCRIPTION_CHARS else words[: DESCRIPTION_CHARS - 1].rsplit(" ", 1)[0] + "…"


def _load(slug: str, lang: str):  # noqa: ANN202
    with session_scope() as session:
        return queries.product_detail(session, slug, lang)


def _page(lang: str, title: str, head: str, body: str) -> str:
    return (f'<!doctype html>\n<html lang="{html.escape(lang)}"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{html.escape(title)}</title>{head}</head>"
            f'<body style="font-family: system-ui, sans-serif; margin: 2rem">{body}</body></html>')


async def share_product(request: Request) -> Response:
    lang = _language(request)
    slug = request.path_params.get("slug", "")
    try:
        detail = await asyncio.to_thread(_load, slug, lang)
    except NotFound:
        message = translate(lang, "We couldn't find that product.")
        return HTMLResponse(_page(lang, f"{message} · Meridian", '<meta name="robots" content="noindex">',
                                  f"<h1>{html.escape(message)}</h1>"
                                  f'<p><a href="/">{html.escape(translate(lang, "Continue shopping"))}</a></p>'),
                            status_code=404)
    base = get_settings().public_url
    page_url = f"{base}{routes.product(detail.slug)}"
    image = f"{base}{image_url(detail.images[0][1])}" if detail.images else f"{base}{image_url(None)}"
    title = f"{detail.name} · {detail.vendor_name} · Meridian"
    description = _summary(detail.description) or detail.name

    def meta(attr: str, key: str, value: str) -> str:
        return f'<meta {attr}="{key}" content="{html.escape(value)}">'

    head = "".join([
        meta("name", "description", description),
        meta("property", "og:type", "product"),
        meta("property", "og:site_name", "Meridian"),
        meta("property", "og:title", detail.name),
        meta("property", "og:description", description),
        meta("property", "og:image", image),
        meta("property", "og:url", page_url),
        meta("property", "og:locale", format_locale(lang)),
        meta("name", "twitter:card", "summary_large_image"),
        meta("name", "twitter:title", detail.name),
        meta("name", "twitter:description", description),
        meta("name", "twitter:image", image),
        f'<link rel="canonical" href="{html.escape(page_url)}">',
        f'<meta http-equiv="refresh" content="0; url={html.escape(routes.product(detail.slug))}">',
    ])
    body = (f"<h1>{html.escape(detail.name)}</h1><p>{html.escape(description)}</p>"
            f'<p><a href="{html.escape(routes.product(detail.slug))}">'
            f'{html.escape(translate(lang, "View this product"))}</a></p>')
    return HTMLResponse(_page(lang, title, head, body),
                        headers={"cache-control": "public, max-age=300", "content-language": lang,
                                 "vary": "Accept-Language"})


ROUTES = [Route(routes.SHARE_PRODUCT, share_product, methods=["GET"])]

"""GET /share/p/{slug}: Open Graph tags for link previews, escaped, in the asked language, then on to the page."""

from __future__ import annotations

import html
import re

import pytest
from sqlmodel import Session
from starlette.applications import Starlette
from starlette.testclient import TestClient

from marketplace.api import share
from marketplace.core.settings import get_settings
from marketplace.models import ProductImage, ProductStatus, ProductTranslation
from tests import factories


@pytest.fixture
def client(db_url, db_engine, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", db_url)
    monkeypatch.setenv("PUBLIC_URL", "https://shop.example")
    get_settings.cache_clear()
    with Session(db_engine) as session:
        kyoto, cups = factories.vendor(session), factories.category(session)
        cup = factories.product(session, kyoto, cups, name='Tea cup "Ume" <limited> & rare')
        cup.description = "Thrown by hand in Kyoto.\n\nGlazed <b>twice</b>."
        session.add(ProductTranslation(product_id=cup.id, lang="de", name="Teeschale „Ume“",
                                       description="Von Hand in Kyoto gedreht."))
        session.add(ProductImage(product_id=cup.id, thumb_path="catalogue/cup-400.webp",
                                 full_path="catalogue/cup-1200.webp", alt="Tea cup", position=0))
        hidden = factories.product(session, kyoto, cups, status=ProductStatus.HIDDEN)
        session.commit()
        slugs = {"cup": cup.slug, "hidden": hidden.slug}
    with TestClient(Starlette(routes=share.ROUTES)) as test_client:
        yield test_client, slugs
    get_settings.cache_clear()


def _meta(page: str, key: str) -> str:
    match = re.search(rf'<meta (?:property|name)="{re.escape(key)}" content="([^"]*)">', page)
    assert match, f"no {key} in the page"
    return html.unescape(match.group(1))


def test_the_share_page_carries_escaped_open_graph_tags_and_sends_people_on(client):
    test_client, slugs = client
    response = test_client.get(f"/share/p/{slugs['cup']}", headers={"accept-language": "en-US,en;q=0.9"})
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/html")
    page = response.text
    assert _meta(page, "og:title") == 'Tea cup "Ume" <limited> & rare'
    assert "<limited>" not in page  # escaped everywhere, never raw markup
    assert "&lt;limited&gt; &amp; rare" in page
    assert _meta(page, "og:description") == "Thrown by hand in Kyoto. Glazed <b>twice</b>."
    assert _meta(page, "description") == _meta(page, "og:description")
    assert _meta(page, "og:image") == "https://shop.example/media/catalogue/cup-1200.webp"
    assert _meta(page, "og:url") == f"https://shop.example/p/{slugs['cup']}"
    assert _meta(page, "twitter:card") == "summary_large_image"
    assert _meta(page, "og:locale") == "en_US"
    assert "<title>Tea cup &quot;Ume&quot; &lt;limited&gt; &amp; rare · Vendor" in page
    assert f'http-equiv="refresh" content="0; url=/p/{slugs["cup"]}"' in page
    assert f'<a href="/p/{slugs["cup"]}">' in page
    assert '<html lang="en">' in page


def test_the_language_comes_from_the_query_then_accept_language(client):
    test_client, slugs = client
    german = test_client.get(f"/share/p/{slugs['cup']}", headers={"accept-language": "de-DE,de;q=0.9"}).text
    assert _meta(german, "og:title") == "Teeschale „Ume“" and _meta(german, "og:locale") == "de_DE"
    assert '<html lang="de">' in german
    asked = test_client.get(f"/share/p/{slugs['cup']}?lang=en", headers={"accept-language": "de"}).text
    assert _meta(asked, "og:title").startswith("Tea cup")
    unknown = test_client.get(f"/share/p/{slugs['cup']}?lang=xx", headers={"accept-language": "de"}).text
    assert _meta(unknown, "og:title") == "Teeschale „Ume“"


@pytest.mark.parametrize("slug", ["no-such-product", "x" * 300, "%3Cscript%3E"])
def test_unknown_or_malformed_slugs_answer_404_html(client, slug):
    test_client, _ = client
    response = test_client.get(f"/share/p/{slug}")
    assert response.status_code == 404 and response.headers["content-type"].startswith("text/html")
    assert "<script>" not in response.text and "og:title" not in response.text


def test_an_unlisted_product_is_not_shared(client):
    test_client, slugs = client
    assert test_client.get(f"/share/p/{slugs['hidden']}").status_code == 404

"""The sitemap lists public pages only: never the account, seller or staff areas, nor cart and checkout
(issue 9, point 9). Built the way Reflex's SitemapPlugin builds it at compile time."""

from __future__ import annotations

import os
import subprocess
import sys
from urllib.parse import urlsplit

from reflex_base.plugins.sitemap import generate_links_for_sitemap

from tests.conftest import ROOT


def test_the_sitemap_never_lists_signed_in_or_per_shopper_pages():
    import marketplace.marketplace as app_module

    links = generate_links_for_sitemap(list(app_module.app._unevaluated_pages.values()), "never")
    paths = {urlsplit(link["loc"]).path or "/" for link in links}
    assert "/" in paths and "/search" in paths and "/login" in paths
    for private in ("/account", "/seller", "/staff", "/cart", "/checkout"):
        assert not [p for p in paths if p == private or p.startswith(f"{private}/")], private


def test_the_sitemap_links_point_at_the_public_url():
    env = {**os.environ, "PUBLIC_URL": "http://shop.test:8080"}
    result = subprocess.run([sys.executable, "-c", "import rxconfig; print(rxconfig.config.deploy_url)"],
                            cwd=ROOT, env=env, capture_output=True, text=True, timeout=120, check=True)
    assert result.stdout.strip() == "http://shop.test:8080"

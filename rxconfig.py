"""Reflex configuration. Every setting comes from the environment (see marketplace/core/settings.py)."""

import reflex as rx

from marketplace.core.db import normalise_url
from marketplace.core.settings import get_settings, refuse_unsafe_production

_settings = get_settings()
refuse_unsafe_production(_settings)  # a real deployment with unsafe settings does not start (exit 1, stderr)

config = rx.Config(
    app_name="marketplace",
    db_url=normalise_url(_settings.database_url),
    redis_url=_settings.redis_url,  # REFLEX_REDIS_URL (Reflex also reads it itself; the same value)
    cors_allowed_origins=list(_settings.cors_allowed_origins),
    deploy_url=_settings.public_url,  # the sitemap's absolute links (Reflex's default is http://localhost:3000)
    show_built_with_reflex=False,
    telemetry_enabled=False,
    plugins=[
        rx.plugins.SitemapPlugin(),
        rx.plugins.RadixThemesPlugin(theme=rx.theme(appearance="light", accent_color="teal", gray_color="slate",
                                                    radius="large", panel_background="solid", has_background=True)),
    ],
)

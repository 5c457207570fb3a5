"""Settings read from the environment, with embedded defaults (see docs/ARCHITECTURE.md, "Settings").

Contract: every setting the app reads from the environment is a field of :class:`Settings`, parsed here and
nowhere else (``tests/unit/core/test_settings_read.py`` fails when a field is read by nothing).
``get_settings()`` returns one frozen :class:`Settings`, cached for the process; ``Settings.from_env(env)``
builds one from any mapping (default ``os.environ``), uncached, for code that reads the environment each time
it acts (e-mail on each send, the Stripe gateway when it is built) and for tests. It never imports Reflex
and never touches the network. ``SECRET_KEY`` defaults to a random key generated once per install and kept in
``data/secret_key`` (git-ignored). Call ``get_settings.cache_clear()`` in tests that change the environment.

Production (``MERIDIAN_ENV=production``, or a ``PUBLIC_URL`` on https) is strict: the localhost origins
that development adds to the CORS allowlist are left out, and :func:`production_problems` lists every
setting that would make a real deployment unsafe (the test payment gateway without ``ALLOW_TEST_PAYMENTS=1``,
a generated ``SECRET_KEY``, localhost origins, cookies without the Secure flag). The app refuses to start
serving while that list is not empty (:func:`refuse_unsafe_production`); commands that do not serve
(``python -m marketplace seed``, the worker) are not blocked.
"""

from __future__ import annotations

import ipaddress
import os
import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

PROJECT_ROOT = Path(__file__).resolve().parents[2]
DATA_DIR = PROJECT_ROOT / "data"
DEFAULT_DATABASE_URL = "sqlite:///data/marketplace.db"
DEMO_IOSS_NUMBER = "IM2760000001"  # IOSS shape: IM, 276 (Germany), 7 digits; not a registered number
DEMO_UK_VAT_NUMBER = "GB999999973"  # HMRC's documented test VAT number


@dataclass(frozen=True)
class Settings:
    database_url: str
    redis_url: str | None  # REFLEX_REDIS_URL: Reflex's state manager (rxconfig.py passes it on)
    payments: str
    fx_source: str  # FX_SOURCE: embedded | forex-python, the rates behind every price (crossborder.fx.default_provider)
    public_url: str
    cors_allowed_origins: tuple[str, ...]
    upload_dir: Path
    secret_key: str
    secure_cookies: bool = False
    production: bool = False
    allow_test_payments: bool = False  # ALLOW_TEST_PAYMENTS=1: the embedded gateway in production, with a banner
    secret_key_explicit: bool = True  # False when SECRET_KEY came from data/secret_key (generated per install)
    stripe_js_url: str = "https://js.stripe.com/v3/"  # STRIPE_JS_URL: where the browser loads Stripe.js from
    stripe_publishable_key: str = ""  # STRIPE_PUBLISHABLE_KEY (pk_test_… / pk_live_…), given to Stripe.js
    stripe_api_base: str = "https://api.stripe.com"  # STRIPE_API_BASE: another API address (localstripe in tests)
    stripe_api_key: str = ""  # STRIPE_API_KEY (sk_test_… / sk_live_…): required with PAYMENTS=stripe
    stripe_webhook_secret: str = ""  # STRIPE_WEBHOOK_SECRET (whsec_…): without it the webhook route answers 503
    stripe_return_url: str = ""  # STRIPE_RETURN_URL: back from 3-D Secure; default PUBLIC_URL + /checkout if set
    trusted_proxies: str = ""  # TRUSTED_PROXIES: comma list of proxy IPs/CIDRs whose X-Forwarded-For counts
    smtp_host: str = ""  # SMTP_HOST: mail goes over SMTP when set, else into the mailbox table
    smtp_port: int = 25  # SMTP_PORT: default 587 with SMTP_STARTTLS, else 25
    smtp_user: str = ""  # SMTP_USER and SMTP_PASSWORD: login only when both are set
    smtp_password: str = ""
    smtp_from: str = "no-reply@meridian.invalid"  # SMTP_FROM: the sender address
    smtp_starttls: bool = False  # SMTP_STARTTLS=1|true|yes: upgrade the connection first
    # the marketplace's own numbers as deemed supplier, printed on customs forms (orders.customs_data):
    # PLATFORM_IOSS_NUMBER under the EU's IOSS (up to EUR 150), PLATFORM_UK_VAT_NUMBER under the UK's GBP 135
    # regime. Outside production a demo number of the right shape stands in; in production empty unless set.
    platform_ioss_number: str = ""
    platform_uk_vat_number: str = ""
    shipping: str = "embedded"  # SHIPPING: the carrier behind labels and tracking (integrations.carriers.carrier_for)
    carrier_clock: int = 1440  # CARRIER_CLOCK: how much faster the embedded carrier's parcels travel (1 = real time)
    payout_hold_days: int = 7  # PAYOUT_HOLD_DAYS: days after delivery before a sale's money is payable (0-90)
    easypost_api_key: str = ""  # EASYPOST_API_KEY: required with SHIPPING=easypost (production refuses to start)
    easypost_webhook_secret: str = ""  # EASYPOST_WEBHOOK_SECRET: without it POST /api/webhooks/easypost answers 503
    easypost_api_base: str = "https://api.easypost.com/v2"  # EASYPOST_API_BASE: another API address (tests)
    forex_api_base: str = ""  # FOREX_API_BASE: another address of forex-python's rates service ("": the library's)

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Settings:
        """Settings read from ``env`` (default ``os.environ``), not cached.

        Raises:
            ValueError: a setting with a value it cannot take (``PAYMENTS=paypal``, a bad ``TRUSTED_PROXIES``
                entry, a non-numeric ``SMTP_PORT``).
        """
        return _from_env(os.environ if env is None else env)

    @property
    def test_payments_banner(self) -> bool:
        """True when real-looking pages take test payments: every page then says so."""
        return self.production and self.payments == "embedded"

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")


def _secret_key(data_dir: Path, env: Mapping[str, str] | None = None) -> str:
    explicit = (os.environ if env is None else env).get("SECRET_KEY")
    if explicit:
        return explicit
    path = data_dir / "secret_key"
    if path.exists():
        return path.read_text().strip()
    data_dir.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(48)
    path.write_text(key)
    path.chmod(0o600)
    return key


def _choice(name: str, default: str, allowed: tuple[str, ...], env: Mapping[str, str] | None = None) -> str:
    value = (os.environ if env is None else env).get(name, default).strip().lower()
    if value not in allowed:
        raise ValueError(f"{name} must be one of {', '.join(allowed)}; got {value!r}")
    return value


def _trusted_proxies(value: str) -> str:
    """TRUSTED_PROXIES checked at start-up (``accounts.client_address`` parses it for use): a typo must stop
    the app, not silently trust nobody or everybody."""
    for entry in (e.strip() for e in value.split(",")):
        if entry:
            try:
                ipaddress.ip_network(entry, strict=False)
            except ValueError:
                raise ValueError(f"TRUSTED_PROXIES: {entry!r} is not an IP address or CIDR network") from None
    return value


def _is_local(origin: str) -> bool:
    host = urlsplit(origin).hostname or ""
    return host in ("localhost", "0.0.0.0", "::1") or host.endswith(".localhost") or host.startswith("127.")  # noqa: S104


def _carrier_clock(value: str) -> int:
    """CARRIER_CLOCK: a whole speed factor >= 1 (default 1440: a carrier day passes in a real minute)."""
    text = value.strip() or "1440"
    if not (text.isdigit() and text.isascii() and int(text) >= 1):
        raise ValueError(f"CARRIER_CLOCK must be a whole number >= 1 (1 = real time); got {value!r}")
    return int(text)


def _hold_days(value: str) -> int:
    """PAYOUT_HOLD_DAYS: whole days from 0 to 90 (default 7) between delivery and the money being payable."""
    text = value.strip() or "7"
    if not (text.isdigit() and text.isascii() and int(text) <= 90):
        raise ValueError(f"PAYOUT_HOLD_DAYS must be a whole number of days from 0 to 90; got {value!r}")
    return int(text)


def _flag(name: str, env: Mapping[str, str] | None = None) -> bool:
    return (os.environ if env is None else env).get(name, "").strip().lower() in ("1", "true", "yes")


def production_problems(settings: Settings) -> list[str]:
    """Why ``settings`` are unsafe for a real deployment, one sentence per problem naming the setting.

    Empty outside production. Pure: reads nothing but ``settings``.
    """
    if not settings.production:
        return []
    problems = []
    if settings.payments == "embedded" and not settings.allow_test_payments:
        problems.append("PAYMENTS is 'embedded' (the test gateway accepts public test cards and approves its own "
                        "3-D Secure step): set PAYMENTS=stripe, or ALLOW_TEST_PAYMENTS=1 for a demo site that "
                        "shows a test-mode banner on every page.")
    if settings.shipping == "easypost" and not settings.easypost_api_key:
        problems.append("SHIPPING is 'easypost' but EASYPOST_API_KEY is not set: set the key (and "
                        "EASYPOST_WEBHOOK_SECRET for tracking updates), or SHIPPING=embedded.")
    if not settings.secret_key_explicit:
        problems.append("SECRET_KEY is not set: set it explicitly (a long random value kept secret).")
    if not settings.public_url.startswith("https://"):
        problems.append(f"PUBLIC_URL is {settings.public_url!r}: production needs an https:// address "
                        "(over http the session cookies go without the Secure flag).")
    local = [o for o in settings.cors_allowed_origins if _is_local(o)]
    if local:
        problems.append(f"CORS_ALLOWED_ORIGINS allows localhost origins ({', '.join(local)}): list only "
                        "the site's public https origins.")
    return problems


def refuse_unsafe_production(settings: Settings | None = None) -> None:
    """Exit (status 1, the problems on stderr) when production settings are unsafe; otherwise do nothing."""
    problems = production_problems(settings or get_settings())
    if problems:
        raise SystemExit("Meridian refuses to start in production:\n" + "\n".join(f"  - {p}" for p in problems))


def _from_env(env: Mapping[str, str]) -> Settings:
    public_url = env.get("PUBLIC_URL", "http://localhost:3000").rstrip("/")
    production = (_choice("MERIDIAN_ENV", "development", ("development", "production"), env) == "production"
                  or public_url.startswith("https://"))
    # development adds the local dev server; production trusts only what it is told
    origins = {public_url} if production else {"http://localhost:3000", "http://127.0.0.1:3000", public_url}
    extra = env.get("CORS_ALLOWED_ORIGINS", "")
    origins.update(o.strip().rstrip("/") for o in extra.split(",") if o.strip())
    upload_dir = Path(env.get("REFLEX_UPLOADED_FILES_DIR", "uploaded_files"))
    if not upload_dir.is_absolute():
        upload_dir = PROJECT_ROOT / upload_dir
    explicit_public = env.get("PUBLIC_URL", "").rstrip("/")  # the 3-D Secure return needs a configured address
    starttls = _flag("SMTP_STARTTLS", env)
    return Settings(
        database_url=env.get("DATABASE_URL", DEFAULT_DATABASE_URL),
        redis_url=env.get("REFLEX_REDIS_URL") or None,
        payments=_choice("PAYMENTS", "embedded", ("embedded", "stripe"), env),
        fx_source=_choice("FX_SOURCE", "embedded", ("embedded", "forex-python"), env),
        public_url=public_url,
        cors_allowed_origins=tuple(sorted(origins)),
        upload_dir=upload_dir,
        secret_key=_secret_key(DATA_DIR, env),
        secure_cookies=public_url.startswith("https://"),
        production=production,
        allow_test_payments=_flag("ALLOW_TEST_PAYMENTS", env),
        secret_key_explicit=bool(env.get("SECRET_KEY")),
        stripe_js_url=env.get("STRIPE_JS_URL", "").strip() or "https://js.stripe.com/v3/",
        stripe_publishable_key=env.get("STRIPE_PUBLISHABLE_KEY", "").strip(),
        stripe_api_base=(env.get("STRIPE_API_BASE", "").strip() or "https://api.stripe.com").rstrip("/"),
        stripe_api_key=env.get("STRIPE_API_KEY", "").strip(),
        stripe_webhook_secret=env.get("STRIPE_WEBHOOK_SECRET", "").strip(),
        stripe_return_url=(env.get("STRIPE_RETURN_URL", "").strip()
                           or (f"{explicit_public}/checkout" if explicit_public else "")),
        trusted_proxies=_trusted_proxies(env.get("TRUSTED_PROXIES", "")),
        smtp_host=env.get("SMTP_HOST", "").strip(),
        smtp_port=int(env.get("SMTP_PORT", "") or (587 if starttls else 25)),
        smtp_user=env.get("SMTP_USER", ""),
        smtp_password=env.get("SMTP_PASSWORD", ""),
        smtp_from=env.get("SMTP_FROM", "") or "no-reply@meridian.invalid",
        smtp_starttls=starttls,
        platform_ioss_number=env.get("PLATFORM_IOSS_NUMBER", "").strip() or ("" if production else DEMO_IOSS_NUMBER),
        platform_uk_vat_number=(env.get("PLATFORM_UK_VAT_NUMBER", "").strip()
                                or ("" if production else DEMO_UK_VAT_NUMBER)),
        shipping=_choice("SHIPPING", "embedded", ("embedded", "easypost"), env),
        carrier_clock=_carrier_clock(env.get("CARRIER_CLOCK", "")),
        payout_hold_days=_hold_days(env.get("PAYOUT_HOLD_DAYS", "")),
        easypost_api_key=env.get("EASYPOST_API_KEY", "").strip(),
        easypost_webhook_secret=env.get("EASYPOST_WEBHOOK_SECRET", "").strip(),
        easypost_api_base=(env.get("EASYPOST_API_BASE", "").strip() or "https://api.easypost.com/v2").rstrip("/"),
        forex_api_base=env.get("FOREX_API_BASE", "").strip(),
    )


@cache
def get_settings() -> Settings:
    """The process's settings, read from ``os.environ`` once (``get_settings.cache_clear()`` reads again)."""
    return Settings.from_env()

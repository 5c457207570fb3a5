"""Settings read from the environment, with embedded defaults (see ARCHITECTURE.md "Configuration").

Contract: ``get_settings()`` returns one frozen :class:`Settings`, cached for the process. It never imports
Reflex and never touches the network. ``SECRET_KEY`` defaults to a random key generated once per install
and kept in ``data/secret_key`` (git-ignored). Call ``get_settings.cache_clear()`` in tests that change the
environment.
"""

from __future__ import annotations

import ipaddress
import os
import secrets
from dataclasses import dataclass
from functools import cache
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[2]
DATA_DIR = PROJECT_ROOT / "data"
DEFAULT_DATABASE_URL = "sqlite:///data/marketplace.db"


@dataclass(frozen=True)
class Settings:
    database_url: str
    redis_url: str | None
    payments: str
    shipping: str
    fx_source: str
    public_url: str
    cors_allowed_origins: tuple[str, ...]
    upload_dir: Path
    secret_key: str
    session_days: int = 14
    secure_cookies: bool = False
    trusted_proxies: str = ""  # TRUSTED_PROXIES: comma list of proxy IPs/CIDRs whose X-Forwarded-For counts

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")


def _secret_key(data_dir: Path) -> str:
    explicit = os.environ.get("SECRET_KEY")
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


def _choice(name: str, default: str, allowed: tuple[str, ...]) -> str:
    value = os.environ.get(name, default).strip().lower()
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


@cache
def get_settings() -> Settings:
    public_url = os.environ.get("PUBLIC_URL", "http://localhost:3000").rstrip("/")
    origins = {"http://localhost:3000", "http://127.0.0.1:3000", public_url}
    extra = os.environ.get("CORS_ALLOWED_ORIGINS", "")
    origins.update(o.strip().rstrip("/") for o in extra.split(",") if o.strip())
    upload_dir = Path(os.environ.get("REFLEX_UPLOADED_FILES_DIR", "uploaded_files"))
    if not upload_dir.is_absolute():
        upload_dir = PROJECT_ROOT / upload_dir
    return Settings(
        database_url=os.environ.get("DATABASE_URL", DEFAULT_DATABASE_URL),
        redis_url=os.environ.get("REFLEX_REDIS_URL") or None,
        payments=_choice("PAYMENTS", "embedded", ("embedded", "stripe")),
        shipping=_choice("SHIPPING", "embedded", ("embedded", "easypost")),
        fx_source=_choice("FX_SOURCE", "embedded", ("embedded", "forex-python")),
        public_url=public_url,
        cors_allowed_origins=tuple(sorted(origins)),
        upload_dir=upload_dir,
        secret_key=_secret_key(DATA_DIR),
        secure_cookies=public_url.startswith("https://"),
        trusted_proxies=_trusted_proxies(os.environ.get("TRUSTED_PROXIES", "")),
    )

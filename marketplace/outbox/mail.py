"""E-mail: over SMTP when ``SMTP_HOST`` is set, otherwise into the local mailbox staff can read (and, outside
production, printed on the worker's standard output, so `make run` shows sign-up and unlock links).

Settings (``core.settings``, read from the environment on each send): ``SMTP_HOST``, ``SMTP_PORT`` (default 587
with ``SMTP_STARTTLS=1``, else 25), ``SMTP_USER`` and ``SMTP_PASSWORD`` (login only when both are set),
``SMTP_FROM`` (default ``no-reply@meridian.invalid``), ``SMTP_STARTTLS`` (``1``/``true``: upgrade the connection
first).
Send e-mail from the outbox (topic ``email``, payload ``{to, subject, body, lang}``), not in a request.
"""

from __future__ import annotations

import hashlib
import hmac
import smtplib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import make_msgid
from typing import Any

from sqlalchemy.engine import Engine

from marketplace.core.db import session_scope
from marketplace.core.settings import Settings, get_settings
from marketplace.models import MailboxMessage
from marketplace.outbox.worker import current_message_id


@dataclass(frozen=True, slots=True)
class SmtpConfig:
    host: str
    port: int
    user: str | None
    password: str | None
    sender: str
    starttls: bool

    @classmethod
    def from_settings(cls, settings: Settings) -> SmtpConfig | None:
        if not settings.smtp_host:
            return None
        return cls(host=settings.smtp_host, port=settings.smtp_port, user=settings.smtp_user or None,
                   password=settings.smtp_password or None, sender=settings.smtp_from, starttls=settings.smtp_starttls)

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> SmtpConfig | None:
        """The SMTP settings read now from ``env`` (default ``os.environ``); None without ``SMTP_HOST``."""
        return cls.from_settings(Settings.from_env(env))


@dataclass(frozen=True, slots=True)
class Delivery:
    via: str  # smtp | mailbox
    message_id: str | int  # the Message-ID header, or the mailbox row id


def _check(to: str, subject: str) -> None:
    if "\n" in to or "\r" in to or "@" not in to or len(to) > 254:
        raise ValueError(f"not an e-mail address: {to!r}")
    if "\n" in subject or "\r" in subject:
        raise ValueError("subject must be one line")


def send_email(to: str, subject: str, body: str, lang: str = "en", *, engine: Engine | None = None,
               env: Mapping[str, str] | None = None, message_key: str | None = None) -> Delivery:
    """Send one plain-text e-mail (UTF-8) or, without SMTP configured, store it in the mailbox.

    ``message_key`` makes the Message-ID ``<key@sender domain>`` instead of a random one, so sending the
    same message again (an outbox redelivery) is recognisably the same e-mail to mail systems and clients.

    Raises:
        ValueError: a malformed address or a multi-line subject.
        smtplib.SMTPException, OSError: the SMTP server refused or is unreachable (the outbox retries).
    """
    _check(to, subject)
    config = SmtpConfig.from_env(env)
    if config is None:
        with session_scope(engine) as session:
            row = MailboxMessage(to=to, subject=subject[:300], body=body, lang=lang[:8])
            session.add(row)
            session.flush()
            if not get_settings().production:  # a developer's `make run`: sign-up and unlock links appear there
                print(f"--- e-mail (mailbox #{row.id}) to {to}: {subject}\n{body}\n---", flush=True)
            return Delivery("mailbox", row.id)
    message = EmailMessage()
    message["From"] = config.sender
    message["To"] = to
    message["Subject"] = subject
    domain = config.sender.rpartition("@")[2] or None
    message["Message-ID"] = f"<{message_key}@{domain or 'meridian.invalid'}>" if message_key \
        else make_msgid(domain=domain)
    message.set_content(body)
    message["Content-Language"] = lang  # after set_content, which replaces the Content-* headers
    with smtplib.SMTP(config.host, config.port, timeout=10) as smtp:
        if config.starttls:
            smtp.starttls()
        if config.user and config.password:
            smtp.login(config.user, config.password)
        smtp.send_message(message)
    return Delivery("smtp", message["Message-ID"])


def _outbox_key(message_id: int | None) -> str | None:
    """A Message-ID local part stable for one outbox message and unguessable across installs."""
    if message_id is None:
        return None
    secret = get_settings().secret_key
    return "outbox-" + hmac.new(secret.encode(), f"email:{message_id}".encode(), hashlib.sha256).hexdigest()[:32]


def email_handler(engine: Engine | None = None) -> Callable[[dict[str, Any]], None]:
    """The outbox handler for topic ``email``: payload ``{to, subject, body, lang}``."""

    def handle(payload: dict[str, Any]) -> None:
        send_email(payload["to"], payload["subject"], payload["body"], payload.get("lang", "en"), engine=engine,
                   message_key=_outbox_key(current_message_id()))

    return handle

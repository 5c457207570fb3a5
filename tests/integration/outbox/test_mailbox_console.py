"""Without SMTP, e-mails go to the mailbox and, outside production, are printed for the developer running
`make run` (the sign-up link a new account needs is otherwise unreachable in the demo)."""

from __future__ import annotations

from dataclasses import replace

from marketplace.core import settings as settings_module
from marketplace.outbox.mail import send_email


def test_a_mailbox_e_mail_is_printed_in_development(db_engine, capsys):
    delivery = send_email("new@example.com", "Finish signing up", "Open http://localhost:3000/api/auth/verify?t=1",
                          engine=db_engine, env={})
    out = capsys.readouterr().out
    assert delivery.via == "mailbox"
    assert "new@example.com" in out and "Finish signing up" in out and "/api/auth/verify?t=1" in out


def test_production_never_prints_e_mails(db_engine, capsys, monkeypatch):
    production = replace(settings_module.get_settings(), production=True)
    monkeypatch.setattr("marketplace.outbox.mail.get_settings", lambda: production)
    send_email("owner@example.com", "Unlock your account", "secret link", engine=db_engine, env={})
    assert "secret link" not in capsys.readouterr().out

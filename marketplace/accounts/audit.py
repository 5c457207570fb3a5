"""Append a row to the audit log inside the caller's transaction."""

from __future__ import annotations

from typing import Any

from sqlmodel import Session

from marketplace.models import AuditLog


def record(session: Session, action: str, *, actor_user_id: int | None = None, entity_type: str | None = None,
           entity_id: object = None, ip: str | None = None, **detail: Any) -> None:
    session.add(AuditLog(action=action, actor_user_id=actor_user_id, entity_type=entity_type,
                         entity_id=None if entity_id is None else str(entity_id), ip=ip, detail=detail))

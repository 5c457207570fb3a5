"""``python -m marketplace vendors list|approve``: the operator approves a pending shop (audited, its owner
e-mailed); any other shop, or an id that is not one, is refused with a clear message and exit 1."""

from __future__ import annotations

from sqlmodel import Session, select

from marketplace.core.db import engine_for
from marketplace.models import AuditLog, OutboxMessage, Vendor, VendorStatus
from tests import factories
from tests.conftest import migrate
from tests.integration.cli.test_commands import _run


def test_list_and_approve_a_pending_shop(tmp_path):
    url = f"sqlite:///{tmp_path / 'shop.db'}"
    migrate(url)
    engine = engine_for(url)
    with Session(engine) as session:
        pending = factories.vendor(session, status=VendorStatus.PENDING)
        approved = factories.vendor(session)
        owner = factories.user(session, vendor=pending)
        session.commit()
        pending_id, approved_id, email = pending.id, approved.id, owner.email
    listed = _run(["vendors", "list", "--status", "pending"], url)
    assert listed.returncode == 0 and f"{pending_id:>5}  pending" in listed.stdout and "1 shop(s)" in listed.stdout
    done = _run(["vendors", "approve", str(pending_id)], url)
    assert done.returncode == 0 and f"approved shop {pending_id}" in done.stdout, done.stderr
    with Session(engine) as session:
        assert session.get(Vendor, pending_id).status == VendorStatus.APPROVED
        assert session.exec(select(AuditLog).where(AuditLog.action == "vendor.approved")).one().detail["via"] == "cli"
        assert [m.payload["to"] for m in session.exec(select(OutboxMessage)).all()] == [email]
    again = _run(["vendors", "approve", str(pending_id)], url)
    assert again.returncode == 1 and "Only a pending shop can be approved; this one is approved." in again.stderr
    other = _run(["vendors", "approve", str(approved_id + 100)], url)
    assert other.returncode == 1 and "couldn't find that seller" in other.stderr and "Traceback" not in other.stderr
    bad = _run(["vendors", "approve", "abc"], url)
    assert bad.returncode == 2 and "invalid int value" in bad.stderr
    engine.dispose()

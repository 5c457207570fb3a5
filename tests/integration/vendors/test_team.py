"""A seller's team: the owner invites by e-mail, the invitee accepts through the link, roles change, members
leave; never without an owner, never across vendors, every step audited with its actor; and a packer is
refused money, the catalogue, messages and sales-facing data at the service level while orders work."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlmodel import Session, select

from marketplace.accounts.ratelimit import RateLimited
from marketplace.core import clock
from marketplace.core.errors import NotFound, PermissionDenied, ValidationError
from marketplace.models import (
    AuditLog,
    AuthSession,
    OutboxMessage,
    Role,
    User,
    VendorInvitation,
    VendorMember,
)
from marketplace.orders import seller_orders
from marketplace.support import vendor_inbox
from marketplace.vendors import money, portal, team
from tests import factories, factories_account


def _token_of(session: Session, email: str) -> str:
    body = [m.payload["body"] for m in session.exec(select(OutboxMessage).order_by(OutboxMessage.id)).all()
            if m.payload.get("to") == email][-1]
    return body.split("/seller/join/")[1].split()[0]


def _shop(session: Session):  # noqa: ANN202
    shop = factories.vendor(session)
    owner = factories.user(session, Role.SELLER, vendor=shop)
    session.commit()
    return shop, owner, factories_account.caller(session, owner)


def _actions(session: Session, action: str) -> list[AuditLog]:
    return list(session.exec(select(AuditLog).where(AuditLog.action == action)).all())


def test_owner_invites_and_a_new_person_joins_as_packer(db_engine):
    with Session(db_engine) as session:
        shop, owner, caller = _shop(session)
        invitation = team.invite(session, caller, " New.Packer@Example.com ", "packer")
        session.commit()
        assert invitation.email == "new.packer@example.com" and invitation.role == "packer"
        assert clock.as_utc(invitation.expires_at) - clock.now() > timedelta(days=6, hours=23)
        token = _token_of(session, "new.packer@example.com")
        assert invitation.token_hash != token and len(invitation.token_hash) == 64  # only the hash is stored
        info = team.invitation_for(session, token)
        assert (info.vendor_name, info.role, info.has_account) == (shop.display_name, "packer", False)
        user = team.accept_with_new_account(session, token, display_name="Pia Packer", password="a long password 1")
        session.commit()
        member = session.exec(select(VendorMember).where(VendorMember.user_id == user.id)).one()
        assert (member.vendor_id, member.role, user.role) == (shop.id, "packer", Role.SELLER)
        view = team.team_of(session, caller)
        assert {(m.email, m.role) for m in view.members} == {(owner.email, "owner"), ("new.packer@example.com", "packer")}
        assert view.invitations == [] and view.can_manage
        assert _actions(session, "team.invite")[0].actor_user_id == owner.id
        assert _actions(session, "team.joined")[0].actor_user_id == user.id
        with pytest.raises(ValidationError) as used:
            team.invitation_for(session, token)
        assert used.value.code == "invite_used"


def test_a_shopper_accepting_becomes_a_seller_and_keeps_the_session(db_engine):
    with Session(db_engine) as session:
        shop, _, caller = _shop(session)
        shopper = factories.user(session, Role.SHOPPER, email="shopper@example.com")
        session.commit()
        team.invite(session, caller, "shopper@example.com", "manager")
        token = _token_of(session, "shopper@example.com")
        assert team.invitation_for(session, token).has_account
        assert team.accept(session, factories_account.caller(session, shopper), token) == shop.id
        session.commit()
        session.refresh(shopper)
        assert shopper.role == Role.SELLER
        assert factories_account.caller(session, shopper).vendor_role == "manager"


def test_accept_refuses_staff_another_vendor_another_address_and_dead_links(db_engine):
    with Session(db_engine) as session:
        _, _, caller = _shop(session)
        other_shop = factories.vendor(session)
        busy = factories.user(session, Role.SELLER, email="busy@example.com", vendor=other_shop)
        staff = factories.user(session, Role.STAFF, email="staff@example.com")
        someone = factories.user(session, Role.SHOPPER, email="someone@example.com")
        session.commit()
        for email in ("busy@example.com", "staff@example.com"):
            team.invite(session, caller, email, "packer")
        session.commit()
        with pytest.raises(PermissionDenied) as other:
            team.accept(session, factories_account.caller(session, busy), _token_of(session, "busy@example.com"))
        assert other.value.code == "invite_other_vendor"
        with pytest.raises(PermissionDenied) as staffed:
            team.accept(session, factories_account.caller(session, staff), _token_of(session, "staff@example.com"))
        assert staffed.value.code == "invite_staff"
        with pytest.raises(PermissionDenied) as wrong:
            team.accept(session, factories_account.caller(session, someone), _token_of(session, "busy@example.com"))
        assert wrong.value.code == "invite_wrong_account"
        with pytest.raises(ValidationError) as has_account:
            team.accept_with_new_account(session, _token_of(session, "busy@example.com"), display_name="X",
                                         password="a long password 1")
        assert has_account.value.code == "invite_has_account"
        with pytest.raises(NotFound) as unknown:
            team.invitation_for(session, "x" * 43)
        assert unknown.value.code == "invite_unknown"
        # resend: the old link stops working, the new one works; revoke and expiry each say so
        first = _token_of(session, "staff@example.com")
        pending = session.exec(select(VendorInvitation).where(VendorInvitation.email == "staff@example.com")).one()
        team.resend(session, caller, pending.id)
        with pytest.raises(NotFound):
            team.invitation_for(session, first)
        second = _token_of(session, "staff@example.com")
        assert team.invitation_for(session, second).email == "staff@example.com"
        team.revoke(session, caller, pending.id)
        with pytest.raises(ValidationError) as revoked:
            team.invitation_for(session, second)
        assert revoked.value.code == "invite_revoked"
        later = team.invite(session, caller, "late@example.com", "manager")
        later.expires_at = clock.now() - timedelta(seconds=1)
        session.add(later)
        with pytest.raises(ValidationError) as expired:
            team.invitation_for(session, _token_of(session, "late@example.com"))
        assert expired.value.code == "invite_expired"


def test_invite_refuses_members_pending_addresses_and_bad_roles(db_engine):
    with Session(db_engine) as session:
        _, owner, caller = _shop(session)
        with pytest.raises(ValidationError) as member:
            team.invite(session, caller, owner.email, "manager")
        assert member.value.code == "team_already_member"
        team.invite(session, caller, "twice@example.com", "packer")
        with pytest.raises(ValidationError) as twice:
            team.invite(session, caller, "twice@example.com", "manager")
        assert twice.value.code == "team_already_invited"
        for role in ("admin", "", None, "Owner"):
            with pytest.raises(ValidationError) as bad:
                team.invite(session, caller, "role@example.com", role)
            assert bad.value.code == "team_role_invalid"
        with pytest.raises(ValidationError):
            team.invite(session, caller, "not an address", "packer")


def test_last_owner_can_be_neither_demoted_nor_removed(db_engine):
    with Session(db_engine) as session:
        shop, owner, caller = _shop(session)
        with pytest.raises(ValidationError) as demote:
            team.change_role(session, caller, owner.id, "manager")
        assert demote.value.code == "team_last_owner"
        with pytest.raises(ValidationError) as remove:
            team.remove_member(session, caller, owner.id)
        assert remove.value.code == "team_last_owner"
        second = factories.user(session, Role.SELLER, vendor=shop, member_role="packer")
        session.add(AuthSession(token_hash="h" * 64, user_id=second.id, created_at=clock.now(),
                                last_seen_at=clock.now(), expires_at=clock.now() + timedelta(days=1)))
        session.commit()
        team.change_role(session, caller, second.id, "owner")
        assert session.exec(select(AuthSession).where(AuthSession.user_id == second.id)).first() is None
        team.change_role(session, caller, owner.id, "manager")  # another owner exists now
        session.commit()
        assert _actions(session, "team.role_changed")[-1].actor_user_id == owner.id
        new_owner = factories_account.caller(session, second)
        team.remove_member(session, new_owner, owner.id)
        session.commit()
        session.refresh(owner)
        assert owner.role == Role.SHOPPER
        assert session.exec(select(VendorMember).where(VendorMember.user_id == owner.id)).first() is None
        removed = _actions(session, "team.member_removed")[0]
        assert (removed.actor_user_id, removed.entity_id) == (second.id, str(owner.id))


def test_managers_see_the_team_but_cannot_change_it_and_packers_cannot_see_it(db_engine):
    with Session(db_engine) as session:
        shop, owner, _ = _shop(session)
        manager = factories.user(session, Role.SELLER, vendor=shop, member_role="manager")
        packer = factories.user(session, Role.SELLER, vendor=shop, member_role="packer")
        session.commit()
        as_manager = factories_account.caller(session, manager)
        assert not team.team_of(session, as_manager).can_manage
        for change in (lambda: team.invite(session, as_manager, "x@example.com", "packer"),
                       lambda: team.change_role(session, as_manager, packer.id, "manager"),
                       lambda: team.remove_member(session, as_manager, packer.id)):
            with pytest.raises(PermissionDenied):
                change()
        with pytest.raises(PermissionDenied):
            team.team_of(session, factories_account.caller(session, packer))


def test_seller_a_cannot_read_or_change_seller_b_team(db_engine):
    with Session(db_engine) as session:
        _, _, caller_a = _shop(session)
        shop_b, owner_b, caller_b = _shop(session)
        invitation_b = team.invite(session, caller_b, "b-invitee@example.com", "packer")
        session.commit()
        assert all(m.user_id != owner_b.id for m in team.team_of(session, caller_a).members)
        with pytest.raises(NotFound):
            team.change_role(session, caller_a, owner_b.id, "packer")
        with pytest.raises(NotFound):
            team.remove_member(session, caller_a, owner_b.id)
        with pytest.raises(NotFound):
            team.revoke(session, caller_a, invitation_b.id)
        with pytest.raises(NotFound):
            team.resend(session, caller_a, invitation_b.id)
        session.refresh(invitation_b)
        assert invitation_b.revoked_at is None


def test_a_packer_gets_orders_but_not_money_catalogue_or_messages(db_engine):
    with Session(db_engine) as session:
        shop, _, _ = _shop(session)
        packer = factories.user(session, Role.SELLER, vendor=shop, member_role="packer")
        shopper = factories.user(session, Role.SHOPPER)
        product = factories.product(session, shop, factories.category(session))
        group = factories_account.order(session, shopper, [(shop, [(product, 1)])])
        session.commit()
        as_packer = factories_account.caller(session, packer)
        number = factories_account.vendor_orders(session, group)[0].number
        assert [row.number for row in seller_orders.seller_orders(session, as_packer).rows] == [number]
        assert seller_orders.seller_order(session, as_packer, number).number == number
        for refused in (lambda: money.money_summary(session, as_packer),
                        lambda: money.ledger_page(session, as_packer, "all", "", 1),
                        lambda: money.payouts(session, as_packer),
                        lambda: portal.seller_dashboard(session, as_packer),
                        lambda: portal.seller_products(session, as_packer),
                        lambda: money.statement(session, as_packer, "2026-12"),
                        lambda: portal.set_listing_visibility(session, as_packer, product.id, False),
                        lambda: vendor_inbox.vendor_threads(session, as_packer)):
            with pytest.raises(PermissionDenied) as denied:
                refused()
            assert denied.value.code == "seller_role_cannot"


def test_invitations_are_rate_limited_per_inviter(db_engine):
    with Session(db_engine) as session:
        _, _, caller = _shop(session)
        for n in range(20):
            team.invite(session, caller, f"p{n}@example.com", "packer")
        with pytest.raises(RateLimited):
            team.invite(session, caller, "p20@example.com", "packer")
        assert session.exec(select(User).where(User.email == "p20@example.com")).first() is None

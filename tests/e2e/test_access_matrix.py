"""Every cell of the access matrix, called through Reflex 0.10.1's real websocket protocol (socket.io on
``/_event``, as the browser does) and over HTTP, against the app in production mode, signed in as each role.

Given: shopper A (a fresh account: the demo shopper's data stays as other e2e tests expect it) with a saved
address, an order from seller A (kyoto), a cart line, a wishlist item and a support thread, each carrying a
canary string; a second fresh shopper B; the demo sellers A (kyoto) and B (milano), a packer of seller A
(a fresh account made a packer member of kyoto, whose money and messages it must never receive), staff and admin.
When: each role opens one socket (its ``mp_session`` cookie on the handshake, as a browser sends it) and sends
every handler of the matrix, in sequence, with the row's sample arguments (A's and seller A's real ids).
Then: after every "deny" cell the database holds exactly what it held before (a checksum of every row of
every table, but the session, login-attempt and audit tables, which record the visit itself), and nothing
an unrelated role receives (anonymous, shopper B, seller B) contains one of shopper A's canaries. "allow"
cells that change stored data are not called (the e2e database is shared with the other browser tests); the
others must run without a server error (no traceback in the app's log).

Also here: a tab whose state was loaded by shopper A and is then reused by shopper B (the same state token
on a new connection with B's cookie) cannot act on A's address rows.

Runs with the e2e fixtures (one app build shared with the other browser tests): ``pytest tests/e2e/test_access_matrix.py``.
"""

from __future__ import annotations

import asyncio
import hashlib
import itertools
import os
import secrets
import sqlite3
import uuid
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
import socketio
from sqlmodel import Session, select

from marketplace.accounts import addresses, wishlist
from marketplace.core import clock
from marketplace.demo.seed import DEMO_ACCOUNTS
from marketplace.models import (
    Cart,
    CartLine,
    Category,
    LedgerEntry,
    OrderLine,
    Product,
    Role,
    Shipment,
    ShipmentEvent,
    User,
    Variant,
    Vendor,
    VendorInvitation,
    VendorMember,
    VendorOrder,
    VendorStatus,
)
from marketplace.orders import cart as carts
from marketplace.orders import tracking_links
from marketplace.support import messages
from tests import factories, factories_account, factories_returns
from tests.conftest import run_async
from tests.e2e.server import E2E_SECRET_KEY
from tests.e2e.signup import login, register
from tests.security.access_matrix import ROLES, Row, app_handlers, handler_params, load_matrix

pytestmark = pytest.mark.e2e

ACCOUNTS = {a.email: a for a in DEMO_ACCOUNTS}
DEMO_ROLES = {"seller_a": "kyoto@meridian.test", "seller_b": "milano@meridian.test",
              "staff": "staff@meridian.test", "staff_support": "support@meridian.test",
              "staff_finance": "finance@meridian.test", "admin": "admin@meridian.test"}
UNRELATED = ("anonymous", "shopper_b", "seller_b")  # must never receive shopper A's canaries
VOLATILE_TABLES = {"auth_sessions", "login_attempts", "audit_log", "alembic_version"}
CALL_TIMEOUT_S = 20
NAMESPACE = "/_event"


# ---------------------------------------------------------------------------------------------- the world

@dataclass
class World:
    base: str
    db_path: Path
    cookies: dict[str, str] = field(default_factory=dict)  # role -> mp_session value ("" for anonymous)
    values: dict[str, str] = field(default_factory=dict)  # placeholder -> real value
    canaries: tuple[str, ...] = ()
    packer_canaries: tuple[str, ...] = ()  # seller A's money and messages: a packer of A must never receive them




def _delivered_parcel(session: Session, vendor_order: VendorOrder, number: str) -> Shipment:
    """The world order's parcel, delivered, with two carrier events (for the public tracking page's rows)."""
    at = clock.now().replace(microsecond=0)
    parcel = Shipment(vendor_order_id=vendor_order.id, carrier="embedded", service="express", tracking_number=number,
                      status="delivered", cost_minor=0, cost_currency=vendor_order.total_currency,
                      label_purchased_at=at - timedelta(days=3), shipped_at=at - timedelta(days=3), delivered_at=at)
    session.add(parcel)
    session.flush()
    session.add_all([ShipmentEvent(shipment_id=parcel.id, code="accepted", at=at - timedelta(days=3),
                                   description="Parcel accepted by the carrier", location="Kyoto"),
                     ShipmentEvent(shipment_id=parcel.id, code="delivered", at=at, description="Delivered",
                                   location="Berlin")])
    return parcel


def _build_world(app_server) -> World:  # noqa: ANN001
    base = app_server.base
    world = World(base=base, db_path=Path(app_server.db_url.removeprefix("sqlite:///")))
    tag = secrets.token_hex(4)
    email_a, email_b = f"matrix-a-{tag}@example.test", f"matrix-b-{tag}@example.test"
    email_packer = f"matrix-packer-{tag}@example.test"
    world.cookies = {"anonymous": "",
                     "shopper": register(app_server, "Matrix Shopper A", email_a, "matrix-password-a"),
                     "shopper_b": register(app_server, "Matrix Shopper B", email_b, "matrix-password-b"),
                     "seller_a_packer": register(app_server, "Matrix Packer", email_packer, "matrix-password-p")}
    for role, email in DEMO_ROLES.items():
        world.cookies[role] = login(base, email, ACCOUNTS[email].password)
    street, subject = f"Kanarienweg {tag}", f"Canary thread {tag}"
    with Session(app_server.engine()) as session:
        shopper = session.exec(select(User).where(User.email == email_a)).one()
        kyoto = session.exec(select(Vendor).where(Vendor.slug == ACCOUNTS["kyoto@meridian.test"].vendor_key)).one()
        packer = session.exec(select(User).where(User.email == email_packer)).one()
        packer.role = Role.SELLER.value  # a packer member of seller A's vendor (the team page's invitation, by hand)
        session.add_all([packer, VendorMember(vendor_id=kyoto.id, user_id=packer.id, role="packer")])
        invite_token = secrets.token_urlsafe(32)
        invitation = VendorInvitation(vendor_id=kyoto.id, email=f"matrix-invitee-{tag}@example.test", role="packer",
                                      token_hash=hashlib.sha256(invite_token.encode()).hexdigest(),
                                      expires_at=clock.now() + timedelta(days=7))
        session.add(invitation)
        product = session.exec(select(Product).where(Product.vendor_id == kyoto.id, Product.status == "active")
                               .order_by(Product.id)).first()
        variant = session.exec(select(Variant).where(Variant.product_id == product.id)).first()
        category = session.get(Category, product.category_id)
        address = addresses.save(session, shopper.id, country="DE", label="Canary", data={
            "name": "Canary Person", "street_address": street, "city": "Berlin", "postal_code": "10115",
            "phone": "+49 30 1234567"})
        # the factory numbers orders from 1 in every process: start it past anything this database may hold
        factories_account._seq = itertools.count(int(tag, 16) % 90000 + 10000)  # noqa: SLF001
        group = factories_account.order(session, shopper, [(kyoto, [(product, 1)])], status="delivered")
        group.number = f"MRD-M{tag.upper()}"
        for i, vendor_order in enumerate(factories_account.vendor_orders(session, group), 1):
            vendor_order.number = f"{group.number}-{i}"
            session.add(vendor_order)
        session.add(group)
        session.flush()
        parcel = _delivered_parcel(session, vendor_order, f"EM{tag.upper()}JP")
        line = session.exec(select(OrderLine).join(VendorOrder, VendorOrder.id == OrderLine.vendor_order_id)
                            .where(VendorOrder.group_id == group.id)).first()
        returned = factories_returns.return_request(session, vendor_order, line, shopper.id)  # kyoto's, A's
        session.add(LedgerEntry(vendor_id=kyoto.id, kind="adjustment", amount_minor=1, amount_currency=kyoto.currency,
                                vendor_order_id=vendor_order.id, memo=f"Canary ledger {tag}"))  # seller A's money
        carts.add(session, carts.CartOwner(user_id=shopper.id), variant.id, 1)
        wishlist.add(session, shopper.id, product.id)
        thread = messages.start_thread(session, factories_account.caller(session, shopper), subject=subject,
                                       body=f"Canary body {tag}")
        kyoto_thread = messages.start_thread(session, factories_account.caller(session, shopper),
                                             subject=f"Kyoto canary {tag}", body=f"Kyoto canary body {tag}",
                                             vendor_order_number=vendor_order.number)  # seller A's inbox
        session.commit()
        line_id = session.exec(select(CartLine.id).join(Cart, Cart.id == CartLine.cart_id)
                               .where(Cart.user_id == shopper.id)).first()
        world.values = {
            "$shopper_address": str(address.id), "$shopper_order": group.number, "$shopper_line": str(line_id),
            "$shopper_thread": str(thread), "$shopper_wish": str(product.id), "$shopper_order_line": str(line.id),
            "$seller_a_product": str(product.id), "$seller_a_vendor": str(kyoto.id), "$variant": variant.id,
            "$product_slug": product.slug, "$category_slug": category.slug, "$seller_a_product_name": product.name,
            "$canary_street": street, "$canary_subject": subject, "$shopper_vendor_order": str(vendor_order.id),
            "$track_token": tracking_links.sign(parcel.id, secret=E2E_SECRET_KEY),
            "$track_number": parcel.tracking_number,
            "$seller_a_vendor_order": f"{group.number}-1",
            "$shopper_return": returned.number, "$shopper_parcel_number": vendor_order.number,
            "$seller_a_thread": str(kyoto_thread), "$seller_a_thread_subject": f"Kyoto canary {tag}",
            "$seller_a_packer_user": str(packer.id), "$seller_a_invitation": str(invitation.id),
            "$seller_a_invite_token": invite_token,
        }
        world.canaries = (email_a, street, subject, f"Canary body {tag}", "Canary Person", f"Canary ledger {tag}",
                          f"Kyoto canary {tag}", email_packer)
        world.packer_canaries = (f"Canary ledger {tag}", f"Kyoto canary body {tag}")
    from marketplace.state.cart import CartState  # noqa: PLC0415 - the full state name Reflex gives it

    world.values["$cart_state"] = CartState.get_full_name()
    return world


def _fill(value: Any, values: dict[str, Any]) -> Any:
    if isinstance(value, str):
        if value in values:
            return values[value]
        for key in sorted(values, key=len, reverse=True):
            value = value.replace(key, str(values[key]))
        return value
    if isinstance(value, list):
        return [_fill(v, values) for v in value]
    if isinstance(value, dict):
        return {_fill(k, values): _fill(v, values) for k, v in value.items()}
    return value


def checksum(db_path: Path) -> dict[str, str]:
    """Per table (but the volatile ones), a hash of every row in primary-key order."""
    with sqlite3.connect(f"file:{db_path}?mode=ro", uri=True, timeout=10) as db:
        tables = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table' "
                                           "AND name NOT LIKE 'sqlite_%' ORDER BY name")]
        sums = {}
        for table in tables:
            if table in VOLATILE_TABLES:
                continue
            rows = sorted(repr(row) for row in db.execute(f'SELECT * FROM "{table}"'))  # noqa: S608 - from sqlite_master
            sums[table] = hashlib.sha256("\n".join(rows).encode()).hexdigest()
        return sums


def changed_tables(before: dict[str, str], after: dict[str, str]) -> list[str]:
    return sorted(t for t in set(before) | set(after) if before.get(t) != after.get(t))


# ---------------------------------------------------------------------------------------------- the socket

class Tab:
    """One browser tab's socket: a state token, the role's cookie on the handshake, events sent one by one.

    The socket.io namespace is ``/_event`` as well as the path (the browser's ``io(".../_event")`` means both).
    Reflex processes one tab's events in order and no longer marks an update as final, so every call is
    followed by a barrier event (the search box's submit with a fresh marker, which comes back in its delta):
    the call is done when the marker comes back."""

    def __init__(self, base: str, cookie: str, token: str | None = None) -> None:
        from marketplace.state.search import SearchBoxState  # noqa: PLC0415 - the full state name Reflex gives it

        self.base, self.cookie, self.token = base, cookie, token or str(uuid.uuid4())
        self.barrier_event = f"{SearchBoxState.get_full_name()}.submit"
        self.sio = socketio.AsyncClient(reconnection=False)
        self.received: list[str] = []
        self._seen: asyncio.Event = asyncio.Event()
        self._marker = ""
        self._calls = 0
        self.sio.on("event", self._on_update, namespace=NAMESPACE)

    async def _on_update(self, update: Any) -> None:
        text = repr(update)
        if self._marker and self._marker in text:
            self._seen.set()
        else:
            self.received.append(text)

    async def __aenter__(self) -> Tab:
        headers = {"Origin": self.base}
        if self.cookie:
            headers["Cookie"] = f"mp_session={self.cookie}"
        await self.sio.connect(f"{self.base}?token={self.token}", socketio_path="/_event", transports=["websocket"],
                               headers=headers, wait_timeout=CALL_TIMEOUT_S, namespaces=[NAMESPACE])
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.sio.disconnect()

    async def call(self, event_name: str, payload: dict, page: str) -> list[str]:
        path, _, query = page.partition("?")
        params = dict(p.split("=", 1) for p in query.split("&") if "=" in p)
        router_data = {"pathname": path, "asPath": page, "query": params}
        start = len(self.received)
        self._calls += 1
        self._marker = f"matrix-barrier-{self.token[:8]}-{self._calls}"
        self._seen.clear()
        await self.sio.emit("event", {"name": event_name, "payload": payload, "router_data": router_data},
                            namespace=NAMESPACE)
        await self.sio.emit("event", {"name": self.barrier_event, "payload": {"form_data": {"q": self._marker}},
                                      "router_data": router_data}, namespace=NAMESPACE)
        await asyncio.wait_for(self._seen.wait(), CALL_TIMEOUT_S)
        return self.received[start:]


def _payload(row: Row, state_cls: Any, handler: str, values: dict) -> dict | None:
    args = _fill(row.args, values)
    if args is None:
        args = []
    params = handler_params(state_cls, handler)
    if handler == "setvar" and not args:
        return None  # a state without vars: nothing to set
    if isinstance(args, dict):
        return args
    return dict(zip(params, args, strict=False))


@dataclass
class Outcome:
    called: int = 0
    skipped: list[str] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)


async def _run_role(world: World, role: str, rows: dict[str, Row], handlers: dict[str, Any], out: Outcome) -> None:
    async with Tab(world.base, world.cookies[role]) as tab:
        for key, row in rows.items():
            state_cls = handlers[key]
            handler = key.split(".", 1)[1]
            cell = row.cells[role]
            if cell == "allow" and row.mutates:
                out.skipped.append(f"{key} as {role}")
                continue
            payload = _payload(row, state_cls, handler, world.values)
            if payload is None:
                continue
            page = _fill(row.page, world.values)
            before = checksum(world.db_path) if cell == "deny" else None
            frames = await tab.call(f"{state_cls.get_full_name()}.{handler}", payload, page)
            out.called += 1
            if before is not None:
                changed = changed_tables(before, checksum(world.db_path))
                if changed:
                    out.failures.append(f"{key} as {role} (deny) changed {changed}")
            if cell == "allow" and row.shows:
                expected = _fill(row.shows, world.values)
                if not any(expected in f for f in frames):
                    out.failures.append(f"{key} as {role} (allow) did not show {expected!r}: its sample args miss")
            if role in UNRELATED:
                leaked = [c for c in world.canaries if any(c in f for f in frames)]
                if leaked:
                    out.failures.append(f"{key} as {role} received shopper A's data: {leaked}")
            if role == "seller_a_packer":
                leaked = [c for c in world.packer_canaries if any(c in f for f in frames)]
                if leaked:
                    out.failures.append(f"{key} as a packer received seller A's money or messages: {leaked}")


def _http_cell(world: World, role: str, row: Row) -> str | None:
    """One route cell over HTTP; an error message, or None."""
    method, _, path = row.key.partition(" ")
    if method in ("WS",) or (row.cells[role] == "allow" and row.mutates):
        return None
    if method == "PAGE":
        url_path = _fill(row.page, world.values) if row.page != "/" else path
        url_path = url_path.replace("[slug]", world.values["$product_slug"]).replace(
            "[number]", world.values["$shopper_order"]).replace("[id]", world.values["$shopper_thread"])
        method = "GET"
    elif method == "MOUNT":
        url_path = _fill(row.page, world.values)
        method = "GET"
    else:
        url_path = _fill(row.page, world.values) if "{" in path else path
    cookies = {"mp_session": world.cookies[role]} if world.cookies[role] else {}
    before = checksum(world.db_path) if row.cells[role] == "deny" else None
    body = _fill(row.args, world.values) if isinstance(row.args, dict) else None
    response = httpx.request(method, f"{world.base}{url_path}", cookies=cookies, json=body,
                             headers={"origin": world.base}, follow_redirects=False, timeout=CALL_TIMEOUT_S)
    problems = []
    if response.status_code >= 500 and response.status_code != 503:
        problems.append(f"status {response.status_code}")
    if row.cells[role] == "deny":
        if response.status_code < 300:
            problems.append(f"status {response.status_code} for a denied call")
        changed = changed_tables(before, checksum(world.db_path))
        if changed:
            problems.append(f"changed {changed}")
    if response.content.startswith(b"SQLite format"):
        problems.append("served the database file")
    if role in UNRELATED and any(c in response.text for c in world.canaries):
        problems.append("answered with shopper A's data")
    if role == "seller_a_packer" and any(c in response.text for c in world.packer_canaries):
        problems.append("answered a packer with seller A's money or messages")
    return f"{row.key} as {role}: {', '.join(problems)}" if problems else None


# ---------------------------------------------------------------------------------------------- the tests

@pytest.fixture(scope="module")
def world(app_server) -> World:  # noqa: ANN001
    return _build_world(app_server)


def _log_tail_from(offset: int) -> str:
    log = os.environ.get("E2E_APP_LOG")
    if not log:
        return ""
    with open(log, encoding="utf-8", errors="replace") as handle:
        handle.seek(offset)
        return handle.read()


def unexpected_tracebacks(log_text: str) -> list[str]:
    """Tracebacks in the app's log, but the ones ``setvar`` raises by design: Reflex 0.10.1 creates no setters
    (``state_auto_setters`` is off), so ``setvar`` of any var answers AttributeError 'no attribute set_<var>' and
    sets nothing — which is what the matrix's setvar rows show."""
    chunks = log_text.split("Traceback")[1:]
    return [c[:1500] for c in chunks if not ("in setvar" in c and "has no attribute 'set_" in c)]


def _log_size() -> int:
    log = os.environ.get("E2E_APP_LOG")
    return Path(log).stat().st_size if log else 0


def test_every_cell_of_the_matrix_over_the_real_websocket(world: World):
    rows = load_matrix()
    handlers = app_handlers()
    handler_rows = {k: r for k, r in rows.items() if k in handlers}
    out = Outcome()
    log_start = _log_size()

    async def run_all() -> None:
        for role in ROLES:  # one socket per role; the roles in sequence keep the database checksums exact
            await _run_role(world, role, handler_rows, handlers, out)

    run_async(run_all())
    for key, row in rows.items():
        if row.is_route:
            out.failures.extend(filter(None, (_http_cell(world, role, row) for role in ROLES)))
    tracebacks = unexpected_tracebacks(_log_tail_from(log_start))
    print(f"\naccess matrix: {out.called} websocket calls, {len(out.skipped)} allowed-but-mutating cells not called")
    assert not out.failures, "\n".join(out.failures)
    assert not tracebacks, f"the app logged {len(tracebacks)} tracebacks during the matrix:\n" + "\n".join(tracebacks[:3])
    assert out.called > 300  # the matrix really ran


def test_a_reused_tab_cannot_act_on_the_previous_users_address_rows(world: World):
    """Shopper A loads her addresses in a tab; shopper B then uses the same tab (same state token, B's cookie):
    editing, defaulting or deleting A's address must not fill B's form with A's address nor change anything."""
    from marketplace.pages.account.addresses import AddressesState  # noqa: PLC0415

    name = AddressesState.get_full_name()
    address = world.values["$shopper_address"]

    async def scenario() -> tuple[list[str], list[str]]:
        token = str(uuid.uuid4())
        async with Tab(world.base, world.cookies["shopper"], token) as tab:
            shown = await tab.call(f"{name}.load", {}, "/account/addresses")
        assert any("Kanarienweg" in f for f in shown)  # A saw her own address
        async with Tab(world.base, world.cookies["shopper_b"], token) as tab:
            before = checksum(world.db_path)
            frames = await tab.call(f"{name}.start_edit", {"address_id": address}, "/account/addresses")
            frames += await tab.call(f"{name}.make_default", {"address_id": address}, "/account/addresses")
            frames += await tab.call(f"{name}.delete", {"address_id": address}, "/account/addresses")
            frames += await tab.call(f"{name}.save", {"form": {
                "label": "Canary", "name": "B", "street_address": "B-Strasse 1", "city": "Berlin",
                "postal_code": "10115", "phone": "+49 30 7654321"}}, "/account/addresses")
            return frames, changed_tables(before, checksum(world.db_path))

    frames, changed = run_async(scenario())
    leaked = [c for c in world.canaries if any(c in f for f in frames)]
    assert not leaked, f"shopper B's tab received shopper A's address: {leaked}"
    assert "addresses" not in changed or _a_address_intact(world)


def _a_address_intact(world: World) -> bool:
    with sqlite3.connect(f"file:{world.db_path}?mode=ro", uri=True) as db:
        row = db.execute("SELECT line1 FROM addresses WHERE id = ?", (int(world.values["$shopper_address"]),)).fetchone()
    return row is not None and row[0].startswith("Kanarienweg")


def test_the_websocket_probe_can_see_a_change(world: World):
    """The checksum notices a change made through an allowed handler (so a silent deny check means something)."""
    from marketplace.state.locale import LocaleState  # noqa: PLC0415

    async def scenario() -> list[str]:
        async with Tab(world.base, world.cookies["shopper_b"]) as tab:
            before = checksum(world.db_path)
            await tab.call(f"{LocaleState.get_full_name()}.set_currency", {"currency": "JPY"}, "/")
            return changed_tables(before, checksum(world.db_path))

    assert run_async(scenario()) == ["users"]


def test_a_suspended_shops_seller_is_told_why_and_cannot_change_listings(app_server, world: World):
    """Regression (issue #9 point 9): on main a seller of a suspended shop could hide and re-list products."""
    from marketplace.pages.seller.home import SellerHomeState  # noqa: PLC0415 - imports the app's pages

    tag = secrets.token_hex(4)
    with Session(app_server.engine()) as session:
        shop = session.exec(select(Vendor).where(Vendor.status == VendorStatus.SUSPENDED)).first()
        product = session.exec(select(Product).where(Product.vendor_id == shop.id)).first()
        factories.user(session, Role.SELLER, email=f"matrix-suspended-{tag}@example.test", vendor=shop)
        session.commit()
        status_before = product.status
    cookie = login(world.base, f"matrix-suspended-{tag}@example.test", factories.PASSWORD)
    name = SellerHomeState.get_full_name()

    async def scenario() -> tuple[list[str], list[str]]:
        async with Tab(world.base, cookie) as tab:
            shown = await tab.call(f"{name}.load", {}, "/seller")
            before = checksum(world.db_path)
            shown += await tab.call(f"{name}.set_visibility", {"product_id": str(product.id),
                                                                "visible": status_before != "active"}, "/seller")
            return shown, changed_tables(before, checksum(world.db_path))

    frames, changed = run_async(scenario())
    assert changed == []
    assert any("Your shop is suspended, so its listings can't be changed." in f for f in frames)

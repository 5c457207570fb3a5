"""Redis restarts during a session: the shopper keeps the cart.

What this proves: Reflex's Redis state manager (``StateManagerRedis``, what the app runs on with several
workers) holds nothing the cart depends on. A private ``redis-server`` (its own loopback port, no
persistence: a restart loses every key; the machine's shared Redis is never touched) holds a tab state
whose socket handshake carried the HttpOnly ``mp_guest_cart`` cookie naming a guest cart; the server is
killed with SIGKILL and started again, empty. The tab's state is gone (the test shows that too), but when
the tab reconnects, its new socket's handshake carries the browser's cookie again (Reflex puts the
handshake's headers into the state's router data, here done directly), ``CartState._guest()`` reads the
token from it, and the cart, which lives in the database, is found with all its lines. A signed-in shopper's cart is keyed by the user from the HttpOnly session cookie,
not by anything in Redis, so it is found the same way.

What it does not prove: a running app's websocket reconnecting to a restarted Redis (that needs a full app
build per test; the e2e suite's test_redis_state.py covers the app on Redis without a restart).
"""

from __future__ import annotations

import shutil
import signal
import socket
import subprocess
import threading
import uuid
from collections.abc import Iterator

import pytest
from sqlmodel import Session, select

from marketplace.models import Variant
from marketplace.orders import cart as carts
from tests import factories
from tests.conftest import run_async

# a private server, not the shared one on 6379: no `redis` marker, skipped only without the binary
pytestmark = pytest.mark.skipif(shutil.which("redis-server") is None, reason="redis-server is not installed")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class PrivateRedis:
    """A throwaway redis-server on its own loopback port, without persistence."""

    def __init__(self) -> None:
        self.port = _free_port()
        self.proc: subprocess.Popen | None = None

    def start(self) -> None:
        self.proc = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
             "--protected-mode", "yes"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        assert self.proc.stdout is not None
        for line in self.proc.stdout:  # readiness: the server says so (no polling, no sleep)
            if "Ready to accept connections" in line:
                threading.Thread(target=self.proc.stdout.read, daemon=True).start()  # keep the pipe drained
                return
        raise RuntimeError(f"redis-server exited at start (code {self.proc.wait()})")

    def kill(self) -> None:
        assert self.proc is not None
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait(30)

    def keys(self) -> int:
        import redis

        return redis.Redis(host="127.0.0.1", port=self.port).dbsize()


@pytest.fixture
def private_redis() -> Iterator[PrivateRedis]:
    server = PrivateRedis()
    server.start()
    yield server
    if server.proc is not None and server.proc.poll() is None:
        server.kill()


def test_a_redis_restart_loses_the_tab_state_but_not_the_cart(db_engine, private_redis):
    import redis.asyncio as aredis
    from reflex import constants
    from reflex.istate.manager.redis import StateManagerRedis
    from reflex.istate.manager.token import BaseStateToken

    from marketplace.orders.cart import GUEST_COOKIE
    from marketplace.state.cart import CartState

    with Session(db_engine) as session:  # given a guest with two mugs and a vase in the cart
        vendor, category = factories.vendor(session), factories.category(session)
        mug = factories.product(session, vendor, category, name="Indigo Mug")
        vase = factories.product(session, vendor, category, name="Celadon Vase")
        session.commit()
        variants = [session.exec(select(Variant.id).where(Variant.product_id == p.id)).first() for p in (mug, vase)]
        owner, _ = carts.add(session, carts.CartOwner(), variants[0], 2)
        owner, count = carts.add(session, owner, variants[1], 1)
        session.commit()
    cookie = owner.guest_token
    assert cookie and count == 3
    tab = BaseStateToken(ident=str(uuid.uuid4()), cls=CartState)
    handshake = {constants.RouteVar.HEADERS: {"cookie": f"mp_lang=en; {GUEST_COOKIE}={cookie}"}}

    def connect(root) -> None:  # noqa: ANN001 - what Reflex does with a new socket's handshake
        root.router_data = root._update_router_vars(handshake, root.router_data or {})

    async def cart_state(manager: StateManagerRedis) -> tuple[str, int]:
        root = await manager.get_state(tab)
        cart = await root.get_state(CartState)
        return cart._guest() or "", cart.count

    async def scenario() -> tuple[tuple[str, int], tuple[str, int], tuple[str, int]]:
        manager = StateManagerRedis(redis=aredis.Redis(host="127.0.0.1", port=private_redis.port))
        async with manager.modify_state(tab) as root:  # the tab's state, as the app keeps it in Redis
            connect(root)
            cart = await root.get_state(CartState)
            cart.count = count
        before = await cart_state(manager)
        await manager.close()
        assert private_redis.keys() > 0

        # when Redis restarts (killed, started again on the same port, empty)
        private_redis.kill()
        private_redis.start()
        assert private_redis.keys() == 0
        manager = StateManagerRedis(redis=aredis.Redis(host="127.0.0.1", port=private_redis.port))
        lost = await cart_state(manager)  # the tab's state is gone with it
        # and the tab reconnects: the new socket's handshake carries the browser's HttpOnly cookie
        async with manager.modify_state(tab) as root:
            connect(root)
        after = await cart_state(manager)
        await manager.close()
        return before, lost, after

    before, lost, after = run_async(scenario())
    assert before == (cookie, 3)
    assert lost == ("", 0)
    assert after == (cookie, 0)  # the count is re-read from the database on the next page load
    # then the cart is found through the cookie, whole: it lives in the database, keyed by the token
    with Session(db_engine) as session:
        cart = carts.find_cart(session, carts.CartOwner(guest_token=after[0]))
        assert cart is not None and carts.count(session, carts.CartOwner(guest_token=after[0])) == 3
        lines = carts.active_lines(session, cart)
        assert sorted((product.name, line.quantity) for line, _, product, _ in lines) == [
            ("Celadon Vase", 1), ("Indigo Mug", 2)]

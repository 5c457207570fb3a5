"""End-to-end fixtures: the app in production mode (``reflex run --env prod --single-port``) on a free
loopback port over a freshly migrated and seeded SQLite database (tests/e2e/server.py), the Redis state
manager when Redis answers, and Chromium (Debian's, via $CHROMIUM) at a phone and a desktop viewport.

Also: ``shoot`` writes a screenshot to ``test-artifacts/<test>/<viewport>.png`` and ``assert_accessible``
runs axe-core and fails on any serious or critical violation.
"""

from __future__ import annotations

import itertools
import json
import os
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from tests.conftest import REDIS_UP
from tests.e2e.server import ARTIFACTS, RunningApp, running_app

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1440, "height": 900}
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-dev-shm-usage"]


@pytest.fixture(scope="session")
def app_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningApp]:
    if REDIS_UP:
        print("\ne2e: the app runs on the Redis state manager (redis://127.0.0.1:6379/7)")
    else:
        print("\ne2e: Redis not reachable on 127.0.0.1:6379; the app runs on the in-memory state manager")
    with running_app(tmp_path_factory.mktemp("e2e"), redis=REDIS_UP) as app:
        yield app


@pytest.fixture(scope="session")
def chromium() -> Iterator[Browser]:
    executable = os.environ.get("CHROMIUM") or ("/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def _context_page(browser: Browser, base: str, viewport: dict, mobile: bool, locale: str) -> Iterator[Page]:
    context = browser.new_context(viewport=viewport, base_url=base, is_mobile=mobile, has_touch=mobile,
                                  locale=locale, device_scale_factor=1)
    context.set_default_timeout(20_000)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def phone(chromium: Browser, app_server: str) -> Iterator[Page]:
    yield from _context_page(chromium, app_server.base, PHONE, True, "en-US")


@pytest.fixture
def desktop(chromium: Browser, app_server: str) -> Iterator[Page]:
    yield from _context_page(chromium, app_server.base, DESKTOP, False, "en-US")


@pytest.fixture
def shoot(request: pytest.FixtureRequest):
    """``shoot(page, "name")`` saves test-artifacts/<test>/<name>.png (full page)."""
    folder = ARTIFACTS / request.node.name.replace("[", "-").replace("]", "")
    folder.mkdir(parents=True, exist_ok=True)

    def _shoot(page: Page, name: str) -> Path:
        path = folder / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return _shoot


def assert_accessible(page: Page, label: str = "") -> None:
    from axe_playwright_python.sync_playwright import Axe

    def serious() -> list[dict]:
        # settle first: finish CSS transitions and animations (a colour mid-transition is not the page's colour)
        page.evaluate("document.getAnimations().forEach(a => { try { a.finish(); } catch (e) {} })")
        return [v for v in Axe().run(page).response["violations"] if v.get("impact") in ("serious", "critical")]

    # a page still settling (a route change finishing under load) is checked again, frame by frame, until the
    # violations are gone or 5 s have passed: waited for, not slept on and sampled once
    deadline = time.monotonic() + 5
    bad = serious()
    while bad and time.monotonic() < deadline:
        page.wait_for_function("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))"
                               ".then(() => true)")
        bad = serious()
    summary = [{"id": v["id"], "impact": v["impact"], "help": v["help"],
                "targets": [n["target"] for n in v["nodes"][:3]],
                "why": [n.get("failureSummary", "")[:300] for n in v["nodes"][:3]]} for v in bad]
    assert not bad, f"axe found serious/critical violations on {label or page.url}:\n{json.dumps(summary, indent=1)}"


def no_horizontal_scroll(page: Page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


def check_page(page: Page, shoot, name: str) -> None:  # noqa: ANN001 - the shoot fixture's function
    """A page a journey reached is finished: no serious axe violation, no sideways scroll; then its screenshot.
    A toast fading in is half transparent, so axe measures contrast once every toast is fully shown."""
    page.wait_for_function("Array.from(document.querySelectorAll('[data-sonner-toast]'))"
                           ".every(t => getComputedStyle(t).opacity === '1')")
    assert_accessible(page, name)
    assert no_horizontal_scroll(page), f"{name} scrolls sideways"
    shoot(page, name)


def client_address() -> str:
    """A documentation address (192.0.2.0/24, 198.51.100.0/24, then 203.0.113.0/24) for the next visitor.

    The app counts log-ins and sign-ups per client address (60 log-ins per 15 minutes): the browser tests log
    in more often than that from one loopback address, while real shoppers come from many. The test app
    trusts loopback as its proxy (``TRUSTED_PROXIES``, tests/e2e/server.py), so each visitor is told apart by
    the ``X-Forwarded-For`` this gives, as production behind its proxy does."""
    n = next(_CLIENTS)
    return f"{('192.0.2', '198.51.100', '203.0.113')[n // 254 % 3]}.{n % 254 + 1}"


_CLIENTS = itertools.count()


def log_in(page: Page, email: str, password: str) -> None:
    """Log in through the real form (the server sets the HttpOnly cookie) and wait for the redirect, as a
    visitor of its own address (:func:`client_address`)."""
    page.set_extra_http_headers({"x-forwarded-for": client_address()})
    page.goto("/login")
    # the tab decides its market on its first page load; wait for it, so the account's saved market (which
    # applies only when the tab has none yet) never races the form
    page.wait_for_function("document.cookie.includes('mp_lang=')")
    page.locator("#field-email").fill(email)
    page.locator("#field-password").fill(password)
    with page.expect_navigation():
        page.locator("#login-submit").click()


TOUCH_MIN_PX = 44
_SMALL_TARGETS_JS = """([min, within]) => {
  const controls = (within ? document.querySelector(within) || document : document).querySelectorAll(
    'button, input:not([type=hidden]), select, textarea, [role=button], [role=tab], [role=checkbox], ' +
    '[role=radio], [role=switch], [role=combobox], a.button, a[role=button]');
  const small = [];
  for (const el of controls) {
    const style = getComputedStyle(el);
    let r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0 || style.visibility === 'hidden' || el.closest('[aria-hidden=true]')) continue;
    const label = el.closest('label') || (el.id && document.querySelector(`label[for="${CSS.escape(el.id)}"]`));
    if (label) {  // a control whose label is tappable counts with its label
      const l = label.getBoundingClientRect();
      r = {width: Math.max(r.width, l.width), height: Math.max(r.height, l.height)};
    }
    if (r.width < min - 0.5 || r.height < min - 0.5) {
      small.push(`${el.id ? '#' + el.id : el.tagName.toLowerCase()} "${(el.getAttribute('aria-label') ||
        el.textContent || el.getAttribute('placeholder') || '').trim().slice(0, 30)}" ${Math.round(r.width)}x${Math.round(r.height)}`);
    }
  }
  return small;
}"""


def small_touch_targets(page: Page, within: str | None = None) -> list[str]:
    """Visible controls (buttons, fields, selects, button-like links) smaller than 44x44 CSS px, with their
    label's area counted for checkboxes and radios; only inside the ``within`` selector when given (e.g.
    ``"main"``: the shared header is checked by test_pages). Inline text links are not checked."""
    return page.evaluate(_SMALL_TARGETS_JS, [TOUCH_MIN_PX, within])

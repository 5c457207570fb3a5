"""End-to-end fixtures: the app in production mode (``reflex run --env prod --single-port``) on a free
loopback port over a freshly migrated and seeded SQLite database, the Redis state manager when Redis
answers, and Chromium (Debian's, via $CHROMIUM) at a phone and a desktop viewport.

Also: ``shoot`` writes a screenshot to ``test-artifacts/<test>/<viewport>.png`` and ``assert_accessible``
runs axe-core and fails on any serious or critical violation.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from marketplace.core.db import engine_for
from tests.conftest import REDIS_UP, ROOT, migrate

ARTIFACTS = ROOT / "test-artifacts"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1440, "height": 900}
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-dev-shm-usage"]
BOOT_TIMEOUT_S = 420


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_http(url: str, proc: subprocess.Popen, log: Path, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"the app exited early (code {proc.returncode}):\n{log.read_text()[-6000:]}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310 - loopback only
                if response.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.5)
    raise RuntimeError(f"the app did not answer {url} within {timeout:.0f} s:\n{log.read_text()[-6000:]}")


@dataclass(frozen=True)
class RunningApp:
    base: str
    db_url: str

    def engine(self):  # noqa: ANN201
        return engine_for(self.db_url)


@pytest.fixture(scope="session")
def app_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningApp]:
    work = tmp_path_factory.mktemp("e2e")
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    db_url = f"sqlite:///{work / 'e2e.db'}"
    uploads = ARTIFACTS / "e2e-uploads"  # images are cached here between runs (same seed version)
    env = dict(os.environ)
    env.update({
        "DATABASE_URL": db_url, "REFLEX_UPLOADED_FILES_DIR": str(uploads), "SECRET_KEY": "e2e-secret-key",
        "PUBLIC_URL": base, "CORS_ALLOWED_ORIGINS": f"{base},http://localhost:{port}",
        "REFLEX_TELEMETRY_ENABLED": "false", "REFLEX_CHECK_LATEST_VERSION": "false",
        "REFLEX_DIR": str(ROOT / ".reflex-home"), "BUN_INSTALL_CACHE_DIR": str(ROOT / ".bun-cache"),
        "PATH": f"{ROOT / 'node_modules' / '.bin'}{os.pathsep}{Path(sys.executable).parent}{os.pathsep}"
                f"{env.get('PATH', '')}",
    })
    env.pop("REFLEX_REDIS_URL", None)
    if REDIS_UP:
        env["REFLEX_REDIS_URL"] = "redis://127.0.0.1:6379/7"
        print("\ne2e: the app runs on the Redis state manager (redis://127.0.0.1:6379/7)")
    else:
        print("\ne2e: Redis not reachable on 127.0.0.1:6379; the app runs on the in-memory state manager")
    migrate(db_url)
    seeded = subprocess.run([sys.executable, "-m", "marketplace", "seed"], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=600)
    assert seeded.returncode == 0, seeded.stderr
    print(f"e2e: {seeded.stdout.strip()}")
    log = work / "app.log"
    with log.open("w") as out:
        proc = subprocess.Popen(
            [str(Path(sys.executable).with_name("reflex")), "run", "--env", "prod", "--single-port",
             "--frontend-port", str(port), "--backend-port", str(port), "--loglevel", "info"],
            cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        _wait_http(f"{base}/api/health", proc, log, BOOT_TIMEOUT_S)
        _wait_http(f"{base}/", proc, log, 120)
        os.environ["E2E_APP_LOG"] = str(log)
        yield RunningApp(base=base, db_url=db_url)
    finally:
        try:
            os.killpg(proc.pid, signal.SIGTERM)
            proc.wait(timeout=20)
        except (ProcessLookupError, subprocess.TimeoutExpired):
            os.killpg(proc.pid, signal.SIGKILL)


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

    results = Axe().run(page)
    bad = [v for v in results.response["violations"] if v.get("impact") in ("serious", "critical")]
    summary = [{"id": v["id"], "impact": v["impact"], "help": v["help"],
                "targets": [n["target"] for n in v["nodes"][:3]],
                "why": [n.get("failureSummary", "")[:300] for n in v["nodes"][:3]]} for v in bad]
    assert not bad, f"axe found serious/critical violations on {label or page.url}:\n{json.dumps(summary, indent=1)}"


def no_horizontal_scroll(page: Page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


def log_in(page: Page, email: str, password: str) -> None:
    """Log in through the real form (the server sets the HttpOnly cookie) and wait for the redirect."""
    page.goto("/login")
    page.locator("#field-email").fill(email)
    page.locator("#field-password").fill(password)
    with page.expect_navigation():
        page.locator("#login-submit").click()

"""Starting the app the way production runs it (``reflex run --env prod --single-port``) on a free loopback
port over a freshly migrated and seeded SQLite database. Used by the e2e fixtures and by bench/pageload.py.

``running_app(work, redis=...)`` is a context manager yielding :class:`RunningApp`; the app's log is
``work/app.log``; the process group is stopped on exit. ``extra_env`` starts a second app with other settings
(e.g. ``PAYMENTS=stripe``): it builds its frontend in ``work/.web`` (``REFLEX_WEB_WORKDIR``), so it never
rewrites the bundle another running app serves (the build bakes in the app's port).
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from marketplace.core.db import engine_for
from tests.conftest import ROOT, migrate

ARTIFACTS = ROOT / "test-artifacts"
BOOT_TIMEOUT_S = 420
E2E_SECRET_KEY = "e2e-secret-key"  # the app's SECRET_KEY: tests sign links (e.g. /track tokens) with it


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


@contextmanager
def running_app(work: Path, *, redis: bool = False, extra_env: dict[str, str] | None = None) -> Iterator[RunningApp]:
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    db_url = f"sqlite:///{work / 'e2e.db'}"
    uploads = ARTIFACTS / "e2e-uploads"  # images are cached here between runs (same seed version)
    env = dict(os.environ)
    env.update({
        "DATABASE_URL": db_url, "REFLEX_UPLOADED_FILES_DIR": str(uploads), "SECRET_KEY": E2E_SECRET_KEY,
        # loopback is the tests' proxy: each test visitor names its own address (conftest.client_address)
        "TRUSTED_PROXIES": "127.0.0.1",
        # forex-python's service at a closed loopback port: "refresh now" never leaves the machine, and finds
        # the rates source unreachable (tests/e2e/test_staff_fx.py)
        "FOREX_API_BASE": f"http://127.0.0.1:{_free_port()}/api/",
        "PUBLIC_URL": base, "CORS_ALLOWED_ORIGINS": f"{base},http://localhost:{port}",
        "REFLEX_TELEMETRY_ENABLED": "false", "REFLEX_CHECK_LATEST_VERSION": "false",
        "REFLEX_DIR": str(ROOT / ".reflex-home"), "BUN_INSTALL_CACHE_DIR": str(ROOT / ".bun-cache"),
        "PATH": f"{ROOT / 'node_modules' / '.bin'}{os.pathsep}{Path(sys.executable).parent}{os.pathsep}"
                f"{env.get('PATH', '')}",
    })
    env.pop("REFLEX_REDIS_URL", None)
    if redis:
        env["REFLEX_REDIS_URL"] = "redis://127.0.0.1:6379/7"
    if extra_env:
        env.update(extra_env)
        env.setdefault("REFLEX_WEB_WORKDIR", str(work / ".web"))
    migrate(db_url)
    seeded = subprocess.run([sys.executable, "-m", "marketplace", "seed"], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=600)
    if seeded.returncode != 0:
        raise RuntimeError(f"seeding the app's database failed:\n{seeded.stderr[-4000:]}")
    print(f"app: {seeded.stdout.strip()}")
    log = work / "app.log"
    with log.open("w") as out:
        proc = subprocess.Popen(
            [str(Path(sys.executable).with_name("reflex")), "run", "--env", "prod", "--single-port",
             "--frontend-port", str(port), "--backend-port", str(port), "--loglevel", "info"],
            cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        _wait_http(f"{base}/api/health", proc, log, BOOT_TIMEOUT_S)
        _wait_http(f"{base}/", proc, log, 120)
        if not extra_env:
            os.environ["E2E_APP_LOG"] = str(log)
        yield RunningApp(base=base, db_url=db_url)
    finally:
        try:
            os.killpg(proc.pid, signal.SIGTERM)
            proc.wait(timeout=20)
        except (ProcessLookupError, subprocess.TimeoutExpired):
            os.killpg(proc.pid, signal.SIGKILL)

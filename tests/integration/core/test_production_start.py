"""Acceptance for issue 9, defect 2: starting the app for real (an https PUBLIC_URL) with no payment settings
exits non-zero and names the setting; commands that do not serve still run; safe settings start."""

from __future__ import annotations

import ast
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

_CLEARED = ("PAYMENTS", "ALLOW_TEST_PAYMENTS", "SECRET_KEY", "CORS_ALLOWED_ORIGINS", "MERIDIAN_ENV", "PUBLIC_URL")


def _env(tmp_path: Path, **values: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in _CLEARED}
    env.update({"DATABASE_URL": f"sqlite:///{tmp_path / 'app.db'}", "REFLEX_TELEMETRY_ENABLED": "false",
                "REFLEX_CHECK_LATEST_VERSION": "false", "REFLEX_DIR": str(ROOT / ".reflex-home"), **values})
    return env


def _run(args: list[str], env: dict[str, str], timeout: float = 180) -> subprocess.CompletedProcess:
    proc = subprocess.Popen(args, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            start_new_session=True)
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        out, err = proc.communicate()
        pytest.fail(f"{args} did not exit within {timeout} s (it started instead of refusing):\n{out[-2000:]}")
    return subprocess.CompletedProcess(args, proc.returncode, out, err)


def test_reflex_run_with_an_https_public_url_and_no_payment_settings_refuses_to_start(tmp_path):
    reflex = str(Path(sys.executable).with_name("reflex"))
    result = _run([reflex, "run", "--env", "prod", "--single-port", "--frontend-port", "3999",
                   "--backend-port", "3999"], _env(tmp_path, PUBLIC_URL="https://shop.example"))
    assert result.returncode != 0
    assert "PAYMENTS" in result.stderr and "ALLOW_TEST_PAYMENTS" in result.stderr
    assert "SECRET_KEY" in result.stderr


def test_importing_the_app_with_unsafe_production_settings_exits_non_zero(tmp_path):
    result = _run([sys.executable, "-c", "import marketplace.marketplace"],
                  _env(tmp_path, MERIDIAN_ENV="production", PUBLIC_URL="https://shop.example",
                       SECRET_KEY="a-long-random-secret", CORS_ALLOWED_ORIGINS="http://localhost:3000"))
    assert result.returncode == 1
    assert "PAYMENTS" in result.stderr and "CORS_ALLOWED_ORIGINS" in result.stderr
    assert "SECRET_KEY" not in result.stderr


def test_commands_that_do_not_serve_are_not_blocked(tmp_path):
    result = _run([sys.executable, "-m", "marketplace", "accounts"], _env(tmp_path, PUBLIC_URL="https://shop.example"))
    assert result.returncode == 0, result.stderr
    assert "Demo accounts" in result.stdout


_PAGES_WITHOUT_BANNER = """
import marketplace.marketplace as m
pages = m.app._unevaluated_pages.values()
print(len(pages), [p.route for p in pages if "test-mode-banner" not in str(p.component())])
"""


def test_with_test_payments_allowed_explicitly_the_app_starts_and_every_page_has_the_banner(tmp_path):
    result = _run([sys.executable, "-c", _PAGES_WITHOUT_BANNER],
                  _env(tmp_path, PUBLIC_URL="https://shop.example", SECRET_KEY="a-long-random-secret",
                       ALLOW_TEST_PAYMENTS="1"))
    assert result.returncode == 0, result.stderr
    count, missing = result.stdout.strip().splitlines()[-1].split(" ", 1)
    assert int(count) >= 20 and missing == "[]"


def test_without_production_no_page_has_the_banner(tmp_path):
    result = _run([sys.executable, "-c", _PAGES_WITHOUT_BANNER], _env(tmp_path))
    assert result.returncode == 0, result.stderr
    count, missing = result.stdout.strip().splitlines()[-1].split(" ", 1)
    assert len(ast.literal_eval(missing)) == int(count)

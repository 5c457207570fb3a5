"""``localstripe``: a fake Stripe API on a free loopback port, started once per test session.

Started as ``python -m tests.integration.payments.localstripe_browser --port N --from-scratch`` from this
venv (localstripe plus the browser-side confirmation real Stripe.js does, see that module); the fixture
waits until the port answers and kills the process at the end. If it cannot start, the tests that need it are skipped
with the reason printed (``-ra`` shows it). Note: localstripe keeps its store in memory and also pickles
it to ``/tmp/localstripe.pickle``; ``--from-scratch`` makes us ignore whatever another run left there.
"""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _answers(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.2):
            return True
    except OSError:
        return False


@pytest.fixture(scope="session")
def localstripe(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The base URL of a running localstripe (``http://127.0.0.1:<port>``)."""
    port = _free_port()
    log_path: Path = tmp_path_factory.mktemp("localstripe") / "localstripe.log"
    with log_path.open("wb") as log:
        try:
            proc = subprocess.Popen(
                [sys.executable, "-m", "tests.integration.payments.localstripe_browser", "--port", str(port),
                 "--from-scratch"],
                cwd=Path(__file__).resolve().parents[3],
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        except OSError as exc:
            pytest.skip(f"localstripe could not start: {exc}")
        try:
            deadline = time.monotonic() + 15
            while not _answers(port):
                if proc.poll() is not None:
                    tail = log_path.read_text(errors="replace")[-800:]
                    pytest.skip(f"localstripe exited with {proc.returncode}: {tail}")
                if time.monotonic() > deadline:
                    pytest.skip(f"localstripe did not answer on 127.0.0.1:{port} within 15 s")
                time.sleep(0.05)  # readiness poll, not a fixed wait
            yield f"http://127.0.0.1:{port}"
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=5)

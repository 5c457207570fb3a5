"""``localstripe``: a fake Stripe API on a free loopback port, started once per test session.

Started as ``python -m tests.integration.payments.localstripe_browser --port N --from-scratch`` from this
venv (localstripe plus the browser-side confirmation real Stripe.js does, see that module); the fixture
waits until the port answers and kills the process at the end. If it cannot start, the tests that need it
are skipped with the reason printed (``-ra`` shows it). Note: localstripe keeps its store in memory and also
pickles it to ``/tmp/localstripe.pickle``; ``--from-scratch`` makes us ignore whatever another run left there.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.integration.payments.localstripe_browser import LocalstripeUnavailable, running_localstripe


@pytest.fixture(scope="session")
def localstripe(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The base URL of a running localstripe (``http://127.0.0.1:<port>``)."""
    try:
        with running_localstripe(tmp_path_factory.mktemp("localstripe") / "localstripe.log") as base:
            yield base
    except LocalstripeUnavailable as exc:
        pytest.skip(str(exc))

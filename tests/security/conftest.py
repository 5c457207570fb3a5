"""The browser-level security tests run against the same app the e2e tests start (tests/e2e/conftest.py).

Note: pytest scopes a session fixture per conftest that defines it, so running tests/e2e and tests/security in
one invocation builds the app twice; moving the e2e fixtures to tests/conftest.py would share one build."""

from tests.e2e.conftest import app_server, chromium, desktop, phone  # noqa: F401 - re-exported fixtures

"""The layer rules of docs/ARCHITECTURE.md, "Layers", enforced by the import-linter contracts in pyproject.toml."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def test_import_linter_contracts_are_kept():
    lint_imports = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run([str(lint_imports), "--no-cache"], cwd=ROOT, capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    assert "broken" in result.stdout and "0 broken" in result.stdout


def test_domain_packages_do_not_import_reflex_even_lazily():
    domain = ["core", "models", "crossborder", "catalog", "vendors", "accounts", "orders", "demo", "integrations",
              "checkout", "payments", "outbox"]
    offenders = [str(path.relative_to(ROOT)) for name in domain for path in (ROOT / "marketplace" / name).rglob("*.py")
                 if "import reflex" in path.read_text() or "from reflex" in path.read_text()]
    assert offenders == []

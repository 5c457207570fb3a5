"""``python -m marketplace``: commands say clearly when the database is not migrated, and the payout run
reports what it did."""

from __future__ import annotations

import os
import subprocess
import sys

from tests.conftest import ROOT, migrate


def _run(args: list[str], db_url: str, payments: str = "embedded") -> subprocess.CompletedProcess:
    env = {**os.environ, "DATABASE_URL": db_url, "PAYMENTS": payments}
    return subprocess.run([sys.executable, "-m", "marketplace", *args], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=120)


def test_commands_on_an_unmigrated_database_exit_2_with_a_hint(tmp_path):
    url = f"sqlite:///{tmp_path / 'empty.db'}"
    for args in (["payouts"], ["worker", "--once"]):
        done = _run(args, url)
        assert done.returncode == 2, done.stderr
        assert "Run `make migrate` first" in done.stderr and "Traceback" not in done.stderr


def test_payout_run_on_a_migrated_database_with_nothing_to_pay(tmp_path):
    url = f"sqlite:///{tmp_path / 'shop.db'}"
    migrate(url)
    done = _run(["payouts"], url)
    assert (done.returncode, done.stdout.strip()) == (0, "payouts: 0 created, 0 skipped")


def test_unknown_arguments_are_refused(tmp_path):
    done = _run(["payouts", "--everything"], f"sqlite:///{tmp_path / 'x.db'}")
    assert done.returncode == 2 and "unrecognized arguments: --everything" in done.stderr


def test_the_seed_charges_demo_orders_only_on_the_embedded_gateway(tmp_path):
    url = f"sqlite:///{tmp_path / 'shop.db'}"
    migrate(url)
    done = _run(["seed", "--no-images"], url, payments="stripe")
    assert done.returncode == 0, done.stderr
    assert "No paid demo orders: they are charged on the embedded gateway, and PAYMENTS is not embedded." in done.stdout

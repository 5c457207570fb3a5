"""Command line: ``python -m marketplace <command>``.

Commands:
  seed [--if-empty] [--no-images]   fill an empty, migrated database with the demo marketplace
  images                            (re)draw missing demo product images into the upload directory
  accounts                          print the demo accounts and their passwords
  worker [--once] [...]             run the outbox worker (e-mails, Stripe events, payout transfers)
  payouts                           pay every vendor's available balance (embedded: paid at once;
                                    stripe: one Connect transfer each, sent by the worker)
  vendors list [--status S]         list shops (id, status, country, name), e.g. those pending review
  vendors approve ID                approve a pending shop: audited, and its people are e-mailed (through the
                                    worker); any other status is refused (exit 1)
  backup [--to PATH]                copy the database (DATABASE_URL) into backups/ with a timestamped name,
                                    consistent while the app runs (SQLite backup API, or pg_dump)
  restore PATH                      replace the database with a backup (checked first; one transaction;
                                    the current database is saved into backups/ before)
Exit codes: 0 success, 1 refused (e.g. the database is not empty, a missing or corrupt backup),
2 bad usage or database not migrated.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from sqlalchemy.exc import OperationalError, ProgrammingError


def _print_accounts() -> None:
    from marketplace.demo.seed import DEMO_ACCOUNTS

    print("Demo accounts (e-mail / password):")
    for account in DEMO_ACCOUNTS:
        extra = f"  [{account.vendor_key}]" if account.vendor_key else ""
        print(f"  {account.role.value:<8} {account.email:<24} {account.password}{extra}")


def _seed(if_empty: bool, draw_images: bool, orders: bool = True) -> int:
    from marketplace.checkout.demo_orders import place_demo_orders
    from marketplace.core.db import get_engine, session_scope
    from marketplace.core.settings import get_settings
    from marketplace.demo.seed import AlreadySeeded, is_empty, seed

    started = time.monotonic()
    try:
        with session_scope() as session:
            if if_empty and not is_empty(session):
                print("Database already has data; demo seed skipped.")
                return 0
            report = seed(session, get_settings().upload_dir, draw_images=draw_images)
    except AlreadySeeded as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except (OperationalError, ProgrammingError) as exc:
        print(f"error: the database is not ready ({exc.orig}). Run `make migrate` first.", file=sys.stderr)
        return 2
    print(f"Seeded {report.vendors} vendors, {report.categories} categories, {report.products} products, "
          f"{report.variants} variants, {report.users} users; drew {report.images_written} images "
          f"in {time.monotonic() - started:.1f} s.")
    if orders and get_settings().payments != "embedded":
        print("No paid demo orders: they are charged on the embedded gateway, and PAYMENTS is not embedded.")
    elif orders:  # paid orders waiting for the demo sellers (kyoto twice, milano once), so their screens are not empty
        numbers = place_demo_orders(get_engine(), "shopper@meridian.test", ("kyoto-kiln", "kyoto-kiln", "navigli-pelle"))
        print(f"Placed {len(numbers)} paid demo orders for the sellers to accept: {', '.join(numbers)}.")
    return 0


def _images() -> int:
    from marketplace.core.settings import get_settings
    from marketplace.demo.catalogue import build_catalogue
    from marketplace.demo.images import ensure_images

    written = ensure_images(build_catalogue(), get_settings().upload_dir)
    print(f"Drew {written} images.")
    return 0


def _gateway():  # noqa: ANN202
    from marketplace.core.settings import get_settings
    from marketplace.integrations.payment_gateways import gateway_for

    return gateway_for(get_settings().payments)


def _worker(rest: list[str]) -> int:
    from marketplace import jobs
    from marketplace.core.db import get_engine

    return jobs.main(rest, engine=get_engine(), gateway=_gateway())


def _payouts() -> int:
    from marketplace.core.db import get_engine
    from marketplace.payments.payout_run import schedule_payouts
    from marketplace.vendors.shop_status import ShopAction, allows

    results = schedule_payouts(get_engine(), _gateway(),
                               may_be_paid=lambda status: allows(status, ShopAction.RECEIVE_PAYOUTS))
    for item in results:
        amount = f" {item.amount}" if item.amount else ""
        print(f"vendor {item.vendor_id}: {item.status}{amount}{f' ({item.note})' if item.note else ''}")
    print(f"payouts: {sum(1 for r in results if r.payout_id)} created, "
          f"{sum(1 for r in results if r.status == 'skipped')} skipped")
    return 0


def _vendors(args: argparse.Namespace) -> int:
    from marketplace.core.db import session_scope
    from marketplace.core.errors import DomainError
    from marketplace.vendors.moderation import approve_vendor, vendor_rows

    if args.action == "list":
        try:
            with session_scope() as session:
                rows = vendor_rows(session, args.status or "")
        except DomainError as exc:
            print(f"error: {exc.message} (one of pending, approved, suspended, terminated)", file=sys.stderr)
            return 2
        for row in rows:
            print(f"{row.id:>5}  {row.status:<10} {row.country}  {row.display_name}  ({row.legal_name})")
        print(f"{len(rows)} shop(s)")
        return 0
    try:
        with session_scope() as session:
            vendor = approve_vendor(session, args.id)
            name = vendor.display_name
    except DomainError as exc:
        print(f"error: shop {args.id}: {exc.message % exc.params if exc.params else exc.message}", file=sys.stderr)
        return 1
    print(f"approved shop {args.id} ({name}); its people are e-mailed by the worker")
    return 0


def _backup(to: str | None) -> int:
    from marketplace.core.backup import BackupError, backup
    from marketplace.core.settings import get_settings

    try:
        path = backup(get_settings().database_url, Path(to) if to else None)
    except BackupError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(f"backup written: {path} ({path.stat().st_size} bytes)")
    return 0


def _restore(source: str) -> int:
    from marketplace.core.backup import BackupError, restore
    from marketplace.core.settings import get_settings

    try:
        saved = restore(get_settings().database_url, Path(source))
    except BackupError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    before = f" (the database as it was is saved in {saved})" if saved else ""
    print(f"restored from {source}{before}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m marketplace", description="Meridian marketplace commands")
    sub = parser.add_subparsers(dest="command", required=True)
    seed_cmd = sub.add_parser("seed", help="fill an empty database with the demo marketplace")
    seed_cmd.add_argument("--if-empty", action="store_true", help="do nothing (exit 0) when data exists")
    seed_cmd.add_argument("--no-images", action="store_true", help="skip drawing product images")
    seed_cmd.add_argument("--no-orders", action="store_true", help="place no paid demo orders")
    sub.add_parser("images", help="draw missing demo product images")
    sub.add_parser("accounts", help="print the demo accounts")
    sub.add_parser("worker", help="run the outbox worker (python -m marketplace worker --help)", add_help=False)
    sub.add_parser("payouts", help="pay every vendor's available balance through the configured gateway")
    vendors_cmd = sub.add_parser("vendors", help="list shops or approve a pending one")
    vendors_sub = vendors_cmd.add_subparsers(dest="action", required=True)
    list_cmd = vendors_sub.add_parser("list", help="list shops, optionally of one status")
    list_cmd.add_argument("--status", choices=["pending", "approved", "suspended", "terminated"])
    approve_cmd = vendors_sub.add_parser("approve", help="approve a pending shop")
    approve_cmd.add_argument("id", type=int, metavar="ID", help="the shop's id (see `vendors list`)")
    backup_cmd = sub.add_parser("backup", help="copy the database into backups/ (timestamped)")
    backup_cmd.add_argument("--to", metavar="PATH", help="file or directory to write instead of backups/")
    restore_cmd = sub.add_parser("restore", help="replace the database with a backup file")
    restore_cmd.add_argument("path", metavar="PATH", help="a file written by `backup`")
    args, rest = parser.parse_known_args(argv)
    if args.command != "worker" and rest:
        parser.error(f"unrecognized arguments: {' '.join(rest)}")
    try:
        return _dispatch(args, rest)
    except (OperationalError, ProgrammingError) as exc:
        print(f"error: the database is not ready ({exc.orig}). Run `make migrate` first.", file=sys.stderr)
        return 2


def _dispatch(args: argparse.Namespace, rest: list[str]) -> int:
    if args.command == "worker":
        return _worker(rest)
    if args.command == "seed":
        return _seed(args.if_empty, not args.no_images, not args.no_orders)
    if args.command == "images":
        return _images()
    if args.command == "payouts":
        return _payouts()
    if args.command == "vendors":
        return _vendors(args)
    if args.command == "backup":
        return _backup(args.to)
    if args.command == "restore":
        return _restore(args.path)
    _print_accounts()
    return 0


if __name__ == "__main__":
    sys.exit(main())

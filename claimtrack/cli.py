"""The `claimtrack` command: serve, worker, migrate."""

from __future__ import annotations

import argparse
import os
import sys

from claimtrack.config import ConfigError, load_settings
from claimtrack.redis_client import connect


def _migrate(_: argparse.Namespace) -> int:
    from migrations import all_migrations, current_version, migrate

    conn = connect(load_settings().redis_url)
    applied = migrate(conn)
    latest = all_migrations()[-1].number
    print(f"layout version {current_version(conn)} (latest {latest}); applied: {applied or 'none'}")
    return 0


def _worker(args: argparse.Namespace) -> int:
    from workers.main import run_worker

    run_worker(burst=args.burst)
    return 0


def _serve(args: argparse.Namespace) -> int:
    argv = ["gunicorn", "--bind", args.bind, "--workers", str(args.workers), "--threads", str(args.threads),
            "--access-logfile", "-", "service:create_app()"]
    os.execvp(argv[0], argv)
    return 1  # pragma: no cover


def main(argv: list[str] | None = None) -> int:
    """Entry point of the console script."""
    parser = argparse.ArgumentParser(prog="claimtrack", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("migrate", help="apply pending Redis layout migrations").set_defaults(func=_migrate)
    worker = sub.add_parser("worker", help="run a worker (preloads the parser and the model)")
    worker.add_argument("--burst", action="store_true", help="exit when the queue is empty")
    worker.set_defaults(func=_worker)
    serve = sub.add_parser("serve", help="run the API under gunicorn")
    serve.add_argument("--bind", default="127.0.0.1:8000")
    serve.add_argument("--workers", type=int, default=2)
    serve.add_argument("--threads", type=int, default=4)
    serve.set_defaults(func=_serve)
    args = parser.parse_args(argv)
    from migrations import LayoutError

    try:
        return int(args.func(args))
    except (ConfigError, LayoutError) as exc:
        print(f"claimtrack: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())

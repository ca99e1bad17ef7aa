"""The `claimtrack` command: serve, worker, migrate, keys, ingest, speakers."""

from __future__ import annotations

import argparse
import os
import shutil
import sys

from claimtrack.config import ConfigError, load_settings
from claimtrack.errors import ClaimtrackError
from claimtrack.redis_client import connections


def _migrate(_: argparse.Namespace) -> int:
    from migrations import all_migrations, current_version, migrate

    store = connections(load_settings())[0]
    applied = migrate(store)
    latest = all_migrations()[-1].number
    print(f"layout version {current_version(store)} (latest {latest}); applied: {applied or 'none'}")
    return 0


def _keys(args: argparse.Namespace) -> int:
    from claimtrack import apikeys

    conn, _ = connections(load_settings())
    if args.keys_command == "create":
        record, token = apikeys.create(conn, args.name, [s.strip() for s in args.scopes.split(",") if s.strip()])
        print(f"created key {record['id']} ({record['name']}, scopes {','.join(record['scopes'])})")
        print(f"token (shown once, store it now): {token}")
    elif args.keys_command == "list":
        for record in apikeys.list_keys(conn):
            state = f"revoked {record['revoked_at']}" if record["revoked_at"] else "active"
            print(f"{record['id']}  {record['name']:<24} {','.join(record['scopes']):<18} "
                  f"created {record['created_at']}  {state}")
    else:
        record = apikeys.revoke(conn, args.key_id)
        print(f"revoked key {record['id']} ({record['name']})")
    return 0


def _worker(args: argparse.Namespace) -> int:
    from workers.main import run_worker

    run_worker(burst=args.burst)
    return 0


def _serve(args: argparse.Namespace) -> int:
    # gunicorn of this interpreter's environment, whether or not its bin/ is on PATH
    argv = [sys.executable, "-m", "gunicorn", "--bind", args.bind, "--workers", str(args.workers),
            "--threads", str(args.threads), "--access-logfile", "-", "service:create_app()"]
    if load_settings().log_format == "json":
        argv[3:3] = ["--logger-class", "claimtrack.logging_setup.GunicornLogger"]
    metrics_dir = os.environ.get("PROMETHEUS_MULTIPROC_DIR")
    if metrics_dir:  # prometheus_client multiprocess mode: start from empty files
        shutil.rmtree(metrics_dir, ignore_errors=True)
        os.makedirs(metrics_dir, exist_ok=True)
    os.execvp(argv[0], argv)
    return 1  # pragma: no cover


def _ingest(args: argparse.Namespace) -> int:
    from claimtrack.ingest import run_ingest

    return run_ingest(args.paths, args.base, args.key, args.wait)


def _speakers(args: argparse.Namespace) -> int:
    from claimtrack.ingest import run_merge

    return run_merge(args.keep_id, args.other_id, args.base, args.key)


def _api_options(parser: argparse.ArgumentParser) -> None:
    from claimtrack.ingest import default_base

    parser.add_argument("--base", default=default_base(), help="API URL (default: CLAIMTRACK_API_URL or %(default)s)")
    parser.add_argument("--key", default=os.environ.get("CLAIMTRACK_API_KEY"),
                        help="API key (default: CLAIMTRACK_API_KEY)")


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
    keys_cmd = sub.add_parser("keys", help="create, list and revoke API keys")
    keys_sub = keys_cmd.add_subparsers(dest="keys_command", required=True)
    create = keys_sub.add_parser("create", help="create a key and print its token once")
    create.add_argument("--name", required=True)
    create.add_argument("--scopes", default="read", help="comma-separated: read, write, admin")
    keys_sub.add_parser("list", help="list keys (never their secrets)")
    revoke = keys_sub.add_parser("revoke", help="revoke a key by id")
    revoke.add_argument("key_id")
    keys_cmd.set_defaults(func=_keys)
    ingest = sub.add_parser("ingest", help="post article files (.txt seed format, .json, .jsonl, folders) to the API")
    ingest.add_argument("paths", nargs="+", metavar="PATH")
    ingest.add_argument("--wait", action="store_true", help="wait for processing, then print who said what")
    _api_options(ingest)
    ingest.set_defaults(func=_ingest)
    speakers_cmd = sub.add_parser("speakers", help="speaker corrections through the API")
    speakers_sub = speakers_cmd.add_subparsers(dest="speakers_command", required=True)
    merge = speakers_sub.add_parser("merge", help="fold speaker OTHER_ID into KEEP_ID")
    merge.add_argument("keep_id", metavar="KEEP_ID")
    merge.add_argument("other_id", metavar="OTHER_ID")
    _api_options(merge)
    speakers_cmd.set_defaults(func=_speakers)
    args = parser.parse_args(argv)
    from migrations import LayoutError

    try:
        return int(args.func(args))
    except (ConfigError, LayoutError, ClaimtrackError) as exc:
        print(f"claimtrack: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())

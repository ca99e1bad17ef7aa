"""Logging for the API and the workers: JSON lines or plain text (CLAIMTRACK_LOG_FORMAT).

Every record carries the request id of the HTTP request (API) or the id of the job (worker)
that produced it, when there is one.
"""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Mapping
from contextvars import ContextVar
from datetime import UTC, datetime
from typing import IO, Any

from gunicorn.glogging import Logger as GunicornBaseLogger

REQUEST_ID: ContextVar[str | None] = ContextVar("claimtrack_request_id", default=None)
FORMATS = ("text", "json")
TEXT_FORMAT = "%(asctime)s %(levelname)s %(name)s%(context)s: %(message)s"
_STANDARD = set(vars(logging.LogRecord("", 0, "", 0, "", None, None))) | {"message", "asctime", "request_id",
                                                                         "job_id", "context"}


def current_job_id() -> str | None:
    """The id of the RQ job this process is running, if any."""
    from rq import get_current_job

    try:
        job = get_current_job()
    except Exception:  # no job context
        return None
    return job.id if job is not None else None


class ContextFilter(logging.Filter):
    """Adds `request_id` and `job_id` (None when not in a request or job) and a text `context` to records."""

    def filter(self, record: logging.LogRecord) -> bool:
        """Annotate the record; never drops it."""
        request_id = getattr(record, "request_id", None) or REQUEST_ID.get()
        job_id = getattr(record, "job_id", None) or current_job_id()
        record.request_id, record.job_id = request_id, job_id
        parts = [f"request_id={request_id}" if request_id else "", f"job_id={job_id}" if job_id else ""]
        record.context = " [" + " ".join(p for p in parts if p) + "]" if any(parts) else ""
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time, level, logger, message, request_id, job_id, and any extra fields."""

    def format(self, record: logging.LogRecord) -> str:
        """The record as a JSON line."""
        entry: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds").replace(
                "+00:00", "Z"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", None),
            "job_id": getattr(record, "job_id", None),
        }
        if record.name == "gunicorn.access" and isinstance(record.args, Mapping):
            entry.update(_access_fields(record.args))
        entry.update({k: v for k, v in vars(record).items() if k not in _STANDARD and not k.startswith("_")})
        if record.exc_info:
            entry["exc_info"] = self.formatException(record.exc_info)
        return json.dumps(entry, default=str, ensure_ascii=False)


def _access_fields(atoms: Mapping[str, Any]) -> dict[str, Any]:
    """Fields of a gunicorn access-log record (its atoms), request id from the X-Request-ID response header."""
    fields = {"method": atoms.get("m"), "path": atoms.get("U"), "query": atoms.get("q") or None,
              "status": int(atoms["s"]) if str(atoms.get("s", "")).isdigit() else atoms.get("s"),
              "duration_ms": round(int(atoms.get("D", 0)) / 1000, 3), "remote_addr": atoms.get("h")}
    rid = atoms.get("{x-request-id}o")
    if rid and rid != "-":
        fields["request_id"] = rid
    return fields


def make_handler(fmt: str, stream: IO[str] | None = None) -> logging.Handler:
    """A stream handler with the context filter and the chosen format."""
    if fmt not in FORMATS:
        raise ValueError(f"log format must be one of {FORMATS}, got {fmt!r}")
    handler = logging.StreamHandler(stream or sys.stderr)
    handler.addFilter(ContextFilter())
    handler.setFormatter(JsonFormatter() if fmt == "json" else logging.Formatter(TEXT_FORMAT))
    return handler


def configure_logging(fmt: str = "text", level: str | int = "INFO", stream: IO[str] | None = None) -> logging.Handler:
    """Send every log record through one handler on the root logger (replacing one installed earlier)."""
    root = logging.getLogger()
    for old in [h for h in root.handlers if getattr(h, "claimtrack", False)]:
        root.removeHandler(old)
    handler = make_handler(fmt, stream)
    handler.claimtrack = True  # type: ignore[attr-defined]
    root.addHandler(handler)
    root.setLevel(level)
    return handler


class GunicornLogger(GunicornBaseLogger):
    """gunicorn's logger writing JSON lines (`claimtrack serve` uses it when CLAIMTRACK_LOG_FORMAT=json)."""

    def setup(self, cfg: Any) -> None:
        """gunicorn's set-up, then JSON formatting on its error and access handlers."""
        super().setup(cfg)
        for logger in (self.error_log, self.access_log):
            for handler in logger.handlers:
                handler.addFilter(ContextFilter())
                handler.setFormatter(JsonFormatter())

"""The search thread: beside the job loop, each worker answers fact-check searches as they arrive.

Searches do not wait for an article job to finish (at most for its fact-check ranking, a few ms
under the index lock, or with the torch backends for one encode call), and cost a handful of
Redis commands instead of an RQ job's bookkeeping (see claimtrack/search_requests.py).
"""

from __future__ import annotations

import logging
import threading
from typing import Any

import redis

from claimtrack import search_requests
from workers.context import WorkerContext
from workers.factcheck_search import search

log = logging.getLogger(__name__)


class SearchThread(threading.Thread):
    """Pops search requests and pushes their answers until stopped; survives Redis outages."""

    def __init__(self, ctx: WorkerContext, wait_s: int = 1) -> None:
        super().__init__(name="claimtrack-search", daemon=True)
        self.ctx = ctx
        self.wait_s = wait_s
        self.stopping = threading.Event()

    def stop(self) -> None:
        """Ask the thread to finish and wait for it (at most one poll interval and one search)."""
        self.stopping.set()
        self.join(timeout=self.wait_s + 30)

    def run(self) -> None:
        while not self.stopping.is_set():
            try:
                request = search_requests.next_request(self.ctx.conn, self.wait_s)
            except redis.RedisError as exc:
                log.warning("search thread cannot read requests (%s); retrying in 1 s", exc)
                self.stopping.wait(1)
                continue
            except Exception:  # a malformed request: drop it, keep serving
                log.exception("search thread could not read a request")
                continue
            if request is not None:
                self.answer(request)

    def answer(self, request: dict[str, Any]) -> None:
        """Search and reply; a failure is logged and answered as an error, never kills the thread."""
        request_id = request.get("id")
        if not isinstance(request_id, str) or not request_id:
            log.warning("search request without an id dropped")
            return
        try:
            body = search(self.ctx, str(request["text"]), int(request.get("limit") or 5), request.get("speaker"))
        except Exception:
            log.exception("search %s failed", request_id)
            body = {"error": "the search failed on the worker; see its log"}
        try:
            search_requests.reply(self.ctx.conn, request_id, body)
        except Exception:
            log.exception("could not answer search %s", request_id)

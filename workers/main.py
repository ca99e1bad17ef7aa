"""Worker start-up: check the layout, preload parser and model, then work the queue without forking."""

from __future__ import annotations

import redis
from rq import SimpleWorker
from rq.serializers import JSONSerializer

from claimtrack import factchecks
from claimtrack.config import Settings, load_settings
from claimtrack.queueing import get_queue
from claimtrack.redis_client import connect
from migrations import check_layout
from workers.context import init_context

# Abandoned jobs (a killed worker) are recovered by RQ's maintenance pass; run it every
# minute rather than RQ's default ten.
MAINTENANCE_INTERVAL_S = 60


def build_worker(settings: Settings, conn: redis.Redis) -> SimpleWorker:
    """A non-forking worker on the search queue first, then the work queue (the model stays loaded)."""
    return SimpleWorker(
        [factchecks.search_queue(conn, settings), get_queue(conn, settings)],
        connection=conn,
        serializer=JSONSerializer,
        maintenance_interval=MAINTENANCE_INTERVAL_S,
    )


def run_worker(burst: bool = False, settings: Settings | None = None) -> bool:
    """Start a worker in this process; returns when it stops (or the queue is empty in burst mode)."""
    settings = settings or load_settings()
    conn = connect(settings.redis_url)
    check_layout(conn)
    init_context(settings, conn)
    worker = build_worker(settings, conn)
    return bool(worker.work(burst=burst, with_scheduler=True, logging_level="INFO"))


if __name__ == "__main__":
    run_worker()

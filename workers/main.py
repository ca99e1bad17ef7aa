"""Worker start-up: check the layout, preload parser and model, then work the queue without forking,
with a search thread beside the job loop."""

from __future__ import annotations

import logging
from typing import Any

import redis
from rq import SimpleWorker
from rq.serializers import JSONSerializer

from claimtrack import articles, factchecks, webhooks
from claimtrack.config import Settings, load_settings
from claimtrack.logging_setup import configure_logging
from claimtrack.queueing import get_queue
from claimtrack.redis_client import connections
from migrations import check_layout
from workers.context import get_context, init_context
from workers.job_metrics import JobMetricsMixin
from workers.recovery import requeue_orphaned_jobs
from workers.search_thread import SearchThread

log = logging.getLogger(__name__)

# Maintenance (RQ's registry cleaning plus our orphan recovery) every 30 s, not RQ's default
# 10 minutes; a worker's heartbeat key expires 60 s after its last beat when idle.
MAINTENANCE_INTERVAL_S = 30
WORKER_TTL_S = 60


class ClaimtrackWorker(JobMetricsMixin, SimpleWorker):
    """RQ's non-forking worker, plus: a thread answering fact-check searches; requeue jobs of dead
    workers at start and at each maintenance pass; job metrics counted in Redis."""

    def work(self, burst: bool = False, *args: Any, **kwargs: Any) -> bool:
        """RQ's job loop with the search thread beside it (a burst run, which ends when the queues
        are empty, serves no searches)."""
        thread = None if burst else SearchThread(get_context())
        if thread is not None:
            thread.start()
        try:
            return bool(super().work(burst, *args, **kwargs))
        finally:
            if thread is not None:
                thread.stop()

    def run_maintenance_tasks(self) -> None:
        """RQ's maintenance, then recover jobs abandoned by dead workers and work a dead API process
        left unqueued."""
        super().run_maintenance_tasks()
        recover(self)


def recover(worker: SimpleWorker) -> None:
    """Requeue the jobs of dead workers; complete articles and fact-check imports whose jobs were
    never queued (an API process died between storing them and queueing their jobs)."""
    for queue in worker.queues:
        requeue_orphaned_jobs(worker.connection, queue, worker.name)
    ctx = get_context()
    work_queue = get_queue(worker.connection, ctx.settings)
    for article_id in articles.finish_unqueued(ctx.conn, work_queue, ctx.settings):
        log.warning("article %s was stored but never queued: queued now", article_id)
    if count := factchecks.requeue_unindexed(ctx.conn, work_queue, ctx.settings):
        log.warning("%d fact-checks were stored but never queued for indexing: queued now", count)


def build_worker(settings: Settings, conn: redis.Redis) -> SimpleWorker:
    """A non-forking worker on webhook deliveries first, then the work queue (`conn`: RQ's Redis)."""
    return ClaimtrackWorker(
        [webhooks.delivery_queue(conn, settings), get_queue(conn, settings)],
        connection=conn,
        serializer=JSONSerializer,
        maintenance_interval=MAINTENANCE_INTERVAL_S,
        worker_ttl=WORKER_TTL_S,
    )


def run_worker(burst: bool = False, settings: Settings | None = None) -> bool:
    """Start a worker in this process; returns when it stops (or the queue is empty in burst mode)."""
    settings = settings or load_settings()
    configure_logging(settings.log_format)
    store, queue_conn = connections(settings)
    check_layout(store)
    init_context(settings, store, queue_conn)
    worker = build_worker(settings, queue_conn)
    recover(worker)
    return bool(worker.work(burst=burst, with_scheduler=True, logging_level="INFO"))


if __name__ == "__main__":
    run_worker()

"""Worker hook counting job outcomes, durations and extracted statements in Redis (see claimtrack/metrics.py)."""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from typing import Any

import redis
from rq.job import Job

from claimtrack import articles, metrics, statements
from claimtrack.queueing import PROCESS_ARTICLE

log = logging.getLogger(__name__)


def _seconds(job: Job) -> float | None:
    if job.started_at is None:
        return None
    ended = job.ended_at or datetime.now(UTC)
    started = job.started_at if job.started_at.tzinfo else job.started_at.replace(tzinfo=UTC)
    ended = ended if ended.tzinfo else ended.replace(tzinfo=UTC)
    return max((ended - started).total_seconds(), 0.0)


def _record_article(conn: redis.Redis, article_id: str) -> None:
    """Count the statements of a processed article, and those with a match (an earlier statement, same
    claim), in the metrics on RQ's Redis (`conn`)."""
    from workers.context import get_context

    ctx = get_context()
    record = articles.get(ctx.conn, article_id)
    if record["status"] != "done":
        return
    rows = statements.with_matches(ctx.conn, statements.get_many(ctx.conn, record["statement_ids"]), 1,
                                   ctx.settings.match_threshold)
    metrics.record_statements(conn, len(rows), sum(1 for r in rows if r["matches"]))


class JobMetricsMixin:
    """Mixed into the RQ worker: records every job attempt; metrics never fail a job."""

    connection: redis.Redis

    def handle_job_success(self, job: Job, *args: Any, **kwargs: Any) -> Any:
        """RQ's success handling, then count the attempt (and the article's statements)."""
        result = super().handle_job_success(job, *args, **kwargs)  # type: ignore[misc]
        try:
            metrics.record_job(self.connection, metrics.job_label(job.func_name), "succeeded", _seconds(job))
            if job.func_name == PROCESS_ARTICLE and job.args:
                _record_article(self.connection, str(job.args[0]))
        except Exception:
            log.warning("could not record metrics of job %s", job.id, exc_info=True)
        return result

    def handle_job_failure(self, job: Job, *args: Any, **kwargs: Any) -> Any:
        """RQ's failure handling, then count the failed attempt."""
        result = super().handle_job_failure(job, *args, **kwargs)  # type: ignore[misc]
        try:
            metrics.record_job(self.connection, metrics.job_label(job.func_name), "failed", _seconds(job))
        except Exception:
            log.warning("could not record metrics of job %s", job.id, exc_info=True)
        return result

"""The RQ queue: JSON-serialised jobs referenced by import path (the API never imports the model)."""

from __future__ import annotations

import uuid

import redis
from redis.client import Pipeline
from rq import Queue, Retry
from rq.job import Job
from rq.serializers import JSONSerializer

from claimtrack.config import Settings

PROCESS_ARTICLE = "workers.jobs.process_article"
RELINK_SPEAKER = "workers.jobs.relink_speaker"
RETRY_INTERVALS = [10, 60, 300]


def get_queue(conn: redis.Redis, settings: Settings) -> Queue:
    """The work queue named in the settings, with the JSON serializer."""
    return Queue(settings.queue_name, connection=conn, serializer=JSONSerializer)


def job_id(article_id: str, run: int) -> str:
    """Deterministic job id: one job per article and processing run."""
    return f"article-{article_id}-{run}"


def enqueue_article(
    queue: Queue, settings: Settings, article_id: str, run: int, pipeline: Pipeline | None = None,
    unique: bool = False,
) -> Job:
    """Enqueue processing of an article (one job id per run; `unique` refuses a second copy atomically)."""
    retry = None
    if settings.job_retries:
        intervals = RETRY_INTERVALS[: settings.job_retries]
        intervals += [intervals[-1]] * (settings.job_retries - len(intervals))
        retry = Retry(max=settings.job_retries, interval=intervals)
    return queue.enqueue_call(
        PROCESS_ARTICLE,
        args=(article_id, run),
        timeout=settings.job_timeout_s,
        job_id=job_id(article_id, run),
        retry=retry,
        result_ttl=3600,
        failure_ttl=7 * 24 * 3600,
        description=f"process article {article_id} (run {run})",
        pipeline=pipeline,
        unique=unique,
    )


def job_exists(conn: redis.Redis, article_id: str, run: int) -> bool:
    """Whether the job for this article run is still known to RQ."""
    return Job.exists(job_id(article_id, run), connection=conn)


def enqueue_relink(queue: Queue, settings: Settings, speaker_id: str) -> Job:
    """Recompute a speaker's links and claims after a correction (idempotent, safe to run twice)."""
    return queue.enqueue_call(
        RELINK_SPEAKER,
        args=(speaker_id,),
        timeout=settings.job_timeout_s,
        job_id=f"relink-{speaker_id}-{uuid.uuid4().hex[:8]}",
        result_ttl=3600,
        failure_ttl=7 * 24 * 3600,
        description=f"relink speaker {speaker_id}",
    )

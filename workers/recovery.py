"""Recover jobs whose worker died mid-job (SIGKILL, OOM, power loss) without waiting for their timeout.

RQ only treats a started job as abandoned once its execution entry expires (the job timeout)
and a maintenance pass runs. A worker on this host whose process is gone, or any worker whose
heartbeat key has expired, cannot finish its job: put that job back on its queue at once.
Jobs are idempotent, so running one again is safe.
"""

from __future__ import annotations

import logging
import os
import socket

import redis
from rq import Queue
from rq.exceptions import NoSuchJobError
from rq.job import Job, JobStatus
from rq.registry import StartedJobRegistry
from rq.worker import Worker

log = logging.getLogger(__name__)


def worker_alive(conn: redis.Redis, name: str | None) -> bool:
    """Whether the named worker can still finish its job."""
    if not name:
        return False
    worker = Worker.find_by_key(Worker.redis_worker_namespace_prefix + name, connection=conn)
    if worker is None:
        return False
    if worker.hostname == socket.gethostname() and worker.pid:
        try:
            os.kill(worker.pid, 0)
        except ProcessLookupError:
            return False
        except PermissionError:
            return True
    return True


def requeue_orphaned_jobs(conn: redis.Redis, queue: Queue) -> list[str]:
    """Put back on the queue every started job of `queue` whose worker is dead; returns their ids."""
    registry = StartedJobRegistry(queue=queue)
    requeued = []
    for job_id in registry.get_job_ids(cleanup=False):
        try:
            job = Job.fetch(job_id, connection=conn, serializer=queue.serializer)
        except NoSuchJobError:
            continue
        if job.get_status(refresh=True) != JobStatus.STARTED or worker_alive(conn, job.worker_name):
            continue
        log.warning("job %s was abandoned by dead worker %s: requeued", job.id, job.worker_name)
        registry.remove_executions(job)
        queue.enqueue_job(job, at_front=True)
        requeued.append(job.id)
    return requeued

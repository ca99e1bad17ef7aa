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
import time

import redis
from rq import Queue
from rq.exceptions import NoSuchJobError
from rq.job import Job, JobStatus
from rq.registry import StartedJobRegistry
from rq.worker import Worker

log = logging.getLogger(__name__)


def worker_alive(conn: redis.Redis, name: str | None, self_name: str | None = None) -> bool:
    """Whether the named worker can still finish its job (`self_name`: the worker asking)."""
    if not name:
        return False
    worker = Worker.find_by_key(Worker.redis_worker_namespace_prefix + name, connection=conn)
    if worker is None:
        return False
    if worker.hostname == socket.gethostname() and worker.pid:
        if worker.pid == os.getpid() and name != self_name:
            return False  # an earlier incarnation of this process (a restarted container reuses its PID)
        try:
            os.kill(worker.pid, 0)
        except ProcessLookupError:
            return False
        except PermissionError:
            return True
    return True


RECOVERY_LOCK_S = 20


def requeue_orphaned_jobs(conn: redis.Redis, queue: Queue, self_name: str | None = None) -> list[str]:
    """Put back on the queue every started job of `queue` whose worker is dead; returns their ids.

    One worker at a time does this for a queue (a short lock), so a job is requeued once.
    """
    lock = f"{queue.key}:claimtrack-recovery"
    token = f"{self_name or 'worker'}:{os.getpid()}:{time.monotonic_ns()}"
    if not conn.set(lock, token, nx=True, ex=RECOVERY_LOCK_S):
        return []
    try:
        return _requeue(conn, queue, self_name)
    finally:
        if conn.get(lock) == token.encode():
            conn.delete(lock)


def _requeue(conn: redis.Redis, queue: Queue, self_name: str | None) -> list[str]:
    registry = StartedJobRegistry(queue=queue)
    requeued = []
    for job_id in registry.get_job_ids(cleanup=False):
        try:
            job = Job.fetch(job_id, connection=conn, serializer=queue.serializer)
        except NoSuchJobError:
            continue
        if job.get_status(refresh=True) != JobStatus.STARTED or worker_alive(conn, job.worker_name, self_name):
            continue
        log.warning("job %s was abandoned by dead worker %s: requeued", job.id, job.worker_name)
        registry.remove_executions(job)
        queue.enqueue_job(job, at_front=True)
        requeued.append(job.id)
    return requeued

"""What a worker process loads once and reuses for every job: settings, Redis, parser, model."""

from __future__ import annotations

import atexit
import os
from collections.abc import Callable
from dataclasses import dataclass

import redis
import torch
from threadpoolctl import threadpool_limits

from claimtrack import keys
from claimtrack.config import Settings, load_settings
from claimtrack.redis_client import connections
from workers.embedding import Embedder
from workers.extraction import ExtractedStatement
from workers.vector_cache import SpeakerVectorCache


@dataclass
class WorkerContext:
    """Heavy, process-wide resources used by jobs."""

    settings: Settings
    conn: redis.Redis  # the results store (CLAIMTRACK_STORE_URL, else REDIS_URL)
    queue_conn: redis.Redis  # RQ's queues (REDIS_URL); the same client when the store is not set apart
    extract: Callable[[str], list[ExtractedStatement]]  # article text -> statements
    embedder: Embedder
    vectors: SpeakerVectorCache


_context: WorkerContext | None = None

# Environment variables that, when set, say how many threads BLAS may use (then they are left alone).
BLAS_THREAD_SETTINGS = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS", "BLIS_NUM_THREADS")


def limit_blas_threads() -> None:
    """One BLAS (and torch) thread in a worker, unless the environment sets a number.

    OpenBLAS keeps its helper threads spinning for a while after every product; in a worker
    that spin takes a core from the model and the parser that run next. Measured on 2 cores:
    fact-check search through the API p50 61 -> 27 ms. The products a worker runs (matching a
    speaker's history, ranking fact-checks) read memory more than they compute.
    """
    if not any(os.environ.get(name) for name in BLAS_THREAD_SETTINGS):
        threadpool_limits(1, user_api="blas")
        # torch's own pool, for the int8 scan of large speakers (workers/int8_scan.py); a torch
        # embedding backend sets its own thread count after this
        torch.set_num_threads(1)


def init_context(
    settings: Settings | None = None, conn: redis.Redis | None = None, queue_conn: redis.Redis | None = None
) -> WorkerContext:
    """Load the parser and the embedding model (once per process) and remember them for jobs.

    `conn` is the results store, `queue_conn` RQ's Redis; each is opened from the settings when not
    given, and they are one client unless CLAIMTRACK_STORE_URL names another store.
    """
    global _context
    settings = settings or load_settings()
    conn, queue_conn = connections(settings, conn, queue_conn)
    limit_blas_threads()
    _context = WorkerContext(
        settings=settings,
        conn=conn,
        queue_conn=queue_conn,
        extract=_extractor(settings),
        embedder=Embedder(settings.device, backend=settings.embedding_backend, threads=settings.embed_threads or None),
        vectors=SpeakerVectorCache(conn, settings.vector_cache_max, keys.speaker_vector_removals),
    )
    return _context


def _extractor(settings: Settings) -> Callable[[str], list[ExtractedStatement]]:
    """Extraction in a child process without threads (workers/extraction_process.py), started and
    warmed now; or in this process, with the parser loaded now."""
    if settings.extraction_process:
        from workers.extraction_process import ExtractionProcess

        child = ExtractionProcess(log_format=settings.log_format)
        atexit.register(child.close)
        child.extract("Warm-up.\n\nThe port reopened, the mayor said.")
        return child.extract
    from workers.extraction import extract_statements, load_nlp

    nlp = load_nlp()
    return lambda text: extract_statements(text, nlp)


def get_context() -> WorkerContext:
    """The process's context, loading it on first use (e.g. under a plain `rq worker`)."""
    return _context if _context is not None else init_context()

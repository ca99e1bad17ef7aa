"""Prometheus metrics.

HTTP metrics are kept by each API process with prometheus_client (in multiprocess mode when
PROMETHEUS_MULTIPROC_DIR is set, as under gunicorn). Everything the workers do (job outcomes
and durations, statements extracted and matched) is counted in Redis, so any number of
workers on any hosts add up, and read back at scrape time with the queue depths, live
workers and stored totals.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

import redis
from prometheus_client import REGISTRY, CollectorRegistry, Counter, Histogram, generate_latest
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily, HistogramMetricFamily, Metric
from prometheus_client.multiprocess import MultiProcessCollector

from claimtrack import keys
from claimtrack.config import Settings

HTTP_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0)
JOB_BUCKETS = (0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0, 120.0, 300.0)

HTTP_REQUESTS = Counter("claimtrack_http_requests_total", "HTTP requests answered, by route template, method and "
                        "status", ["route", "method", "status"])
HTTP_LATENCY = Histogram("claimtrack_http_request_duration_seconds", "Time to answer an HTTP request",
                         ["route", "method"], buckets=HTTP_BUCKETS)


def observe_http(route: str, method: str, status: int, seconds: float) -> None:
    """Count one answered request and its latency."""
    HTTP_REQUESTS.labels(route, method, str(status)).inc()
    HTTP_LATENCY.labels(route, method).observe(seconds)


def http_exposition() -> bytes:
    """This process's HTTP metrics, or those of every gunicorn worker in multiprocess mode."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        registry = CollectorRegistry()
        MultiProcessCollector(registry)
        return generate_latest(registry)
    return generate_latest(REGISTRY)


# worker side: counters in Redis


def record_job(conn: redis.Redis, name: str, outcome: str, seconds: float | None) -> None:
    """Count a job attempt's outcome (`succeeded` or `failed`) and add its duration to the histogram."""
    with conn.pipeline(transaction=False) as pipe:
        pipe.hincrby(keys.metrics_jobs(), f"{name}|{outcome}", 1)
        if seconds is not None:
            bucket = next((i for i, b in enumerate(JOB_BUCKETS) if seconds <= b), len(JOB_BUCKETS))
            pipe.hincrby(keys.metrics_job_seconds(), f"{name}|{bucket}", 1)
            pipe.hincrbyfloat(keys.metrics_job_seconds(), f"{name}|sum", seconds)
        pipe.execute()


def record_statements(conn: redis.Redis, extracted: int, matched: int) -> None:
    """Count statements a job extracted, and how many of them matched an earlier statement."""
    with conn.pipeline(transaction=False) as pipe:
        pipe.hincrby(keys.metrics_totals(), "statements", extracted)
        pipe.hincrby(keys.metrics_totals(), "matched", matched)
        pipe.execute()


# scrape side: read Redis


def _text(raw: dict[bytes, bytes]) -> dict[str, float]:
    return {k.decode(): float(v) for k, v in raw.items()}


class RedisCollector:
    """Collects queue depths, live workers, job outcomes and durations, and stored totals from Redis."""

    def __init__(self, conn: redis.Redis, settings: Settings, store: redis.Redis | None = None) -> None:
        self.conn, self.settings = conn, settings
        self.store = store if store is not None else conn

    def describe(self) -> list[Metric]:
        """Nothing to describe up front (keeps registration free of Redis calls)."""
        return []

    def collect(self) -> Iterator[Metric]:
        """Every Redis-backed metric; only `claimtrack_redis_up 0` when Redis does not answer."""
        up = GaugeMetricFamily("claimtrack_redis_up", "Whether Redis answered this scrape")
        try:
            metrics = list(self._collect())
        except redis.RedisError:
            up.add_metric([], 0)
            yield up
            return
        up.add_metric([], 1)
        yield up
        yield from metrics

    def _collect(self) -> Iterator[Metric]:
        from rq import Worker
        from rq.registry import FailedJobRegistry, ScheduledJobRegistry, StartedJobRegistry

        from claimtrack.queueing import get_queue
        from claimtrack.search_requests import pending
        from claimtrack.webhooks import delivery_queue

        conn = self.conn
        depth = GaugeMetricFamily("claimtrack_queue_jobs", "Jobs per queue and state", labels=["queue", "state"])
        workers = GaugeMetricFamily("claimtrack_workers", "Live RQ workers listening to a queue", labels=["queue"])
        for queue in (get_queue(conn, self.settings), delivery_queue(conn, self.settings)):
            depth.add_metric([queue.name, "queued"], queue.count)
            for state, registry in (("started", StartedJobRegistry), ("failed", FailedJobRegistry),
                                    ("scheduled", ScheduledJobRegistry)):
                depth.add_metric([queue.name, state], registry(queue=queue).count)
            workers.add_metric([queue.name], len(Worker.all(queue=queue)))
        yield depth
        yield workers
        searches = GaugeMetricFamily("claimtrack_search_requests_pending",
                                     "Fact-check searches waiting for a worker's search thread")
        searches.add_metric([], pending(self.store))
        yield searches

        jobs = CounterMetricFamily("claimtrack_jobs", "Job attempts by job and outcome (failed includes retried "
                                   "attempts)", labels=["job", "outcome"])
        for field, value in sorted(_text(conn.hgetall(keys.metrics_jobs())).items()):
            name, _, outcome = field.partition("|")
            jobs.add_metric([name, outcome], value)
        yield jobs
        yield from self._job_durations()

        totals = _text(conn.hgetall(keys.metrics_totals()))
        extracted = CounterMetricFamily("claimtrack_statements_extracted", "Statements extracted by article jobs")
        extracted.add_metric([], totals.get("statements", 0.0))
        matched = CounterMetricFamily("claimtrack_statements_matched", "Extracted statements that matched an "
                                      "earlier statement of the same speaker (at or above the match threshold)")
        matched.add_metric([], totals.get("matched", 0.0))
        yield extracted
        yield matched
        stored = GaugeMetricFamily("claimtrack_stored", "Records stored", labels=["kind"])
        for kind, key in (("articles", keys.articles()), ("speakers", keys.speakers()),
                          ("fact_checks", keys.factchecks())):
            stored.add_metric([kind], self.store.zcard(key))
        yield stored

    def _job_durations(self) -> Iterator[Metric]:
        raw = _text(self.conn.hgetall(keys.metrics_job_seconds()))
        family = HistogramMetricFamily("claimtrack_job_duration_seconds", "Time a job attempt ran", labels=["job"])
        for name in sorted({f.split("|", 1)[0] for f in raw}):
            cumulative, buckets = 0.0, []
            for i, bound in enumerate([*JOB_BUCKETS, float("inf")]):
                cumulative += raw.get(f"{name}|{i}", 0.0)
                buckets.append(("+Inf" if bound == float("inf") else str(bound), cumulative))
            family.add_metric([name], buckets, sum_value=raw.get(f"{name}|sum", 0.0))
        yield family


def redis_exposition(conn: redis.Redis, settings: Settings, store: redis.Redis | None = None) -> bytes:
    """The Redis-backed metrics in the text exposition format (`conn`: RQ's Redis, where the job
    metrics live; `store`: the results store when it is set apart)."""
    registry = CollectorRegistry(auto_describe=False)
    registry.register(RedisCollector(conn, settings, store))
    return generate_latest(registry)


def job_label(func_name: Any) -> str:
    """A job's metric label: the function name without its module."""
    return str(func_name or "unknown").rsplit(".", 1)[-1]

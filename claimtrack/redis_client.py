"""The one way to open a Redis connection (bytes in, bytes out; the store decodes).

`REDIS_URL` is a plain `redis://`, `rediss://` or `unix://` URL, or, for Redis Sentinel,
`redis+sentinel://[:password@]host:port[,host:port...]/service_name[/db]` (the scheme the
rate limiter's storage understands too): the client asks the sentinels for the current master
and follows fail-overs.

The results store (`CLAIMTRACK_STORE_URL`, claimtrack/store.py) may also be a Redis Cluster:
`redis+cluster://[[user]:password@]host:port[,host:port...]` (`rediss+cluster://` for TLS) names
some of its nodes; the client discovers the rest and follows slot moves. RQ's queue cannot live
on a cluster.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any, cast
from urllib.parse import unquote, urlsplit

import redis
from redis.cluster import ClusterNode, RedisCluster
from redis.exceptions import RedisClusterException
from redis.sentinel import Sentinel

from claimtrack.config import CLUSTER_SCHEMES, SENTINEL_SCHEME, Settings

OPTIONS: dict[str, Any] = {
    "socket_connect_timeout": 5,
    "socket_timeout": 30,
    "health_check_interval": 30,
    "retry_on_timeout": True,
}


def _hosts(netloc: str, default_port: int) -> list[tuple[str, int]]:
    """The host:port list of a URL's network location ('a:1,b,[::1]:3'), credentials left out."""
    hosts = []
    for item in netloc.rsplit("@", 1)[-1].split(","):
        host, colon, port = item.rpartition(":")
        if not colon or "]" in port:  # no port: 'a', '[::1]'
            host, port = item, ""
        hosts.append((host.strip("[]") or "127.0.0.1", int(port or default_port)))
    return hosts


def parse_sentinel_url(url: str) -> tuple[list[tuple[str, int]], str, int, str | None]:
    """Sentinel hosts, service name, database number and password of a redis+sentinel:// URL."""
    parts = urlsplit(url)
    hosts = _hosts(parts.netloc, 26379)
    path = [p for p in parts.path.split("/") if p]
    if not path:
        raise ValueError("a redis+sentinel:// URL needs the service name as its path: /mymaster")
    db = int(path[1]) if len(path) > 1 else 0
    password = unquote(parts.password) if parts.password else None
    return hosts, path[0], db, password


class LazyCluster:
    """A RedisCluster client made on first use, as a plain client connects on first use: the API and
    workers start while the cluster is unreachable and answer 503 until it is back."""

    def __init__(self, factory: Callable[[], RedisCluster[bytes]]) -> None:
        self._factory = factory
        self._client: RedisCluster[bytes] | None = None
        self._lock = threading.Lock()

    def client(self) -> RedisCluster[bytes]:
        """The cluster client (discovering the cluster's nodes the first time)."""
        if self._client is None:
            with self._lock:
                if self._client is None:
                    try:
                        self._client = self._factory()
                    except RedisClusterException as exc:  # no start-up node answered
                        raise redis.ConnectionError(str(exc)) from exc
        return self._client

    def __getattr__(self, name: str) -> Any:
        return getattr(self.client(), name)


def parse_cluster_url(url: str) -> tuple[list[tuple[str, int]], str | None, str | None]:
    """Start-up nodes, user name and password of a redis+cluster:// (or rediss+cluster://, TLS) URL."""
    parts = urlsplit(url)
    username = unquote(parts.username) if parts.username else None
    password = unquote(parts.password) if parts.password else None
    return _hosts(parts.netloc, 6379), username, password


def connect(url: str) -> redis.Redis:
    """Open a client for `url` with sane timeouts and retry on transient errors."""
    if url.startswith(CLUSTER_SCHEMES):
        nodes, username, password = parse_cluster_url(url)

        def cluster() -> RedisCluster[bytes]:
            return RedisCluster(
                startup_nodes=[ClusterNode(h, p) for h, p in nodes], username=username, password=password,
                ssl=url.startswith("rediss+"), decode_responses=False, socket_connect_timeout=5, socket_timeout=30)

        # RedisCluster offers Redis's command methods (routed by key slot); code that needs more
        # than one slot at once goes through claimtrack.store, which knows the difference
        return cast(redis.Redis, LazyCluster(cluster))
    if url.startswith(SENTINEL_SCHEME):
        hosts, service, db, password = parse_sentinel_url(url)
        sentinel = Sentinel(hosts, socket_timeout=5, socket_connect_timeout=5)
        client: redis.Redis = sentinel.master_for(service, db=db, password=password, decode_responses=False,
                                                  **OPTIONS)
        return client
    return redis.Redis.from_url(url, decode_responses=False, **OPTIONS)


def connections(
    settings: Settings, store: redis.Redis | None = None, queue: redis.Redis | None = None
) -> tuple[redis.Redis, redis.Redis]:
    """The results store's client and RQ's client (those not given are opened from the settings).

    They are one client unless CLAIMTRACK_STORE_URL names a store apart from REDIS_URL, such as
    a Redis Cluster (RQ's queue keys cannot live on one).
    """
    if queue is None:
        queue = store if store is not None and not settings.store_url else connect(settings.redis_url)
    if store is None:
        store = connect(settings.store_url) if settings.store_url else queue
    return store, queue

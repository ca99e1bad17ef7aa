"""The one way to open a Redis connection (bytes in, bytes out; the store decodes).

`REDIS_URL` is a plain `redis://`, `rediss://` or `unix://` URL, or, for Redis Sentinel,
`redis+sentinel://[:password@]host:port[,host:port...]/service_name[/db]` (the scheme the
rate limiter's storage understands too): the client asks the sentinels for the current master
and follows fail-overs.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import unquote, urlsplit

import redis
from redis.sentinel import Sentinel

SENTINEL_SCHEME = "redis+sentinel://"
OPTIONS: dict[str, Any] = {
    "socket_connect_timeout": 5,
    "socket_timeout": 30,
    "health_check_interval": 30,
    "retry_on_timeout": True,
}


def parse_sentinel_url(url: str) -> tuple[list[tuple[str, int]], str, int, str | None]:
    """Sentinel hosts, service name, database number and password of a redis+sentinel:// URL."""
    parts = urlsplit(url)
    hosts = []
    for item in parts.netloc.rsplit("@", 1)[-1].split(","):
        host, _, port = item.rpartition(":")
        hosts.append((host.strip("[]") or "127.0.0.1", int(port or 26379)))
    path = [p for p in parts.path.split("/") if p]
    if not path:
        raise ValueError("a redis+sentinel:// URL needs the service name as its path: /mymaster")
    db = int(path[1]) if len(path) > 1 else 0
    password = unquote(parts.password) if parts.password else None
    return hosts, path[0], db, password


def connect(url: str) -> redis.Redis:
    """Open a client for `url` with sane timeouts and retry on transient errors."""
    if url.startswith(SENTINEL_SCHEME):
        hosts, service, db, password = parse_sentinel_url(url)
        sentinel = Sentinel(hosts, socket_timeout=5, socket_connect_timeout=5)
        client: redis.Redis = sentinel.master_for(service, db=db, password=password, decode_responses=False,
                                                  **OPTIONS)
        return client
    return redis.Redis.from_url(url, decode_responses=False, **OPTIONS)

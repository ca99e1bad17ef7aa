"""Redis Sentinel by configuration: a real redis-server in sentinel mode in front of a real master."""

from __future__ import annotations

import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from claimtrack.config import load_settings
from claimtrack.local_redis import LocalRedis, free_port, reachable, redis_server_binary
from claimtrack.redis_client import connect, parse_sentinel_url


def test_sentinel_url_parsing() -> None:
    hosts, service, db, password = parse_sentinel_url("redis+sentinel://:s3cret@a:26379,b:26380/primary/2")
    assert hosts == [("a", 26379), ("b", 26380)] and service == "primary" and db == 2 and password == "s3cret"
    with pytest.raises(ValueError, match="service name"):
        parse_sentinel_url("redis+sentinel://a:26379")
    assert load_settings(env={"REDIS_URL": "redis+sentinel://a:26379/primary"}).redis_url.startswith("redis+")


@pytest.fixture
def sentinel_url() -> Iterator[str]:
    binary = redis_server_binary()
    if binary is None:
        pytest.skip("no redis-server binary")
    with tempfile.TemporaryDirectory(prefix="claimtrack-sentinel-") as tmp:
        master = LocalRedis(Path(tmp) / "master", persist=False)
        port = free_port()
        conf = Path(tmp) / "sentinel.conf"
        conf.write_text(f"port {port}\nbind 127.0.0.1\nsentinel monitor primary 127.0.0.1 {master.port} 1\n"
                        f"dir {tmp}\n")
        proc = subprocess.Popen([binary, str(conf), "--sentinel"], stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL)
        try:
            deadline = time.monotonic() + 10
            while not reachable(f"redis://127.0.0.1:{port}/0"):
                assert time.monotonic() < deadline, "sentinel did not start"
                time.sleep(0.05)
            yield f"redis+sentinel://127.0.0.1:{port}/primary/0"
        finally:
            proc.terminate()
            proc.wait(timeout=10)
            master.close()


def test_service_works_through_sentinel(sentinel_url: str) -> None:
    from claimtrack.config import Settings
    from migrations import migrate
    from service import create_app

    conn = connect(sentinel_url)
    migrate(conn)
    settings = Settings(redis_url=sentinel_url, open_access=True)
    client = create_app(settings).test_client()  # the app opens its own client from the URL
    r = client.post("/v1/articles", json={"text": "Mayor Lin Ode said the bridge would reopen in May."})
    assert r.status_code == 202
    assert client.get(f"/v1/articles/{r.get_json()['id']}").get_json()["status"] == "queued"
    assert client.get("/v1/speakers").status_code == 200  # the rate limiter's storage goes through sentinel too

"""Start-up checks: the Redis layout version and the configuration."""

from __future__ import annotations

import json
import zlib

import pytest
import redis
from flask.testing import FlaskClient

from claimtrack import keys
from claimtrack.config import ConfigError, Settings, load_settings
from claimtrack.queueing import job_id
from migrations import LayoutError, check_layout, current_version, migrate


def test_migrate_creates_the_version_key_and_is_idempotent(redis_db: redis.Redis) -> None:
    redis_db.flushdb()
    assert current_version(redis_db) == 0
    assert migrate(redis_db) == list(range(1, keys.LAYOUT_VERSION + 1))
    assert redis_db.get(keys.layout_version()) == str(keys.LAYOUT_VERSION).encode()
    assert migrate(redis_db) == []
    check_layout(redis_db)


def test_api_refuses_to_start_without_a_layout(settings: Settings, redis_db: redis.Redis) -> None:
    from service import create_app

    redis_db.delete(keys.layout_version())
    with pytest.raises(LayoutError, match="claimtrack migrate"):
        create_app(settings, conn=redis_db)


def test_api_and_worker_refuse_a_newer_layout(settings: Settings, redis_db: redis.Redis) -> None:
    from service import create_app
    from workers.main import run_worker

    redis_db.set(keys.layout_version(), keys.LAYOUT_VERSION + 1)
    with pytest.raises(LayoutError, match="newer"):
        create_app(settings, conn=redis_db)
    with pytest.raises(LayoutError, match="newer"):
        run_worker(burst=True, settings=settings)


def test_cli_migrate_and_layout_error_exit_codes(
    settings: Settings, redis_db: redis.Redis, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from claimtrack.cli import main

    monkeypatch.setenv("REDIS_URL", settings.redis_url)
    redis_db.flushdb()
    assert main(["migrate"]) == 0
    assert f"layout version {keys.LAYOUT_VERSION}" in capsys.readouterr().out
    redis_db.set(keys.layout_version(), 99)
    monkeypatch.setenv("CLAIMTRACK_QUEUE", settings.queue_name)
    assert main(["worker", "--burst"]) == 2
    assert "newer than this code" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"REDIS_URL": "http://x"}, "REDIS_URL"),
        ({"CLAIMTRACK_MATCH_THRESHOLD": "1.5"}, "CLAIMTRACK_MATCH_THRESHOLD"),
        ({"CLAIMTRACK_MATCH_TOP_K": "many"}, "CLAIMTRACK_MATCH_TOP_K"),
        ({"CLAIMTRACK_DEVICE": "tpu"}, "CLAIMTRACK_DEVICE"),
        ({"CLAIMTRACK_JOB_RETRIES": "-1"}, "CLAIMTRACK_JOB_RETRIES"),
        ({"CLAIMTRACK_SEARCH_TIMEOUT": "30"}, "CLAIMTRACK_SEARCH_TIMEOUT"),  # past the Redis socket timeout
    ],
)
def test_invalid_configuration_names_the_variable(env: dict[str, str], message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        load_settings(env=env)


def test_configuration_from_environment() -> None:
    s = load_settings(env={"CLAIMTRACK_MATCH_THRESHOLD": "0.9", "CLAIMTRACK_MATCH_TOP_K": "3"})
    assert s.match_threshold == 0.9 and s.match_top_k == 3


def test_jobs_are_json_not_pickle(client: FlaskClient, redis_db: redis.Redis) -> None:
    article_id = client.post("/v1/articles", json={"text": "Mayor Lin Ode said the tram is late."}).get_json()["id"]
    raw = redis_db.hget(f"rq:job:{job_id(article_id, 1)}", "data")
    assert raw is not None
    payload = json.loads(zlib.decompress(raw))
    assert payload[0] == "workers.jobs.process_article"
    assert payload[2] == [article_id, 1]


def test_no_module_of_ours_uses_pickle() -> None:
    """Security: nothing we write serialises with pickle (jobs, caches, scripts, benchmarks)."""
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    pattern = re.compile(r"^\s*(import|from)\s+(c?pickle|cloudpickle|dill|joblib)\b", re.M)
    offenders = [str(p.relative_to(root)) for folder in ("claimtrack", "service", "workers", "migrations",
                                                         "scripts", "bench", "tests")
                 for p in (root / folder).rglob("*.py") if pattern.search(p.read_text())]
    assert offenders == []


def test_embed_threads_setting() -> None:
    assert load_settings(env={}).embed_threads == 0
    assert load_settings(env={"CLAIMTRACK_EMBED_THREADS": "1"}).embed_threads == 1
    with pytest.raises(ConfigError, match="CLAIMTRACK_EMBED_THREADS"):
        load_settings(env={"CLAIMTRACK_EMBED_THREADS": "-2"})


def test_vector_cache_size_setting() -> None:
    assert load_settings(env={}).vector_cache_max == 250_000
    assert load_settings(env={"CLAIMTRACK_VECTOR_CACHE_MAX": "0"}).vector_cache_max == 0
    with pytest.raises(ConfigError, match="CLAIMTRACK_VECTOR_CACHE_MAX"):
        load_settings(env={"CLAIMTRACK_VECTOR_CACHE_MAX": "-1"})


def test_empty_rate_limit_disables_limiting() -> None:
    assert load_settings(env={"CLAIMTRACK_RATE_LIMIT": ""}).rate_limit == ""
    assert load_settings(env={}).rate_limit == "6000/minute"
    assert load_settings(env={}).read_rate_limit == "200/second"
    empty = load_settings(env={"CLAIMTRACK_READ_RATE_LIMIT": "", "CLAIMTRACK_AUTH_FAILURE_LIMIT": ""})
    assert (empty.read_rate_limit, empty.auth_failure_limit) == ("", "")
    with pytest.raises(ConfigError, match="CLAIMTRACK_RATE_LIMIT"):
        load_settings(env={"CLAIMTRACK_RATE_LIMIT": "lots"})

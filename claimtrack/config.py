"""Configuration read from the environment, validated once at start-up."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from typing import Any

# Embedding backends (workers.embedding implements them; config must not import the model code).
EMBEDDING_BACKENDS = ("auto", "fp32", "bf16", "onnx", "onnx-int8", "openvino")

# URL schemes of REDIS_URL (RQ's queue: never a cluster) and CLAIMTRACK_STORE_URL (the results store);
# claimtrack/redis_client.py opens each kind.
SENTINEL_SCHEME = "redis+sentinel://"
CLUSTER_SCHEMES = ("redis+cluster://", "rediss+cluster://")
REDIS_SCHEMES = ("redis://", "rediss://", "unix://", SENTINEL_SCHEME)
STORE_SCHEMES = (*REDIS_SCHEMES, *CLUSTER_SCHEMES)


def _one_of(schemes: tuple[str, ...]) -> str:
    return ", ".join(schemes[:-1]) + " or " + schemes[-1]


# The API waits for a search answer in one blocking Redis call: it must end before the client's
# socket timeout (claimtrack/redis_client.py, 30 s).
MAX_SEARCH_TIMEOUT_S = 25


class ConfigError(ValueError):
    """A configuration value is missing or invalid."""


@dataclass(frozen=True)
class Settings:
    """Every setting of the service and the worker; see README "Configuration"."""

    redis_url: str = "redis://127.0.0.1:6379/0"
    store_url: str = ""
    queue_name: str = "claimtrack"
    max_text_chars: int = 200_000
    max_body_bytes: int = 2_000_000
    match_threshold: float = 0.85
    possible_threshold: float = 0.65
    paraphrase_min_similarity: float = 0.50
    shared_wording_min_similarity: float = 0.75
    match_top_k: int = 10
    vector_cache_max: int = 250_000
    job_timeout_s: int = 180
    job_retries: int = 3
    device: str = "cpu"
    embedding_backend: str = "auto"
    embed_threads: int = 0
    extraction_process: bool = True
    default_page_size: int = 50
    factcheck_max_batch: int = 1_000
    factcheck_min_score: float = 0.8
    factcheck_speaker_min_score: float = 0.3
    factcheck_top_k: int = 3
    search_timeout_s: int = 10
    open_access: bool = False
    rate_limit: str = "6000/minute"  # a backfill posts hundreds of articles back to back
    read_rate_limit: str = "200/second"
    auth_failure_limit: str = "30/minute"
    trusted_proxies: int = 0
    log_format: str = "text"
    ready_min_workers: int = 1
    webhook_allow_private: bool = False
    webhook_timeout_s: int = 10

    def __post_init__(self) -> None:
        if not self.redis_url.startswith(REDIS_SCHEMES):
            raise ConfigError(f"REDIS_URL must start with {_one_of(REDIS_SCHEMES)}")
        if self.store_url and not self.store_url.startswith(STORE_SCHEMES):
            raise ConfigError(f"CLAIMTRACK_STORE_URL must start with {_one_of(STORE_SCHEMES)}")
        for name in ("match_threshold", "possible_threshold", "paraphrase_min_similarity",
                     "shared_wording_min_similarity"):
            if not 0.0 < getattr(self, name) <= 1.0:
                raise ConfigError(f"{ENV_NAMES[name]} must be in (0, 1]")
        for name in ("factcheck_min_score", "factcheck_speaker_min_score"):
            if not 0.0 <= getattr(self, name) <= 1.0:
                raise ConfigError(f"{ENV_NAMES[name]} must be in [0, 1]")
        for name in ("max_text_chars", "max_body_bytes", "match_top_k", "job_timeout_s", "default_page_size",
                     "factcheck_max_batch", "factcheck_top_k", "search_timeout_s", "webhook_timeout_s"):
            if getattr(self, name) < 1:
                raise ConfigError(f"{ENV_NAMES[name]} must be a positive integer")
        if self.possible_threshold > self.match_threshold:
            raise ConfigError("CLAIMTRACK_POSSIBLE_THRESHOLD must not exceed CLAIMTRACK_MATCH_THRESHOLD")
        if self.search_timeout_s > MAX_SEARCH_TIMEOUT_S:
            raise ConfigError(f"CLAIMTRACK_SEARCH_TIMEOUT must be at most {MAX_SEARCH_TIMEOUT_S} (seconds; the API "
                              "blocks on Redis that long, within its socket timeout)")
        for name in ("job_retries", "trusted_proxies", "embed_threads", "vector_cache_max", "ready_min_workers"):
            if getattr(self, name) < 0:
                raise ConfigError(f"{ENV_NAMES[name]} must be >= 0")
        for name in EMPTY_DISABLES:
            value = getattr(self, name)
            if value:
                from limits import parse_many

                try:
                    parse_many(value)
                except ValueError as exc:
                    raise ConfigError(f"{ENV_NAMES[name]}={value!r}: {exc}") from exc
        if self.log_format not in ("text", "json"):
            raise ConfigError("CLAIMTRACK_LOG_FORMAT must be text or json")
        if self.device not in ("cpu", "cuda", "auto"):
            raise ConfigError("CLAIMTRACK_DEVICE must be cpu, cuda or auto")
        if self.embedding_backend not in EMBEDDING_BACKENDS:
            raise ConfigError(f"CLAIMTRACK_EMBEDDING_BACKEND must be one of {', '.join(EMBEDDING_BACKENDS)}")
        if self.device == "cuda" and self.embedding_backend in ("onnx", "onnx-int8", "openvino"):
            raise ConfigError("CLAIMTRACK_EMBEDDING_BACKEND onnx, onnx-int8 and openvino run on the CPU; "
                              "use fp32 or bf16 (or auto) with CLAIMTRACK_DEVICE=cuda")


ENV_NAMES = {
    "redis_url": "REDIS_URL",
    "store_url": "CLAIMTRACK_STORE_URL",
    "queue_name": "CLAIMTRACK_QUEUE",
    "max_text_chars": "CLAIMTRACK_MAX_TEXT_CHARS",
    "max_body_bytes": "CLAIMTRACK_MAX_BODY_BYTES",
    "match_threshold": "CLAIMTRACK_MATCH_THRESHOLD",
    "possible_threshold": "CLAIMTRACK_POSSIBLE_THRESHOLD",
    "paraphrase_min_similarity": "CLAIMTRACK_PARAPHRASE_MIN_SIMILARITY",
    "shared_wording_min_similarity": "CLAIMTRACK_SHARED_WORDING_MIN_SIMILARITY",
    "match_top_k": "CLAIMTRACK_MATCH_TOP_K",
    "vector_cache_max": "CLAIMTRACK_VECTOR_CACHE_MAX",
    "job_timeout_s": "CLAIMTRACK_JOB_TIMEOUT",
    "job_retries": "CLAIMTRACK_JOB_RETRIES",
    "device": "CLAIMTRACK_DEVICE",
    "embedding_backend": "CLAIMTRACK_EMBEDDING_BACKEND",
    "embed_threads": "CLAIMTRACK_EMBED_THREADS",
    "extraction_process": "CLAIMTRACK_EXTRACTION_PROCESS",
    "default_page_size": "CLAIMTRACK_PAGE_SIZE",
    "factcheck_max_batch": "CLAIMTRACK_FACTCHECK_MAX_BATCH",
    "factcheck_min_score": "CLAIMTRACK_FACTCHECK_MIN_SCORE",
    "factcheck_speaker_min_score": "CLAIMTRACK_FACTCHECK_SPEAKER_MIN_SCORE",
    "factcheck_top_k": "CLAIMTRACK_FACTCHECK_TOP_K",
    "search_timeout_s": "CLAIMTRACK_SEARCH_TIMEOUT",
    "open_access": "CLAIMTRACK_OPEN_ACCESS",
    "rate_limit": "CLAIMTRACK_RATE_LIMIT",
    "read_rate_limit": "CLAIMTRACK_READ_RATE_LIMIT",
    "auth_failure_limit": "CLAIMTRACK_AUTH_FAILURE_LIMIT",
    "trusted_proxies": "CLAIMTRACK_TRUSTED_PROXIES",
    "log_format": "CLAIMTRACK_LOG_FORMAT",
    "ready_min_workers": "CLAIMTRACK_READY_MIN_WORKERS",
    "webhook_allow_private": "CLAIMTRACK_WEBHOOK_ALLOW_PRIVATE",
    "webhook_timeout_s": "CLAIMTRACK_WEBHOOK_TIMEOUT",
}


# Settings where an empty value turns the feature off rather than meaning "use the default"
EMPTY_DISABLES = ("rate_limit", "read_rate_limit", "auth_failure_limit")


def load_settings(env: Mapping[str, str] | None = None, **overrides: Any) -> Settings:
    """Build Settings from environment variables (or `env`), then apply explicit overrides."""
    env = os.environ if env is None else env
    values: dict[str, Any] = {}
    for f in fields(Settings):
        raw = env.get(ENV_NAMES[f.name])
        if raw is None or (raw == "" and f.name not in EMPTY_DISABLES):  # an empty limit disables limiting
            continue
        try:
            if f.type in ("bool", bool):
                values[f.name] = _parse_bool(raw)
            elif f.type in ("int", int):
                values[f.name] = int(raw)
            elif f.type in ("float", float):
                values[f.name] = float(raw)
            else:
                values[f.name] = raw
        except ValueError as exc:
            raise ConfigError(f"{ENV_NAMES[f.name]}={raw!r} is not a valid {f.type}") from exc
    return replace(Settings(**values), **overrides)


def _parse_bool(raw: str) -> bool:
    lowered = raw.strip().lower()
    if lowered in ("1", "true", "yes", "on"):
        return True
    if lowered in ("0", "false", "no", "off"):
        return False
    raise ValueError(raw)

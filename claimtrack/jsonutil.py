"""Compact JSON encoding for records stored in Redis."""

from __future__ import annotations

import json
from typing import Any


def dumps(value: Any) -> bytes:
    """Encode a record for storage."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def loads(raw: bytes | str | None) -> Any:
    """Decode a stored record (None stays None)."""
    return None if raw is None else json.loads(raw)

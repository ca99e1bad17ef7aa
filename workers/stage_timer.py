"""Where a job's time goes: wall-clock milliseconds per named stage."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager


class StageTimer:
    """Accumulates wall time per stage; `ms` is reported with the job's result."""

    def __init__(self) -> None:
        self.ms: dict[str, float] = {}

    @contextmanager
    def __call__(self, stage: str) -> Iterator[None]:
        """Time the block under `stage` (repeated stages add up)."""
        start = time.perf_counter()
        try:
            yield
        finally:
            self.ms[stage] = round(self.ms.get(stage, 0.0) + 1000 * (time.perf_counter() - start), 3)

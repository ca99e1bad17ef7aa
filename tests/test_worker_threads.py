"""Worker processes run BLAS single-threaded unless the environment sets a thread count."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import torch
from threadpoolctl import threadpool_info, threadpool_limits

from workers.context import BLAS_THREAD_SETTINGS, limit_blas_threads


def blas_threads() -> set[int]:
    return {int(pool["num_threads"]) for pool in threadpool_info() if pool["user_api"] == "blas"}


@pytest.fixture
def blas_two_threads(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    for name in BLAS_THREAD_SETTINGS:
        monkeypatch.delenv(name, raising=False)
    if not blas_threads():
        pytest.skip("numpy has no BLAS thread pool here")
    with threadpool_limits(2, user_api="blas"):
        if blas_threads() != {2}:
            pytest.skip("BLAS cannot run two threads here")
        yield


def test_worker_limits_blas_to_one_thread(blas_two_threads: None) -> None:
    before = torch.get_num_threads()
    try:
        torch.set_num_threads(2)
        limit_blas_threads()
        assert blas_threads() == {1}
        assert torch.get_num_threads() == 1  # the int8 scan's pool too
    finally:
        torch.set_num_threads(before)


def test_an_explicit_thread_setting_is_left_alone(blas_two_threads: None, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPENBLAS_NUM_THREADS", "2")
    limit_blas_threads()
    assert blas_threads() == {2}

"""The evaluation tooling's own logic (`scripts/eval_extraction.py`, run by `make eval`)."""
from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest


def _eval_extraction() -> ModuleType:
    path = Path(__file__).resolve().parent.parent / "scripts" / "eval_extraction.py"
    spec = importlib.util.spec_from_file_location("eval_extraction", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(("length", "inside", "touched", "kind"), [
    (100, 0, 0, "none"),  # (a false positive elsewhere touches nothing of it)
    (100, 30, 30, "short"),
    (100, 0, 30, "short"),  # touched only by a prediction lying mostly outside, and too little
    # covered past half only with a prediction that runs on well past the gold statement
    (100, 30, 80, "long"),
    (100, 0, 100, "long"),
    (20, 0, 20, "long"),  # a discontinuous gold statement of two ranges of 10
])
def test_why_a_gold_statement_was_missed(length: int, inside: int, touched: int, kind: str) -> None:
    assert _eval_extraction().miss_kind(length, inside, touched) == kind

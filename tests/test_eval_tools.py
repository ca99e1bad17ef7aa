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


@pytest.mark.parametrize(("ranges", "inside", "others", "kind"), [
    ([[0, 100]], [], [], "none"),
    ([[0, 100]], [], [[200, 300]], "none"),  # a false positive elsewhere
    ([[0, 100]], [[0, 30]], [], "short"),
    # covered past half only with a prediction that runs on well past the gold statement
    ([[0, 100]], [[0, 30]], [[20, 300]], "long"),
    ([[0, 100]], [], [[0, 300]], "long"),
    ([[0, 10], [20, 30]], [], [[0, 60]], "long"),  # a discontinuous gold statement
])
def test_why_a_gold_statement_was_missed(ranges: list[list[int]], inside: list[list[int]],
                                         others: list[list[int]], kind: str) -> None:
    assert _eval_extraction().miss_kind(ranges, inside, others) == kind

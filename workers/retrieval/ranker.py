"""Score fusion: candidate features from dense and lexical scores, combined by a trained logistic model.

`candidate_features` is the single definition of the features, used both at search time
and by scripts/train_factcheck_ranker.py, which writes the weights to ranker.json.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np

ARTIFACT = Path(__file__).with_name("ranker.json")
FEATURES = (
    "cos_claim", "cos_headline", "cos_max", "bm25_log", "dense_rank_rr", "bm25_rank_rr",
    "cos_gap", "bm25_gap", "date_known", "date_near", "date_before", "date_log_gap",
)
# Fact-checks mostly follow the claim within days: the review's date minus the query's date, in days,
# inside this window counts as "near".
NEAR_DAYS = (-3.0, 30.0)
POOL = 40


def candidate_features(cos_claim: np.ndarray, cos_headline: np.ndarray, bm25: np.ndarray,
                       day_gap: np.ndarray | None = None, pool: int = POOL) -> tuple[np.ndarray, np.ndarray]:
    """Candidate rows (the union of the dense and lexical top `pool`) and their feature matrix.

    `day_gap` is each review's date minus the query's date in days (NaN where either is unknown).
    """
    n = cos_claim.shape[0]
    if n == 0:
        return np.zeros(0, dtype=np.int64), np.zeros((0, len(FEATURES)), dtype=np.float32)
    cos_max = np.maximum(cos_claim, cos_headline)
    k = min(pool, n)
    dense_top = np.argpartition(-cos_max, k - 1)[:k]
    lexical_top = np.argpartition(-bm25, k - 1)[:k]
    rows = np.union1d(dense_top, lexical_top)
    c, h, m, b = cos_claim[rows], cos_headline[rows], cos_max[rows], bm25[rows]
    best_b = float(b.max()) if b.size else 0.0
    lexical = b > 0  # no word in common: as far from the best as it gets, whatever the ranks say
    gap = day_gap[rows] if day_gap is not None else np.full(rows.shape, np.nan, dtype=np.float32)
    known = ~np.isnan(gap)
    gap = np.where(known, gap, 0.0)
    features = np.stack([
        c, h, m,
        np.log1p(b),
        1.0 / (1.0 + _ranks(m)),
        np.where(lexical, 1.0 / (1.0 + _ranks(b)), 0.0),
        m - m.max(),
        np.where(lexical, (b - best_b) / (best_b + 1.0), -1.0),
        known,
        known & (gap >= NEAR_DAYS[0]) & (gap <= NEAR_DAYS[1]),
        known & (gap < NEAR_DAYS[0]),
        np.log1p(np.abs(gap)),
    ], axis=1).astype(np.float32)
    return rows, features


def _ranks(values: np.ndarray) -> np.ndarray:
    """0 for the largest value, 1 for the next, ... (ties share the better rank)."""
    ordered = np.sort(values)[::-1]
    return np.searchsorted(-ordered, -values, side="left").astype(np.float32)


@dataclass(frozen=True)
class Ranker:
    """A logistic model over FEATURES: probability that a candidate fact-checks the query."""

    weights: np.ndarray
    bias: float
    mean: np.ndarray
    scale: np.ndarray
    pool: int = POOL

    @classmethod
    def load(cls, path: Path = ARTIFACT) -> Ranker:
        """Read the trained weights (ranker.json beside this module)."""
        data = json.loads(path.read_text())
        if tuple(data["features"]) != FEATURES:
            raise ValueError(f"{path} was trained on other features: {data['features']}")
        return cls(np.asarray(data["weights"], dtype=np.float32), float(data["bias"]),
                   np.asarray(data["mean"], dtype=np.float32), np.asarray(data["scale"], dtype=np.float32),
                   int(data.get("pool", POOL)))

    def score(self, features: np.ndarray) -> np.ndarray:
        """Probabilities (float32 in [0, 1]) for rows of features."""
        z = ((features - self.mean) / self.scale) @ self.weights + self.bias
        return (1.0 / (1.0 + np.exp(-z))).astype(np.float32)

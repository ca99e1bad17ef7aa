"""Same-claim matching: which of a speaker's statements say the same thing."""

from __future__ import annotations

import numpy as np


def similar_pairs(
    new_ids: list[str],
    new_vectors: np.ndarray,
    known_ids: list[str],
    known_vectors: np.ndarray,
    threshold: float,
) -> list[tuple[str, str, float]]:
    """Pairs (new, known, cosine) at or above `threshold`; vectors must be unit-length; no self-pairs."""
    if not new_ids or not known_ids:
        return []
    scores = new_vectors @ known_vectors.T
    pairs = []
    rows, cols = np.nonzero(scores >= threshold)
    for r, c in zip(rows.tolist(), cols.tolist(), strict=True):
        a, b = new_ids[r], known_ids[c]
        if a != b:
            pairs.append((a, b, float(scores[r, c])))
    # each unordered pair once, even when both statements are new
    seen: set[frozenset[str]] = set()
    unique = []
    for a, b, s in pairs:
        key = frozenset((a, b))
        if key not in seen:
            seen.add(key)
            unique.append((a, b, s))
    return unique

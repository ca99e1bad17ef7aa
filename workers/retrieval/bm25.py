"""An incremental in-memory BM25 index (Okapi BM25) over short documents."""

from __future__ import annotations

import math
from collections import Counter

import numpy as np


class BM25Index:
    """Documents are rows 0..n-1; `set_document` adds or replaces one row's tokens."""

    def __init__(self, k1: float = 1.2, b: float = 0.75) -> None:
        self.k1, self.b = k1, b
        self._docs: list[Counter[str]] = []
        self._lengths: list[int] = []
        self._total_length = 0
        self._postings: dict[str, dict[int, int]] = {}
        self._arrays: dict[str, tuple[np.ndarray, np.ndarray]] = {}
        self._length_array: np.ndarray | None = None

    def __len__(self) -> int:
        return len(self._docs)

    def set_document(self, row: int, tokens: list[str]) -> None:
        """Index `tokens` as document `row` (rows are appended in order, or replaced)."""
        counts = Counter(tokens)
        if row < len(self._docs):
            for term in self._docs[row]:
                self._postings[term].pop(row, None)
                self._arrays.pop(term, None)
            self._total_length -= self._lengths[row]
            self._docs[row], self._lengths[row] = counts, len(tokens)
        elif row == len(self._docs):
            self._docs.append(counts)
            self._lengths.append(len(tokens))
        else:
            raise IndexError(f"row {row} skips rows (have {len(self._docs)})")
        self._total_length += len(tokens)
        for term, tf in counts.items():
            self._postings.setdefault(term, {})[row] = tf
            self._arrays.pop(term, None)
        self._length_array = None

    def _posting(self, term: str) -> tuple[np.ndarray, np.ndarray]:
        cached = self._arrays.get(term)
        if cached is None:
            posting = self._postings.get(term, {})
            cached = (np.fromiter(posting.keys(), dtype=np.int64, count=len(posting)),
                      np.fromiter(posting.values(), dtype=np.float32, count=len(posting)))
            self._arrays[term] = cached
        return cached

    def scores(self, tokens: list[str]) -> np.ndarray:
        """BM25 score of every document for a query (float32, one per row)."""
        n = len(self._docs)
        out = np.zeros(n, dtype=np.float32)
        if n == 0:
            return out
        if self._length_array is None:
            self._length_array = np.asarray(self._lengths, dtype=np.float32)
        avg = max(self._total_length / n, 1e-6)
        for term, qtf in Counter(tokens).items():
            rows, tf = self._posting(term)
            if rows.size == 0:
                continue
            idf = math.log(1.0 + (n - rows.size + 0.5) / (rows.size + 0.5))
            norm = self.k1 * (1.0 - self.b + self.b * self._length_array[rows] / avg)
            out[rows] += qtf * idf * tf * (self.k1 + 1.0) / (tf + norm)
        return out

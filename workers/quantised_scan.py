"""What the quantised scans (workers/int4_scan.py, workers/int8_scan.py) share: a basis fitted to
the rows, in which they scan only the leading coordinates and bound the rest, the screen, and the
exact float32 rescoring of every row that could reach the threshold.

When an index is first extended it fits an orthonormal basis, the eigenvectors of the rows'
second-moment matrix, largest first, and keeps each row as its coordinates x' = xU in that basis
(in float64: U is orthonormal, so q.x = q'.x' to within 1e-13). Its kernel scans the first
LEADING of them; the rest, the tail, is bounded by Cauchy-Schwarz,
|q'_tail . x'_tail| <= |q'_tail|_2 |x'_tail|_2, with each row's tail norm kept beside its codes.
Sentence embeddings hold most of their energy in the leading directions, so the tail term is
small; random unit vectors have none to spare, and their tail term still leaves only rows that
score near the threshold. Both kernels take time in proportion to the coordinates they scan, and
scanning 256 of 384 of them takes about two thirds of the time.

The basis is fitted again, and every row packed again, when new rows lie far outside it (at most
once each time the rows double). Every row that could reach the threshold is rescored in float32
from the caller's matrix, so the answer does not depend on the basis: a poor one only lets more
rows past the screen, and past CROWDED of them one float32 product is cheaper.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from typing import Self

import numpy as np

BLOCK_ROWS = 16_384  # rows packed by one int8 kernel call, and split at a time when packing
MIN_ROWS = BLOCK_ROWS  # below one block a float32 product is as fast
BASIS_ROWS = 16_384  # rows the basis is fitted on, spread evenly over the rows
LEADING = 256  # coordinates in the fitted basis that the kernels scan; the tail is bounded
CROWDED = 1 / 8  # share of pairs past the screen from which one float32 product costs less
_LARGEST_QUERY = 1e30  # a query coordinate past this is corrupt data: scored by the float32 product
DRIFT = 1.5  # new rows whose mean tail norm passes this multiple of the fitted rows' (+0.05) refit the basis


@dataclass
class Basis:
    """An orthonormal basis: the principal directions of the rows it was fitted on, largest first."""

    vectors: np.ndarray  # (dims, dims) float64; column j is direction j
    leading: int  # how many leading coordinates the kernel scans
    fitted_tail: float = 0.0  # mean tail norm of the rows it was fitted on
    fitted_rows: int = 0  # how many rows the index held when it was fitted

    @classmethod
    def for_rows(cls, rows: np.ndarray, rotate: bool) -> Basis:
        """Fitted to `rows` with LEADING coordinates scanned; the identity (every coordinate
        scanned, no tail) without `rotate` or for rows no wider than LEADING."""
        dims = rows.shape[1]
        return cls.fit(rows, LEADING) if rotate and dims > LEADING else cls(np.eye(dims), dims)

    @classmethod
    def fit(cls, rows: np.ndarray, leading: int) -> Basis:
        """Fitted on up to BASIS_ROWS rows spread evenly over `rows`."""
        x = rows[::max(1, -(-len(rows) // BASIS_ROWS))].astype(np.float64)
        x = x[np.isfinite(x).all(axis=1)]  # a corrupt row must not spoil the basis for every other
        if not len(x):
            return cls(np.eye(rows.shape[1]), leading)  # any orthonormal basis bounds the same
        _, vectors = np.linalg.eigh(x.T @ x)
        vectors = vectors[:, ::-1]
        # Principal coordinates differ widely in scale, and a quantised row or group fits the widest
        # of its coordinates: a fixed random rotation within the leading directions evens them out.
        mix, _ = np.linalg.qr(np.random.default_rng(0).standard_normal((leading, leading)))
        basis = cls(np.ascontiguousarray(np.hstack([vectors[:, :leading] @ mix, vectors[:, leading:]])), leading)
        basis.fitted_tail, basis.fitted_rows = float(np.mean(basis.split(x)[1])), len(rows)
        return basis

    def drifted(self, tail: np.ndarray, rows: int) -> bool:
        """Whether new rows with these tail norms lie well outside the directions the basis was
        fitted on, now that the index holds `rows` rows: refitting then pays, and happens at most
        once each time the rows double (packing again costs time in proportion to them)."""
        finite = tail[np.isfinite(tail)]
        return (self.has_tail and rows >= 2 * self.fitted_rows and bool(len(finite))
                and float(np.mean(finite)) > DRIFT * self.fitted_tail + 0.05)

    @property
    def has_tail(self) -> bool:
        return self.leading < self.vectors.shape[1]

    def split(self, m: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(leading coordinates as float32, tail norm as float64) of each row of m in this basis."""
        if not self.has_tail:  # the identity
            return np.ascontiguousarray(m, dtype=np.float32), np.zeros(len(m))
        coords = m.astype(np.float64) @ self.vectors
        return (np.ascontiguousarray(coords[:, :self.leading], dtype=np.float32),
                np.linalg.norm(coords[:, self.leading:], axis=1))


@dataclass
class FittedScan(ABC):
    """A quantised index over the first `rows` rows of a float32 matrix (which the caller keeps),
    packed as their leading coordinates in a fitted basis (with `rotate`, the default) or as they
    are. Subclasses pack the rows (`_packable`, `_add`) with their kernel and scan them (`above`):
    the kernel's approximate scores, then `_screen`, then each survivor's own bound, then
    `exact_rows`."""

    rotate: bool = True
    basis: Basis | None = None
    tail: np.ndarray = field(default_factory=lambda: np.zeros(0, np.float32))  # (rows,) |x'_tail|_2
    # rows holding a NaN or an infinity (corrupt data): their scanned scores and bounds mean nothing,
    # so every query is scored against them by the float32 product
    unscanned: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64))

    @property
    @abstractmethod
    def rows(self) -> int:
        """How many rows, from the first, the index holds."""

    @abstractmethod
    def _packable(self, total: int) -> int:
        """How many of `total` rows the index would hold once extended over them."""

    @abstractmethod
    def _add(self, leading: list[np.ndarray]) -> None:
        """Pack these chunks of rows (their leading coordinates, float32) after the packed ones."""

    @abstractmethod
    def _above(self, queries: np.ndarray, matrix: np.ndarray,
               threshold: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """`above` for queries it can scan: finite, none past _LARGEST_QUERY (float32, contiguous)."""

    def above(self, queries: np.ndarray, matrix: np.ndarray,
              threshold: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(query index, row index, exact float32 score) of every score >= threshold, row-major.

        `matrix` is the float32 matrix the index was built over (it may have more rows since).
        A query holding NaN, an infinity or a value far beyond a unit vector's (which bfloat16 or
        the bounds' float32 terms would overflow) is scored by the float32 product: the bounds say
        nothing about it, and it must not spoil the other queries' (the int8 kernel quantises a
        batch of queries with one step). So is every query where corrupt rows are many."""
        queries = np.ascontiguousarray(queries, dtype=np.float32)
        if not len(queries):
            return exact_rows([], queries, matrix, matrix.shape[0], threshold)
        if len(self.unscanned) > self.rows * CROWDED:  # cheaper than copying them out for a product
            return exact_rows([], queries, matrix, 0, threshold)
        with np.errstate(invalid="ignore"):
            scannable = np.isfinite(queries).all(axis=1) & (np.abs(queries).max(axis=1) < _LARGEST_QUERY)
        if scannable.all():
            return self._above(queries, matrix, threshold)
        scanned, corrupt = np.flatnonzero(scannable), np.flatnonzero(~scannable)
        qi, ri, sc = exact_rows([], queries[corrupt], matrix, 0, threshold)
        parts = [(corrupt[qi], ri, sc)]
        if len(scanned):
            qi, ri, sc = self._above(queries[scanned], matrix, threshold)
            parts.append((scanned[qi], ri, sc))
        return _row_major(parts)

    def extend(self, matrix: np.ndarray) -> Self:
        """Pack the rows of `matrix` not packed yet (as many as `_packable` allows);
        `matrix[:self.rows]` must be unchanged."""
        end = self._packable(matrix.shape[0])
        if end <= self.rows:
            return self
        if self.basis is None:
            self.basis = Basis.for_rows(matrix[:end], self.rotate)
        packed = self.rows
        leading, tails, unscanned = [], [self.tail], [self.unscanned]
        for start in range(packed, end, BLOCK_ROWS):
            chunk = matrix[start:min(end, start + BLOCK_ROWS)]
            unscanned.append(np.flatnonzero(~np.isfinite(chunk).all(axis=1)) + start)
            lead, tail = self.basis.split(chunk)
            if packed and self.basis.drifted(tail, end):
                # the speaker's rows moved to other directions: fit the basis on all of them and
                # pack everything again (the answer would stay exact, but the screen loose)
                refitted = type(self)(self.rotate, Basis.fit(matrix[:end], self.basis.leading)).extend(matrix[:end])
                self.__dict__.update(vars(refitted))
                return self
            leading.append(lead)
            tails.append(tail)
        self._add(leading)
        self.tail = np.concatenate(tails).astype(np.float32)  # its rounding lies within the scans' margins
        self.unscanned = np.concatenate(unscanned)
        return self

    def _screen(self, approx: np.ndarray, q_tail: np.ndarray, widest: np.ndarray,
                threshold: float) -> tuple[np.ndarray, np.ndarray] | None:
        """The (query, row) pairs whose scanned score (`approx`, queries x rows, changed in place),
        tail term and widest kernel bound reach the threshold; None when so many do that one
        float32 product costs less."""
        if self.basis is not None and self.basis.has_tail:
            approx += (q_tail[:, None] * self.tail).astype(np.float32)
        if len(self.unscanned):
            approx[:, self.unscanned] = -np.inf
        qi, ri = nonzero_2d(approx >= (threshold - widest)[:, None])
        return None if len(qi) > approx.size * CROWDED else (qi, ri)


def finite_max(a: np.ndarray) -> float:
    """The largest finite entry (0 where none): a corrupt row must not blind the screen to every other."""
    return float(np.max(a, where=np.isfinite(a), initial=0.0))


def nonzero_2d(mask: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """`np.nonzero` of a 2-D boolean array (row-major order), through its flat positions: numpy's 2-D
    nonzero takes 0.17 ms over one row of 100k and 2.7 ms over 16 such rows, this 0.006 and 0.06."""
    rows, cols = np.divmod(np.flatnonzero(mask), mask.shape[1])
    return rows, cols


def exact_rows(candidates: list[tuple[np.ndarray, np.ndarray]], queries: np.ndarray, matrix: np.ndarray,
               indexed: int, threshold: float,
               unscanned: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Rescore (query, row) candidates in float32, add the rows past the `indexed` ones and the
    `unscanned` rows (scored for every query by the float32 product), and return (query index,
    row index, score) of scores >= threshold, row-major."""
    found: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []
    for qi, ri in candidates:
        if len(qi):
            exact = np.einsum("ij,ij->i", queries[qi], matrix[ri])
            keep = exact >= threshold
            found.append((qi[keep], ri[keep], exact[keep]))
    if matrix.shape[0] > indexed:  # rows the index does not hold yet, exactly
        rest = queries @ matrix[indexed:].T
        qi, ri = nonzero_2d(rest >= threshold)
        found.append((qi, ri + indexed, rest[qi, ri]))
    if unscanned is not None and len(unscanned):  # one product: rescoring pair by pair costs 30x more
        scores = queries @ matrix[unscanned].T
        qi, k = nonzero_2d(scores >= threshold)
        found.append((qi, unscanned[k], scores[qi, k]))
    return _row_major(found)


def _row_major(found: list[tuple[np.ndarray, np.ndarray, np.ndarray]]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(query index, row index, float32 score) of all the parts, ordered as np.nonzero orders a dense product."""
    if not found:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, np.zeros(0, dtype=np.float32)
    qi, ri, sc = (np.concatenate([f[i] for f in found]) for i in range(3))
    order = np.lexsort((ri, qi))
    return qi[order], ri[order], sc[order].astype(np.float32)

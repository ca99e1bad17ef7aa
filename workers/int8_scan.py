"""Exact threshold search over a large matrix of unit vectors, scanned in int8.

A speaker with 100k earlier statements has a 154 MB float32 matrix; one matrix-vector product
reads all of it, and memory bandwidth, not arithmetic, sets the time (about 16 ms on one core
here). This index keeps an int8 copy (one byte a coordinate) in packed blocks for PyTorch's
dynamic-quantised linear kernel (fbgemm; AVX-512 VNNI where the CPU has it), scans that, and
then rescores in float32 only the rows that could reach the threshold.

Nothing is approximate in the answer. For a query q and a row x, the kernel computes the dot
product of q quantised per query (7-bit, `reduce_range`, so no 16-bit intermediate can saturate
on CPUs without VNNI) and x quantised per row (int8, symmetric). With quantisation steps s_q and
s_x, |q.x - q'.x'| <= s_q/2 |x|_1 + s_x/2 |q|_1 + d s_q s_x / 4 (each coordinate is off by at
most half a step). A row is rescored exactly when its int8 score plus that bound (and a margin
for float rounding) reaches the threshold, so every row whose exact score reaches the threshold
is found, and scores are the float32 ones (to within float32 rounding: the rescore sums in another
order than BLAS, about 1e-7). Rows not packed yet (fewer than PACK_ROWS) are scanned in float32.

Rows are packed as their leading coordinates in a basis fitted to the rows, the rest bounded by
its norm (workers/quantised_scan.py), so the kernel scans 256 of 384 coordinates. On a CPU
without AVX-512 (torch's AVX2 kernels) this index is the faster of the two: one query against
100k rows takes about 2.3 ms in the kernel at 256 coordinates and 3.2 ms at 384, where the whole
4-bit index takes over 4 ms (workers/vector_cache.py picks).

Rows are packed PACK_ROWS at a time, so at most PACK_ROWS - 1 newest rows are left to the float32
product. Blocks cover BLOCK_ROWS rows each, aligned: the rows of a block still filling up are
packed as smaller blocks as they come, and once the block is complete these are merged into one
(their int8 codes and steps unpacked and packed again, not quantised again: the same codes, about
6 us a row). Scanning one block of 16k rows costs about 14 ns a row, blocks of 1k about 37: the
smaller blocks are worth keeping only while they are few. So the worker's cache extends the index
it has instead of rebuilding it (unless the rows drift from the fitted basis).
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass, field

import numpy as np

from workers.quantised_scan import BLOCK_ROWS, FittedScan, exact_rows, finite_max

PACK_ROWS = 1024  # rows packed at a time
_SMALLEST_STEP = 6.1e-5  # torch's floor for the queries' quantisation step (SMALL_SCALE_THRESHOLD; float32 6.09...e-5)
_MARGIN = 1e-4  # float32 rounding of the kernel's output, of the bound and of the rows' coordinates

try:  # a CPU build of torch with the quantised kernels (fbgemm or onednn)
    import torch

    _QUANTISED = bool({"fbgemm", "x86"} & set(torch.backends.quantized.supported_engines))
except ImportError:  # pragma: no cover - torch comes with sentence-transformers
    _QUANTISED = False


def available() -> bool:
    """Whether this torch build has the int8 kernels (else callers use the float32 product)."""
    return _QUANTISED


def _pack(rows: np.ndarray) -> tuple[object, np.ndarray, np.ndarray]:
    """(torch's packed int8 weight, quantisation step of each row, L1 norm of each float32 row)."""
    weights = torch.from_numpy(np.ascontiguousarray(rows, dtype=np.float32))
    step = weights.abs().amax(dim=1).clamp_min(1e-12) / 127.0
    with warnings.catch_warnings():  # quantised tensor constructors are marked deprecated in torch 2.13
        warnings.simplefilter("ignore")
        quantised = torch.quantize_per_channel(weights, step.double(), torch.zeros(len(rows), dtype=torch.long),
                                               0, torch.qint8)
        packed = torch.ops.quantized.linear_prepack(quantised, None)
    return packed, step.numpy().astype(np.float64), np.abs(rows).sum(axis=1, dtype=np.float64)


def _merge(blocks: list[object]) -> object:
    """One packed block of the packed blocks' rows, in order, with their codes and steps as they are."""
    weights = [torch.ops.quantized.linear_unpack(b)[0] for b in blocks]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        joined = torch._make_per_channel_quantized_tensor(
            torch.cat([w.int_repr() for w in weights]), torch.cat([w.q_per_channel_scales() for w in weights]),
            torch.cat([w.q_per_channel_zero_points() for w in weights]), 0)
        return torch.ops.quantized.linear_prepack(joined, None)


def _bound(q_step: float, q_l1: np.ndarray | float, dims: int, row_l1: np.ndarray | float,
           row_step: np.ndarray | float) -> np.ndarray:
    """Bound on |q.x - kernel| for queries and rows with these terms (broadcasting)."""
    return np.asarray(0.5 * q_step * row_l1 + 0.5 * row_step * q_l1 + 0.25 * dims * q_step * row_step + _MARGIN)


@dataclass
class Int8Index(FittedScan):
    """Packed int8 blocks of BLOCK_ROWS rows (the last one may hold fewer, a multiple of PACK_ROWS)
    over the first `rows` rows of a float32 matrix (which the caller keeps); with `rotate` (the
    default) rows are packed as their leading coordinates in a fitted basis, their tail bounded
    (workers/quantised_scan.py), without it as they are."""

    blocks: list[tuple[object, int]] = field(default_factory=list)  # (torch's packed int8 weight, rows)
    row_step: np.ndarray = field(default_factory=lambda: np.zeros(0))  # (rows,) quantisation step of each row
    row_l1: np.ndarray = field(default_factory=lambda: np.zeros(0))  # (rows,) L1 norm of each packed row

    @property
    def rows(self) -> int:
        return len(self.row_step)

    def _packable(self, total: int) -> int:
        return total // PACK_ROWS * PACK_ROWS

    def _add(self, leading: list[np.ndarray]) -> None:
        rows = np.concatenate(leading) if len(leading) > 1 else leading[0]
        steps, l1s = [self.row_step], [self.row_l1]
        at = 0
        while at < len(rows):
            room = BLOCK_ROWS - (self.rows + at) % BLOCK_ROWS  # rows up to the end of the block being filled
            piece = rows[at:at + room]
            packed, step, l1 = _pack(piece)
            steps.append(step)
            l1s.append(l1)
            if len(piece) == room < BLOCK_ROWS:  # completes a block whose first rows were packed apart
                parts: list[object] = []
                while self.blocks and self.blocks[-1][1] < BLOCK_ROWS:
                    parts.insert(0, self.blocks.pop()[0])
                packed = _merge([*parts, packed])
            self.blocks.append((packed, BLOCK_ROWS if len(piece) == room else len(piece)))
            at += len(piece)
        self.row_step, self.row_l1 = np.concatenate(steps), np.concatenate(l1s)

    def _above(self, queries: np.ndarray, matrix: np.ndarray,
               threshold: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        candidates: list[tuple[np.ndarray, np.ndarray]] = []
        if self.blocks and self.basis is not None:
            lead, q_tail = self.basis.split(queries)
            # The kernel quantises the whole batch of queries with one step (reduce_range: the range
            # [min(0, Q), max(0, Q)] over 127), so one wide query widens the step of every other one.
            # ... and with a step no finer than its floor: a query (nearly) all in the tail has
            # leading coordinates spanning less than 127 steps of the floor
            q_step = max((max(0.0, float(lead.max())) - min(0.0, float(lead.min()))) / 127.0, _SMALLEST_STEP)
            q_l1 = np.abs(lead).sum(axis=1, dtype=np.float64)
            dims = lead.shape[1]
            q = torch.from_numpy(lead)
            approx = np.empty((len(queries), self.rows), dtype=np.float32)
            start = 0
            for packed, rows in self.blocks:
                approx[:, start:start + rows] = torch.ops.quantized.linear_dynamic(q, packed, True)
                start += rows
            # finite_max: a row of NaN or infinities (corrupt data) must not blind the screen to
            # every other row (FittedScan rescores it apart)
            widest = _bound(q_step, q_l1, dims, finite_max(self.row_l1), finite_max(self.row_step))
            screened = self._screen(approx, q_tail, widest, threshold)
            if screened is None:
                return exact_rows([], queries, matrix, 0, threshold)
            qi, ri = screened
            keep = approx[qi, ri] + _bound(q_step, q_l1[qi], dims, self.row_l1[ri], self.row_step[ri]) >= threshold
            candidates.append((qi[keep], ri[keep]))
        return exact_rows(candidates, queries, matrix, self.rows, threshold, self.unscanned)

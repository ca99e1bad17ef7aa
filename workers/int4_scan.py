"""Exact threshold search over a large matrix of unit vectors, scanned in 4 bits.

The int8 index (workers/int8_scan.py) reads a quarter of a float32 matrix's bytes; matching one
statement against 100k earlier ones is still bound by memory bandwidth. This index keeps half
that again: 4-bit codes with a bfloat16 step and offset per group of 64 coordinates, scanned with
PyTorch's weight-only int4 kernel (`_weight_int4pack_mm_for_cpu`, the one CPU inference of large
language models uses for matrix-vector products), then rescores in float32 only the rows that
could reach the threshold.

Nothing is approximate in the answer. Each row x is stored as d = (k - 8) * step + offset, with
the residual r = x - d known at packing time; the query q is given to the kernel in bfloat16
(q'). Then |q.x - kernel| <= |q - q'|_2 |x|_2 + max|r| |q'|_1 + e, where e is the kernel's own
rounding: it may round the dequantised weights and its output to bfloat16 (2^-8 relative each)
and sums in float32, so e <= 2^-7 |q'|_2 |d|_2 plus float32 terms; the bound uses 2^-6, twice
that (this torch build rounds only its output: the largest error a review found was
3.9e-3 |q'|_2 |d|_2, a quarter of the allowance). All rows are first screened with the largest of
those terms, then each survivor with its own, and every row that could reach the threshold is
rescored in float32 from the caller's matrix. tests/test_quantised_scan.py places rows 2e-4 either
side of the threshold, and rows that 4 bits hold exactly (so that only the kernel's rounding
separates them from the threshold).

Rows are packed as their leading coordinates in a basis fitted to the rows, the rest bounded by
its norm (workers/quantised_scan.py), so the kernel scans 256 of 384 coordinates. On this kernel
that matters: on a 2-core Zen 4 it is bound by arithmetic, not memory (100k rows: 2.06 ms at 384
coordinates, 1.34 ms at 256). On a CPU without AVX-512 the int8 index is faster
(workers/vector_cache.py picks).

`available()` runs the kernel on unit vectors (one query and a batch) and compares it with q'.d;
a torch build without it, or where it is off by more than the allowance, uses the int8 index.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import torch

from workers.quantised_scan import FittedScan, exact_rows, finite_max

GROUP = 64  # coordinates per step/offset pair
PACK_ROWS = 1024  # rows packed at a time (the kernel needs a multiple of 16)
_KERNEL_ROUNDING = 2.0 ** -6  # times |q'|_2 |d|_2: four times the bfloat16 rounding the kernel can add
_MARGIN = 1e-4  # float32 rounding of the bound itself and of the kernel's sums


@dataclass
class _Block:
    packed: torch.Tensor  # (rows, dims / 2) uint8: two codes a byte, as the kernel takes them
    steps_offsets: torch.Tensor  # (groups, rows, 2) bfloat16
    residual: np.ndarray  # (rows,) largest |x - d| of each row
    norm: np.ndarray  # (rows,) |x|_2
    dequantised_norm: np.ndarray  # (rows,) |d|_2
    largest: tuple[float, float, float] = field(init=False)  # the largest of each of those three

    def __post_init__(self) -> None:
        # finite_max: a row of NaN or infinities (corrupt data) must not blind the screen to every
        # other row (FittedScan rescores it apart)
        self.largest = (finite_max(self.residual), finite_max(self.norm), finite_max(self.dequantised_norm))

    @classmethod
    def join(cls, blocks: list[_Block]) -> _Block:
        """One block of the blocks' rows, in order (the packed layout is row-major)."""
        return cls(torch.cat([b.packed for b in blocks]), torch.cat([b.steps_offsets for b in blocks], 1),
                   np.concatenate([b.residual for b in blocks]), np.concatenate([b.norm for b in blocks]),
                   np.concatenate([b.dequantised_norm for b in blocks]))


def _quantise(rows: np.ndarray) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor, torch.Tensor]:
    """(codes, step, offset, dequantised rows in float64): codes in 0..15 per coordinate, a
    bfloat16 step and offset per group, and d = (code - 8) * step + offset."""
    n, dims = rows.shape
    x = torch.from_numpy(np.ascontiguousarray(rows, dtype=np.float32)).view(n, dims // GROUP, GROUP)
    lo, hi = x.amin(-1), x.amax(-1)
    step = ((hi - lo).clamp_min(1e-8) / 15).to(torch.bfloat16)
    offset = (lo + 8 * step.float()).to(torch.bfloat16)
    codes = ((x - offset.float()[..., None]) / step.float()[..., None]).round().add(8).clamp(0, 15)
    dequantised = (codes.double() - 8) * step.double()[..., None] + offset.double()[..., None]
    return codes.to(torch.int32).view(n, dims), step, offset, dequantised.view(n, dims)


def _pack(rows: np.ndarray) -> _Block:
    codes, step, offset, dequantised = _quantise(rows)
    residual = (torch.from_numpy(rows.astype(np.float64)) - dequantised).abs().amax(dim=1)
    return _Block(torch.ops.aten._convert_weight_to_int4pack_for_cpu(codes, 1),
                  torch.stack([step, offset], -1).transpose(0, 1).contiguous(), residual.numpy(),
                  np.linalg.norm(rows.astype(np.float64), axis=1), dequantised.norm(dim=1).numpy())


def _scan(q_bf16: torch.Tensor, block: _Block) -> np.ndarray:
    out = torch.ops.aten._weight_int4pack_mm_for_cpu(q_bf16, block.packed, GROUP, block.steps_offsets)
    return out.float().numpy()


@dataclass
class _Queries:
    """The queries as the kernel gets them (bfloat16), with the terms of the bound that are theirs."""

    bf16: torch.Tensor
    l1: np.ndarray  # |q'|_1
    rounding: np.ndarray  # |q - q'|_2
    norm: np.ndarray  # |q'|_2

    @classmethod
    def of(cls, queries: np.ndarray) -> _Queries:
        q = torch.from_numpy(queries).to(torch.bfloat16)
        qq = q.double().numpy()
        return cls(q, np.abs(qq).sum(axis=1), np.linalg.norm(queries.astype(np.float64) - qq, axis=1),
                   np.linalg.norm(qq, axis=1))

    def bound(self, qi: np.ndarray, residual: np.ndarray | float, norm: np.ndarray | float,
              dequantised_norm: np.ndarray | float) -> np.ndarray:
        """Bound on |exact - kernel| for queries qi against rows with these terms (broadcasting)."""
        return (residual * self.l1[qi] + self.rounding[qi] * norm
                + _KERNEL_ROUNDING * self.norm[qi] * dequantised_norm + _MARGIN)


def _self_test() -> bool:
    """Whether the kernel computes q' . d to within the rounding the bound allows for it, on unit
    vectors of this model's width near a query and far from it, one query and a batch."""
    if not hasattr(torch.ops.aten, "_weight_int4pack_mm_for_cpu"):
        return False
    try:
        rng = np.random.default_rng(0)
        queries = _unit_rows(rng.standard_normal((16, 6 * GROUP)))
        rows = _unit_rows(np.vstack([rng.standard_normal((192, 6 * GROUP)),
                                     queries[:1] + 0.1 * rng.standard_normal((64, 6 * GROUP))]))
        block = _pack(rows)
        dequantised = _quantise(rows)[3].numpy()
        for batch in (queries[:1], queries):
            q = _Queries.of(batch)
            expected = q.bf16.double().numpy() @ dequantised.T
            # the bound's kernel term alone: q' is the kernel's input and d what it holds
            allowed = q.bound(np.arange(len(batch))[:, None], 0.0, 0.0, block.dequantised_norm[None, :])
            if not np.all(np.abs(_scan(q.bf16, block) - expected) <= allowed):
                return False
        return True
    except Exception:  # any failure of the kernel means: do not use it
        return False


def _unit_rows(m: np.ndarray) -> np.ndarray:
    return (m / np.linalg.norm(m, axis=1, keepdims=True)).astype(np.float32)


_AVAILABLE: bool | None = None


def available() -> bool:
    """Whether this torch build has a working int4 kernel (checked once, on a small problem)."""
    global _AVAILABLE
    if _AVAILABLE is None:
        _AVAILABLE = _self_test()
    return _AVAILABLE


@dataclass
class Int4Index(FittedScan):
    """Packed 4-bit codes of the first `rows` rows of a float32 matrix (which the caller keeps), as
    one block, so that one kernel call scans them all. Rows are packed PACK_ROWS at a time, so at
    most PACK_ROWS - 1 newest rows are left to the float32 product.

    With `rotate` (the default) rows are packed as their leading coordinates in a basis fitted to
    the rows, their tail bounded (workers/quantised_scan.py); without it, as they are."""

    packed: _Block | None = None

    @property
    def rows(self) -> int:
        return 0 if self.packed is None else len(self.packed.residual)

    def _packable(self, total: int) -> int:
        return self.rows + (total - self.rows) // PACK_ROWS * PACK_ROWS

    def _add(self, leading: list[np.ndarray]) -> None:
        self.packed = _Block.join(([self.packed] if self.packed is not None else []) + [_pack(m) for m in leading])

    def _above(self, queries: np.ndarray, matrix: np.ndarray,
               threshold: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        candidates: list[tuple[np.ndarray, np.ndarray]] = []
        block, basis = self.packed, self.basis
        if block is not None and basis is not None:
            lead, q_tail = basis.split(queries)
            q = _Queries.of(lead)
            approx = _scan(q.bf16, block)
            # the largest terms of the 4-bit bound first, with each row's tail term, then the
            # survivors' own terms
            screened = self._screen(approx, q_tail, q.bound(np.arange(len(queries)), *block.largest), threshold)
            if screened is None:  # a threshold far below the scores the bound can tell
                return exact_rows([], queries, matrix, 0, threshold)
            qi, ri = screened
            bound = q.bound(qi, block.residual[ri], block.norm[ri], block.dequantised_norm[ri])
            keep = approx[qi, ri] + bound >= threshold
            candidates.append((qi[keep], ri[keep]))
        return exact_rows(candidates, queries, matrix, self.rows, threshold, self.unscanned)

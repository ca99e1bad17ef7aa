"""The quantised scans (4-bit, int8) find exactly the pairs the float32 product finds, with the
float32 scores."""
from __future__ import annotations

from collections.abc import Callable
from functools import partial

import numpy as np
import pytest
import redis

from claimtrack import keys
from claimtrack.statements import VECTOR_DTYPE
from workers import int4_scan, int8_scan, quantised_scan, vector_cache
from workers.int4_scan import Int4Index
from workers.int8_scan import Int8Index
from workers.matching import similar_pairs
from workers.quantised_scan import BLOCK_ROWS, nonzero_2d
from workers.vector_cache import SpeakerVectorCache

DIMS = 384
needs_int8 = pytest.mark.skipif(not int8_scan.available(), reason="this torch build has no int8 kernels")
needs_int4 = pytest.mark.skipif(not int4_scan.available(), reason="this torch build has no working int4 kernel")
KINDS = [pytest.param(Int4Index, marks=needs_int4, id="int4"), pytest.param(Int8Index, marks=needs_int8, id="int8")]
# the scans alone, also without their fitted basis (every coordinate scanned, no tail)
SCANS = [*KINDS, pytest.param(partial(Int4Index, rotate=False), marks=needs_int4, id="int4-unrotated"),
         pytest.param(partial(Int8Index, rotate=False), marks=needs_int8, id="int8-unrotated")]


def _unit(rng: np.random.Generator, n: int) -> np.ndarray:
    m = rng.standard_normal((n, DIMS)).astype(np.float32)
    m /= np.linalg.norm(m, axis=1, keepdims=True)
    return m.astype(VECTOR_DTYPE).astype(np.float32)  # what Redis holds and the cache decodes


def _near(query: np.ndarray, other: np.ndarray, cosine: float) -> np.ndarray:
    """A unit vector whose cosine with `query` is `cosine`."""
    other = other - (other @ query) * query
    other /= np.linalg.norm(other)
    return (cosine * query + np.sqrt(1 - cosine ** 2) * other).astype(np.float32)


def _as_set(pairs: list[tuple[str, str, float]]) -> dict[tuple[str, str], float]:
    return {(a, b): s for a, b, s in pairs}


@pytest.mark.parametrize("crowded", [0.0, quantised_scan.CROWDED, 1.0])  # always, sometimes, never dense
@pytest.mark.parametrize("kind", SCANS)
def test_same_pairs_as_the_float32_product_even_at_the_threshold(
    kind: type[Int4Index | Int8Index], crowded: float, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(quantised_scan, "CROWDED", crowded)
    rng = np.random.default_rng(7)
    threshold = 0.65
    queries = _unit(rng, 6)
    matrix = _unit(rng, 2 * BLOCK_ROWS + 300)
    # rows a hair above and below the threshold, in both blocks and in the float32 tail
    for k, row in enumerate([5, 9000, BLOCK_ROWS + 17, 2 * BLOCK_ROWS + 3]):
        for j, delta in enumerate((2e-4, -2e-4, 0.02, -0.02, 0.2)):
            matrix[row + j] = _near(queries[k % len(queries)], rng.standard_normal(DIMS).astype(np.float32),
                                    threshold + delta)
    index = kind().extend(matrix)
    assert index.rows == 2 * BLOCK_ROWS
    new_ids = [f"new.{i}" for i in range(len(queries))]
    known_ids = [f"old.{i}" for i in range(len(matrix))]
    for t in (threshold, 0.3, 0.9):
        dense = _as_set(similar_pairs(new_ids, queries, known_ids, matrix, t))
        scanned = _as_set(similar_pairs(new_ids, queries, known_ids, matrix, t, index))
        assert scanned.keys() == dense.keys()
        assert all(abs(scanned[k] - dense[k]) < 1e-5 for k in dense)
    assert len(_as_set(similar_pairs(new_ids, queries, known_ids, matrix, threshold, index))) == 4 * 3


@pytest.mark.parametrize("kind", SCANS)
def test_no_queries_no_pairs(kind: type[Int4Index | Int8Index]) -> None:
    matrix = _unit(np.random.default_rng(15), BLOCK_ROWS)
    qi, ri, scores = kind().extend(matrix).above(np.zeros((0, DIMS), np.float32), matrix, 0.65)
    assert len(qi) == len(ri) == len(scores) == 0


@pytest.mark.parametrize("kind", SCANS)
def test_pairs_come_in_the_order_of_the_dense_product(kind: type[Int4Index | Int8Index]) -> None:
    rng = np.random.default_rng(3)
    matrix = _unit(rng, BLOCK_ROWS + 50)
    queries = np.vstack([matrix[BLOCK_ROWS + 10], matrix[4], matrix[BLOCK_ROWS + 40]])
    ids = [f"s.{i}" for i in range(len(matrix))]
    new = ["s.16394", "s.4", "s.16424"]
    dense = similar_pairs(new, queries, ids, matrix, 0.2)
    scanned = similar_pairs(new, queries, ids, matrix, 0.2, kind().extend(matrix))
    assert [(a, b) for a, b, _ in scanned] == [(a, b) for a, b, _ in dense]


def _store(conn: redis.Redis, speaker: str, ids: list[str], vectors: np.ndarray) -> None:
    with conn.pipeline(transaction=False) as pipe:
        for sid, v in zip(ids, vectors, strict=True):
            pipe.hset(keys.speaker_vectors(speaker), sid, v.astype(VECTOR_DTYPE).tobytes())
        pipe.execute()


@pytest.mark.parametrize("kind", KINDS)
def test_cache_extends_its_index_on_append_and_rebuilds_after_a_removal(
    redis_db: redis.Redis, kind: type[Int4Index | Int8Index], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(vector_cache, "new_index", kind)
    rng = np.random.default_rng(11)
    speaker = "int8spk"
    first = _unit(rng, BLOCK_ROWS + 10)
    _store(redis_db, speaker, [f"a.{i}" for i in range(len(first))], first)
    cache = SpeakerVectorCache(redis_db, removal_counter=keys.speaker_vector_removals)
    ids, matrix = cache.vectors(speaker)
    index = cache.index(speaker)
    assert isinstance(index, kind) and index.rows == BLOCK_ROWS

    more = _unit(rng, BLOCK_ROWS)
    more[0] = first[3]  # a repeat of an earlier statement
    _store(redis_db, speaker, [f"b.{i}" for i in range(len(more))], more)
    ids, matrix = cache.vectors(speaker)
    grown = cache.index(speaker)
    assert grown is index and grown.rows == 2 * BLOCK_ROWS  # extended, not rebuilt
    pairs = _as_set(similar_pairs(["b.0"], more[:1], ids, matrix, 0.65, grown))
    assert set(pairs) == {("b.0", "a.3")}

    with redis_db.pipeline() as pipe:  # what statements.remove does
        pipe.hdel(keys.speaker_vectors(speaker), "a.3")
        pipe.incr(keys.speaker_vector_removals(speaker))
        pipe.execute()
    ids, matrix = cache.vectors(speaker)
    rebuilt = cache.index(speaker)
    assert rebuilt is not index and "a.3" not in ids
    assert similar_pairs(["b.0"], more[:1], ids, matrix, 0.65, rebuilt) == []


def test_small_speakers_have_no_index(redis_db: redis.Redis) -> None:
    rng = np.random.default_rng(5)
    _store(redis_db, "small", ["x.0", "x.1"], _unit(rng, 2))
    cache = SpeakerVectorCache(redis_db)
    cache.vectors("small")
    assert cache.index("small") is None
    assert cache.index("never-seen") is None


@needs_int8
def test_a_batch_with_one_wide_query_still_finds_every_pair() -> None:
    # The kernel quantises a batch of queries with one step: a query whose coordinates span a wide
    # range (here a one-hot vector) coarsens every other query's quantisation. Rows just above the
    # threshold are pushed against the first query's quantisation error, where a bound computed per
    # query would rule them out.
    rng = np.random.default_rng(1)
    threshold = 0.65
    query = _unit(rng, 1)[0]
    wide = np.zeros(DIMS, dtype=np.float32)
    wide[0] = -1.0
    queries = np.stack([query, wide])
    identity = int8_scan._pack(np.eye(DIMS, dtype=np.float32))[0]
    import torch
    seen = torch.ops.quantized.linear_dynamic(torch.from_numpy(queries), identity, True).numpy()[0]
    away = -np.sign(seen - query)
    matrix = _unit(rng, BLOCK_ROWS)
    for k, cosine in enumerate(np.linspace(threshold + 1e-3, threshold + 0.02, 20)):
        matrix[k] = _near(query, away, cosine)
    matrix = matrix.astype(VECTOR_DTYPE).astype(np.float32)
    ids = [f"k.{i}" for i in range(len(matrix))]
    dense = _as_set(similar_pairs(["n.0", "n.1"], queries, ids, matrix, threshold))
    index = Int8Index(rotate=False).extend(matrix)  # the kernel sees the queries as they are
    scanned = _as_set(similar_pairs(["n.0", "n.1"], queries, ids, matrix, threshold, index))
    assert len(dense) >= 15
    assert scanned.keys() == dense.keys()


@needs_int4
def test_the_int4_bound_is_what_keeps_rows_at_the_threshold() -> None:
    # Without the bound (rows kept only when the 4-bit score itself reaches the threshold) the scan
    # misses rows just above it: the 4-bit scores are off by up to a few hundredths.
    rng = np.random.default_rng(2)
    threshold = 0.65
    queries = _unit(rng, 4)
    matrix = _unit(rng, BLOCK_ROWS)
    for k in range(200):
        matrix[k] = _near(queries[k % 4], rng.standard_normal(DIMS).astype(np.float32), threshold + 1e-3)
    matrix = matrix.astype(VECTOR_DTYPE).astype(np.float32)
    index = Int4Index(rotate=False).extend(matrix)
    q = int4_scan._Queries.of(queries)
    assert index.packed is not None
    approx = int4_scan._scan(q.bf16, index.packed)
    exact = queries @ matrix.T
    reached = exact >= threshold
    assert reached.sum() >= 150
    assert (approx[reached] < threshold).sum() >= 20  # what a bound-free scan would miss
    qi, ri, _ = index.above(queries, matrix, threshold)
    assert set(zip(qi.tolist(), ri.tolist(), strict=True)) == set(zip(*np.nonzero(reached), strict=True))


@pytest.mark.parametrize("kind", KINDS)
def test_rows_whose_score_lies_partly_outside_the_scanned_coordinates_are_found(
    kind: type[Int4Index | Int8Index],
) -> None:
    # The index scans each row's leading coordinates in a basis fitted to the rows and bounds the
    # rest (the tail) by its norm. Here the rows hold their energy in the first 256 of 384
    # coordinates, and the query a third of its own in the last 128: rows just above the threshold
    # score far below it on the scanned coordinates, and only the tail term keeps them.
    rng = np.random.default_rng(9)
    threshold = 0.65
    matrix = rng.standard_normal((BLOCK_ROWS, DIMS)) * np.where(np.arange(DIMS) < 256, 1.0, 0.05)
    matrix = (matrix / np.linalg.norm(matrix, axis=1, keepdims=True)).astype(np.float32)
    lead, tail = rng.standard_normal(256), rng.standard_normal(DIMS - 256)
    query = np.concatenate([lead / np.linalg.norm(lead) * np.sqrt(2 / 3), tail / np.linalg.norm(tail) * np.sqrt(1 / 3)])
    query = query.astype(np.float32)
    for k in range(20):
        matrix[k] = _near(query, rng.standard_normal(DIMS).astype(np.float32), threshold + 1e-3)
    matrix = matrix.astype(VECTOR_DTYPE).astype(np.float32)
    index = kind().extend(matrix)
    assert index.basis is not None and index.basis.has_tail and index.rows == BLOCK_ROWS
    reached = np.flatnonzero(matrix @ query >= threshold)
    assert len(reached) == 20
    _, rows, _ = index.above(query[None, :], matrix, threshold)
    assert set(rows.tolist()) == set(reached.tolist())
    index.tail = np.zeros_like(index.tail)  # the same screen without the tail term
    _, rows, _ = index.above(query[None, :], matrix, threshold)
    assert not set(rows.tolist()) & set(reached.tolist())  # misses every one


@pytest.mark.parametrize("kind", SCANS)
def test_a_query_all_in_the_tail_still_finds_its_pair(kind: type[Int4Index | Int8Index]) -> None:
    # In the fitted basis this query's leading coordinates are tiny (3e-5 each): the int8 kernel
    # then quantises them with its floor step (6.1e-5), not with a 127th of their range, and a
    # bound computed from the range alone misses a row just above the threshold.
    rng = np.random.default_rng(0)
    matrix = rng.standard_normal((BLOCK_ROWS, DIMS)) * np.where(np.arange(DIMS) < 256, 1.0, 0.05)
    matrix[5] = np.concatenate([0.7 * rng.standard_normal(256) / 16, 0.714 * rng.standard_normal(128) / np.sqrt(128)])
    matrix = (matrix / np.linalg.norm(matrix, axis=1, keepdims=True)).astype(np.float32)
    index = kind().extend(matrix)
    assert index.basis is not None
    basis = index.basis.vectors if index.basis.has_tail else quantised_scan.Basis.fit(matrix, 256).vectors
    coords = matrix[5].astype(np.float64) @ basis
    query = np.concatenate([3e-5 * np.sign(coords[:256]), coords[256:] / np.linalg.norm(coords[256:])]) @ basis.T
    query = (query / np.linalg.norm(query)).astype(np.float32)
    threshold = float(query @ matrix[5]) - 5e-5
    _, rows, _ = index.above(query[None, :], matrix, threshold)
    assert rows.tolist() == np.flatnonzero(matrix @ query >= threshold).tolist() == [5]


def _in_dims(rng: np.random.Generator, n: int, lo: int, hi: int) -> np.ndarray:
    """Unit rows with their energy in coordinates lo..hi-1."""
    m = rng.standard_normal((n, DIMS)) * np.where((np.arange(DIMS) >= lo) & (np.arange(DIMS) < hi), 1.0, 0.02)
    return (m / np.linalg.norm(m, axis=1, keepdims=True)).astype(np.float32)


@pytest.mark.parametrize("kind", KINDS)
def test_the_basis_is_fitted_again_when_the_rows_move_once_they_have_doubled(
    kind: type[Int4Index | Int8Index],
) -> None:
    rng = np.random.default_rng(12)
    step = (int4_scan if kind is Int4Index else int8_scan).PACK_ROWS  # rows packed at a time
    first = _in_dims(rng, BLOCK_ROWS, 0, 128)
    later = _in_dims(rng, BLOCK_ROWS + 2 * step, 128, 256)
    matrix = np.vstack([first, later])
    index = kind().extend(matrix[:BLOCK_ROWS])
    fitted = index.basis
    assert fitted is not None and float(index.tail.mean()) < 0.1
    end = BLOCK_ROWS
    while end + step < 2 * BLOCK_ROWS:  # moved, but not yet doubled: same basis
        end += step
        assert index.extend(matrix[:end]).basis is fitted
        assert float(index.tail[-step:].mean()) > 0.5  # the new rows lie in the tail
    index.extend(matrix)
    assert index.basis is not fitted and index.rows == len(matrix) // step * step
    assert float(index.tail.mean()) < 0.1  # fitted on both kinds of rows: both lie in the leading directions
    queries = np.vstack([first[:3], later[-3:]])
    ids = [f"m.{i}" for i in range(len(matrix))]
    dense = _as_set(similar_pairs([f"q.{i}" for i in range(6)], queries, ids, matrix, 0.65))
    scanned = _as_set(similar_pairs([f"q.{i}" for i in range(6)], queries, ids, matrix, 0.65, index))
    assert scanned.keys() == dense.keys() and len(dense) >= 6


def test_the_fitted_basis_is_orthonormal_and_keeps_every_product() -> None:
    rng = np.random.default_rng(10)
    matrix = _unit(rng, 4 * int4_scan.PACK_ROWS) * np.linspace(2.0, 0.1, DIMS, dtype=np.float32)
    basis = quantised_scan.Basis.fit(matrix, quantised_scan.LEADING)
    assert np.allclose(basis.vectors.T @ basis.vectors, np.eye(DIMS), atol=1e-12)
    coords = matrix.astype(np.float64) @ basis.vectors
    assert np.allclose(coords @ coords[:5].T, matrix.astype(np.float64) @ matrix[:5].T.astype(np.float64), atol=1e-10)
    lead, tail = basis.split(matrix)
    assert lead.shape == (len(matrix), quantised_scan.LEADING)
    assert np.allclose(np.linalg.norm(lead, axis=1) ** 2 + tail ** 2, np.linalg.norm(matrix, axis=1) ** 2, rtol=1e-5)
    assert np.median(tail / np.linalg.norm(matrix, axis=1)) < 0.3  # the low-variance directions are the tail


def test_the_index_kind_follows_what_torch_runs(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(int4_scan, "_AVAILABLE", True)
    monkeypatch.setattr(int8_scan, "_QUANTISED", True)
    monkeypatch.setattr(vector_cache, "_avx512", lambda: True)
    assert isinstance(vector_cache.new_index(), Int4Index)  # faster there
    monkeypatch.setattr(vector_cache, "_avx512", lambda: False)
    assert isinstance(vector_cache.new_index(), Int8Index)  # faster with torch's AVX2 kernels
    monkeypatch.setattr(int8_scan, "_QUANTISED", False)
    assert isinstance(vector_cache.new_index(), Int4Index)
    monkeypatch.setattr(int4_scan, "_AVAILABLE", False)
    assert vector_cache.new_index() is None
    monkeypatch.setattr(int8_scan, "_QUANTISED", True)
    monkeypatch.setattr(vector_cache, "_avx512", lambda: True)
    assert isinstance(vector_cache.new_index(), Int8Index)


@pytest.mark.parametrize("kind", KINDS)
def test_the_index_leaves_fewer_than_pack_rows_to_the_float32_product(kind: type[Int4Index | Int8Index]) -> None:
    rng = np.random.default_rng(4)
    pack = (int4_scan if kind is Int4Index else int8_scan).PACK_ROWS
    matrix = _unit(rng, BLOCK_ROWS + 2 * pack + 452)
    query = matrix[BLOCK_ROWS + 2 * pack - 48].copy()  # a row in the second PACK_ROWS past the first block
    index = kind().extend(matrix)
    assert index.rows == BLOCK_ROWS + 2 * pack
    grown = np.vstack([matrix, _unit(rng, 600)])
    more = np.vstack([grown, _unit(rng, BLOCK_ROWS)])  # the partial block fills up, and a new one starts
    for m, rows in ((grown, BLOCK_ROWS + 3 * pack), (more, len(more) // pack * pack)):
        assert index.extend(m).rows == rows
        ids = [f"r.{i}" for i in range(len(m))]
        dense = _as_set(similar_pairs(["q"], query[None, :], ids, m, 0.65))
        scanned = _as_set(similar_pairs(["q"], query[None, :], ids, m, 0.65, index))
        assert scanned.keys() == dense.keys() and all(abs(scanned[k] - dense[k]) < 1e-5 for k in dense)
        assert ("q", f"r.{BLOCK_ROWS + 2 * pack - 48}") in dense


@needs_int8
def test_int8_blocks_filled_a_little_at_a_time_are_merged_with_the_same_codes() -> None:
    import torch

    rng = np.random.default_rng(13)
    pack = int8_scan.PACK_ROWS
    matrix = _unit(rng, 2 * BLOCK_ROWS + 2 * pack + 100)
    index = Int8Index().extend(matrix[:BLOCK_ROWS])
    for end in range(BLOCK_ROWS + pack, len(matrix) + 1, pack):  # an article's worth of rows at a time
        index.extend(matrix[:end])
    assert [rows for _, rows in index.blocks] == [BLOCK_ROWS, BLOCK_ROWS, pack, pack]
    assert index.basis is not None
    lead, _ = index.basis.split(matrix[BLOCK_ROWS:2 * BLOCK_ROWS])
    q = torch.from_numpy(index.basis.split(matrix[:3])[0])
    merged = torch.ops.quantized.linear_dynamic(q, index.blocks[1][0], True)
    assert torch.equal(merged, torch.ops.quantized.linear_dynamic(q, int8_scan._pack(lead)[0], True))
    ids = [f"r.{i}" for i in range(len(matrix))]
    queries = matrix[[7, BLOCK_ROWS + 5, 2 * BLOCK_ROWS + pack + 3]].copy()
    dense = _as_set(similar_pairs(["a", "b", "c"], queries, ids, matrix, 0.65))
    scanned = _as_set(similar_pairs(["a", "b", "c"], queries, ids, matrix, 0.65, index))
    assert scanned.keys() == dense.keys() and len(dense) >= 3


def _scanned_and_dense(index: Int4Index | Int8Index, queries: np.ndarray, matrix: np.ndarray,
                       threshold: float) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """(query, row) pairs in the order returned, from the index and from the float32 product."""
    with np.errstate(invalid="ignore", over="ignore"):
        qi, ri, _ = index.above(queries, matrix, threshold)
        dense = np.nonzero(queries @ matrix.T >= threshold)
    return (list(zip(qi.tolist(), ri.tolist(), strict=True)),
            list(zip(dense[0].tolist(), dense[1].tolist(), strict=True)))


def _no_dense_fallback(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fail when finite queries are scored by the float32 product over every row (exact_rows with
    nothing indexed) instead of scanned: only queries holding NaN or infinity may be."""
    for module in (int4_scan, int8_scan, quantised_scan):
        def checked(candidates: list, queries: np.ndarray, matrix: np.ndarray, indexed: int, threshold: float,
                    *rest: np.ndarray, _exact: Callable = module.exact_rows,
                    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
            sound = np.isfinite(queries).all(axis=1) & (np.abs(queries).max(axis=1) < quantised_scan._LARGEST_QUERY)
            assert indexed > 0 or not sound.any(), "fell back to the float32 product"
            return _exact(candidates, queries, matrix, indexed, threshold, *rest)
        monkeypatch.setattr(module, "exact_rows", checked)


@pytest.mark.parametrize("corrupt", ["nan", "inf"])
@pytest.mark.parametrize("kind", SCANS)
def test_a_corrupt_row_hides_no_other_pair(
    kind: type[Int4Index | Int8Index], corrupt: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    import torch

    rng = np.random.default_rng(6)
    matrix = _unit(rng, BLOCK_ROWS)
    # queries that bfloat16 holds exactly: the 4-bit bound's query-rounding term is then 0, and 0
    # times an infinite row norm must not make every bound NaN
    queries = torch.from_numpy(matrix[[3, 9000]]).to(torch.bfloat16).float().numpy()
    if corrupt == "nan":  # a vector that could not be decoded: as in the float32 product, it matches nothing
        matrix[100] = np.nan
    else:  # an infinity where the first query is positive: the float32 product scores it +inf, a pair
        matrix[100, int(np.argmax(queries[0]))] = np.inf
    index = kind().extend(matrix)
    assert index.unscanned.tolist() == [100]
    _no_dense_fallback(monkeypatch)  # one corrupt row must not send every query to the float32 product
    scanned, dense = _scanned_and_dense(index, queries, matrix, 0.65)
    assert scanned == dense and {(0, 3), (1, 9000)} <= set(scanned)
    assert ((0, 100) in scanned) == (corrupt == "inf")


@pytest.mark.parametrize("corrupt", [np.nan, np.inf, -np.inf, 3.3e38])  # the last overflows bfloat16
@pytest.mark.parametrize("kind", SCANS)
def test_a_corrupt_query_spoils_no_other_querys_pairs(
    kind: type[Int4Index | Int8Index], corrupt: float, monkeypatch: pytest.MonkeyPatch
) -> None:
    # the int8 kernel quantises a batch of queries with one step, taken over their range
    rng = np.random.default_rng(14)
    matrix = _unit(rng, BLOCK_ROWS)
    queries = np.vstack([matrix[[3, 70, 9000]], matrix[[5]]])
    queries[3, 0] = corrupt
    index = kind().extend(matrix)
    _no_dense_fallback(monkeypatch)  # the corrupt query alone goes to the float32 product
    scanned, dense = _scanned_and_dense(index, queries, matrix, 0.9)
    assert scanned == dense and {(0, 3), (1, 70), (2, 9000)} <= set(scanned)


@needs_int4
def test_rows_that_4_bits_hold_exactly_still_need_the_kernel_rounding_term() -> None:
    # Rows made of whole steps (every group spans codes 0..15 with a step of 2^-6) are stored without
    # residual, and a bfloat16 query has no rounding of its own: only the kernel's bfloat16 output
    # separates its scores from the exact ones. Thresholds set just under exact scores that the
    # kernel rounds down are found only through the kernel-rounding term of the bound.
    rng = np.random.default_rng(8)
    step = 2.0 ** -6
    import torch
    query = torch.from_numpy(_unit(rng, 1)[0]).to(torch.bfloat16).float().numpy()
    near = np.clip(np.round(query[None, :] / step * 0.9 + rng.normal(0, 1.5, (BLOCK_ROWS, DIMS))), -8, 7)
    groups = near.reshape(BLOCK_ROWS, DIMS // int4_scan.GROUP, int4_scan.GROUP)
    groups[:, :, 0], groups[:, :, 1] = -8, 7  # each group spans the whole code range: step exactly 2^-6
    matrix = (groups.reshape(BLOCK_ROWS, DIMS) * step).astype(np.float32)
    index = Int4Index(rotate=False).extend(matrix)
    assert index.packed is not None and float(index.packed.residual.max()) == 0.0
    q = int4_scan._Queries.of(query[None, :])
    assert q.rounding[0] == 0.0
    exact = matrix.astype(np.float64) @ query.astype(np.float64)
    approx = int4_scan._scan(q.bf16, index.packed)[0]
    rounded_down = np.flatnonzero(exact - approx > 5 * int4_scan._MARGIN)
    assert len(rounded_down) >= 10
    for row in rounded_down[:10]:
        threshold = float(exact[row]) - 1e-6
        _, rows, _ = index.above(query[None, :], matrix, threshold)
        assert row in set(rows.tolist())


def test_the_pinned_torch_runs_the_int4_kernel() -> None:
    # The self-test turning the 4-bit index off would only show as skipped tests: with the torch
    # this project pins, the kernel is there and must pass it.
    import torch
    if not hasattr(torch.ops.aten, "_weight_int4pack_mm_for_cpu"):
        pytest.skip(f"torch {torch.__version__} has no int4 kernel")
    assert int4_scan.available()


@pytest.mark.parametrize("shape, density", [((1, 1000), 0.01), ((16, 777), 0.3), ((3, 50), 0.0), ((4, 9), 1.0),
                                            ((0, 12), 0.5)])
def test_nonzero_2d_is_numpys_nonzero(shape: tuple[int, int], density: float) -> None:
    mask = np.random.default_rng(1).random(shape) < density
    rows, cols = nonzero_2d(mask)
    expected_rows, expected_cols = np.nonzero(mask)
    assert rows.tolist() == expected_rows.tolist() and cols.tolist() == expected_cols.tolist()

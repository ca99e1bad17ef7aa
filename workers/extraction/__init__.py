"""Statement extraction and speaker attribution for news articles (plain functions)."""
from __future__ import annotations

from .model import load_nlp
from .names import speaker_key
from .pipeline import extract_statements
from .statement import ExtractedStatement

__all__ = ["ExtractedStatement", "extract_statements", "load_nlp", "speaker_key"]

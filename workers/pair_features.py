"""Features of a pair of statements by one speaker, for the same-claim scorer (workers/pair_model.py)."""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from workers.extraction.quotes import QUOTE_CHARS

STOPWORDS = frozenset("""a about above after again against all also am an and any are as at be because been before
being below between both but by can could did do does doing down during each few for from further had has have
having he her here hers herself him himself his how i if in into is it its itself just me more most my myself no
nor of off on once only or other our ours ourselves out over own same she should so some such than that the their
theirs them themselves then there these they this those through to too under until up very was we were what when
where which while who whom why will with would you your yours yourself yourselves said says say told going get got
one two people would could think know really very want like make made many much well us""".split())
NEGATIONS = frozenset({"not", "no", "never", "n't", "nobody", "nothing", "none", "neither", "nor", "without"})
WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
NUMBER = re.compile(r"\d+(?:[.,]\d+)?")
SENTENCE_END = re.compile(r"[.!?](?=[\s\"'”’)]|$)")

FEATURES = (
    "cosine",
    "cosine_above_080",
    "content_jaccard",
    "shared_content_log",
    "same_article",
    "paraphrase_then_quote",
    "quote_continuation",
    "number_mismatch",
    "negation_mismatch",
    "short_statement",
    "near_duplicate",
)


@dataclass(frozen=True)
class Side:
    """What the scorer needs to know about one statement."""

    id: str
    text: str
    kind: str
    article_id: str
    position: int
    start: int
    end: int


def content_words(text: str) -> set[str]:
    """Lower-cased content words (no stop words, at least three characters)."""
    return {w for w in WORD.findall(text.lower().replace("’", "'")) if len(w) > 2 and w not in STOPWORDS}


MAX_GAP_CHARS = 240


def content_jaccard(a: str, b: str) -> float:
    """Share of content words two texts have in common (Jaccard)."""
    wa, wb = content_words(a), content_words(b)
    return len(wa & wb) / len(wa | wb) if wa | wb else 0.0


def numbers_conflict(a: str, b: str) -> bool:
    """Both texts cite figures and none is shared: a different figure makes a different claim."""
    na, nb = set(NUMBER.findall(a)), set(NUMBER.findall(b))
    return bool(na) and bool(nb) and not na & nb


def tight_gap(gap: str) -> bool:
    """The text between two statements holds nothing but an attribution clause (at most one sentence end)."""
    return len(gap) <= MAX_GAP_CHARS and len(SENTENCE_END.findall(gap)) <= 1


def quote_continues(gap: str) -> bool:
    """The text between two sentences of one quote: a little white space, no quotation mark."""
    return len(gap) <= 4 and not any(ch in QUOTE_CHARS for ch in gap)


def _negated(text: str) -> bool:
    words = set(WORD.findall(text.lower().replace("’", "'")))
    return bool(words & NEGATIONS) or "n't" in text.lower().replace("’", "'")


def pair_features(a: Side, b: Side, cosine: float, article_text: str | None) -> np.ndarray:
    """The feature vector of a pair (`a` before `b`); `article_text` when both come from one article."""
    wa, wb = content_words(a.text), content_words(b.text)
    shared = wa & wb
    union = wa | wb
    same_article = a.article_id == b.article_id
    paraphrase_quote = quote_continuation = 0.0
    if same_article and article_text is not None and b.position == a.position + 1:
        gap = article_text[a.end : b.start]
        if tight_gap(gap) and (a.kind, b.kind) == ("reported", "direct"):
            paraphrase_quote = 1.0
        if (a.kind, b.kind) == ("direct", "direct") and quote_continues(gap):
            quote_continuation = 1.0
    return np.array([
        cosine,
        max(0.0, cosine - 0.8),
        len(shared) / len(union) if union else 0.0,
        float(np.log1p(len(shared))),
        float(same_article),
        paraphrase_quote,
        quote_continuation,
        float(numbers_conflict(a.text, b.text)),
        float(_negated(a.text) != _negated(b.text)),
        float(min(len(wa), len(wb)) < 4),
        float(cosine >= 0.97),
    ], dtype=np.float64)

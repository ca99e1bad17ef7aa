"""Same-claim matching: which of a speaker's statements say the same thing."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from workers.pair_features import content_jaccard, content_words, numbers_conflict, quote_continues, tight_gap
from workers.quantised_scan import FittedScan, nonzero_2d


def similar_pairs(
    new_ids: list[str],
    new_vectors: np.ndarray,
    known_ids: list[str],
    known_vectors: np.ndarray,
    threshold: float,
    index: FittedScan | None = None,
) -> list[tuple[str, str, float]]:
    """Pairs (new, known, cosine) at or above `threshold`; vectors must be unit-length; no self-pairs.

    `index`: a quantised index over `known_vectors` (workers/int4_scan.py, workers/int8_scan.py)
    for large speakers; the pairs are the same, found by scanning a quantised copy of their leading
    coordinates."""
    if not new_ids or not known_ids:
        return []
    if index is not None:
        rows, cols, found = index.above(new_vectors, known_vectors, threshold)
    else:
        scores = new_vectors @ known_vectors.T
        rows, cols = nonzero_2d(scores >= threshold)
        found = scores[rows, cols]
    pairs = []
    for r, c, score in zip(rows.tolist(), cols.tolist(), found.tolist(), strict=True):
        a, b = new_ids[r], known_ids[c]
        if a != b:
            pairs.append((a, b, float(score)))
    # each unordered pair once, even when both statements are new
    seen: set[frozenset[str]] = set()
    unique = []
    for a, b, s in pairs:
        key = frozenset((a, b))
        if key not in seen:
            seen.add(key)
            unique.append((a, b, s))
    return unique


MIN_SHARED_WORDS = 0.15
MIN_SHARED_WORDING = 0.25


def paraphrase_quote_pairs(
    text: str,
    statements: Sequence[tuple[str, int, int, str, str | None]],
    vectors: np.ndarray,
    min_similarity: float,
    link_score: float,
) -> list[tuple[str, str, float]]:
    """Links from the wire pattern "paraphrase, then the quote it summarises".

    `statements` are (id, start, end, kind, speaker id) in text order. A reported statement
    immediately followed by a direct quote of the same speaker, with nothing between them
    but the attribution clause (at most one sentence end), is the same claim when their
    similarity reaches `min_similarity` or they share at least MIN_SHARED_WORDS of their
    content words (Jaccard): much lower bars than the general threshold, because the quote
    says "we" and "you" where the paraphrase names countries and people. The paraphrase often
    sums up a quote of several sentences, so each later sentence of the same quote is linked
    to it as well when it restates the paraphrase in its words (`restates`; calibration/README.md,
    "Quote blocks"). Links are scored max(similarity, link_score), so that they count as matches.
    """
    pairs = []
    texts = [text[start:end] for _, start, end, _, _ in statements]
    for i in range(len(statements) - 1):
        a_id, _, a_end, a_kind, a_speaker = statements[i]
        b_id, b_start, _, b_kind, b_speaker = statements[i + 1]
        if a_speaker is None or a_speaker != b_speaker or (a_kind, b_kind) != ("reported", "direct"):
            continue
        if not tight_gap(text[a_end:b_start]):
            continue
        score = float(vectors[i] @ vectors[i + 1])
        if score >= min_similarity or content_jaccard(texts[i], texts[i + 1]) >= MIN_SHARED_WORDS:
            pairs.append((b_id, a_id, max(score, link_score)))
        for j in _quote_block(text, statements, i + 1)[1:]:
            if restates(texts[i], texts[j]):
                pairs.append((statements[j][0], a_id, max(float(vectors[i] @ vectors[j]), link_score)))
    return pairs


MIN_SHARED_WORDS_LATER = 0.20
MIN_SHARED_COUNT_LATER = 3


def restates(paraphrase: str, sentence: str) -> bool:
    """A later sentence of a quote says what the paraphrase before the quote says: at least
    MIN_SHARED_COUNT_LATER content words and MIN_SHARED_WORDS_LATER of them in common (one shared
    word between two short sentences is no evidence), and no conflicting figures."""
    wa, wb = content_words(paraphrase), content_words(sentence)
    shared = len(wa & wb)
    return (shared >= MIN_SHARED_COUNT_LATER and shared >= MIN_SHARED_WORDS_LATER * len(wa | wb)
            and not numbers_conflict(paraphrase, sentence))


def _quote_block(text: str, statements: Sequence[tuple[str, int, int, str, str | None]], first: int) -> list[int]:
    """Positions of the sentences of the quote that starts at `first`: direct statements of the same
    speaker separated by nothing but white space (no closing and reopening quotation mark)."""
    block = [first]
    while block[-1] + 1 < len(statements):
        _, _, end, _, speaker = statements[block[-1]]
        _, start, _, kind, next_speaker = statements[block[-1] + 1]
        if kind != "direct" or next_speaker != speaker or not quote_continues(text[end:start]):
            break
        block.append(block[-1] + 1)
    return block


def promote_shared_wording(
    pairs: list[tuple[str, str, float]],
    texts: dict[str, str],
    min_similarity: float,
    link_score: float,
) -> list[tuple[str, str, float]]:
    """Score as matches the pairs below the match threshold that still say it in the same words.

    A pair with similarity >= `min_similarity`, at least MIN_SHARED_WORDING of its content words
    in common and no conflicting numbers (a different figure is a different claim) is scored
    max(similarity, link_score). Measured on the labelled pairs in calibration/: this doubles
    recall at a small cost in precision (calibration/README.md).
    """
    out = []
    for a, b, score in pairs:
        ta, tb = texts.get(a, ""), texts.get(b, "")
        if (min_similarity <= score < link_score and ta and tb
                and content_jaccard(ta, tb) >= MIN_SHARED_WORDING and not numbers_conflict(ta, tb)):
            score = link_score
        out.append((a, b, score))
    return out

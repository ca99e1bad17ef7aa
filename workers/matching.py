"""Same-claim matching: which of a speaker's statements say the same thing."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from workers.pair_features import content_jaccard, numbers_conflict, tight_gap


def similar_pairs(
    new_ids: list[str],
    new_vectors: np.ndarray,
    known_ids: list[str],
    known_vectors: np.ndarray,
    threshold: float,
) -> list[tuple[str, str, float]]:
    """Pairs (new, known, cosine) at or above `threshold`; vectors must be unit-length; no self-pairs."""
    if not new_ids or not known_ids:
        return []
    scores = new_vectors @ known_vectors.T
    pairs = []
    rows, cols = np.nonzero(scores >= threshold)
    for r, c in zip(rows.tolist(), cols.tolist(), strict=True):
        a, b = new_ids[r], known_ids[c]
        if a != b:
            pairs.append((a, b, float(scores[r, c])))
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
    says "we" and "you" where the paraphrase names countries and people. Such a link is
    scored max(similarity, link_score), so that it counts as a match.
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
    return pairs


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

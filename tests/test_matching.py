"""Matching functions on hand-made vectors (no Redis, no model)."""

from __future__ import annotations

import numpy as np

from workers.matching import paraphrase_quote_pairs, similar_pairs


def unit(*xs: float) -> np.ndarray:
    v = np.array(xs, dtype=np.float32)
    return v / np.linalg.norm(v)


def test_similar_pairs_thresholds_and_skips_self_and_duplicates() -> None:
    new = np.vstack([unit(1, 0, 0), unit(0, 1, 0)])
    known = np.vstack([unit(1, 0, 0), unit(1, 0.1, 0), unit(0, 0, 1), unit(0, 1, 0)])
    pairs = similar_pairs(["n1", "n2"], new, ["n1", "k1", "k2", "n2"], known, threshold=0.9)
    assert sorted((a, b) for a, b, _ in pairs) == [("n1", "k1")]
    assert all(s >= 0.9 for _, _, s in pairs)


def test_similar_pairs_reports_each_pair_between_new_statements_once() -> None:
    v = np.vstack([unit(1, 0), unit(1, 0.05)])
    pairs = similar_pairs(["a", "b"], v, ["a", "b"], v, threshold=0.5)
    assert len(pairs) == 1


TEXT = (
    'Taxes will fall next year, Finance Minister Ada Brun said.\n'
    '"We are cutting levies in January," Brun said.\n'
    'Brun visited a factory.\n'
    '"The factory is a model," she said.'
)


def spans() -> list[tuple[str, int, int, str, str | None]]:
    def at(s: str) -> tuple[int, int]:
        start = TEXT.index(s)
        return start, start + len(s)

    return [
        ("s0", *at("Taxes will fall next year"), "reported", "p1"),
        ("s1", *at("We are cutting levies in January"), "direct", "p1"),
        ("s2", *at("The factory is a model"), "direct", "p1"),
    ]


def test_paraphrase_then_quote_is_linked() -> None:
    vectors = np.vstack([unit(1, 0.6), unit(0.6, 1), unit(1, 0.6)])
    assert [(a, b) for a, b, _ in paraphrase_quote_pairs(TEXT, spans(), vectors, 0.3, 0.85)] == [("s1", "s0")]


def test_no_link_when_narration_separates_or_similarity_is_too_low() -> None:
    vectors = np.vstack([unit(1, 0), unit(0, 1), unit(1, 0)])
    assert paraphrase_quote_pairs(TEXT, spans(), vectors, 0.3, 0.85) == []  # s0/s1 orthogonal; s1/s2 narration between


def test_no_link_across_speakers() -> None:
    rows = spans()
    rows[1] = (*rows[1][:4], "p2")
    vectors = np.vstack([unit(1, 0.6), unit(0.6, 1), unit(1, 0.6)])
    assert paraphrase_quote_pairs(TEXT, rows, vectors, 0.3, 0.85) == []


def test_shared_content_words_link_a_quote_with_low_similarity() -> None:
    text = 'Ferry fares will rise in March, Ada Brun said.\n"The ferry fares rise in March," she said.'
    quote = text.index("The ferry")
    rows = [("s0", 0, 30, "reported", "p1"), ("s1", quote, text.index(" in March,\""), "direct", "p1")]
    vectors = np.vstack([unit(1, 0), unit(0, 1)])  # orthogonal: only the shared words can link them
    assert [(a, b) for a, b, _ in paraphrase_quote_pairs(text, rows, vectors, 0.5, 0.85)] == [("s1", "s0")]


def test_shared_wording_promotes_a_similar_pair_unless_numbers_differ() -> None:
    from workers.matching import promote_shared_wording

    texts = {
        "a": "Harbour dues for foreign trawlers will double from April",
        "b": "foreign trawlers face double harbour dues from April",
        "c": "Harbour dues for foreign trawlers rise 20 percent",
        "d": "Harbour dues for foreign trawlers rise 30 percent",
        "e": "The minister visited the new lighthouse",
    }
    pairs = [("a", "b", 0.8), ("c", "d", 0.8), ("a", "e", 0.8), ("a", "b", 0.7)]
    out = promote_shared_wording(pairs, texts, min_similarity=0.75, link_score=0.85)
    assert [s for _, _, s in out] == [0.85, 0.8, 0.8, 0.7]  # different figures, other words, too dissimilar


BLOCK = (
    'Ferry fares to the islands will double next spring, Transport Minister Ada Brun said on Monday.\n'
    '"The timetable stays as it is. Fares to the islands double in the spring, and nobody likes it. '
    'Fares on the mainland rise 5%," Brun said.\n'
    '"The new harbour opens in May," she said.'
)


def block_rows(text: str = BLOCK) -> list[tuple[str, int, int, str, str | None]]:
    def at(s: str, kind: str, sid: str) -> tuple[str, int, int, str, str | None]:
        start = text.index(s)
        return sid, start, start + len(s), kind, "p1"

    return [
        at(text[: text.index(", Transport")], "reported", "s0"),
        at("The timetable stays as it is.", "direct", "s1"),
        at(text[text.index("Fares to the islands"): text.index("nobody likes it.") + 16], "direct", "s2"),
        at("Fares on the mainland rise 5%,", "direct", "s3"),
        at("The new harbour opens in May,", "direct", "s4"),
    ]


def test_a_later_sentence_of_the_quote_is_linked_to_the_paraphrase_by_its_words() -> None:
    vectors = np.vstack([unit(1, 0, 0), unit(0, 1, 0), unit(0, 0, 1), unit(0, 0, 1), unit(0, 0, 1)])
    # s1 shares no words and is orthogonal: not linked. s2 restates the paraphrase: linked although
    # orthogonal. s3 shares few words and another figure. s4 is a new quote: outside the block.
    pairs = paraphrase_quote_pairs(BLOCK, block_rows(), vectors, 0.5, 0.85)
    assert [(a, b) for a, b, _ in pairs] == [("s2", "s0")]
    assert pairs[0][2] == 0.85


def test_a_later_sentence_with_a_conflicting_figure_is_not_linked() -> None:
    text = BLOCK.replace("next spring", "by 40% next spring").replace("in the spring, and", "by 30% in the spring, and")
    vectors = np.vstack([unit(1, 0, 0), unit(0, 1, 0), unit(0, 0, 1), unit(0, 0, 1), unit(0, 0, 1)])
    assert paraphrase_quote_pairs(text, block_rows(text), vectors, 0.5, 0.85) == []


def test_a_new_quotation_mark_of_any_kind_ends_the_quote_block() -> None:
    from workers.pair_features import quote_continues

    assert quote_continues(" ")
    for gap in ('" "', "” “", "» «", " „"):
        assert not quote_continues(gap), gap

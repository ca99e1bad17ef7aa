"""Repairs to the parse where the small English model is reliably wrong in a way that loses a speaker."""
from __future__ import annotations

from collections.abc import Container

from spacy.tokens import Doc, Token

from .lexicon import FINITE_TAGS

# A modal takes a bare verb ('will write'); before a past or third-person form ('Will wrote',
# 'May says') a capitalised modal can only be a name (the columnist George Will, Theresa May).
_FINITE = frozenset({"VBD", "VBZ", "VBN"})
_SUBJECTS = frozenset({"nsubj", "nsubjpass", "expl", "csubj"})


def _capitalised(word: str) -> bool:
    """'Will', 'Jolly': a capital, then lower case only."""
    return word[:1].isupper() and word[1:].islower()


def _name_read_as_modal(tok: Token) -> bool:
    head = tok.head
    return (tok.tag_ == "MD" and tok.dep_ == "aux" and _capitalised(tok.text)
            and head.i == tok.i + 1 and head.tag_ in _FINITE
            and not any(c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass") and c != tok and c.i > tok.i
                        for c in head.children))


def _name_read_as_modifier(tok: Token, caps: Container[str]) -> bool:
    """'Jolly said ...', 'Early called it ...': a capitalised word right before a finite verb that has
    no subject, and which the article writes capitalised mid-sentence too (Rep. David Jolly), is the
    verb's subject, not an adverb or adjective."""
    head = tok.head
    return (head.i == tok.i + 1 and head.tag_ in FINITE_TAGS and tok.pos_ in ("ADV", "ADJ", "NOUN", "VERB")
            and _capitalised(tok.text) and tok.text in caps
            and not any(c.dep_ in _SUBJECTS and c != tok for c in head.children))


def repair(doc: Doc, caps: Container[str] = frozenset()) -> Doc:
    """Give a name the parser took for a modal or a modifier its place as the verb's subject:
    'Will wrote' (and 'George Will reignited', where 'George' was the subject), 'Jolly said'.
    `caps`: the words the article writes capitalised in mid-sentence."""
    for tok in doc:
        if _name_read_as_modal(tok):
            head = tok.head
            first = tok.doc[tok.i - 1] if tok.i > 0 else None
            tok.tag_, tok.pos_, tok.dep_ = "NNP", "PROPN", "nsubj"
            if first is not None and first.pos_ == "PROPN" and first.head == head and first.dep_ == "nsubj":
                first.dep_ = "compound"
                first.head = tok
        elif _name_read_as_modifier(tok, caps):
            tok.tag_, tok.pos_, tok.dep_ = "NNP", "PROPN", "nsubj"
    return doc

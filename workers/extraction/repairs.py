"""Repairs to the parse where the small English model is reliably wrong in a way that loses a speaker."""
from __future__ import annotations

from spacy.tokens import Doc, Token

# A modal takes a bare verb ('will write'); before a past or third-person form ('Will wrote',
# 'May says') a capitalised modal can only be a name (the columnist George Will, Theresa May).
_FINITE = frozenset({"VBD", "VBZ", "VBN"})


def _name_read_as_modal(tok: Token) -> bool:
    head = tok.head
    return (tok.tag_ == "MD" and tok.dep_ == "aux" and tok.text[:1].isupper() and tok.text[1:].islower()
            and head.i == tok.i + 1 and head.tag_ in _FINITE
            and not any(c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass") and c != tok and c.i > tok.i
                        for c in head.children))


def repair(doc: Doc) -> Doc:
    """Give a surname the parser took for a modal its place as the verb's subject: 'Will wrote'
    (and 'George Will reignited', where 'George' was the subject) becomes a proper-noun subject."""
    for tok in doc:
        if not _name_read_as_modal(tok):
            continue
        head = tok.head
        first = tok.doc[tok.i - 1] if tok.i > 0 else None
        tok.tag_, tok.pos_, tok.dep_ = "NNP", "PROPN", "nsubj"
        if first is not None and first.pos_ == "PROPN" and first.head == head and first.dep_ == "nsubj":
            first.dep_ = "compound"
            first.head = tok
    return doc

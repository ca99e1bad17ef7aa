"""How an article describes a source it does not name: 'police officials', 'a Western diplomat'.

Such a statement has no speaker (GUIDELINES: anonymous sources are not guessed), but a
fact-checker still wants to see whom the article credits, so the description is kept as
written. It never joins a speaker's history and is never matched.
"""
from __future__ import annotations

import re

from spacy.tokens import Token

from .lexicon import PRONOUNS_NOT_SPEAKERS, PRONOUNS_ORG, PRONOUNS_PERSON, RELATIVE

# words that describe nobody on their own ('Some said', 'Those surveyed said', 'Many argue')
_EMPTY = PRONOUNS_NOT_SPEAKERS | PRONOUNS_ORG | PRONOUNS_PERSON | RELATIVE | frozenset({
    "the", "a", "an", "this", "these", "those", "some", "many", "most", "more", "others", "other",
    "another", "all", "both", "each", "either", "neither", "few", "several", "any", "none", "such",
    "his", "her", "its", "their", "our", "my", "your", "what", "whoever", "everything", "something",
    "nothing", "anything", "here", "there", "also", "even", "still", "only", "just", "then", "of"})
_MAX_WORDS = 12
_MAX_CHARS = 120  # the longest name a speaker may have
_EDGES = " \t\n,.;:-—–\"“”‘’'«»()[]"
# what follows a subject's head but is no part of what it is called: a relative clause ('officials
# who asked not to be named'), an apposition, a clause or adverb of the sentence
_NOT_PART = frozenset({"relcl", "appos", "advcl", "parataxis", "advmod", "npadvmod", "punct", "mark"})


def described(head: Token) -> str:
    """The words that call the subject headed by `head` what it is, as written: its left part, the
    head, and what qualifies it on the right ('Residents of the harbour district', 'a source familiar
    with the talks', 'Many of the protesters'), without relative clauses or appositions."""
    doc = head.doc
    kept = {t.i for t in head.subtree} - {t.i for c in head.children if c.dep_ in _NOT_PART for t in c.subtree}
    start = end = head.i  # the run of kept words around the head, up to a comma or dash on the right
    while start - 1 in kept:
        start -= 1
    while end + 1 in kept and not doc[end + 1].is_punct:
        end += 1
    return doc[start:end + 1].text


def describe(phrase: str) -> str | None:
    """The phrase as a description of who spoke, trimmed of punctuation and spacing; None where it
    describes nobody ('some', 'those', 'who'), is a pronoun, or runs too long to be a description."""
    text = re.sub(r"\s+", " ", phrase).strip(_EDGES)
    words = re.findall(r"[^\W_]+(?:['’][^\W_]+)*", text)
    if not words or len(words) > _MAX_WORDS or len(text) > _MAX_CHARS:
        return None
    if all(w.lower() in _EMPTY for w in words):
        return None
    return text

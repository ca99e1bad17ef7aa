"""How an article describes a source it does not name: 'police officials', 'a Western diplomat'.

Such a statement has no speaker (GUIDELINES: anonymous sources are not guessed), but a
fact-checker still wants to see whom the article credits, so the description is kept as
written. It never joins a speaker's history and is never matched.
"""
from __future__ import annotations

import re

from spacy.tokens import Token

from .lexicon import PRONOUNS_NOT_SPEAKERS, PRONOUNS_ORG, PRONOUNS_PERSON, RELATIVE
from .statement import MAX_SPEAKER_NAME_CHARS

# words that describe nobody on their own ('Some said', 'Half said', 'The rest said', 'whom')
_EMPTY = PRONOUNS_NOT_SPEAKERS | PRONOUNS_ORG | PRONOUNS_PERSON | RELATIVE | frozenset("""
the a an this these those some many most more others other another all both each either neither few
several any none such his her its their our my your what whom whose whoever everything something nothing
anything here there also even still only just then of half majority minority rest third quarter dozen
dozens hundreds thousands millions two three four five six seven eight nine ten eleven twelve""".split())
# what an article may say something is 'according to' that is no source ('According to tradition, ...')
_NO_SOURCE = frozenset("""tradition traditions legend legends custom customs folklore myth lore rumour rumours
rumor rumors timetable schedule law laws rule rules constitution""".split())
_FIRST_PERSON = frozenset({"we", "us", "i", "me", "you"})  # 'We residents have said' is the writer
_MAX_WORDS = 16
# what ends the words that call a subject what it is, on the right ('Officials at the ministry, who ...')
_STOPS = frozenset({",", ";", ":", "(", ")", "[", "]", "—", "–", "--"})
# what follows a subject's head but is no part of what it is called: a relative clause ('officials
# who asked not to be named'), an apposition, a clause or adverb of the sentence
_NOT_PART = frozenset({"relcl", "appos", "advcl", "parataxis", "advmod", "npadvmod", "mark"})


def described(head: Token) -> str:
    """The words that call the subject headed by `head` what it is, as written: its left part, the
    head, and what qualifies it on the right ('Residents of the harbour district', 'a source familiar
    with the talks', 'Staff at the Dunmore-based charity'), without relative clauses or appositions."""
    doc = head.doc
    kept = {t.i for t in head.subtree} - {t.i for c in head.children if c.dep_ in _NOT_PART for t in c.subtree}
    start = end = head.i  # the run of kept words around the head, up to a comma or bracket on the right
    while start - 1 in kept:
        start -= 1
    while end + 1 in kept and not _stops(doc[end + 1]):
        end += 1
    while end > head.i and doc[end].dep_ == "cc":  # ('31% of Republicans and', the rest read as an apposition)
        end -= 1
    return doc[start:end + 1].text


def _stops(token: Token) -> bool:
    """A comma, bracket or dash between words, not a hyphen inside one ('state-owned')."""
    if token.text == "-":
        return bool(token.whitespace_) or (token.i > 0 and bool(token.doc[token.i - 1].whitespace_))
    return token.text in _STOPS


def describe(phrase: str) -> str | None:
    """The phrase as a description of who spoke, trimmed of punctuation and spacing; None where it
    describes nobody ('some', 'those', 'who'), is the writer ('we residents'), is no source ('according
    to tradition'), or runs too long to be a description."""
    text = re.sub(r"\s+", " ", phrase).strip(" ,;:-—–([")
    text = re.sub(r"['’]s$", "", text).rstrip(" ,;:-—–")  # 'The company's said'
    text = _without_unbalanced_close(text.lstrip(")]”’»"))
    words = re.findall(r"[^\W_]+(?:['’][^\W_]+)*", text)
    if not words or len(words) > _MAX_WORDS or len(text) > MAX_SPEAKER_NAME_CHARS:
        return None
    lower = [w.lower() for w in words]
    if lower[0] in _FIRST_PERSON or all(w in _EMPTY or w.isdigit() for w in lower) or (
            len(lower) <= 2 and lower[-1] in _NO_SOURCE):  # ('the law', not 'the NFL legend')
        return None
    return text


def _without_unbalanced_close(text: str) -> str:
    """Without a closing quote mark or bracket at the end that nothing opened ('the ministry"')."""
    for opening, closing in (("“", "”"), ("‘", "’"), ("«", "»"), ("(", ")"), ("[", "]")):
        if text.endswith(closing) and text.count(closing) > text.count(opening):
            return text[:-1].rstrip()
    for mark in ('"', "'"):
        if text.endswith(mark) and text.count(mark) % 2 == 1:
            return text[:-1].rstrip()
    return text

"""Repairs to the parse where the small English model is reliably wrong in a way that loses a speaker."""
from __future__ import annotations

from collections.abc import Container

from spacy.tokens import Doc, Span, Token

from .lexicon import FINITE_TAGS, SUBJECT_DEPS
from .speakers import ORG_NAME_WORDS, office_holder

# A modal takes a bare verb ('will write'); before a past or third-person form ('Will wrote',
# 'May says') a capitalised modal can only be a name (the columnist George Will, Theresa May).
_FINITE = frozenset({"VBD", "VBZ", "VBN"})


def _capitalised(word: str) -> bool:
    """'Will', 'Jolly': a capital, then lower case only."""
    return word[:1].isupper() and word[1:].islower()


def _written_as_name(tok: Token, caps: Container[str]) -> bool:
    """Capitalised here, and capitalised mid-sentence somewhere in the article (`caps`)."""
    return _capitalised(tok.text) and tok.text in caps


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
            and _written_as_name(tok, caps)
            and not any(c.dep_ in SUBJECT_DEPS and c != tok for c in head.children))


def _name_read_as_verb(tok: Token, caps: Container[str]) -> bool:
    """'Trump further summed up ...' tagged 'Trump' a base verb, 'Crump ...' a common noun, 'Sanders,
    meanwhile, ... said' a plural one: a verb form is no subject (a gerund is: 'Voting is ...'), and a
    capitalised subject that the article also writes capitalised mid-sentence is a name."""
    return (tok.dep_ in ("nsubj", "nsubjpass") and tok.tag_ in ("VB", "VBP", "VBD", "VBN", "NN", "NNS")
            and _written_as_name(tok, caps))


def _subject_behind_preposition(tok: Token) -> Token | None:
    """'Of Vance, Greer, who has given money to Rita Vance, said ...': the parse took 'Of' for the
    subject. A preposition is no subject; the name set off by a comma after its first noun is."""
    if tok.tag_ != "IN" or tok.dep_ not in ("nsubj", "nsubjpass"):
        return None
    obj = next((c for c in tok.children if c.dep_ == "pobj"), None)
    if obj is None:
        return None
    # 'Greer' is the object ('Vance' modifying it), or an apposition to it or a conjunct of it
    names = [obj] + [c for c in obj.children if c.dep_ in ("appos", "conj") and c.i > obj.i]
    return next((c for c in names if c.pos_ == "PROPN" and c.i > tok.i + 1 and tok.doc[c.i - 1].text == ","), None)


def _split_office_holders(doc: Doc) -> None:
    """'Deputy Chairman of the Russian Security Council Dmitry Kostrov', 'Speaker of the House Gerald
    Pomeroy': the tagger makes one organisation (or one person) of the body and its officer. The officer
    is a person of their own; the body keeps the label organisation where its name ends like one."""
    ents = list(doc.ents)
    changed = False
    for tok in doc:
        held = office_holder(tok)
        if not held:
            continue
        start, end = held[0].i, held[-1].i + 1
        if any(e.start == start and e.end == end and e.label_ == "PERSON" for e in ents):
            continue
        around = [e for e in ents if e.start < end and e.end > start]
        ents = [e for e in ents if e not in around]
        body = [e for e in around if e.start < start]
        if body and doc[start - 1].lower_ in ORG_NAME_WORDS:
            ents.append(Span(doc, body[0].start, start, label=body[0].label_ if body[0].label_ != "PERSON" else "ORG"))
        ents.append(Span(doc, start, end, label="PERSON"))
        changed = True
    if changed:
        doc.set_ents(sorted(ents, key=lambda e: e.start))


def _hyphenated_name_ends(doc: Doc) -> None:
    """'President Moon Jae-in said': the tokenizer splits 'Jae-in' and the tagger reads 'in' as a common
    noun heading the subject, outside the person's name. A short word in lower case glued by a hyphen to
    the end of a person's name, heading the phrase, ends the name (not 'Kremlin-backed', 'Obama-era':
    no person's name, or a word that heads nothing)."""
    ents = list(doc.ents)
    changed = False
    for k, e in enumerate(ents):
        end = e.end
        if len(e) >= 3 and e.label_ != "PERSON" and _korean_given_name(e[-3:]):
            # 'opposition lawmaker Han Seo-yeon': the tagger took the whole name for a place or a body
            e[-1].tag_, e[-1].pos_ = "NNP", "PROPN"
            ents[k] = Span(doc, e.start, end, label="PERSON")
            changed = True
            continue
        if (e.label_ != "PERSON" or end + 1 >= len(doc) or doc[end].tag_ != "HYPH" or doc[end].whitespace_
                or doc[end - 1].whitespace_):
            continue
        tail = doc[end + 1]
        if (tail.is_alpha and tail.is_lower and len(tail.text) <= 4 and tail.dep_ in _HEADS
                and doc[end - 1].head == tail and (k + 1 == len(ents) or ents[k + 1].start > end + 1)):
            tail.tag_, tail.pos_ = "NNP", "PROPN"
            ents[k] = Span(doc, e.start, end + 2, label="PERSON")
            changed = True
    if changed:
        doc.set_ents(ents)


def _korean_given_name(toks: Span) -> bool:
    """'Seo-yeon', 'Jae-in': a capitalised syllable, a hyphen with no space about it, and a short word in
    lower case that heads the phrase."""
    first, hyphen, tail = toks
    return (first.is_title and first.is_alpha and len(first.text) <= 5 and hyphen.tag_ == "HYPH"
            and not first.whitespace_ and not hyphen.whitespace_ and tail.is_alpha and tail.is_lower
            and len(tail.text) <= 4 and tail.dep_ in _HEADS)


def _join_split_bodies(doc: Doc) -> None:
    """'The Central Agency for' | 'Statistics': the tagger may end a body's name at its preposition and
    start another there. An organisation that ends in 'for', 'of', 'on' or 'and', right before another,
    is one name with it."""
    ents = list(doc.ents)
    joined: list[Span] = []
    for e in ents:
        prev = joined[-1] if joined else None
        if (prev is not None and prev.label_ == e.label_ == "ORG" and prev.end == e.start
                and doc[prev.end - 1].lower_ in ("for", "of", "on", "and", "&")):
            joined[-1] = Span(doc, prev.start, e.end, label="ORG")
        else:
            joined.append(e)
    if len(joined) != len(ents):
        doc.set_ents(joined)


# where the head of a speaker's noun phrase stands
_HEADS = frozenset({"nsubj", "nsubjpass", "appos", "pobj", "dobj", "conj", "ROOT"})


def repair(doc: Doc, caps: Container[str] = frozenset()) -> Doc:
    """Give a name the parser took for a modal or a modifier its place as the verb's subject:
    'Will wrote' (and 'George Will reignited', where 'George' was the subject), 'Jolly said', 'Trump
    summed up' (tagged a verb); a name behind a preposition the parse took for the subject; and a
    hyphenated name's end read as a common noun ('Moon Jae-in'); and a body's name split at its
    preposition ('The Central Agency for' | 'Statistics').
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
        elif _name_read_as_verb(tok, caps):  # already a subject: active or passive ('Landers was told'), as parsed
            tok.tag_, tok.pos_ = "NNP", "PROPN"
        elif (name := _subject_behind_preposition(tok)) is not None:
            name.dep_, name.head = tok.dep_, tok.head
            tok.dep_ = "prep"
    _split_office_holders(doc)
    _hyphenated_name_ends(doc)
    _join_split_bodies(doc)
    return doc

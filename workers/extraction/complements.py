"""Cues whose content is an object, not a clause ('called X a Y', 'urged X to', 'accused X of'), and nouns
of saying with an owner ("Quell's claim that ...")."""
from __future__ import annotations

from spacy.tokens import Doc, Token

from .attribution import Attribution, Reported, attribution_of, negated, withheld
from .cues import span_of
from .lexicon import (
    DASHES,
    OBJECT_CUES,
    OBJECT_FORMS,
    POSSESSIVE_PRONOUNS,
    POSSESSIVES_NOT_SPEAKERS,
)
from .roles import PERSON_NOUNS
from .speakers import ORG_HEADS, WORKS, Subject, subject_from_token

# 'called X a Y' needs the second complement: 'called him' alone is a phone call
_NEEDS_PREDICATE = frozenset({"call"})
_OBJECTS = frozenset({"dobj", "dative", "oprd", "xcomp", "ccomp", "attr", "acomp"})
_TIME_ENTS = frozenset({"DATE", "TIME"})


def _is_cue(tok: Token) -> str | None:
    base = OBJECT_FORMS.get(tok.lower_)
    if base is None or not tok.tag_.startswith("VB"):
        return None
    if tok.dep_ in ("acl", "amod", "auxpass") or negated(tok) or any(c.dep_ == "auxpass" for c in tok.children):
        return None  # 'a group called X', 'was criticized', 'did not mention', 'rarely confirms'
    if withheld(tok):
        return None  # 'refused to call the closure "a mistake"'
    if base == "attack" and not _may_speak(tok):
        return None  # 'a dog that attacked a postman', 'gunmen attacked a convoy': no words
    return base


def _may_speak(v: Token) -> bool:
    """Whether a verb's subject (a relative's antecedent) is one that speaks: a name, a pronoun, a person's
    or a body's noun."""
    subject = next((c for c in v.children if c.dep_ == "nsubj"), None)
    if subject is not None and subject.lower_ in ("that", "which", "who") and v.dep_ == "relcl":
        subject = v.head
    if subject is None:
        return True
    return subject.pos_ in ("PROPN", "PRON") or subject.ent_type_ in ("PERSON", "ORG", "NORP", "GPE") or (
        subject.lower_ in PERSON_NOUNS or subject.lower_.rstrip("s") in PERSON_NOUNS
        or subject.lower_ in ORG_HEADS or subject.lower_ in WORKS)


def _has_quote(tok: Token) -> bool:
    return any(t.text in ('"', "“", "”", "''") for t in tok.subtree)


def _complements(tok: Token, base: str) -> list[Token]:
    """The verb's right-hand children that carry what was said."""
    preps = OBJECT_CUES[base]
    out: list[Token] = []
    for c in tok.rights:
        if c.dep_ in _OBJECTS and not (c.ent_type_ in _TIME_ENTS and c.dep_ == "dobj"):
            out.append(c)
        elif c.dep_ in ("prep", "advcl") and c.lower_ in preps and c.lower_:
            # ('described the plan as unworkable': the adjective may hang from 'as' as a modifier)
            objs = [g for g in c.children if g.dep_ in ("pobj", "pcomp", "nsubj")
                    or (c.lower_ == "as" and g.dep_ in ("amod", "acomp") and g.i > c.i and _closes_soon(c, g))]
            if objs and not all(g.ent_type_ in _TIME_ENTS for g in objs):
                out.append(c)
        elif c.dep_ == "advcl" and any(g.dep_ == "mark" and g.lower_ in preps for g in c.children):
            out.append(c)  # 'called for Republicans to unite' parsed as a clause
        elif (c.dep_ == "advcl" and c.left_edge.lower_ == "as" and c.left_edge.lower_ in preps
              and c.left_edge.dep_ == "advmod" and c.pos_ in ("ADJ", "VERB") and c.tag_ in ("JJ", "VBN")):
            out.append(c)  # 'described the team as highly accomplished': 'as' read as an adverb
    if base in _NEEDS_PREDICATE and not any(c.dep_ != "dobj" or _has_quote(c) for c in out):
        quoted = _quoted_predicate(out)
        if quoted is None:
            return []
        out.append(quoted)
    if base == "ask" and not any(c.dep_ == "xcomp" for c in out):
        return []  # a request ('asked the court to intervene'), not a question
    if any(_event_object(base, c) for c in out):
        return []
    if "" not in preps and not any(c.dep_ in ("prep", "advcl") for c in out):
        return []
    return out


_OPENING_QUOTES = frozenset({'"', "“", "``", "''"})
_CLOSING_QUOTES = frozenset({'"', "”", "''"})
_QUOTE_MARKS = _OPENING_QUOTES | _CLOSING_QUOTES


def _closes_soon(prep: Token, adjective: Token) -> bool:
    """Whether an adjective after 'as' is the predicate itself ('as unworkable', 'as "absurd."'), not a
    word inside a longer quotation the parse hung there ('as, "a little desperate there, ... I think
    that hurt him."'): a quotation opened between them closes within a word or two after it."""
    doc = prep.doc
    if not any(t.text in _QUOTE_MARKS for t in doc[prep.i + 1: adjective.i]):
        return True
    after = doc[adjective.i + 1: adjective.i + 4]
    close = next((t.i for t in after if t.text in _QUOTE_MARKS), None)
    return close is not None and all(t.is_punct for t in doc[adjective.i + 1: close])


def _quoted_predicate(out: list[Token]) -> Token | None:
    """'called that "beyond preposterous."', 'called Florida's standards "strong."': what the parse
    does not make the second complement, a quotation right after the object: its last word."""
    if len(out) != 1 or out[0].dep_ != "dobj":
        return None
    doc, after = out[0].doc, out[0].right_edge.i + 1
    if after >= len(doc) or doc[after].text not in _OPENING_QUOTES:
        return None
    for t in doc[after + 1: min(len(doc), after + 12)]:
        if t.text in _CLOSING_QUOTES:
            words = [w for w in doc[after + 1: t.i] if not w.is_punct]
            return words[-1] if words and _says_what(words, doc[t.i - 1]) else None
        if t.sent != doc[after].sent:
            break
    return None


# prepositions that open a judgement ('"beyond preposterous"', '"above the law"', '"out of touch"'), not
# a time, a place or a manner of calling ('"from prison"', '"in tears"', '"within minutes"')
_JUDGING_PREPOSITIONS = frozenset({"beyond", "above", "below", "against", "beneath", "under", "out", "off", "outside"})


def _says_what(words: list[Token], last: Token) -> bool:
    """Whether a quotation after the object of 'called' is what the object was called: not a time or
    a count ('"every day"', '"twice"', '"dozens of times"'), a place or manner ('"from a payphone"'),
    an adverb ('"together"', '"repeatedly"') or a name ('"Operation Nightjar"', '"Aurora"')."""
    first = words[0]
    if first.pos_ == "ADP" and first.lower_ not in _JUDGING_PREPOSITIONS:
        return False
    if any(w.ent_type_ in ("DATE", "TIME", "CARDINAL", "ORDINAL") for w in words):
        return False
    if len(words) == 1 and first.pos_ == "ADV":
        return False
    return not (all(w.text[:1].isupper() for w in words if w.is_alpha) and last.text not in (".", "!", "?"))


_PLACE_NOUNS = frozenset({"town", "city", "village", "base", "camp", "compound", "embassy", "consulate", "convoy",
                          "port", "airport", "bridge", "border", "region", "area", "district",
                          "building", "school", "hospital", "station", "ship", "vessel", "patrol", "checkpoint"})


def _event_object(base: str, c: Token) -> bool:
    """Whether a cue's object makes it an act: 'attacked the town of Kesk', 'denied the visitors an
    equaliser' (two objects). (A pledge of money is a promise, and promises are checked.)"""
    if base == "attack" and c.dep_ == "dobj":
        return c.lower_ in _PLACE_NOUNS  # ('attacked Norland for ...' is criticism)
    if base == "deny":
        return c.dep_ == "dative" or (c.dep_ == "dobj" and any(g.dep_ == "dobj" for g in c.head.children if g != c))
    return False


def _cut_trailing(toks: list[Token]) -> list[Token]:
    """Stop before ', which ...', ', saying ...' and markup."""
    for k, t in enumerate(toks):
        if t.text in ("<", "=", ">"):
            return toks[:k]
        nxt = toks[k + 1] if k + 1 < len(toks) else None
        if k and t.text in (",", "—", "--", ";") and nxt is not None and (
                nxt.tag_ in ("WDT", "WP", "VBG") or nxt.dep_ in ("relcl", "advcl")):
            return toks[:k]
    return toks


# prepositions whose phrase after a cue's object says more of what was said ('criticised the plan against
# the advice of ...', 'warned the board about ...'); others more often tell when, where, how or in what it
# was said ('in a memo', 'in front of reporters', 'amid protests', 'for the second time', 'through his lawyer')
_CONTENT_PREPS = frozenset({"against", "about", "of", "toward", "towards", "into"})
_IN_WHAT_OF = frozenset({"support", "favor", "favour", "defence", "defense"})  # 'in support of the shelter'
# a person at a stage of life: 'recalled the storm as a child' is when, not what
_LIFE_STAGES = frozenset({"child", "boy", "girl", "kid", "teenager", "teen", "youngster", "youth", "baby",
                          "toddler", "schoolboy", "schoolgirl", "student", "undergraduate", "cadet", "recruit"})
_PERSON_WORDS = PERSON_NOUNS | _LIFE_STAGES | frozenset({"soldier", "officer", "member", "person"})


def _a_person(tok: Token) -> bool:
    return tok.pos_ in ("PROPN", "PRON") or tok.ent_type_ == "PERSON" or tok.lower_ in _PERSON_WORDS


def _says_more(prep: Token, obj: Token) -> bool:
    """Whether a phrase the parse hung from a cue right after its object is more of what was said:
    'praised the plan as a model', 'praised Ostby as a reformer', 'recalled her generosity in support
    of the shelter', 'warned the board about the risks'. Not an 'as' phrase that says who or what age
    the speaker was ('recalled the storm as a child', 'recalled the war as a former soldier',
    'questioned the witness as a young prosecutor'), nor a phrase of time, place, manner or medium."""
    noun = next((g for g in prep.children if g.dep_ == "pobj"), None)
    if noun is None or noun.ent_type_ in _TIME_ENTS:
        return False
    if prep.lower_ == "as":
        if noun.lower_ in _LIFE_STAGES:
            return False
        if noun.lower_ in _PERSON_WORDS:  # (what the object is, if the object is someone too)
            return _a_person(obj) and not any(g.lower_ in ("young", "then") for g in noun.children)
        return True
    if prep.lower_ == "in":
        return noun.lower_ in _IN_WHAT_OF and any(g.dep_ == "prep" and g.lower_ == "of" for g in noun.children)
    return prep.lower_ in _CONTENT_PREPS


def _object_end(tok: Token, obj: Token, last: int) -> int:
    """Where the content of a cue with an object ends: past a phrase the parse hung from the verb right
    after the object where it says more of what was said (`_says_more`), stopping inside it before a
    time or place ('... as a "crazy system" during a stop in Flint')."""
    for c in tok.rights:
        if c.left_edge.i != last + 1 or c.dep_ != "prep":
            continue
        if not _says_more(c, obj):
            break
        last = min([c.right_edge.i] + [g.i - 1 for g in c.subtree
                                       if g.dep_ == "prep" and g.lower_ in ("during", "despite", "at", "amid")])
    return last


def _has_clause(v: Token) -> bool:
    """Whether a cue has a content clause (which reported speech takes), not counting one the parse hangs
    before it when an infinitive follows it ('The debate is predictable — Trump has vowed to bring back
    ...': the clause before the dash is the journalist's)."""
    infinitive = any(c.dep_ == "xcomp" and c.i > v.i for c in v.children)
    return any(c.dep_ == "ccomp" and not (infinitive and c.i < v.i and _dash_after(c)) for c in v.children)


def _dash_after(clause: Token) -> bool:
    nxt = clause.right_edge.i + 1
    return nxt < len(clause.doc) and clause.doc[nxt].text in DASHES


def object_speech(doc: Doc, text: str, in_quote: list[bool]) -> list[Reported]:
    """Content of cues that take an object or a prepositional complement instead of a clause."""
    out: list[Reported] = []
    for tok in doc:
        base = None if in_quote[tok.i] else _is_cue(tok)
        if base is None or _has_clause(tok):
            continue
        comps = _complements(tok, base)
        if not comps:
            continue
        first = min(t.i for c in comps for t in c.subtree)
        last = max(t.i for c in comps for t in c.subtree)
        obj = next((c for c in comps if c.dep_ == "dobj"), None)
        if obj is not None:
            last = _object_end(tok, obj, last)
        if first <= tok.i:
            continue
        toks = _cut_trailing(list(doc[first:last + 1]))
        while toks and ((toks[0].dep_ in ("prep", "mark") and toks[0].head in (tok, *comps))
                        or toks[0].ent_type_ in _TIME_ENTS):
            toks = toks[1:]
        span = span_of(toks, text, tok.sent, min_alpha=2) if toks else None
        if span:
            out.append(Reported(*span, attribution_of(tok, in_quote)))
    return out


# Nouns of saying whose 'that' clause is what their owner said ("Quell's claim that ...")
CLAIM_NOUNS = frozenset({"claim", "claims", "assertion", "assertions", "contention", "insistence", "pledge",
                         "promise", "vow", "warning", "accusation", "allegation", "allegations", "argument",
                         "prediction", "boast", "suggestion", "statement", "remark", "remarks"})


def noun_speech(doc: Doc, text: str, in_quote: list[bool]) -> list[Reported]:
    """"Quell's claim that the port was losing money": a noun of saying with an owner and a 'that'
    clause is a reported statement of the owner (a claim nobody owns is left alone)."""
    out: list[Reported] = []
    for noun in doc:
        if in_quote[noun.i] or noun.lower_ not in CLAIM_NOUNS or noun.pos_ != "NOUN":
            continue
        owner = next((c for c in noun.children if c.dep_ == "poss" and not in_quote[c.i]), None)
        clause = next((c for c in noun.rights if c.dep_ in ("acl", "ccomp", "relcl") and any(
            g.dep_ == "mark" and g.lower_ == "that" for g in c.children)), None)
        if owner is None or clause is None or owner.lower_ in POSSESSIVES_NOT_SPEAKERS:
            continue
        toks = [t for t in clause.subtree if not (t.dep_ == "mark" and t.head == clause)]
        span = span_of(_cut_trailing(toks), text, noun.sent)
        if span:
            pronoun = POSSESSIVE_PRONOUNS.get(owner.lower_)
            subject = (Subject(None, None, None, pronoun, owner.text) if pronoun
                       else subject_from_token(owner))
            out.append(Reported(*span, Attribution(subject, noun.text)))
    return out

"""'Vell expressed confidence that the bill would pass': a verb that voices a stance noun, and the noun's
'that' clause, which is what the speaker said."""
from __future__ import annotations

from spacy.tokens import Token

from .lexicon import STANCE_NOUNS, forms, wordset

# verbs that voice what their object holds ('expressed', 'reiterated her view', 'made the case')
_VOICING = frozenset(f for b in wordset("""express voice reiterate repeat restate renew air stress underline
offer share outline""") for f in forms(b)) | wordset("""make makes made making give gives gave given giving set sets
setting lay lays laid laying""")


# verbs whose object a stance noun is ('the claim that she made', 'the concern that he raised'): without an
# object of their own, the 'that' clause is the noun's relative clause, not its content
_TAKING_STANCES = wordset("""make raise voice repeat hear reject dismiss put advance offer give express share deny
echo cite air hold have""")


def stated_clause(v: Token) -> list[Token]:
    """The 'that' clause of the stance noun a verb voices ('expressed confidence that the bill would pass',
    'reiterated her view that ...', 'made the case that ...'), without 'that'; [] where there is none.
    Not the noun's relative clause ('repeated the claim that she made last year'), which the parse may
    give a 'that' and a subject too."""
    if not v.tag_.startswith("VB") or v.lower_ not in _VOICING or any(c.dep_ == "neg" for c in v.children):
        return []
    for noun in (c for c in v.children if c.dep_ == "dobj" and c.lower_ in STANCE_NOUNS):
        for clause in (c for c in noun.children if c.dep_ in ("acl", "ccomp") and c.i > noun.i):
            marks = [g for g in clause.children if g.dep_ == "mark" and g.lower_ == "that"]
            subject = any(g.dep_ in ("nsubj", "nsubjpass", "expl") for g in clause.children)
            relative = clause.lemma_ in _TAKING_STANCES and not any(
                g.dep_ in ("dobj", "ccomp", "xcomp", "nsubjpass") for g in clause.children)
            if marks and subject and not relative:
                return [t for t in clause.subtree if t not in marks]
    return []

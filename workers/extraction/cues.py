"""Verbs of saying and the extent of their content: token runs as character spans, trailing cuts."""
from __future__ import annotations

from spacy.tokens import Span, Token

from .lexicon import COLON_ONLY, DASHES, DOCUMENTS, QUESTION_VERBS, SPEECH_FORMS, forms
from .quotes import trim

# verbs of saying only with their particle ('shot back', 'fired back', 'hit back'); not words of saying
# in SPEECH_FORMS, which text-level checks read without a parse ('he was shot')
_WITH_PARTICLE = {f: "back" for b in ("shoot", "fire", "hit") for f in forms(b)}


_PUT = frozenset(forms("put"))
# adverbs and nouns that say how something was put into words ('put it bluntly', 'put it this way')
_PUT_MANNER = frozenset({"way", "best", "simply", "bluntly", "succinctly", "plainly", "mildly", "starkly", "another"})
# where words were put ('put it in a memo to staff', 'put it at a rally')
_PUT_WHERE = DOCUMENTS | frozenset({"interview", "speech", "briefing", "rally", "hearing", "conference", "book",
                                    "column", "essay", "article", "remarks", "address", "testimony", "podcast"})


def _put_it(tok: Token) -> bool:
    """'As Tann put it, ...', 'Tann put it bluntly', 'as Tann put it in a memo': 'put it' with nothing
    after it but how or where it was put into words (not 'put it down', 'put it to a vote', 'put it on
    the market')."""
    kids = [c for c in tok.children if c.i > tok.i and not c.is_punct]
    if not kids or kids[0].dep_ != "dobj" or kids[0].lower_ != "it":
        return False
    for c in kids[1:]:
        if c.dep_ == "prep" and c.lower_ in ("in", "at", "on") and any(
                g.dep_ == "pobj" and g.lower_ in _PUT_WHERE for g in c.children):
            continue
        if c.dep_ in ("advmod", "npadvmod") and any(t.lower_ in _PUT_MANNER for t in c.subtree):
            continue
        return False
    return True


# who rules on a case besides a named person or body ('the appeals court ruled that ...')
_RULING = frozenset("""court courts judge judges justice justices panel tribunal commission board regulator jury
referee umpire arbitrator arbiter magistrate ombudsman watchdog""".split())


def is_speech_verb(tok: Token, colon: bool = False) -> bool:
    """A verb of saying (by word form and tag); 'point' only as 'point out', 'shoot' as 'shoot back',
    'put' as 'put it', 'rule' not as 'rule out'."""
    if tok.lower_ in _PUT and tok.tag_.startswith("VB"):
        return _put_it(tok)
    if tok.lower_ in _WITH_PARTICLE and tok.tag_.startswith("VB"):
        return any(c.dep_ in ("prt", "advmod") and c.lower_ == _WITH_PARTICLE[tok.lower_] and c.i == tok.i + 1
                   for c in tok.children)
    base = SPEECH_FORMS.get(tok.lower_)
    if base is None or not tok.tag_.startswith("VB"):
        return False
    if base in COLON_ONLY and not colon:
        return False
    if tok.dep_ == "amod":
        return False  # 'his proposed expansion', 'the stated aim': an adjective
    if base == "point":
        return any(c.dep_ == "prt" and c.lower_ == "out" for c in tok.children)
    if base == "rule":  # 'the judge ruled that ...', not 'ruled out a deal' nor 'egalitarianism ruled'
        return not any(c.dep_ == "prt" for c in tok.children) and any(
            c.dep_ == "nsubj" and (c.lower_ in _RULING or c.ent_type_ in ("PERSON", "ORG") or c.pos_ == "PROPN")
            for c in tok.children)
    # 'when asked (after the debate), ...': the question is someone else's, and the answer follows
    return not (base in QUESTION_VERBS and tok.tag_ == "VBN"
                and not any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children))


def span_of(tokens: list[Token], text: str, sent: Span, min_alpha: int = 3) -> tuple[int, int] | None:
    """Longest contiguous run of tokens (within the sentence) as trimmed character offsets."""
    idx = sorted(t.i for t in tokens if sent.start <= t.i < sent.end)
    if not idx:
        return None
    runs: list[list[int]] = [[idx[0]]]
    for i in idx[1:]:
        if i == runs[-1][-1] + 1:
            runs[-1].append(i)
        else:
            runs.append([i])
    run = max(runs, key=len)
    doc = sent.doc
    # (nor an adverb before the complementiser: 'said only that ...', 'said simply that ...')
    while run and (doc[run[0]].is_punct or _complementiser(doc[run[0]]) or doc[run[0]].dep_ == "cc" or (
            doc[run[0]].dep_ == "advmod" and len(run) > 1 and _complementiser(doc[run[1]]))):
        run = run[1:]
    # nor a coordinator the content stopped at ('... not backing any candidate, and'), or a comma before it
    # (a quoted word stays: 'the word she hears most is "but"')
    while run and (doc[run[-1]].text in (",", ";", "—", "--") or (doc[run[-1]].dep_ == "cc" and not (
            run[-1] + 1 < len(doc) and doc[run[-1] + 1].is_quote and not doc[run[-1]].whitespace_))):
        run = run[:-1]
    # words or figures: 'Sanders has 1,061' says something
    if len(run) < min_alpha or sum(doc[i].is_alpha or doc[i].like_num for i in run) < min_alpha:
        return None
    s, e = trim(text, doc[run[0]].idx, doc[run[-1]].idx + len(doc[run[-1]].text))
    return (s, e) if e > s else None


def _complementiser(tok: Token) -> bool:
    """'that' opening the content: a complementiser, also where the parser read it as the object of
    a relative clause whose verb has a subject of its own ('... call that the talks had stalled')."""
    if tok.lower_ != "that":
        return False
    return tok.dep_ == "mark" or (tok.dep_ == "dobj" and any(
        c.dep_ in ("nsubj", "nsubjpass") and c != tok for c in tok.head.children))


_CLOSING = frozenset({"”", '"', "''", "’"})
_TAIL_WORDS = frozenset({"according", "as", "with", "while", "even", "which", "who", "whom",
                         "whose", "although", "though", "whereas", "despite", "after", "before"})


def _lists(toks: list[Token], j: int, cue: Token) -> bool:
    """', including new pumps and a second reservoir': what one speaker said once lists is content. Not
    the journalist's list of occasions ('has said ..., including at a hearing in March', '..., including
    twice this month', '..., including calling it "theft"') or of speakers ('Officials have said ...,
    including the mayor', '..., including Vell'): nothing after a perfect or a plural subject."""
    if toks[j].lower_ != "including" or j + 1 >= len(toks):
        return False
    nxt = toks[j + 1]
    if nxt.pos_ not in _LISTED or nxt.ent_type_ in ("PERSON", "ORG", "DATE", "TIME"):
        return False
    if any(c.dep_ == "aux" and c.lower_ in ("has", "have", "had") for c in cue.children) or any(
            c.dep_ in ("nsubj", "nsubjpass") and c.tag_ == "NNS" for c in cue.children):
        return False  # (said more than once, or by several)
    listed = [t for t in toks[j + 1:] if not t.is_punct]
    return not any(t.lower_ in _TIMES or t.tag_ in ("WP", "VBG") for t in listed[:4])


_LISTED = frozenset({"DET", "ADJ", "NUM", "NOUN", "PRON", "SYM"})
# words that make what follows 'including' occasions of saying, not what was said
_TIMES = frozenset("time times once twice occasion occasions week month year day recently".split())


def _own_clause_conj(c: Token, cue: Token) -> bool:
    """'said she backs the plan and has urged ...': a subjectless verb that continues the speaker's clause."""
    if c.dep_ != "conj" or c.pos_ not in ("VERB", "AUX") or c.head.pos_ not in ("VERB", "AUX"):
        return False
    if any(g.dep_ in ("nsubj", "nsubjpass", "expl") for g in c.children):
        return False
    # (not a progressive of the content: '... had been deployed and were searching nearby forests')
    return (c.tag_ == "VBG" and c.head.tag_ != "VBG" and not any(g.dep_ == "aux" for g in c.children)) or (
        is_speech_verb(c) and c.tag_ == cue.tag_)


# Nouns with which a journalist sums up what was said or done ('..., a move her critics had demanded'),
# unlike a noun that describes something in what was said ('the victim was Jon Hale, a teacher')
GLOSS_NOUNS = frozenset("""move plan step charge claim reference departure acknowledgment acknowledgement admission
dig jab swipe rebuke shift reversal proposal point position view decision remark comment allegation assertion
accusation suggestion argument promise pledge threat warning signal sign nod echo contrast break stance idea notion
policy measure matter result outcome response reaction retort rebuttal concession boast message figure estimate
forecast projection prediction assessment characterization characterisation description account version""".split())


def trailing_gloss(noun: Token, toks: list[Token]) -> bool:
    """A noun phrase in apposition that sums up what was said and ends the content, not one of a list
    ('a "loser," a "liar" and a "whiner"') or one inside it ('make the shoal, an atoll it seized, into a
    fortress')."""
    last = max((t.i for t in toks if not t.is_punct), default=-1)
    # (or a second object the parse gave the verb: 'would pay "slightly more" in taxes, an acknowledgment that ...')
    second = noun.dep_ == "dobj" and any(c.dep_ in ("dobj", "attr") and c.i < noun.i for c in noun.head.children)
    return ((noun.dep_ in ("appos", "npadvmod", "attr") or second) and noun.lower_ in GLOSS_NOUNS
            and noun.right_edge.i >= last and not any(c.dep_ in ("cc", "conj") for c in noun.children))


def cut_tail(toks: list[Token], cue: Token) -> list[Token]:
    """Content (in token order) up to a trailing non-restrictive part: ', which ...', '... and added',
    ', a plan that ...'.
    Never before the content clause's own verb ('that Ruiz, who ran the port, did better': the 'who'
    clause is inside)."""
    heads = [t.i for t in toks if t.head == cue]
    for k, t in enumerate(toks):
        if k < 3 or any(h >= t.i for h in heads):
            continue
        j = k + 1
        while j < len(toks) and toks[j].text in _CLOSING:  # 'could be “messy,” adding ...'
            j += 1
        nxt = toks[j] if j < len(toks) else None
        # (a dash, unless a second one closes an aside: 'the battlefield — with Russian planes flying raids —
        # would make it harder')
        dash = t.text in DASHES and not any(d.text in DASHES for d in toks[k + 1:])
        if nxt is not None and (((t.text in (",", ";") or dash) and nxt.lower_ in _TAIL_WORDS) or (
                t.text in (",", ";") and nxt.tag_ == "VBG" and not _lists(toks, j, cue)) or (
                dash and nxt.tag_ == "VBG" and (nxt.lower_ == "having" or is_speech_verb(nxt)))):
            # (after a dash, only the speaker's next act: '— asserting that ...', not '— including ...')
            return toks[:k]
        if t.text == "," and nxt is not None and nxt.lower_ in ("a", "an") and trailing_gloss(nxt.head, toks):
            return toks[:k]  # the journalist's gloss: '..., a plan the council has since dropped'
        if _own_clause_conj(t, cue):
            cut = k
            while cut > 0 and (toks[cut - 1].dep_ in ("cc", "punct", "aux", "neg", "advmod")
                               and toks[cut - 1].head in (t, t.head)):
                cut -= 1
            return toks[:cut]
    return toks

"""Whose a quotation is (the verb of saying after it, before it, or whose content holds it), and whether
a quotation is a statement at all."""
from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from .attribution import Attribution, attribution_of, has_own_subject, interviewer, subject_token
from .cues import is_speech_verb
from .lexicon import (
    COLON_ONLY,
    DAY_WORDS,
    OBJECT_FORMS,
    SPEECH_FORMS,
    TITLE_ABBREVIATIONS,
    wordset,
)
from .quotes import Quote, is_boundary, is_scare_quote, title_case, trim, words_of
from .reported import according_source
from .speakers import Subject, subject_from_token

COLON_ONLY_FORMS = frozenset(f for f, b in SPEECH_FORMS.items() if b in COLON_ONLY)


_DASH_NAME_RE = re.compile(r"\s*[―—–]\s*([A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3})\s*[.,]?\s*$")


def token_mask(doc: Doc, quotes: list[Quote]) -> list[bool]:
    """For each token, whether it lies inside a quotation (marks included)."""
    mask = [False] * len(doc)
    for q in quotes:
        for t in doc.char_span(q.open_at, q.close_at + 1, alignment_mode="expand") or []:
            mask[t.i] = True
    return mask


def _sentence_end(text: str, start: int, stop: int) -> int:
    for m in re.finditer(r"[.!?](?=[\"”’)]*(?:\s|$))", text[start:stop]):
        if is_boundary(text, start + m.start()):
            return start + m.end()
    return stop


def _sentence_start(text: str, start: int, stop: int) -> int:
    last = start
    for m in re.finditer(r"[.!?][\"”’)]*\s+", text[start:stop]):
        if is_boundary(text, start + m.start()):
            last = start + m.end()
    return last


def quote_attribution(doc: Doc, text: str, q: Quote, prev_close: int, next_open: int,
                      in_quote: list[bool]) -> Attribution | None:
    """The attribution of a quote from the text right after it, else right before it; a quote
    inside the content of a verb of saying before it ('Obama cautioned against "a betrayal" in the
    way the country responds') is that verb's."""
    governing = _governing_verb(doc, text, q, prev_close, in_quote)
    if governing is not None:
        return attribution_of(governing, in_quote)
    before_start = _sentence_start(text, prev_close, q.open_at)
    region = text[before_start:q.open_at].rstrip()
    toks = [t for t in doc if before_start <= t.idx < q.open_at and not in_quote[t.i]]
    intro = _introducing_verb(toks, region)
    if intro is not None and q.closed and _NEW_CLAUSE_RE.match(text, q.close_at + 1):
        # 'Varga said, "...," and Lund said, "...": the quote's speaker introduced it; the verb after
        # it, past a conjunction or with a news outlet passing it on, is another's
        return interviewer(intro) or attribution_of(intro, in_quote, toks)
    if q.closed:
        after_end = _sentence_end(text, q.close_at + 1, next_open)
        m = _DASH_NAME_RE.match(text, q.close_at + 1)
        if m and next_open >= len(text):
            return Attribution(Subject(m.group(1).rstrip("."), None, "PERSON", None, m.group(1)), "―")
        ended = text[slice(*q.content)].rstrip(" \"”’'").endswith(".")
        follow = text[q.close_at + 1:after_end].lstrip(" \u00a0")
        after = [t for t in doc if q.close_at < t.idx < after_end and not in_quote[t.i]]
        verbs = [t for t in after if is_speech_verb(t)]
        opens = not region.strip(" \t\u00a0\n")  # the quote opens its sentence
        if verbs and (not ended or follow[:1].islower() or (opens and _bare_attribution(verbs[0], after))):
            return interviewer(verbs[0]) or attribution_of(verbs[0], in_quote, after)
    colon = region.endswith(":")
    verbs = [t for t in toks if is_speech_verb(t, colon)]
    if not verbs and colon:  # 'Quell has since said sorry for the error: "..."': the main clause's verb
        verbs = sorted((t for t in toks if t.pos_ == "VERB" and subject_token(t, in_quote) is not None),
                       key=lambda t: (-len(list(t.ancestors)), t.i))
    if verbs:
        return interviewer(verbs[-1]) or attribution_of(verbs[-1], in_quote, toks)
    return _according_to(toks)


_BARE_CUES = frozenset({"say", "tell", "write", "add"})


def _bare_attribution(v: Token, sentence: list[Token]) -> bool:
    """'"We are ready." Varga said on Tuesday.': after a quote that ends its sentence, a sentence that
    is only a subject and a verb of saying, with a time or place or 'to reporters', says whose the
    quote is (a sentence saying more, 'Varga said the port ...', is a statement of its own)."""
    words = [t for t in sentence if not t.is_punct]
    if SPEECH_FORMS.get(v.lower_) not in _BARE_CUES or any(c.dep_ == "neg" or c.lower_ == "never" for c in v.children):
        return False  # 'Holt has not responded.', 'Holt agreed.': no claim to the quote
    subject = next((c for c in v.children if c.dep_ == "nsubj" and c.i < v.i), None)
    if subject is None or not words or words[0].i != subject.left_edge.i or len(words) > 12:
        return False
    for c in v.children:
        if c.dep_ in ("nsubj", "aux", "punct", "prep", "npadvmod"):
            continue  # 'on Tuesday', 'in a statement', 'Monday'
        if c.dep_ == "advmod" and c.lower_ in ("also", "later", "today", "yesterday"):
            continue  # not 'otherwise', 'differently'
        if c.dep_ in ("dobj", "dative") and SPEECH_FORMS.get(v.lower_) == "tell" and (
                c.lower_ in _AUDIENCES or c.pos_ == "PROPN" or c.lower_ in ("him", "her", "them", "us", "me")):
            continue  # 'told reporters', 'told the Gazette'; not 'told a different story'
        return False
    return all(v.left_edge.i <= t.i <= v.right_edge.i for t in words)


_AUDIENCES = frozenset({"reporters", "journalists", "lawmakers", "supporters", "listeners", "viewers", "readers",
                        "crowd", "audience", "committee", "council", "parliament", "congress", "court", "jury"})


def _introducing_verb(toks: list[Token], region: str) -> Token | None:
    """The verb of saying, with its own subject, that ends the text before a quote and a comma or
    colon: 'Varga said,', 'Varga told reporters on Monday,', 'Lund said in a statement:'."""
    if not region.endswith((",", ":")):
        return None
    words = [t for t in toks if not t.is_punct]
    verbs = [t for t in words if is_speech_verb(t, region.endswith(":"))]
    if not verbs:
        return None
    v = verbs[-1]
    rest = [t for t in words if t.i > v.i]
    if len(rest) > 6 or any(t.pos_ in ("VERB", "AUX") or not v.left_edge.i <= t.i <= v.right_edge.i for t in rest):
        return None  # 'Varga said the plan, which Lund opposed,': the comma closes something else
    return v if has_own_subject(v) else None


# what follows a closing quote when the next verb is not the quote's attribution
_NEW_CLAUSE_RE = re.compile(r"[\s,;]*(?:(?:and|but|while|whereas|yet)\b"
                            r"|(?:the\s+)?[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3}\s+(?:reported|reports)\b)")


def _governing_verb(doc: Doc, text: str, q: Quote, prev_close: int, in_quote: list[bool]) -> Token | None:
    """For a quote that continues the journalist's sentence, the verb of saying (or object cue:
    'called Burma a "good news story ..."') earlier in that sentence whose content holds it."""
    if not is_integrated(text, q) or text[slice(*q.content)].rstrip(" '’").endswith((",", "—", "--")):
        return None  # '... was "furious about it," Varga said': the quote's own attribution follows
    first = next((t for t in doc if t.idx >= q.open_at + q.open_len and in_quote[t.i]), None)
    if first is None:
        return None
    start = _sentence_start(text, prev_close, q.open_at)
    for v in reversed([t for t in doc if start <= t.idx < q.open_at and not in_quote[t.i] and (
            is_speech_verb(t) or (t.lower_ in OBJECT_FORMS and t.tag_.startswith("VB")))]):
        if first in v.subtree and first.i > v.i and has_own_subject(v) and (
                v.tag_ != "VBN" or any(c.dep_ == "aux" for c in v.children)):
            if _inanimate_subject(v) and _in_content_of_saying(v):
                continue  # 'Varga said it would tell a story, one of "..."': the quote is Varga's
            return v
    return None


def _inanimate_subject(v: Token) -> bool:
    return any(c.dep_ == "nsubj" and c.lower_ in ("it", "this", "that") for c in v.children)


def _in_content_of_saying(v: Token) -> bool:
    """Whether v lies in the content clause (ccomp) of an earlier verb of saying."""
    child = v
    for a in v.ancestors:
        if child.dep_ == "ccomp" and is_speech_verb(a) and a.i < v.i:
            return True
        child = a
    return False


def _according_to(toks: list[Token]) -> Attribution | None:
    """'According to Varga, "the port will reopen."': the source named right before a quote (not
    'According to X, protesters carried banners reading "..."')."""
    for t in toks:
        pobj = according_source(t)
        if pobj is None:
            continue
        end = max([x.i for x in t.subtree if x.i <= max(y.i for y in pobj.subtree)] + [pobj.i])
        if all(x.is_punct for x in toks if x.i > end):
            return Attribution(subject_from_token(pobj), "according to")
    return None


def is_integrated(text: str, q: Quote) -> bool:
    """A quote that continues the journalist's sentence (preceded by a word, not ':' or ',')."""
    before = text[:q.open_at].rstrip()
    return bool(before) and (before[-1].isalnum() or before[-1] in "'’")


_FOLLOW_RE = re.compile(r"[^.!?\"“”]{0,80}")


_ABBREVIATION_DOT_RE = re.compile(r"\b([A-Za-z]+)\.(?= [A-Z])")


def _abbreviation_dot(m: re.Match[str]) -> str:
    """The dot of an abbreviated title ('Ms.') or of an initial after a first name ('John F.') before a
    name, made a space; any other dot ('the party leader. Stroud said') stays."""
    word, before = m.group(1), m.string[:m.start()]
    initial = len(word) == 1 and word.isupper() and bool(re.search(r"[A-Z][a-z]+ $", before))
    return word + " " if word.lower() in TITLE_ABBREVIATIONS or initial else m.group(0)


def _short_speech(text: str, q: Quote) -> bool:
    """'"Absolutely," he said.': a short quote that ends its words and is followed by a verb of saying."""
    if not q.closed or is_integrated(text, q):
        return False
    content = text[slice(*q.content)].rstrip(" '’")
    if not content.endswith((",", "!", "?", ".", "…")):
        return False
    if title_case(words_of(content), least=2):
        return False  # 'In his book, "Make Your Kid a Millionaire," Mr. Quill suggested ...': a title
    # the dot of a title or an initial ('Ms. Alawin said', 'John F. Kennedy said') ends no sentence
    follow = _ABBREVIATION_DOT_RE.sub(_abbreviation_dot, text[q.close_at + 1:q.close_at + 81])
    m = _FOLLOW_RE.match(follow)
    words = re.findall(r"[A-Za-z]+", m.group(0) if m else "")[:6]
    return any(w.lower() in SPEECH_FORMS and w.lower() not in COLON_ONLY_FORMS for w in words)


_LEAD_RE = re.compile(r"([A-Za-z]+)[^.!?\"“”]{0,40}?[,:]\s*$")


def _introduced_speech(text: str, q: Quote) -> bool:
    """'Varga told reporters simply, "We lost."': a short quote that is a whole sentence, opened
    right after a verb of saying and a comma or colon."""
    content = text[slice(*q.content)].rstrip(" '’")
    if not q.closed or not content.endswith(("!", "?", ".")):
        return False
    words = words_of(content)
    if len(words) > 1 and all(w[0].isupper() for w in words):
        return False  # 'his memoir, "Hard Choices."': a title
    before = text[max(0, q.open_at - 60):q.open_at]
    m = _LEAD_RE.search(before)
    if m is None:
        return False
    colon = before.rstrip().endswith(":")
    return any(w.lower() in SPEECH_FORMS and (colon or w.lower() not in COLON_ONLY_FORMS)
               for w in re.findall(r"[A-Za-z]+", m.group(0)))


# 'Quiet,” he said. “': a closed quotation, a short attribution that ends its sentence, an opening mark
_RESUMED_RE = re.compile(r"[,!.…][”\"]([^.!?\"“”]{1,60})[.]\s+$")


# what may follow the verb in such an attribution: when and how it was said, and to no one in particular
_PLAIN_AFTER_CUE = DAY_WORDS | wordset("""january february march april may june july august september october
november december on in at last this a an the later again simply flatly firmly quietly week month year statement
interview reporters journalists with laugh smile to applause""")


def _resumed_speech(text: str, q: Quote) -> bool:
    """'"Quiet," he said. "Let me finish."': a short quote that is a whole sentence ending its
    paragraph, opened right after a plain attribution ('he said', 'Varga said on Friday', 'said
    resident Aron Pike') of a quotation that was no question. Anything more in the attribution may
    bring in someone else, whose words the short quote may be ('said as the crowd chanted', 'told
    the senator', 'said, glaring at Kask'); so may a question ('"Is it final?" Rask said. "Not yet."')."""
    content = text[slice(*q.content)].rstrip(" '’")
    if not q.closed or not content.endswith(("!", "?", ".")) or not content[:1].isupper():
        return False
    words = words_of(content)
    if (len(words) > 1 and title_case(words, least=2)) or text[q.close_at + 1:].strip():
        return False  # a title, or a quote its paragraph goes on from
    m = _RESUMED_RE.search(text[max(0, q.open_at - 96):q.open_at])
    if m is None:
        return False
    # (what describes the speaker after a comma brings in nobody else: ', who owns the shop', ', the
    # club's president')
    said, _, described = m.group(1).partition(",")
    if described and (_DESCRIPTION_RE.match(described) is None or any(
            w.lower() in SPEECH_FORMS for w in re.findall(r"[A-Za-z]+", described))):
        return False
    attribution = re.findall(r"[A-Za-z]+", said)
    cues = [i for i, w in enumerate(attribution) if w.lower() in SPEECH_FORMS and w.lower() not in COLON_ONLY_FORMS]
    if len(cues) != 1 or attribution[cues[0]].lower() not in _PLAIN_CUES:
        return False
    cue = cues[0]
    if cue == 0:  # inverted: 'said resident Aron Pike' (a lower-case word or two, then a name)
        return all(w[0].isupper() or (w.islower() and len(w) > 2) for w in attribution[1:]) and len(attribution) <= 6
    subject, after = attribution[:cue], attribution[cue + 1:]
    return (len(subject) <= 4 and (all(w[0].isupper() or w.lower() in ("he", "she", "the") for w in subject)
                                   or (subject[0] == "the" and all(w.islower() for w in subject[1:])))
            and all(w.lower() in _PLAIN_AFTER_CUE for w in after))


# verbs of a plain attribution, which hand the floor to nobody else ('"Quiet," he added. "Let me finish."')
_PLAIN_CUES = frozenset({"said", "says", "added", "adds", "admitted", "insisted", "explained", "noted", "wrote",
                         "writes", "warned", "recalled", "continued"})
# a description of the speaker after a comma: a relative clause or a noun phrase
_DESCRIPTION_RE = re.compile(r"\s+(?:who|whose|the|a|an|his|her|its|their)\s")


def quote_is_statement(text: str, q: Quote) -> bool:
    """Whether a quote holds speech (not a scare quote, title or name)."""
    s, e = trim(text, *q.content)
    if e <= s or not any(ch.isalpha() for ch in text[s:e]):
        return False
    return (not is_scare_quote(text[s:e]) or _short_speech(text, q) or _introduced_speech(text, q)
            or _resumed_speech(text, q))

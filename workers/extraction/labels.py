"""'Speaker: words' lines: transcripts ('FALLIN: I think ...') and headline attributions ('Clinton: ...')."""
from __future__ import annotations

import re

from spacy.tokens import Doc, Span

from .attribution import Attribution, Reported
from .lexicon import wordset
from .quotes import trim
from .speakers import subject_from_token

# A short capitalised label (a name, maybe with a title or a party tag) and a colon.
LABEL_RE = re.compile(r"(?:^|(?<=[.!?\"”’] ))([A-Z][\w.’'-]*(?: (?:[A-Z][\w.’'-]*|\([A-Z][\w.-]*\)|of|and)){0,5}):\s+")
NOT_LABELS = wordset("""q photo photos video update updates note correction transcript caption watch read
related source sources credit listen also more share tags topics editor advertisement warning
breaking exclusive analysis opinion live poll report""")
_DAYS = wordset("monday tuesday wednesday thursday friday saturday sunday today")


def _label_subject(doc: Doc, start: int, end: int) -> Attribution | None:
    """The speaker named by the label at text[start:end], if it names someone."""
    span: Span | None = doc.char_span(start, end, alignment_mode="contract")
    if span is None or not len(span):
        return None
    words = [t.lower_ for t in span if t.is_alpha]
    if not words or words[-1] in NOT_LABELS | _DAYS or words[0] in NOT_LABELS or len(words) > 6:
        return None
    if any(t.pos_ in ("VERB", "AUX") and not t.text[:1].isupper() for t in span):
        return None
    head = next((t for t in reversed(span) if t.is_alpha and t.text[:1].isupper()), None)
    if head is None:
        return None
    transcript = span.text.isupper() and len(words) <= 3  # 'FALLIN:', 'JOEL BENENSON:'
    if head.ent_type_ != "PERSON" and not transcript:
        return None
    subj = subject_from_token(head)
    if subj.name is None:
        return None
    return Attribution(subj, ":")


def label_speech(doc: Doc, text: str, in_quote: list[bool]) -> list[Reported]:
    """Unquoted content after a speaker label; quoted content is left to the quote pass."""
    out: list[Reported] = []
    for m in LABEL_RE.finditer(text):
        if in_quote[min(len(doc) - 1, _token_at(doc, m.start()))]:
            continue
        attr = _label_subject(doc, m.start(1), m.end(1))
        if attr is None:
            continue
        rest = text[m.end():]
        if rest[:1] in "\"“‘'":
            continue
        nxt = LABEL_RE.search(text, m.end())
        s, e = trim(text, m.end(), nxt.start() if nxt else len(text))
        if len(text[s:e].split()) >= 3:
            out.append(Reported(s, e, attr))
    return out


def label_attribution(doc: Doc, text: str, open_at: int) -> Attribution | None:
    """The label right before a quote ('Bush: "The mission is ..."'), if any."""
    for m in LABEL_RE.finditer(text, max(0, open_at - 80), open_at + 1):
        if m.end() == open_at:
            return _label_subject(doc, m.start(1), m.end(1))
    return None


def _token_at(doc: Doc, char: int) -> int:
    for t in doc:
        if t.idx + len(t.text) > char:
            return t.i
    return len(doc) - 1

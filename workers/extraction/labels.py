"""'Speaker: words' lines: transcripts ('FALLIN: I think ...') and headline attributions ('Clinton: ...')."""
from __future__ import annotations

import re
import string
from collections import Counter

from spacy.language import Language
from spacy.tokens import Doc, Span

from .attribution import Attribution, Reported
from .lexicon import CAPS_MID_RE, QUESTIONERS, WEEKDAYS, is_title_word, wordset
from .name_forms import without_titles
from .names import GIVEN_NAMES
from .quotes import trim
from .speakers import Subject, subject_from_token, valid_name

# A short capitalised label (a name, maybe with a title or a party tag) and a colon, then a space or
# straight away a quotation mark ('Rep. Tom Varga (R-S.C.):"I have ...').
LABEL_RE = re.compile(r"(?:^|(?<=[.!?\"”’] ))([A-Z][\w.’'-]*(?: (?:[A-Z][\w.’'-]*|\([A-Z][\w.-]*\)|of|and)){0,5})"
                      r":(?:\s+|(?=[\"“]))")
NOT_LABELS = wordset("""q photo photos video update updates note correction transcript caption watch read
related source sources credit listen also more share tags topics editor advertisement warning
breaking exclusive analysis opinion live poll report clarification clarifications corrections disclaimer
disclosure programming reporting contributing sponsored graphic chart map audio summary background context
highlights quote quotes dateline date time when where what why how question questions answer answers
claim claims verdict rating ruling fact check pros cons final price""")
_DAYS = WEEKDAYS | {"today"}
# the sides of a transcript that name nobody
_SIDES = QUESTIONERS | wordset("""narrator announcer audience crowd voice voices member members
caller guest participant panelist unidentified unknown male female man woman protester protesters""")


def _label_subject(doc: Doc, start: int, end: int) -> Attribution | None:
    """The speaker named by the label at text[start:end], if it names someone; 'A:', the answers of an
    interview, the one person it is with (`interviewee`)."""
    span: Span | None = doc.char_span(start, end, alignment_mode="contract")
    if span is None or not len(span):
        return None
    if span.text == "A":
        answers = doc.user_data.get("interviewee")
        return Attribution(Subject(answers, None, "PERSON", None, "A"), ":") if answers else None
    words = [t.lower_ for t in span if t.is_alpha]
    if not words or words[-1] in NOT_LABELS | _DAYS or words[0] in NOT_LABELS or len(words) > 6:
        return None
    if any(t.pos_ in ("VERB", "AUX") and not t.text[:1].isupper() for t in span):
        return None
    tag = span.text.find("(")  # 'Rep. Tom Varga (R-S.C.)': the name is before the party tag
    head = next((t for t in reversed(span) if t.is_alpha and t.text[:1].isupper()
                 and (tag < 0 or t.idx < span.start_char + tag)), None)
    if head is None:
        return None
    # 'FALLIN:', 'JOEL BENENSON:', or a label that opens several paragraphs ('Matthes: ...', 'Brask: ...')
    repeated = span.text in doc.user_data.get("transcript_labels", frozenset())
    transcript = (span.text.isupper() or repeated) and len(words) <= 3
    if head.ent_type_ != "PERSON" and not transcript:
        return None
    if head.ent_type_ in ("GPE", "LOC") and not repeated:  # 'KESTRIA: The port ...': a dateline
        return None
    subj = subject_from_token(head)
    if subj.role and subj.role not in span.text:  # 'Ivo Holt: No. I will ...': the parse made 'No' his role
        subj = Subject(subj.name, None, subj.label, subj.pronoun, subj.phrase, subj.questioner)
    if transcript and (subj.name is None or span.text.isupper()):
        # the tagger often reads 'LUND' or 'Brask' as a common noun, or 'ILSE' in 'ILSE VARGA' as a role
        # (a name the parse found in capitals is given in full and in the usual case: 'IDRIS OBUYA:')
        named = _transcript_subject(span.text, doc.user_data.get("caps", frozenset()),
                                    doc.user_data.get("transcript_names", frozenset()),
                                    parsed=subj.name is not None and span.text.isupper())
        subj = named if named.name is not None or subj.name is None else subj
    if subj.name is None:
        return None
    return Attribution(subj, ":")


def _transcript_subject(label: str, names_in_text: frozenset[str], names: frozenset[str] = frozenset(),
                        parsed: bool = False) -> Subject:
    """'LUND' or 'SEN. VARGA': a transcript label is a name, after any title, when the article
    writes that name in running text too ('Tomas Lund asked ...'), or when it is one of the
    transcript's full names or their surnames (`names`: 'JOEL BRASK:', then 'BRASK:'); 'BOOM:' and
    'DEVELOPING:' are shouts. A label of two or three words read as a name by the parse (`parsed`) or
    opening with a given name is one too. A name in capitals is given in the usual case ('Joel Brask')."""
    words = label.split()
    cut = 0
    while cut < len(words) - 1 and is_title_word(words[cut]):
        cut += 1
    name = " ".join(words[cut:])
    role = " ".join(words[:cut]) or None
    # an all-capital label must be written as a name elsewhere; 'Brask' is written as one already
    full = len(words) - cut in (2, 3)  # ('IDRIS OBUYA', 'MARTA VELKOVA'; not 'UN' or 'AP')
    known = (full and (parsed or words[cut].lower() in GIVEN_NAMES)) or words[-1] in names or all(
        w.title() in names_in_text or not w.isupper() for w in words[cut:])
    if any(w.lower().strip(".") in _SIDES for w in words[cut:]):  # 'Reporter:', 'AUDIENCE MEMBER:'
        known = False
    if name.isupper():
        name = string.capwords(name.lower())
    return Subject(name if known and valid_name(name) else None, role, "PERSON", None, label)


def transcript_names(labels: frozenset[str]) -> frozenset[str]:
    """Surnames of the full names among a transcript's labels ('JOEL BRASK', opening paragraphs with
    'BRASK' too): two or three names after any title, no article or figure ('THE GOOD NEWS:', 'ROUND 2:')."""
    out = set()
    for label in labels:
        words = label.split()
        while len(words) > 2 and is_title_word(words[0]):
            words = words[1:]  # ('SEN. MARTIN OKAFOR', then 'OKAFOR:')
        if (len(words) in (2, 3) and not any(is_title_word(w) for w in words) and all(w.isalpha() for w in words)
                and words[0].lower() not in _NOT_FIRST_NAMES and words[-1].lower() not in NOT_LABELS):
            out.add(words[-1])
    return frozenset(out)


_NOT_FIRST_NAMES = wordset("the a an our my your his her their this that its new old good bad big last first next")


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


def quoted_label(doc: Doc, text: str, content_start: int, content_end: int) -> tuple[Attribution, int] | None:
    """A transcript line reproduced in quotation marks ('"PENCE: Well, look, ..."'): the label's
    speaker and where the words after it start. Only all-capital labels count here, and only names the
    article also writes in running text or labels that open several paragraphs (`transcript_labels`):
    inside a quote, 'Clinton: ...' is more often a quoted headline than a line of a transcript."""
    m = LABEL_RE.match(text[content_start:content_end])
    if m is None or not m.group(1).isupper() or content_start + m.end() >= content_end:
        return None
    label = m.group(1).split()
    caps = doc.user_data.get("caps", frozenset())
    words = [w for w in label if not is_title_word(w)]
    if not words:  # '"PRESIDENT: ...': a title alone names nobody
        return None
    named = all(w.title() in caps for w in words)
    if not named and m.group(1) not in doc.user_data.get("transcript_labels", frozenset()):
        return None  # '"BOOM: ...' shouts a headline once; a transcript names or repeats its speakers
    attr = _label_subject(doc, content_start + m.start(1), content_start + m.end(1))
    return (attr, content_start + m.end()) if attr is not None else None


def opening_label(paragraph: str) -> re.Match[str] | None:
    """The label opening a paragraph, also inside an opening quotation mark ('"PENCE: ...')."""
    return LABEL_RE.match(paragraph.lstrip(" \"“"))


def transcript_labels(paragraph_texts: list[str], caps: frozenset[str] = frozenset()) -> frozenset[str]:
    """Labels ('WALLACE', 'SEN. VARGA', 'Brask') whose last word opens two or more paragraphs: the
    speakers of a transcript. Single letters ('Q:', 'A:') are an interview's sides, not names. A label
    not in capitals must be a name the article writes outside its labels ('host Per Matthes asked ...'):
    'Claim:' and 'Verdict:', 'Pros:' and 'Cons:' open paragraphs too. `caps`: the words the article's
    other paragraphs write capitalised mid-sentence ('The Gazette interviewed Ivo Holt on Monday.')."""
    opened = [(t, opening_label(t)) for t in paragraph_texts]
    found = [(t.lstrip(" \"“"), m) for t, m in opened if m]
    running = " ".join(t[m.end():] for t, m in found) + " " + " ".join(t for t, m in opened if not m)
    written = set(CAPS_MID_RE.findall(running)) | caps
    labels = [m.group(1) for _, m in found if sum(ch.isalpha() for ch in m.group(1)) >= 2
              and (m.group(1).isupper() or m.group(1).split()[-1] in written)]
    surnames = Counter(label.split()[-1] for label in labels)  # 'Luciana Brask:', then 'Brask:'
    return frozenset(label for label in labels if surnames[label.split()[-1]] >= 2)


def _token_at(doc: Doc, char: int) -> int:
    for t in doc:
        if t.idx + len(t.text) > char:
            return t.i
    return len(doc) - 1


_QUESTION_LINE_RE = re.compile(r"^[ \t]*Q[:.][ \t]", re.MULTILINE)
_ANSWER_LINE_RE = re.compile(r"^[ \t]*A:[ \t]", re.MULTILINE)
# a name the intro gives an interviewer ("USA TODAY's Susan Page", 'host Per Matthes')
_ASKER_BEFORE_RE = re.compile(r"(?:['’]s|\b(?:" + "|".join(sorted(QUESTIONERS)) + r"))\s+$", re.IGNORECASE)


def interviewee(text: str, nlp: Language) -> str | None:
    """Who answers an interview printed as questions and answers ('Q: ...', then 'A: ...'): the one person
    the text before the first question names in full, besides an interviewer ("USA TODAY's Susan Page",
    'host Per Matthes'), or of several the one whose surname the article writes most; None where it
    names nobody else, or several as often."""
    first_q = _QUESTION_LINE_RE.search(text)
    if first_q is None or not _ANSWER_LINE_RE.search(text, first_q.end()):
        return None
    intro = text[:first_q.start()]
    people: dict[str, str] = {}  # surname -> the fullest name
    for ent in next(iter(nlp.pipe([intro[-3000:]]))).ents:
        words = without_titles(ent.text.split())  # (the tagger may take in a title: 'Chief Constable Ada Obi')
        if ent.label_ != "PERSON" or len(words) < 2 or _ASKER_BEFORE_RE.search(intro[:ent.start_char][-40:]):
            continue
        if len(" ".join(words)) > len(people.get(words[-1], "")):
            people[words[-1]] = " ".join(words)
    if len(people) <= 1:
        return next(iter(people.values()), None)
    # (several named: the one the article is about, whose surname it writes most, at least twice)
    counts = sorted(((len(re.findall(rf"\b{re.escape(surname)}\b", text)), name) for surname, name in people.items()),
                    reverse=True)
    return counts[0][1] if counts[0][0] >= 2 and counts[0][0] > counts[1][0] else None

"""Finding cues of saying in a parsed paragraph: reported speech and the attribution of quotes."""
from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from .cues import GLOSS_NOUNS, cut_tail, is_speech_verb, span_of
from .lexicon import (
    COLON_ONLY,
    DOCUMENTS,
    FINITE_OR_MODAL,
    FINITE_TAGS,
    OBJECT_FORMS,
    QUESTION_VERBS,
    QUESTIONERS,
    RELATIVE,
    SPEECH_FORMS,
    SUBJECT_DEPS,
    TITLE_ABBREVIATIONS,
    WEEKDAYS,
    forms,
    is_title_word,
    wordset,
)
from .quotes import Quote, is_boundary, is_scare_quote, title_case, trim, words_of
from .roles import ROLE_NOUNS
from .speakers import Subject, subject_from_token

COLON_ONLY_FORMS = frozenset(f for f, b in SPEECH_FORMS.items() if b in COLON_ONLY)


def _person_name(t: Token) -> bool:
    """A token of a proper name or of a person's name."""
    return t.pos_ == "PROPN" or t.ent_type_ == "PERSON"


def _named(t: Token) -> bool:
    """A token of a proper name, or of a person's or an organisation's name."""
    return t.pos_ == "PROPN" or t.ent_type_ in ("PERSON", "ORG")


_DASH_NAME_RE = re.compile(r"\s*[―—–]\s*([A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3})\s*[.,]?\s*$")


@dataclass(frozen=True)
class Attribution:
    """A cue of saying and its subject (None when the cue has no subject, e.g. a passive)."""

    subject: Subject | None
    cue: str


@dataclass(frozen=True)
class Reported:
    """Reported content found through the parse, as offsets within the paragraph string."""

    start: int
    end: int
    attribution: Attribution


# dependencies through which a cue inherits the subject of its head ('was quick to add': acomp)
# ('pobj': 'In addition to stating ..., Clinton has vowed': through the noun the gerund hangs from)
_CLIMB = frozenset({"advcl", "xcomp", "acomp", "conj", "pcomp", "prep", "dobj", "pobj"})


def _mark_before(v: Token) -> str:
    """The token before a word, closing quotation marks skipped ('... could be “messy,” adding')."""
    doc, k = v.doc, v.i - 1
    while k > 0 and doc[k].text in ("”", '"', "''", "’"):
        k -= 1
    return doc[k].text if k >= 0 else ""


_ADJUNCT_CLIMB = frozenset({"ccomp", "conj", "xcomp", "advcl", "acl", "relcl", "dobj", "pobj", "prep"})


def _matrix_cue(v: Token) -> Token | None:
    """'X said the levy hurts ports, pointing to ...': a participle closing the sentence after a comma
    is said of the subject of the verb of saying, though the parse hangs it inside the reported clause."""
    if v.tag_ != "VBG" or v.dep_ != "advcl" or v.i < v.head.i or _mark_before(v) not in (",", "—", "--"):
        return None
    h = v.head
    for _ in range(6):
        if is_speech_verb(h) and h.tag_ != "VBG" and (h.tag_ != "VBN" or any(c.dep_ == "aux" for c in h.children)):
            return h
        if h.dep_ not in _ADJUNCT_CLIMB or h.head == h or (h.dep_ == "conj" and any(
                c.dep_ == "nsubj" for c in h.children)):
            return None  # a coordinated clause with a subject of its own is no reported one
        h = h.head
    return None


# Verbs after which their object did what their infinitive says ('forced Stumpf to admit' means he
# admitted; 'urged Stumpf to admit' does not, and stays the urger's)
_OBJECT_CONTROL = frozenset(f for base in ("force", "compel", "prompt") for f in forms(base))
_EMBEDDED = frozenset({"acl", "relcl", "ccomp", "pobj", "pcomp"})
# participles of saying proper; others ('citing ill health') as often belong to the embedded clause
_MAIN_CLAUSE_PARTICIPLES = frozenset({"saying", "adding", "arguing", "insisting", "noting", "telling", "warning",
                                      "writing", "claiming", "calling", "suggesting", "stating", "asserting",
                                      "declaring", "explaining", "contending", "acknowledging", "predicting",
                                      "stressing", "vowing", "promising", "accusing", "urging", "charging"})
# what may open such a participle: a comma, or 'while' ('insisted it was premature ... while adding, "..."')
_PARTICIPLE_MARKS = frozenset({",", "while"})


def _main_clause(v: Token) -> Token | None:
    """'Quell dismissed the idea that the dispute was settled, saying ...': a participle set off by a
    comma after the main verb is said by the main clause's subject, though the parse hangs it inside
    a clause embedded in the object."""
    root = v.sent.root
    if (v.lower_ not in _MAIN_CLAUSE_PARTICIPLES or v.dep_ not in ("advcl", "acl") or v.i < root.i
            or _mark_before(v) not in _PARTICIPLE_MARKS):
        return None
    if root.pos_ in ("NOUN", "PROPN"):
        # 'The party chairman, Kelly Armstad, called for a vote, declaring ...': the parse made the
        # subject the root and its verb a clause of it; the subject itself is returned
        if not any(c.dep_ == "acl" and c.tag_ in FINITE_TAGS for c in root.rights) or not _names_someone(root):
            return None
    elif root.pos_ not in ("VERB", "AUX"):
        return None
    else:
        subj = next((c for c in root.children if c.dep_ == "nsubj"), None)
        if subj is None or not (_names_someone(subj) or subj.lower_ in ("he", "she")):
            return None
    h = v.head
    embedded = v.dep_ == "acl"  # 'made an attempt to deflect the criticism, writing ...'
    for _ in range(8):
        if h == root:
            return root if embedded else None
        embedded = embedded or h.dep_ in _EMBEDDED
        h = h.head
    return None


def _names_someone(t: Token) -> bool:
    """A name, or a noun with a name beside it ('The party chairman, Kelly Armstad, ...')."""
    return _named(t) or any(c.dep_ == "appos" and _named(c) for c in t.children)


def subject_token(v: Token, in_quote: list[bool] | None = None) -> Token | None:
    """The subject of a verb (never one inside a quote), inherited through participles and conjuncts."""
    quoted = in_quote or [False] * len(v.doc)
    if v.dep_ == "pcomp" and v.head.lower_ == "as" and v.head.head.lower_ in ("quoted", "quotes", "quoting"):
        # 'The Gazette quoted Holt as saying ...': Holt says it (the passive is below: 'was quoted')
        obj = next((c for c in v.head.head.children if c.dep_ == "dobj" and not quoted[c.i]), None)
        if obj is not None and _quotable(obj):
            return obj  # (not 'Holt quoted the budget as saying ...': Holt cites it)
    h = _matrix_cue(v) or _main_clause(v) or v
    if h is not v and h.pos_ in ("NOUN", "PROPN") and not quoted[h.i]:
        return h  # the subject, made the root by the parse (_main_clause)
    conjunct = False  # whether h was reached from a verb coordinated with it
    via_prep = False  # whether h was reached from a preposition hanging from it
    for _ in range(6):
        if h.dep_ == "conj" and h.head.dep_ == "ccomp" and is_speech_verb(h.head.head) and not any(
                c.dep_ in ("nsubj", "nsubjpass") for c in h.children):
            h = h.head.head  # 'X said A and added B': B's speaker is X, not A's subject
        h = _finite_conjunct_climb(h)
        subjects = [c for c in h.children if c.dep_ == "nsubj" and not quoted[c.i]]
        if subjects:
            return _own_subject(subjects, h)
        for c in h.children:
            if c.dep_ == "nsubjpass" and (h.lower_ == "quoted" or conjunct) and h != v and not quoted[c.i]:
                # 'Vell was quoted by RNA as saying ...'; 'Quell was forced into damage control and said ...'
                return c
            if c.dep_ == "poss" and h.pos_ in ("NOUN", "PROPN") and h != v and not quoted[c.i]:
                return c  # "Clinton's decision against labeling ...": the decision's owner labels
        if h.dep_ == "xcomp" and h.head.lower_ in _OBJECT_CONTROL:
            obj = next((c for c in h.head.children if c.dep_ == "dobj" and not quoted[c.i]), None)
            if obj is not None:
                return obj  # 'forced Stumpf to admit that ...': Stumpf admits
        if h.dep_ == "acl" and h.head.pos_ in ("NOUN", "PROPN", "PRON") and not quoted[h.head.i]:
            noun = h.head
            owner = next((c for c in noun.children if c.dep_ == "poss"), None)
            if noun.lower_ not in DOCUMENTS:
                return noun
            if owner is not None:  # 'Trump's statement saying ...'
                return owner
            if noun.dep_ != "dobj":
                return noun
            h = noun  # 'Trump issued a statement saying ...': the issuer
        elif (h.dep_ in ("nsubj", "nsubjpass") and h.pos_ in ("NOUN", "PROPN") and v.tag_ == "VBG"
              and via_prep and not quoted[h.i]):
            return h  # 'Rian, despite admitting that ..., said': the subject the phrase hangs from admits
        elif (h.dep_ not in _CLIMB and not _loose_conjunct(h)) or h.head == h or quoted[h.head.i]:
            return None
        conjunct = h.dep_ in ("conj", "dep") and h.pos_ in ("VERB", "AUX")
        via_prep = h.dep_ == "prep"
        h = h.head
    return None


_SETTINGS = frozenset({"GPE", "LOC", "FAC", "DATE", "TIME", "EVENT"})


def _own_subject(subjects: list[Token], h: Token) -> Token:
    """Of the subjects the parse gives a verb, its own: the first, unless a coordination separates a
    name nearer the verb from it ('The crowd cheers, and then Wallner continues:' is two clauses). An
    apposition or a list that the parse splits into two subjects ('Yun Ki-moon, the secretary
    general, vowed'; 'voters in Alabama, Georgia and Virginia said') keeps the first, unless the first
    is a place, a time or a role before a person or organisation ('in Brenton, Norland, Quell
    spoke'; 'frontrunner Rita Vance is urging')."""
    first = subjects[0]
    near = max((c for c in subjects if c.i < h.i), key=lambda c: c.i, default=first)
    if near is first or not _named(near):
        return first
    between = h.doc[first.i + 1:near.left_edge.i]
    if any(t.dep_ == "cc" and t.lower_ in ("and", "but") for t in between):
        return near
    if is_title_word(first.text) and first.right_edge.i + 1 == near.left_edge.i and near.ent_type_ in ("PERSON", ""):
        # 'Superintendent Dr. Carla Whitman said', 'Deputy Prime Minister for European Integration Oksana
        # Dzyuba said' (the name untagged): the parse made the title a subject of its own
        return near
    if near.ent_type_ not in ("PERSON", "ORG"):
        return first
    # 'Speaking in Brenton, Norland, Quell took aim at ...': a place before a person is the setting;
    # 'Party frontrunner Rita Vance is urging ...': a role split off its name
    named_first = first.ent_type_ not in _SETTINGS and (first.pos_ == "PROPN" or first.ent_type_ != "")
    return first if named_first else near


def _finite_conjunct_climb(h: Token) -> Token:
    """'Vance said the plan showed that Holt would not listen, and accused her of ...': a finite verb
    without a subject that the parse coordinates with a bare verb after an auxiliary ('would
    listen') cannot share that auxiliary, so it is coordinated with a finite verb that the bare
    verb's clause hangs from, and shares that verb's subject: the outermost one ('said'), except
    that it leaves an adverbial or relative clause only if no finite verb came before (see
    _CONJUNCT_CLIMB)."""
    head = h.head
    if not (h.dep_ == "conj" and h.tag_ in FINITE_TAGS and head.tag_ == "VB" and head.i < h.i
            and any(c.dep_ == "aux" for c in head.children)
            and not any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in h.children)):
        return h
    clause, outermost = head, h
    while clause.dep_ in _CONJUNCT_CLIMB and clause.head != clause:
        if outermost is not h and clause.dep_ in ("advcl", "relcl"):
            break  # not past a finite verb out of an adverbial or relative clause (see above)
        clause = clause.head
        if clause.tag_ in FINITE_TAGS and clause.pos_ in ("VERB", "AUX"):
            outermost = clause
    return outermost


# Clauses a coordinated verb climbs out of. Out of an adverbial or relative clause only to its
# first finite verb: 'Because Varnik believed the city would build homes and promised parks,
# Strand voted yes' (Varnik promised, not Strand); but 'Brandl said the strike would end once the
# company would negotiate, and demanded a meeting' (Brandl demanded)
_CONJUNCT_CLIMB = frozenset({"ccomp", "acl", "relcl", "advcl", "pcomp", "pobj", "prep"})


def _loose_conjunct(h: Token) -> bool:
    """'Stroud paused, then revealed why ...': a verb the parse hangs from an earlier verb with no
    relation of its own ('dep'), after a comma: coordinated with it, so sharing its subject."""
    head = h.head
    return (h.dep_ == "dep" and h.pos_ == "VERB" and head.pos_ in ("VERB", "AUX") and head.i < h.i
            and any(t.text == "," for t in h.doc[head.i + 1:h.i]))


def _np_head(tok: Token) -> Token:
    while tok.dep_ in ("compound", "flat") and tok.head != tok and tok.head.pos_ in ("NOUN", "PROPN"):
        tok = tok.head
    return tok


def _fallback_subject(toks: list[Token]) -> Token | None:
    """A name next to the cue when the parse gave it no subject ('... ,” Flynn, a surrogate, said')."""
    for t in toks:
        if t.ent_type_ in ("DATE", "TIME"):
            continue  # 'on Dec. 2, Col. Steven Warren, a spokesman, said'
        if t.ent_type_ in ("PERSON", "ORG", "GPE", "NORP") or t.pos_ == "PROPN":
            return _np_head(t)
    return None


_ASIDE_MARKS = frozenset({",", "—", "–", "―", "--", "-"})


def _opening_name(v: Token, in_quote: list[bool]) -> Token | None:
    """'Varga, who sits on the panel, said ...': a finite verb of saying the parse left without a
    subject takes the name that opens its sentence, set off by a comma or a dash."""
    if v.tag_ not in FINITE_TAGS or any(c.dep_ in ("nsubjpass", "auxpass", "expl") for c in v.children):
        return None
    doc, start = v.doc, v.sent.start
    if not _person_name(doc[start]):
        # 'Speaking in Harlem, Stroud, without naming him, also accused ...': an opening phrase
        # without a finite verb, then the name
        comma = next((t.i for t in doc[start:v.i] if t.text == "," and not in_quote[t.i]), None)
        if comma is None or any(t.tag_ in FINITE_OR_MODAL or in_quote[t.i] for t in doc[start:comma]):
            return None
        start = comma + 1
    j = start
    while j < v.i and not in_quote[j] and _person_name(doc[j]):
        j += 1
    if j == start or j >= v.i or doc[j].text not in _ASIDE_MARKS:
        return None
    if start > v.sent.start and any(t.ent_type_ in ("GPE", "LOC") for t in doc[start:j]):
        return None  # 'At an event in St. Clairsville, Ohio, ...': the opening phrase's place
    return _subject_after_aside(v, j) or doc[j - 1]


def _subject_after_aside(v: Token, comma: int) -> Token | None:
    """'Responding to the union leader, Dan Korvel, the chairman flatly said ...': where a noun phrase
    with a determiner or owner follows the name's comma right up to the verb (adverbs aside), the name
    was an apposition in the opening phrase and that phrase is the subject; its head noun."""
    doc = v.doc
    words = [t for t in doc[comma + 1:v.i] if not (t.dep_ == "advmod" and t.head == v)]
    if len(words) < 2 or not (words[0].dep_ in ("det", "poss") or words[0].tag_ == "PRP$") or any(
            t.is_punct and t.text != "'s" for t in words):
        return None
    head = words[-1]
    if head.pos_ not in ("NOUN", "PROPN") or any(t.pos_ in ("VERB", "AUX", "ADP") for t in words):
        return None
    return head


def _name_right_before(v: Token, in_quote: list[bool]) -> Token | None:
    """'..., when asked about nominee Dale Crane, President Tom Varga said he ...': the parse hung the
    name from the phrase before it; a finite verb of saying left without a subject takes the name
    right before it (or before its comma: 'her adviser, Tom Brask, said'), set off from what precedes
    by a comma, maybe after a title (not a place: 'in Salem, Ohio, said')."""
    if v.tag_ not in FINITE_TAGS or any(c.dep_ in ("nsubj", "nsubjpass", "expl", "csubj") for c in v.children):
        return None
    doc = v.doc
    verb = v.i  # (after an adverb: '..., Tom Brask, bluntly suggested')
    while verb - 1 > v.sent.start and doc[verb - 1].tag_ == "RB" and doc[verb - 1].head == v and not in_quote[verb - 1]:
        verb -= 1
    end = verb - 1 if verb - 1 > v.sent.start and doc[verb - 1].text == "," else verb  # '..., Tom Brask, said'
    j = end
    while j > v.sent.start and not in_quote[j - 1] and _person_name(doc[j - 1]):
        j -= 1
    named_from = j
    while j > v.sent.start and (is_title_word(doc[j - 1].text) or doc[j - 1].lower_ in ("former", "the")):
        j -= 1  # ', former president Bill Varga said'
    if named_from == end or j == v.sent.start or doc[j - 1].text != "," or any(
            t.ent_type_ in ("GPE", "LOC") for t in doc[j:end]):
        return None
    name = doc[end - 1]
    # not the object of a clause with a subject of its own ('Varga praised his rival, Dale Crane, said ...')
    for a in name.ancestors:
        if a == v:
            break
        if a.pos_ in ("VERB", "AUX") and _has_own_subject(a):
            return None
    return name


def asked_aside(v: Token) -> Token | None:
    """'Pankov, asked whether talks were possible, said that ...': a participle of asking set off by
    commas, which the parse reads as the main verb with the verb of saying as its clause. Returns the
    verb of saying, whose speaker the subject is; the question is someone else's."""
    if v.lower_ != "asked" or v.i == 0 or v.doc[v.i - 1].text != ",":
        return None
    subject = next((c for c in v.children if c.dep_ == "nsubj"), None)
    if subject is None or subject.i > v.i:
        return None
    return next((c for c in v.children if c.dep_ == "ccomp" and c.i > v.i and c.doc[c.i - 1].text == ","
                 and SPEECH_FORMS.get(c.lower_) is not None and SPEECH_FORMS[c.lower_] not in QUESTION_VERBS
                 and not any(g.dep_ in ("nsubj", "nsubjpass") for g in c.children)), None)


def _subject_of_asked_aside(v: Token) -> Token | None:
    """The speaker of 'said' in 'Pankov, asked whether ..., said that ...' (see asked_aside)."""
    if v.dep_ != "ccomp" or asked_aside(v.head) != v:
        return None
    return next(c for c in v.head.children if c.dep_ == "nsubj")


_DASH_MARKS = _ASIDE_MARKS - {",", "-"}  # a dash, not a comma or a hyphen


def _name_after_dash(v: Token, in_quote: list[bool]) -> Token | None:
    """'It was no accident — Brendan Varley, a spokesman for the speaker, told POLITICO that ...': a
    finite verb of saying without a subject of its own, which the parse coordinates with the clause
    before the dash (inheriting its 'it'), takes the name that opens the part after the dash, with
    its apposition set off by commas."""
    if v.tag_ not in FINITE_TAGS or v.dep_ != "conj" or any(
            c.dep_ in ("nsubj", "nsubjpass", "expl", "csubj") for c in v.children):
        return None
    doc = v.doc
    end = v.i
    if end - 1 > v.sent.start and doc[end - 1].text == ",":  # the apposition's closing comma
        comma = next((t.i for t in reversed(doc[v.sent.start:end - 1]) if t.text == ","), None)
        if comma is None or doc[comma + 1].lower_ not in ("a", "an", "the", "his", "her", "its", "their"):
            return None
        end = comma
    j = end
    while j > v.sent.start and not in_quote[j - 1] and _person_name(doc[j - 1]):
        j -= 1
    if j == end or j == v.sent.start or doc[j - 1].text not in _DASH_MARKS:
        return None
    return doc[end - 1]


def _sentence_subject(v: Token, in_quote: list[bool]) -> Token | None:
    """'Mr. Quell did little to settle the question, calling ... -- "..." -- and, asserting, "..."': a
    participle of saying set off by a comma, whose parse hangs it from a quotation, is said by the
    named subject that opens its sentence."""
    if v.tag_ != "VBG" or v.lower_ not in _MAIN_CLAUSE_PARTICIPLES:
        return None
    if _mark_before(v) != ",":
        return None
    first = next((t for t in v.sent if t.dep_ == "nsubj" and not in_quote[t.i]), None)
    if first is None or first.i > v.i or not _person_name(first):
        return None
    return first


def _unquoted_subject(v: Token, in_quote: list[bool]) -> Token | None:
    """The verb's own nominal subject, unless it lies inside a quotation."""
    return next((c for c in v.children if c.dep_ == "nsubj" and not in_quote[c.i]), None)


def _earlier_speaker(v: Token, in_quote: list[bool]) -> Token | None:
    """'"...," Stroud said, going on to say that ...' / ', suggesting ...': a participle or
    infinitive of saying without a subject, after a comma, continues the verb of saying before it in
    its sentence (the parse often hangs it inside the quotation)."""
    if v.tag_ not in ("VBG", "VB"):
        return None
    doc = v.doc
    if v.i == v.sent.start and v.i > 0 and v.lower_ in _MAIN_CLAUSE_PARTICIPLES and v.i + 1 < len(doc) and (
            doc[v.i + 1].text in (",", ":")):
        # 'Varga stated that the report "was not good." Adding, "...": a sentence that is only a
        # participle of saying and its quote continues the verb of saying of the sentence before
        for t in reversed(list(doc[v.i - 1].sent)):
            if not in_quote[t.i] and is_speech_verb(t) and t.tag_ not in ("VBG", "VB"):
                return _unquoted_subject(t, in_quote)
        return None
    for t in reversed(doc[v.sent.start:v.i]):
        if in_quote[t.i] or not is_speech_verb(t) or t.tag_ in ("VBG", "VB"):
            continue
        subj = _unquoted_subject(t, in_quote)
        between = doc[t.i + 1:v.i]
        if subj is not None and any(x.text == "," for x in between) and not any(
                x.dep_ in ("nsubj", "nsubjpass") and not in_quote[x.i] for x in between):
            return subj
        return None
    return None


def _left_clause_subject(v: Token, in_quote: list[bool]) -> Token | None:
    """'Stroud paused, then revealed why ...': the parse makes the first verb a clause of the second,
    which is left without a subject; the named subject of that clause, set off by a comma, is it.
    A verb coordinated after such a verb shares it ('Stroud summed up ..., denounced ... and said')."""
    if v.tag_ not in FINITE_TAGS or any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in v.children):
        return None
    if v.dep_ == "conj" and v.head.i < v.i and v.head.pos_ in ("VERB", "AUX"):
        return _left_clause_subject(v.head, in_quote)
    for c in v.lefts:
        if c.dep_ not in ("ccomp", "conj", "advcl") or in_quote[c.i]:
            continue
        subj = _unquoted_subject(c, in_quote)
        between = v.doc[max(t.i for t in c.subtree) + 1:v.i]
        if subj is not None and _named(subj) and any(t.text == "," for t in between):
            return subj
    return None


def _cue_text(v: Token) -> str:
    parts = [v.text] + [c.text for c in v.children if c.dep_ == "prt"]
    return " ".join(parts)


def attribution_of(v: Token, in_quote: list[bool] | None = None, near: list[Token] | None = None) -> Attribution:
    """The attribution carried by a verb of saying (near: tokens to search when it has no subject)."""
    quoted = in_quote or [False] * len(v.doc)
    s = _name_after_dash(v, quoted) or _subject_of_asked_aside(v) or subject_token(v, quoted)
    if s is None:
        s = _opening_name(v, quoted)
    if s is None:
        s = _name_right_before(v, quoted)
    if s is None:
        s = _sentence_subject(v, quoted)
    if s is None:
        s = _earlier_speaker(v, quoted)
    if s is None:
        s = _left_clause_subject(v, quoted)
    if s is None and near:
        s = _fallback_subject(near)
    return Attribution(subject_from_token(s) if s is not None else None, _cue_text(v))


def _time_of_saying(clause: Token, content: list[Token]) -> set[int]:
    """'Varnik said on Monday she would run again': with no 'that', the parse hangs the time of the
    saying from the content's verb; a time phrase opening the content, before its subject, is the
    saying's ('said that on Monday she would run' keeps it: there it is the content's, and so is a
    phrase next to quotation marks)."""
    subject = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass", "expl")), None)
    if subject is None or not content or any(c.dep_ == "mark" for c in clause.children):
        return set()
    first = min(t.i for t in content)
    for c in clause.children:
        if (c.left_edge.i == first and c.right_edge.i < subject.left_edge.i and _day_of_saying(c)
                and not any(t.is_quote for t in clause.doc[max(first - 1, 0):c.right_edge.i + 2])):
            return {t.i for t in c.subtree}
    return set()


# a day, and the parts of one ('Monday night')
_DAY_WORDS = WEEKDAYS | wordset("yesterday today tonight morning afternoon evening night")


def _day_of_saying(phrase: Token) -> bool:
    """'on Monday', 'on Monday night', 'Tuesday', 'on May 12': a day, as news reports give the time
    of saying. Other times ('last year', 'in 2027', 'until May', 'next week') and occasions ('on his
    first trip') are as often the content's own, so they stay in it."""
    words = [t for t in phrase.subtree if not t.is_punct]
    if phrase.dep_ == "npadvmod":
        return all(t.lower_ in _DAY_WORDS for t in words)
    pobj = next((c for c in phrase.children if c.dep_ == "pobj"), None)
    if (phrase.dep_ != "prep" or phrase.lower_ != "on" or pobj is None or phrase.left_edge != phrase
            or any(t.lower_ in ("last", "next", "this", "every") for t in words)):
        return False
    return all(t.lower_ in _DAY_WORDS for t in words[1:]) or (
        pobj.ent_type_ == "DATE" and any(t.like_num for t in words))  # 'on Monday night', 'on May 12'


# Participles that say how a source spoke or where its words appeared ('According to Pike, speaking
# on Monday, ...'; 'According to the report, released on Friday, ...'), not what it said
_SOURCE_PARTICIPLES = frozenset({"speaking", "writing", "testifying", "commenting", "responding", "appearing",
                                 "released", "published", "issued", "filed", "posted", "dated", "delivered",
                                 "obtained", "seen", "leaked", "made", "quoted", "interviewed", "reached",
                                 "prepared", "conducted", "commissioned", "carried", "based", "compiled", "cited",
                                 "written", "broadcast", "aired"})


def _without_source_description(content: list[Token], source_end: int) -> list[Token]:
    """'According to Dana Pike, writing for the Salem Courier, the fund ...': a participle phrase of
    the source's speaking or publishing right after the source, up to the comma after it, says who
    or where the source is, not what it says; with no finite verb after it, nothing is left
    ('According to Dana Pike, writing for the Courier:'). Other participles are the content's own
    ('According to Pike, rising prices have hurt families')."""
    words = [t for t in content if not t.is_punct]
    if not words or words[0].lower_ not in _SOURCE_PARTICIPLES or words[0].i < source_end or any(
            not t.is_punct for t in words[0].doc[source_end + 1:words[0].i]):
        return content
    end = words[0].right_edge.i
    doc = words[0].doc
    while end + 2 < len(doc) and doc[end + 1].text == "," and doc[end + 2].ent_type_ == "GPE":
        end = next(e.end - 1 for e in doc.ents if e.start <= end + 2 < e.end)  # 'in Salem, Oregon,'
    after = [t for t in content if t.i > end]
    if all(t.is_punct for t in after):
        return []
    if after[0].text != ",":
        return content  # the parse did not close the phrase at a comma: leave it
    return after[1:] if any(t.tag_ in FINITE_OR_MODAL for t in after) else content


def _has_verb(tokens: list[Token]) -> bool:
    return any(t.pos_ in ("VERB", "AUX") for t in tokens)


_HAVE_DO = frozenset({"has", "have", "had", "does", "do", "did"})  # 'CNN had', 'they do': cut short


def _fewest_words(tokens: list[Token]) -> int:
    """The words content needs: two for a clause of a noun and its verb ('sales fell', 'talks failed'), else
    three ('she could', 'I think' are cut short or asides)."""
    ids = {t.i for t in tokens}
    whole = any(t.dep_ in ("nsubj", "nsubjpass") and t.pos_ in ("NOUN", "PROPN") and t.head.i in ids
                and t.head.pos_ == "VERB" and t.head.tag_ in FINITE_TAGS and t.head.lower_ not in _HAVE_DO
                for t in tokens)
    return 2 if whole else 3


def _is_trailing_attribution(v: Token, in_quote: list[bool]) -> bool:
    """'..., X said (on Monday).': the verb has its own subject and ends its sentence."""
    if v.tag_ == "VBG" or not any(c.dep_ == "nsubj" and not in_quote[c.i] for c in v.children):
        return False
    if v.dep_ == "relcl" or any(c.dep_ == "nsubj" and c.lower_ in RELATIVE for c in v.children):
        return False  # '..., unions and employers, who have questioned the city's reliance on ...'
    last = max(t.i for t in v.subtree)
    rest = [t for t in v.sent if t.i > last and not t.is_punct]
    return not rest


# Verbs of reporting, unlike those of a scene ('joked', 'shouted', 'replied'): they attribute in an 'as'
# clause ('as Vell noted') and in a parenthesis after a fronted time or place ('That evening, Vell told
# the board, ...')
_REPORTING = frozenset({"say", "tell", "note", "write", "explain", "report", "recall", "argue", "observe",
                        "acknowledge", "add", "state", "claim", "suggest", "predict", "warn", "reveal", "announce",
                        "confirm", "point", "emphasize", "emphasise", "stress", "insist", "testify", "estimate",
                        "recount", "concede", "admit", "contend", "assert"})
# bodies one tells something ('told the board'), besides people (`_PEOPLE`)
_TOLD_BODIES = wordset("board committee court council parliament congress senate assembly media press")


def _reports_after_a_setting(v: Token) -> bool:
    """Whether a verb is one of reporting (`_REPORTING`) with no object but the people told ('told
    reporters', 'told the board'; not 'told the truth', 'maintained support')."""
    base = SPEECH_FORMS.get(v.lower_)
    objects = [c for c in v.children if c.dep_ in ("dobj", "dative")]
    return base in _REPORTING and all(base == "tell" and (
        o.pos_ in ("PRON", "PROPN") or o.ent_type_ in ("PERSON", "ORG", "NORP", "GPE") or _people(o)
        or o.lower_ in _TOLD_BODIES) for o in objects)


def _parenthetical_words(v: Token, in_quote: list[bool]) -> list[Token] | None:
    """The verb's own words (`_own_words`) where ', X said,' is a parenthetical inside a sentence of
    the journalist's: subject of its own, commas both sides (not an adverbial clause: ', after the
    board asked them to search their e-mails, Hackert said'); else None."""
    if v.tag_ == "VBG" or not any(c.dep_ == "nsubj" for c in v.children):
        return None
    subject = next(c for c in v.children if c.dep_ == "nsubj")
    # a sentence adverb the parse hangs from the verb is the sentence's ('Instead, Vell told the Courier, ...')
    # and so is a time or place the parse hangs from a verb of reporting ('Many days, former employees said,
    # she ...', 'That evening, Ostby told the board, the deal ...'; not 'In contrast, Ruiz has maintained
    # support among ..., a poll found', 'On the stand, Vell told the truth, the jury ...', 'At noon, the
    # referee shouted, the players stopped')
    lead_deps = ("advmod", "cc", "punct", "npadvmod", "prep") if _reports_after_a_setting(v) else (
        "advmod", "cc", "punct")
    lead = {t.i for c in v.children if c.i < subject.left_edge.i and c.dep_ in lead_deps for t in c.subtree}
    own = [t for t in _own_words(v) if t.i not in lead]
    if any(t.i < v.i and t.tag_ in ("WDT", "WP", "WP$", "WRB") for t in own):
        # a relative clause describes someone: 'Lisk, who wrote the bill, said ...', '2013, when
        # Lisk testified, ...' (the parse also labels 'relcl' a true parenthetical: 'The budget, she
        # insisted on Tuesday, is balanced')
        return None
    if any(c.dep_ == "mark" and c.lower_ != "as" for c in v.children):
        return None
    words = [t.i for t in own if not t.is_punct]
    first, last = min(words), max(words)
    sent = v.sent
    if first - 1 <= sent.start or last + 2 >= sent.end:
        return None
    doc = v.doc
    if doc[first - 1].text not in _DASHES or doc[last + 1].text not in _DASHES:
        return None
    # between two parts of a quotation ('"The levy", he said, "is unfair."') it attributes the quotation,
    # and before one that opens a sentence (', he said, "We will appeal."') it introduces it
    if _opens_with_quote(sent, in_quote) and (in_quote[first - 2] or in_quote[last + 2]):
        return None
    after = doc[last + 2:sent.end]
    if after[0].is_quote and len(after) > 1 and not after[1].is_lower:
        return None
    return own


def _quoted_in_sentence(sent: Span, parenthesis: list[Token], in_quote: list[bool]) -> set[int]:
    """The quoted words that belong to the sentence around an attribution in parenthesis: in a sentence
    that does not open with a quotation, those of a quotation in lower case ('The levy, Orde said, "is a
    tax on work" and must go') unless another verb of saying comes before it ('..., and she admitted
    "emails have been a curse"'), or of one of three words or fewer ('Orde said, is "a tax."')."""
    if _opens_with_quote(sent, in_quote):
        return set()
    doc, after = sent.doc, max(w.i for w in parenthesis)
    kept: set[int] = set()
    start = sent.start
    while start < sent.end:
        if not in_quote[start]:
            start += 1
            continue
        end = start
        while end + 1 < sent.end and in_quote[end + 1]:
            end += 1
        words = [w for w in doc[start:end + 1] if w.is_alpha]  # (none: the next sentence's opening mark)
        if words and (len(words) <= 3 or (words[0].is_lower and not any(
                is_speech_verb(w) for w in doc[after + 1:words[0].i]))):
            kept.update(range(start, end + 1))
        start = end + 1
    return kept


# words opening the journalist's narration after a quotation ('"was just," while the defence called it ...')
_NARRATION_AFTER = frozenset({"though", "although", "while", "whereas", "as", "which", "who"})


def _before_next_act(content: list[Token], parenthesis: list[int], in_quote: list[bool]) -> list[Token]:
    """A sentence around an attribution in parenthesis up to a source or another attribution after
    it ('..., according to a transcript', '..., Reuters reported'), and, after a quotation it takes in,
    up to the speaker's next act ('The plan, Oster said, "is unfair," and he vowed to fight it', ',
    adding that ...'), the journalist's narration (', while the defence called it ...') or gloss (', a point
    the defence disputed')."""
    after = max(parenthesis)

    def cut(k: int) -> list[Token]:  # (with nothing left after the attribution, what comes before it)
        kept = content[:k]
        if any(t.i > after and not t.is_punct for t in kept):
            return kept
        return [t for t in kept if t.i < min(parenthesis)]

    quoted = False
    for k, t in enumerate(content):
        if in_quote[t.i]:
            quoted = True
            continue
        joint = t.is_punct or t.dep_ == "cc"
        if t.i <= after or not (joint or (k and in_quote[content[k - 1].i])):
            continue
        words = [w for w in content[k + joint:] if not w.is_punct]
        if words and words[0].dep_ == "cc":
            words = words[1:]
        if not words:
            break
        first = words[0]
        subject = first
        while subject.dep_ in ("det", "compound", "amod", "poss", "nummod") and subject.head.i > subject.i:
            subject = subject.head  # ('the Courier reported')
        verb = subject.head  # (someone else's attribution: ', and the rail operator said "..."')
        if first.lower_ == "according" or (subject.dep_ == "nsubj" and is_speech_verb(verb) and verb.i > subject.i
                                            and not in_quote[verb.i]):
            return cut(k)
        if quoted and (first.tag_ == "VBG" or first.lower_ in _NARRATION_AFTER or (
                first.dep_ in ("nsubj", "nsubjpass") and first.head.dep_ == "conj" and first.head.i > first.i)
                       or (first.lower_ in ("a", "an") and first.head.lower_ in GLOSS_NOUNS)):
            return cut(k)
        quoted = False  # (right after the quotation only)
    return content


def _opens_with_quote(sent: Span, in_quote: list[bool]) -> bool:
    """Whether a sentence opens with a quotation mark or a quoted word."""
    opening = next((t for t in sent if not t.is_punct or t.is_quote), None)
    return opening is not None and (opening.is_quote or in_quote[opening.i])


_DASHES = (",", "—", "--")
_TIME_MARKS = frozenset({"before", "after", "until", "till", "when", "whenever"})
# words opening the circumstances of saying after ', X said,' (', as the vote was counted', ', with a laugh',
# ', without offering evidence')
_SAYING_TAIL = frozenset({"as", "when", "after", "before", "with", "which", "who", "whom", "whose", "despite", "even",
                          "without", "outside", "via", "through"})
_PLACE_PREPS = frozenset({"in", "at", "on", "during", "over", "from", "by", "for", "via", "through", "outside"})
# where words appear, besides the occasions of `_OCCASIONS` (', the firm said, in a filing', ', on its website')
_WHERE_SAID = frozenset({"filing", "filings", "report", "papers", "documents", "website", "site", "blog", "telephone",
                         "phone", "twitter", "instagram", "facebook", "radio", "television", "tv", "court", "release",
                         "newsletter", "notice", "condition", "anonymity"})


def _rest_after_parenthesis(v: Token, left_end: int) -> list[Token]:
    """Where ', X said,' stands between commas inside its sentence, after content ending at token
    `left_end`, what follows the second comma goes on with the content, whatever the parse hangs it
    from ('The argument would be aided, Devine said, by the calendar'; '..., the airline added, and had
    passed all checks'): the attribution and the rest, for one span over the sentence. Not the
    speaker's next act (', Ruiz said, adding that ...', ', Ruiz said, and added that ...'), a source
    (', he said, according to ...'), another attribution, the occasion, medium or time of saying (', in
    a statement', ', on its website', ', on Friday'), a noun phrase, or a quotation it introduces."""
    doc, sent = v.doc, v.sent
    subject = next((c for c in v.children if c.dep_ in ("nsubj", "nsubjpass") and c.i < v.i), None)
    if (subject is None or subject.left_edge.i != left_end + 2 or doc[left_end + 1].text not in _DASHES
            or any(t.i > v.i for t in subject.subtree)):
        return []
    comma = next((t.i for t in doc[v.i + 1:sent.end] if t.text in _DASHES), None)
    if comma is None or any(t.is_quote or t.text == ":" for t in doc[v.i + 1:comma]):
        return []
    rest = list(doc[comma + 1:sent.end])
    while rest and rest[-1].is_punct:  # (a closing quotation mark trim() puts back)
        rest.pop()
    words = [t for t in rest if not t.is_punct]
    if len(words) < 2:
        return []
    first, nxt = words[0], words[1]
    if (rest[0].is_quote and not first.is_lower) or (first.dep_ == "cc" and doc[first.i + 1].is_quote):
        return []  # (', he added, "We will appeal."' introduces a quotation; ', he said, and "we will
        # appeal."' coordinates one, a direct statement of its own)
    if nxt.pos_ == "ADV" and len(words) > 2:
        nxt = words[2]  # ', and also added ...'
    if ((first.tag_ == "VBG" and first.lower_ != "including") or first.lower_ == "according"
            or (first.dep_ == "cc" and is_speech_verb(nxt))):
        return []
    if any(is_speech_verb(t) and _has_own_subject(t) for t in words):
        return []  # another attribution (', Varga told the BBC, but Brisk told Reuters otherwise')
    # the speaker's occasion or terms (', he said, on condition of anonymity', ', she said, in an
    # interview') or time (', the agency said, two days after the vote')
    objects = [o for o in first.children if o.dep_ == "pobj"] if first.lower_ in _PLACE_PREPS else []
    occasion = any(_occasion(o) or _plural_occasion(o) or o.lower_ in _WHERE_SAID or o.ent_type_ in ("DATE", "TIME")
                   for o in objects)
    if any(w.ent_type_ in ("DATE", "TIME") for w in words[:2]) or first.lower_ in _SAYING_TAIL or occasion:
        return []
    if not _has_verb(words) and any(w.ent_type_ in ("DATE", "TIME") for w in words):
        return []  # when and where it was said (', the ministry said, in Dornhall on Saturday')
    # a noun phrase after it describes what came before ('..., Sanders said, a policy that ...'), or
    # the attribution's own words ('said in his book, "An American Son," ...')
    inside = range(comma + 1, rest[-1].i + 1)
    tops = [t for t in rest if t.head.i not in inside or t.head == t]
    if any(t.head.i in range(subject.left_edge.i, comma) and t.head != v for t in tops) or (
            tops and tops[0].pos_ in ("NOUN", "PROPN", "PRON", "NUM") and tops[0].dep_ not in ("nsubj", "nsubjpass")):
        return []
    return list(doc[left_end + 1:comma + 1]) + rest


def _own_words(v: Token) -> list[Token]:
    """A verb's words less an adverbial clause with a subject or a subordinator of its own that the
    parse hangs from it on its left, which belongs to the sentence around it ('After the court ruled,
    Hebert said, most laws were safe', 'If approved, Moll said, the plan ...'), or an infinitive of
    purpose ('To see the verdict, Varro said, one should visit the museum'); not 'Asked about it, Moll
    said, ...', which is the speaker's)."""
    left = {t.i for c in v.children if c.dep_ == "advcl" and c.i < v.i
            and (_has_own_subject(c) or any(g.dep_ == "mark" for g in c.children) or _purpose(c))
            for t in c.subtree}
    return [t for t in v.subtree if t.i not in left]


# nouns the tagger takes for verbs after 'to' ('To applause from the crowd, Vardy said, ...')
_TO_NOUNS = frozenset({"applause", "laughter", "cheers", "boos", "jeers", "gasps", "date", "silence"})


def _purpose(clause: Token) -> bool:
    """An infinitive of purpose ('To reach the island, ...')."""
    return clause.left_edge.tag_ == "TO" and clause.pos_ in ("VERB", "AUX") and clause.lower_ not in _TO_NOUNS


def _holds_quote(sent: Span, in_quote: list[bool]) -> bool:
    """Whether a sentence holds a quotation of four words or more: shorter ones are scare quotes
    ('the move reeks of "fear"'), which leave the sentence the journalist's."""
    run = 0
    for t in sent:
        run = run + t.is_alpha if in_quote[t.i] else 0
        if run >= 4:
            return True
    return False


def _sentence_adjunct(tok: Token, drop: set[int], in_quote: list[bool]) -> bool:
    """'According to X, ...' opening or ', according to X.' closing its sentence (no quotation in it)."""
    sent = tok.sent
    if _holds_quote(sent, in_quote):
        return False
    before = [t for t in sent if t.i < min(drop) and not t.is_punct and t.dep_ not in ("cc", "advmod")]
    after = [t for t in sent if t.i > max(drop) and not t.is_punct]
    return not before or not after


_CLAUSE_PARTS = frozenset({"nsubj", "nsubjpass", "aux", "auxpass", "expl", "neg"})


def reported_speech(doc: Doc, text: str, in_quote: list[bool]) -> list[Reported]:
    """Reported-speech content in a parsed paragraph: ccomp of a verb of saying, 'according to'."""
    out: list[Reported] = []
    for tok in doc:
        if in_quote[tok.i]:
            continue
        if tok.lower_ == "according":
            pobj = _according_source(tok)
            if pobj is None:
                continue
            if tok.head == tok:  # parsed as the sentence's root: read 'According to X, <clause>' up to the comma
                comma = next((t.i for t in tok.sent if t.i > pobj.i and t.text == ","), None)
                if comma is None:
                    continue
                drop = set(range(tok.i, comma + 1))
            else:
                drop = {t.i for t in tok.subtree} | set(range(tok.i, pobj.i + 1))
            content = [t for t in tok.head.subtree if t.i not in drop]
            adjunct = _sentence_adjunct(tok, drop, in_quote)
            if adjunct:  # 'According to X, ...' / '..., according to X.': the rest of the sentence
                content = [t for t in tok.sent if t.i not in drop]
            elif tok.head == tok:
                continue
            else:  # 'Turnout was 61%, according to the commission, the highest since 2004.': the clause's side,
                # unless the other holds the clause's subject or auxiliary ('The minister will, according to X, resign')
                head = tok.head
                other = [t for t in content if (t.i < tok.i) != (head.i < tok.i)]
                if not any(t.head == head and t.dep_ in _CLAUSE_PARTS for t in other):
                    content = [t for t in content if (t.i < tok.i) == (head.i < tok.i)]
            # the tagger sometimes misses the verb of a clause ('the move reeks of fear'); an adjunct
            # framing a whole sentence of five words or more is attribution all the same
            content = _without_source_description(content, max(drop))
            clause = _has_verb(content) or (adjunct and sum(t.is_alpha for t in content) >= 5)
            span = span_of(content, text, tok.sent) if clause else None
            if span:
                out.append(Reported(*span, Attribution(subject_from_token(pobj), "according to")))
            continue
        if not is_speech_verb(tok) or negated(tok) or withheld(tok) or _idiom(tok):
            continue
        if asked_aside(tok) is not None:
            continue  # 'Pankov, asked whether ..., said ...': he was asked; what he said follows
        if _interviewer(tok):
            continue  # 'X was asked whether ...': the question is the interviewer's
        content = []
        # (a clause of time is when it was said, whatever the parse makes of it: 'said before he died')
        # (nor is a gloss the parse makes a second content: '... balanced, "to the penny," a claim Orde disputed')
        ccomps = [c for c in tok.children if c.dep_ == "ccomp" and not any(
            g.dep_ == "mark" and g.lower_ in _TIME_MARKS for g in c.children)
            and not (c.pos_ == "NOUN" and c.lower_ in GLOSS_NOUNS)]
        trailing = _is_trailing_attribution(tok, in_quote)
        speaker_verb = tok
        misread = [] if ccomps else _misread_content(tok)
        if not ccomps:
            ccomps = misread or _clause_read_as_adverbial(tok) or _gerund_read_as_complement(tok)
        if not ccomps:
            ccomps = _that_clause_misread(tok)
            # in this parse a verb of saying or urging coordinated with the clause's, without a subject
            # of its own, is the speaker's next act ('... that Lund was "a fraud" and urged
            # voters to ...'); other verbs ('... and lied about her past') stay in the content
            drop_after = {i for c in ccomps for v in c.children if v.dep_ == "conj" and v.pos_ == "VERB"
                          and not _has_own_subject(v) and (is_speech_verb(v) or v.lower_ in _URGING)
                          for i in range(_coordinator(v), v.right_edge.i + 1)}
            drop_after.update(c.left_edge.i for c in ccomps)  # 'that'
        else:  # the opening 'that' of a misread clause, also where the parse made it the subject
            drop_after = {c.left_edge.i for c in misread}
        if ccomps:
            # '..., state news agency Ruma reported on Sunday': a second verb of saying with its own
            # subject after a comma attributes the content; it is not part of it
            right = [c for c in ccomps if c.i > tok.i]
            right = [c for k, c in enumerate(right) if not (k and _attributes_before(c))]
            cc = min(right, key=lambda c: c.i) if right else max(ccomps, key=lambda c: len(list(c.subtree)))
            # 'Vell said the test was a warning, Ruma said': the content is Vell's, passed on by Ruma
            speaker_verb = next((c for c in ccomps if c is not cc and c.i < cc.i and c.i < tok.i
                                 and is_speech_verb(c) and _has_own_subject(c)
                                 and not any(g.dep_ in ("ccomp", "dobj") for g in c.children)), tok)
            if any(c.dep_ == "mark" and c.lower_ in ("whether", "if") for c in cc.children) and (
                    SPEECH_FORMS.get(tok.lower_) not in QUESTION_VERBS):
                continue
            # 'The argument would be aided, Devine said, by the calendar.'
            rest = _rest_after_parenthesis(tok, cc.right_edge.i) if not right else []
            if cc.i < tok.i and not trailing and not (tok.dep_ == "parataxis" and tok.head.i > tok.i and rest):
                continue  # (the parse may hang the clause after ', he said,' above: 'It would take weeks, he
                # said, and the talks could fail')
            content = [t for c in (right or [cc]) for t in c.subtree if t.i not in drop_after]
            if not right:
                content += rest
                # what a colon before it introduces, not the narration before the colon ('Moss scolded
                # him: "The claims are false," she said')
                colon = max((t.i for t in content if t.text == ":" and not in_quote[t.i]), default=-1)
                content = [t for t in content if t.i > colon]
            if right:
                content += _subject_read_as_object(tok, cc) + _condition_before(tok, cc)
                content += _clause_after(tok, cc, "conj", "that") + _clause_after(tok, cc, "advcl", "because")
                clauses = {next(t.i for t in c.subtree if not t.is_punct) for c in right if _has_own_subject(c)}
                content = cut_tail(_bridged(sorted(content, key=lambda t: t.i), clauses), tok)
                drop_time = _time_of_saying(cc, content)
                content = [t for t in content if t.i not in drop_time]
        elif (trailing and tok.dep_ in ("parataxis", "ccomp") and tok.head.i < tok.i
              and tok.head.pos_ in ("VERB", "AUX") and not is_speech_verb(tok.head) and _set_off(tok)):
            drop = {t.i for t in tok.subtree}
            content = [t for t in tok.head.subtree if t.i not in drop]
            subject = next((c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")), tok)
            left_end = subject.left_edge.i - 2
            if left_end > tok.sent.start and (rest := _rest_after_parenthesis(tok, left_end)):
                content = [t for t in content if t.i <= left_end] + rest  # 'X had no ties, the airline said, and ...'
        elif trailing:
            left = [t for t in tok.sent if t.i < tok.left_edge.i]
            # (not where a colon introduces a quotation: 'Moss scolded him: "...," she said')
            if left and left[-1].text == "," and len(left) > 4 and not any(t.text == ":" for t in left):
                content = left
        elif _as_clause(tok):  # 'As Vell told reporters, the harbour will reopen.': the main clause
            drop = {t.i for t in tok.subtree}
            content = [t for t in tok.head.subtree if t.i not in drop and not in_quote[t.i]]
        elif (own_words := _parenthetical_words(tok, in_quote)) is not None:
            # 'The levy, he said, is unfair.': the whole sentence
            own = [t.i for t in own_words]
            first = min(own)
            # a quotation the sentence opens with is a direct statement of its own; one further in may be
            # part of the sentence (`_quoted_in_sentence`: 'The levy, Ms. Orde said, "is a waste" of money')
            kept = _quoted_in_sentence(tok.sent, own_words, in_quote)
            content = _before_next_act([t for t in tok.sent if not in_quote[t.i] or t.i in kept], own, in_quote)
            # the part before holds the subject, or is a gerund the clause after lacks as its subject
            # ('Putting the show together, Ruiz said, allowed her ...': the parse read it as adverbial),
            # or an infinitive of purpose ('To see the verdict, Varro said, one should visit ...')
            if not any(t.dep_ in SUBJECT_DEPS or t.dep_ == "mark" for t in content if t.i < first) and not (
                    content[0].tag_ == "VBG" and not any(c.dep_ in SUBJECT_DEPS for c in tok.head.children)) and not (
                    content[0].dep_ == "aux" and _purpose(content[0].head)):
                last = max(own)  # 'Last year, he said, the levy ...'
                content = [t for t in content if t.i > last]

        if not content or not (_has_verb(content) or _clause_with_a_noun_for_verb(tok, content)):
            continue
        span = span_of(content, text, tok.sent, _fewest_words(content))
        if span:
            out.append(Reported(*span, attribution_of(speaker_verb, in_quote)))
    return out


def _clause_with_a_noun_for_verb(v: Token, content: list[Token]) -> bool:
    """'said the words "lump" Muslims together': a clause of the verb of saying with a subject, whose verb
    the tagger took for a noun. Only after verbs that take no object ('declared him the victor' is none)
    and where the verb has none ('said a few words, the players quiet')."""
    return SPEECH_FORMS.get(v.lower_) in _NO_OBJECT_CUES and not any(c.dep_ == "dobj" for c in v.children) and any(
        c.dep_ == "ccomp" and c.head == v and (c.pos_ == "NOUN" or c.lower_ in _CONTRACTED) and _verb_read_as_noun(c)
        for c in content)


# contracted verbs the tagger may take for quotation marks ('saying it’s “all about management”')
_CONTRACTED = frozenset({"'s", "’s", "'re", "’re", "'m", "’m"})


def _verb_read_as_noun(noun: Token) -> bool:
    """A noun (or contracted verb) with a subject and none of a noun's own modifiers ('the figures "lump" the
    farms with ...'; not 'predicted the incumbent an easy win', 'said the suspect a local man')."""
    deps = {c.dep_ for c in noun.children}
    return bool(deps & {"nsubj", "nsubjpass"}) and not deps & {"det", "poss", "amod", "nummod", "compound"}


# verbs of saying that take no object besides what was said ('said the figures show that ...')
_NO_OBJECT_CUES = frozenset({"say", "claim", "argue", "insist", "add", "state", "note", "suggest", "predict"})


# objects that are what was said ('said something', 'said so')
_OBJECTS_SAID = wordset("something nothing anything everything little much more less that this it so what words")


def _subject_read_as_object(v: Token, cc: Token) -> list[Token]:
    """'Garin said his focus groups and other research show that ...': the tagger took 'show' for a
    noun, so the parse made the content's subject the verb's object and hung the rest from the verb.
    'say' takes no object besides what was said: an object right before its content clause, with no
    comma between, opens the content."""
    if SPEECH_FORMS.get(v.lower_) not in _NO_OBJECT_CUES:
        return []
    if (subject := _subject_of_bare_clause(v, cc)) is not None:
        return list(v.doc[subject.left_edge.i:cc.left_edge.i])
    obj = next((c for c in v.children if c.dep_ == "dobj" and v.i < c.i and c.right_edge.i < cc.left_edge.i), None)
    if obj is None or any(t.is_punct for t in v.doc[v.i + 1:cc.left_edge.i]) or obj.lower_ in _OBJECTS_SAID:
        return []
    if any(t.dep_ in ("relcl", "acl") for t in obj.subtree):
        return []  # 'said something that surprised the council': an object after all
    return list(v.doc[obj.left_edge.i:cc.left_edge.i])


def _subject_of_bare_clause(v: Token, cc: Token) -> Token | None:
    """'Hemsley said the days when the town had "one story" are gone': the parse hangs a long subject
    from the verb of saying (as its object, or as a noun of time) and leaves the content clause without
    one. A noun right before such a finite clause is its subject, whatever it holds; commas only around
    a clause or apposition of its own ('argued the pipeline, which farmers back, "would fail"')."""
    opener = cc.left_edge
    if any(c.dep_ in SUBJECT_DEPS for c in cc.children) or cc.tag_ == "VBG" or (
            cc.tag_ == "VB" and not any(c.dep_ == "aux" for c in cc.children)) or (
            opener.i != cc.i and (opener.dep_ == "mark" or opener.tag_ in ("WDT", "WP", "WRB"))):
        return None
    noun = next((c for c in v.children if c.dep_ in ("dobj", "npadvmod") and v.i < c.i
                 and c.right_edge.i + 1 == cc.left_edge.i and c.pos_ in ("NOUN", "PROPN")), None)
    if noun is None or noun.lower_ in _OBJECTS_SAID:
        return None
    inserted = {i for c in noun.children if c.dep_ in ("relcl", "acl", "appos")
                for i in (c.left_edge.i - 1, c.right_edge.i + 1)}
    if any(t.text in (",", ";", ":", "—", "-") and t.i not in inserted for t in v.doc[noun.left_edge.i:cc.left_edge.i]):
        return None
    return noun


def _set_off(v: Token) -> bool:
    """'X had no ties, the airline said': an attribution the parse hangs from the clause before it is
    set off by punctuation and opens no clause of its own, unlike a complement clause ('Regulators
    worried that the owner could threaten to close', 'police fear that crackdowns could add fuel')."""
    first = next(t.i for t in v.subtree if not t.is_punct)
    return first > 0 and v.doc[first - 1].is_punct and not any(c.dep_ == "mark" for c in v.children)


def _bridged(toks: list[Token], clauses: set[int]) -> list[Token]:
    """Content tokens (in order) with the punctuation the parse hangs elsewhere where a quotation opens a
    second content clause joined to the first (`clauses`: where those with a subject of their own begin):
    'said the plan was dead, "and nobody will revive it."'. Not where a quotation closes ('said he was
    "very comfortable," the Post reported'), opens a sentence of its own ('..., "there is no other
    way."', '..., "But I do know ...') or a phrase ('the budget was balanced, "to the penny," a claim')."""
    out: list[Token] = []
    for t in toks:
        gap = list(t.doc[out[-1].i + 1:t.i]) if out else []
        tags = {g.tag_ for g in gap}
        if (gap and t.i in clauses and t.pos_ in ("CCONJ", "SCONJ") and t.text[:1].islower()
                and all(g.is_punct for g in gap) and "``" in tags and "''" not in tags):
            out.extend(gap)
        out.append(t)
    return out


def _condition_before(v: Token, cc: Token) -> list[Token]:
    """'Dorsey says no matter what the governor does, "his word does not trump the charter"': a 'no
    matter' or 'regardless' clause the parse hangs from the verb of saying, between it and the content,
    is a condition of the content (a time or manner of saying is not: 'said once, back when ...')."""
    for c in v.children:
        if (c.dep_ == "advmod" and c.lower_ in ("matter", "regardless") and v.i < c.left_edge.i
                and c.right_edge.i < cc.left_edge.i and any(t.pos_ in ("VERB", "AUX") for t in c.subtree)
                and all(t.is_punct for t in v.doc[c.right_edge.i + 1:cc.left_edge.i])):
            return list(v.doc[c.left_edge.i:cc.left_edge.i])
    return []


def _clause_after(v: Token, cc: Token, dep: str, mark: str) -> list[Token]:
    """A clause the parse hangs from the verb of saying after its content clause `cc`, that is content
    too, with the words joining it: a second 'that' clause ('Halmer predicted that wages would fall,
    but that overtime would offset it': conj) or a reason ('Kendrick wrote that the request was
    "futile," because the FBI holds the records': advcl; rarely it is the speaker's motive, '...
    because he wanted to warn the workers', which this cannot tell apart). Between the two only
    punctuation, and for a conjunct its conjunction."""
    for c in v.children:
        if (c.dep_ == dep and c.i > cc.right_edge.i and _has_own_subject(c)
                and any(g.dep_ == "mark" and g.lower_ == mark and g.i == c.left_edge.i for g in c.children)
                and all(t.is_punct or (dep == "conj" and t.dep_ == "cc")
                        for t in v.doc[cc.right_edge.i + 1:c.left_edge.i])):
            return list(v.doc[cc.right_edge.i + 1:c.right_edge.i + 1])
    return []


def _as_clause(v: Token) -> bool:
    """'As Vell told reporters, ...' / '..., as the mayor noted.': an 'as' clause of saying with its own
    subject, attached to the clause it attributes. A verb with content of its own ('as Vell urged
    voters to stay home', 'as she said this') is a 'while' clause, not an attribution."""
    if not (v.dep_ == "advcl" and v.head != v and v.head.pos_ in ("VERB", "AUX") and _has_own_subject(v)
            and SPEECH_FORMS.get(v.lower_) in _REPORTING
            and any(c.dep_ == "mark" and c.lower_ == "as" for c in v.children)):
        return False
    for c in v.children:
        if c.dep_ in ("ccomp", "xcomp", "attr", "acomp", "oprd"):
            return False
        if c.dep_ in ("dobj", "dative") and not (c.pos_ == "PROPN" or c.lower_ in QUESTIONERS
                                                 or c.lower_ in ("me", "us", "him", "her", "them")):
            return False
    return True


# Nouns of the occasion of speaking: 'told reporters on a conference call that ...'
_OCCASIONS = frozenset({"call", "interview", "briefing", "conference", "statement", "address", "speech", "video",
                        "message", "post", "meeting", "appearance", "session", "broadcast", "podcast", "show",
                        "programme", "program", "hearing", "rally", "event", "visit", "trip", "remarks",
                        "summit", "forum", "debate", "letter", "op-ed", "column", "tweet", "email"})


def _clause_read_as_adverbial(v: Token) -> list[Token]:
    """'Quell said after the vote he would refuse ...': the parser reads the content as an
    adverbial clause when a phrase comes between; one to the right, with a subject of its own, no
    subordinator ('because', 'when', 'if') and no comma before it, is the content."""
    for c in v.children:
        if (c.dep_ == "advcl" and c.i > v.i and c.pos_ in ("VERB", "AUX")
                and any(g.dep_ in ("nsubj", "nsubjpass") for g in c.children)
                and not any(g.dep_ == "mark" for g in c.children)
                and c.left_edge.dep_ not in ("mark", "advmod") and c.left_edge.tag_ != "WRB"
                and not any(t.text == "," for t in v.doc[v.i + 1:c.left_edge.i])):
            return [c]
    return []


def _that_clause_misread(v: Token) -> list[Token]:
    """'Crane posted late on Sunday night that Lund was "a fraud"': with a phrase between, the
    parser may hang the content from the verb as an adverbial or unlabelled clause, with 'that' as an
    adverb. A clause to the right opened by 'that', with a subject of its own and no comma before
    it, is the content."""
    for c in v.children:
        first = c.left_edge
        if (c.dep_ in ("advcl", "dep") and c.i > v.i and c.pos_ in ("VERB", "AUX") and first.lower_ == "that"
                and first.dep_ in ("advmod", "mark") and first.i > v.i
                and _subject_besides_that(c) and not any(t.text == "," for t in v.doc[v.i + 1:first.i])):
            return [c]
    return []


_URGING = frozenset(f for b in ("encourage", "invite", "challenge", "implore", "beg", "exhort", "dare")
                    for f in forms(b))


def _coordinator(v: Token) -> int:
    """Where a conjunct begins, with its 'and' (or comma) before it."""
    first = v.left_edge.i
    while first > 0 and (v.doc[first - 1].dep_ == "cc" or v.doc[first - 1].text == ",") and v.doc[first - 1].head in (
            v, v.head):
        first -= 1
    return first


def _misread_content(v: Token) -> list[Token]:
    """'told reporters on a conference call that the talks had stalled': the parser often reads the
    content as a relative clause of a noun in a prepositional phrase of the verb. A clause opened by
    'that' with a subject of its own, right after such a noun, is the content: after an occasion's
    noun always; after a noun of people ('told the crowd at her rally for nurses that she had ...')
    where the parse itself reads 'that' as a subordinator, not as the clause's object. Other nouns
    may own such a clause ('responded to the ruling that ...', 'reports that ...') or take it as a
    relative clause ('about the night that the factory burned down', 'about the events that the police
    described'); where the parse reads 'that' as a subordinator after the when or where of saying (no
    topic: 'responded to criticism that ...'), any noun but those that own a clause or tell a time will
    do ('during a visit to the plant that ...'). The noun right before 'that' decides, also where the
    parse hangs the clause higher up ('in one of a series of posts that ...') or from a gerund ('said
    after meeting the union leaders that ...'). The same holds in the object of 'tell' ('told a meeting
    of island leaders that ...')."""
    tell = SPEECH_FORMS.get(v.lower_) == "tell"
    for prep in (c for c in v.children if c.dep_ == "prep" or (tell and c.dep_ in ("dobj", "dative"))):
        for head in prep.subtree:
            if head.pos_ in ("NOUN", "PROPN"):
                clauses = [c for c in head.children if c.dep_ in ("relcl", "acl")]
            elif head.tag_ == "VBG" and not is_speech_verb(head):
                clauses = [c for c in head.children if c.dep_ == "ccomp"]
            else:
                continue
            for clause in clauses:
                first = clause.left_edge
                if first.lower_ != "that" or not _subject_besides_that(clause):
                    continue
                last = first.doc[first.i - 1]  # the noun right before 'that'
                if last.i != head.i and not (last.pos_ == "NOUN" and last in head.subtree):
                    continue
                subordinator = first.dep_ == "mark" and first.head == clause
                if _occasion(last) or (subordinator and (_people(last) or _plural_occasion(last) or (
                        prep.dep_ == "prep" and not _topic(prep) and last.pos_ in ("NOUN", "PROPN")
                        and last.lower_ not in _OWNERS and last.ent_type_ not in ("DATE", "TIME")))):
                    return [clause]  # (in the object of 'tell', only people: not 'told a tale that ...')
    return []


_TOPIC_PREPS = wordset("to about on of over regarding concerning against amid despite")


def _topic(prep: Token) -> bool:
    """'responded to criticism that ...', 'wrote about the myth that ...', 'said in response to claims
    that ...': what was answered or discussed, whose 'that' clause is its own."""
    return prep.lower_ in _TOPIC_PREPS or any(c.lower_ in ("response", "reply", "reaction", "answer")
                                              for c in prep.children)


# Nouns that may own a 'that' clause as what they hold ('the ruling that ...'), or whose 'that' clause
# tells a time ('the night that ...')
_OWNERS = wordset("""ruling rulings report reports claim claims news idea ideas fact facts view views belief beliefs
notion suggestion suggestions evidence fear fears hope hopes concern concerns warning warnings assurance
assurances promise promises allegation allegations accusation accusations rumour rumours rumor rumors speculation
argument arguments theory theories decision decisions finding findings conclusion conclusions sign signs word
assertion assertions charge charges proof impression sense feeling feelings
night nights day days week weeks month months year years time times moment moments morning evening afternoon
hour hours era period season""")


_PEOPLE = wordset("""people voters members residents workers nurses doctors teachers farmers students parents
supporters followers fans crowd crowds audience audiences reporters journalists donors veterans delegates
lawmakers legislators senators officials employees staff troops soldiers police judge judges jury panel
congregation listeners viewers readers guests colleagues friends allies leaders executives investors
shareholders customers citizens activists protesters demonstrators union unions party""")


def _occasion(noun: Token) -> bool:
    """'on a conference call', 'for the first time': when, where or how it was said."""
    word = noun.lower_
    return word in _OCCASIONS or (word == "time" and any(c.lower_ in ("first", "last") for c in noun.children))


def _plural_occasion(noun: Token) -> bool:
    """'in interviews', 'at briefings': plural occasions, which may also head a relative clause ('the
    events that the police had described'), so only where the parse reads 'that' as a subordinator."""
    word = noun.lower_
    return word.endswith("s") and (word[:-1] in _OCCASIONS or word[:-2] in _OCCASIONS)


def _people(noun: Token) -> bool:
    """A noun of people, who may be told things but cannot own a 'that' clause as its content."""
    return noun.lower_ in _PEOPLE or noun.ent_type_ in ("PERSON", "NORP") or is_title_word(noun.text)


def _gerund_read_as_complement(v: Token) -> list[Token]:
    """'He said lifting it could bring boats back': the parser hangs the content from its
    gerund subject, read as a complement of the verb. A gerund right after the verb whose clause
    has a subject or a finite verb of its own is the content ('said having Holt on the ticket puts
    ...'; 'admitted saying the vote was rigged' leaves 'saying' its own cue)."""
    for c in v.children:
        if c.dep_ == "xcomp" and c.tag_ == "VBG" and c.i == v.i + 1 and not is_speech_verb(c) and any(
                g.dep_ == "ccomp" and (_has_own_subject(g) or g.tag_ in FINITE_OR_MODAL) for g in c.children):
            return [c]
    return []


def _has_own_subject(v: Token) -> bool:
    return any(c.dep_ in ("nsubj", "nsubjpass") for c in v.children)


def _subject_besides_that(clause: Token) -> bool:
    """A subject of the clause's own other than an opening 'that' the parse read as one."""
    return any(c.dep_ in ("nsubj", "nsubjpass") and c.lower_ != "that" for c in clause.children)


# verbs and adjectives that say the speaker did not say it ('declined to confirm that ...')
_WITHHOLDING = frozenset({"decline", "declined", "declines", "declining", "refuse", "refused", "refuses",
                          "refusing", "fail", "failed", "fails", "failing", "unable", "reluctant", "unwilling"})

_NOT_WANTING = frozenset({"want", "wants", "wanted", "wish", "wishes", "wished", "care", "cared"})


# adverbs that deny a verb as 'not' does, or make it a habit the journalist describes ('Kyiv rarely
# confirms strikes')
_SELDOM = frozenset({"rarely", "seldom", "hardly", "scarcely"})


def negated(tok: Token) -> bool:
    """'did not say', 'never said', 'rarely confirms': no act of saying to attribute."""
    return any(c.dep_ == "neg" or (c.dep_ == "advmod" and c.lower_ in _SELDOM) for c in tok.children)


def withheld(tok: Token) -> bool:
    """A verb of saying governed by a refusal ('Varga declined to confirm that ...', 'was unable to
    say', 'did not want to say'): what follows is what the speaker did not say."""
    head = tok.head
    if tok.dep_ != "xcomp" or head == tok:
        return False
    # not 'could not resist pointing out', 'did not hesitate to say' or 'never failed to call': said
    negated = any(c.dep_ == "neg" for c in head.children)
    return (head.lower_ in _WITHHOLDING and not negated) or (head.lower_ in _NOT_WANTING and negated)


def _idiom(tok: Token) -> bool:
    """The journalist's 'it is worth noting that ...', 'it goes without saying that ...'."""
    return tok.tag_ == "VBG" and (tok.head.lower_ == "worth" or (
        tok.head.lower_ == "without" and tok.head.head.lower_ in ("go", "goes", "went", "gone")))


def _attributes_before(v: Token) -> bool:
    """A verb of saying with its own subject, set off by a comma: a trailing attribution."""
    if not (is_speech_verb(v) and _has_own_subject(v)):
        return False
    first = min((t.i for t in v.subtree if not t.is_punct), default=0)  # the comma may hang from the verb
    return first > 0 and v.doc[first - 1].text == ","


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
        return _interviewer(intro) or attribution_of(intro, in_quote, toks)
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
            return _interviewer(verbs[0]) or attribution_of(verbs[0], in_quote, after)
    colon = region.endswith(":")
    verbs = [t for t in toks if is_speech_verb(t, colon)]
    if not verbs and colon:  # 'Quell has since said sorry for the error: "..."': the main clause's verb
        verbs = sorted((t for t in toks if t.pos_ == "VERB" and subject_token(t, in_quote) is not None),
                       key=lambda t: (-len(list(t.ancestors)), t.i))
    if verbs:
        return _interviewer(verbs[-1]) or attribution_of(verbs[-1], in_quote, toks)
    return _according_to(toks)


def _quotable(obj: Token) -> bool:
    """Whether 'quoted <obj> as saying' passes on obj's words: anyone or anything but a text ('the
    budget', 'the indictment', the quoter's source) or a pronoun (which the quoting sentence does not
    resolve reliably: the quoter passes the words on, as before)."""
    return obj.pos_ != "PRON" and obj.lower_ not in _TEXTS


# texts one may quote 'as saying': their quoter speaks ('Kell quoted the indictment as saying ...')
_TEXTS = DOCUMENTS | frozenset("""report reports study survey poll document documents book article filing filings
memo transcript analysis ruling verdict law bill indictment lawsuit suit complaint minutes emails contract audit
decree papers constitution order motion brief record records text texts post posts tweets video footage budget
plan plans guidelines rules agreement treaty accord judgment judgement website diary page manifesto
policy proposal draft findings data figures paper column editorial headline headlines scripture
scriptures bible gospel koran quran torah""".split())


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
    return v if _has_own_subject(v) else None


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
        if first in v.subtree and first.i > v.i and _has_own_subject(v) and (
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


def _according_source(tok: Token) -> Token | None:
    """For the word 'according' of 'according to X', the head of X."""
    if tok.lower_ != "according":
        return None
    to = next((c for c in tok.children if c.lower_ == "to"), None)
    pobj = next((c for c in to.children if c.dep_ == "pobj"), None) if to is not None else None
    if pobj is not None and pobj.pos_ == "NOUN" and pobj.right_edge.i + 1 < len(tok.doc):
        # 'According to Post contributor and historian Dana Pike, ...': the parse ends the phrase at
        # the role and makes the name the subject of what follows; the name right after it is the source
        after = pobj.right_edge.i + 1
        ent = next((e for e in tok.doc.ents if e.start == after and e.label_ == "PERSON"), None)
        if ent is not None and (ent.end == len(tok.doc) or tok.doc[ent.end].is_punct
                                or tok.doc[ent.end].dep_ == "case"):
            return ent[-1]  # (set off by a comma: 'According to investigators Tomas Brandl fled' is not this)
        # 'According to Zelvar's chief executive, Carla Benedetti, the company ...': a role, then its
        # holder between commas (not 'According to the report, Carla Benedetti, the chief ...')
        ent = next((e for e in tok.doc.ents if e.start == after + 1 and e.label_ == "PERSON"), None)
        if (ent is not None and tok.doc[after].text == "," and pobj.lower_ in ROLE_NOUNS
                and ent.end < len(tok.doc) and tok.doc[ent.end].text == ","
                and _own_clause_after(tok.doc, ent.end + 1)):
            return ent[-1]
    return pobj


def _own_clause_after(doc: Doc, i: int) -> bool:
    """Whether what follows the holder's closing comma opens a clause of its own ('..., Ana Lisk, the
    bridge will stay closed'), not the rest of the holder's apposition or relative clause ('..., Tomas
    Kral, 34, fled', '..., Peter Halas, a former aide, leaked', '..., Tomas Kral, who ...'): no comma
    before the first verb, no relative pronoun or number first."""
    if i >= len(doc) or doc[i].lower_ in ("who", "whom", "whose", "which") or doc[i].like_num:
        return False
    for t in doc[i:]:
        if t.text == "," or t.is_sent_end:
            return False
        if t.pos_ in ("VERB", "AUX"):
            return True
    return False


def _according_to(toks: list[Token]) -> Attribution | None:
    """'According to Varga, "the port will reopen."': the source named right before a quote (not
    'According to X, protesters carried banners reading "..."')."""
    for t in toks:
        pobj = _according_source(t)
        if pobj is None:
            continue
        end = max([x.i for x in t.subtree if x.i <= max(y.i for y in pobj.subtree)] + [pobj.i])
        if all(x.is_punct for x in toks if x.i > end):
            return Attribution(subject_from_token(pobj), "according to")
    return None


def _interviewer(v: Token) -> Attribution | None:
    """'"...?" Varga was asked.': a question verb without a subject of its own quotes the interviewer,
    whose questions are no statements; marked so (questioner) rather than left to a neighbour's speaker."""
    if SPEECH_FORMS.get(v.lower_) in QUESTION_VERBS and not any(c.dep_ == "nsubj" for c in v.children):
        return Attribution(Subject(None, None, None, None, "interviewer", questioner=True), _cue_text(v))
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
_PLAIN_AFTER_CUE = _DAY_WORDS | wordset("""january february march april may june july august september october
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
    m = _RESUMED_RE.search(text[max(0, q.open_at - 64):q.open_at])
    if m is None:
        return False
    attribution = re.findall(r"[A-Za-z]+", m.group(1))
    cues = [i for i, w in enumerate(attribution) if w.lower() in SPEECH_FORMS and w.lower() not in COLON_ONLY_FORMS]
    if len(cues) != 1 or attribution[cues[0]].lower() not in ("said", "says"):
        return False
    cue = cues[0]
    if cue == 0:  # inverted: 'said resident Aron Pike' (a lower-case word or two, then a name)
        return all(w[0].isupper() or (w.islower() and len(w) > 2) for w in attribution[1:]) and len(attribution) <= 6
    subject, after = attribution[:cue], attribution[cue + 1:]
    return (len(subject) <= 4 and all(w[0].isupper() or w.lower() in ("he", "she", "the") for w in subject)
            and all(w.lower() in _PLAIN_AFTER_CUE for w in after))


def quote_is_statement(text: str, q: Quote) -> bool:
    """Whether a quote holds speech (not a scare quote, title or name)."""
    s, e = trim(text, *q.content)
    if e <= s or not any(ch.isalpha() for ch in text[s:e]):
        return False
    return (not is_scare_quote(text[s:e]) or _short_speech(text, q) or _introduced_speech(text, q)
            or _resumed_speech(text, q))

"""Whose a cue of saying is: the subject of a verb of saying, found through the parse and through the
ways the small English model misparses it; and the records of an attribution and of reported speech."""
from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from .cues import is_speech_verb
from .lexicon import (
    DOCUMENTS,
    FINITE_OR_MODAL,
    FINITE_TAGS,
    QUESTION_VERBS,
    SPEECH_FORMS,
    forms,
    is_title_word,
)
from .roles import PERSON_NOUNS
from .speakers import Subject, subject_from_token


def _person_name(t: Token) -> bool:
    """A token of a proper name or of a person's name."""
    return t.pos_ == "PROPN" or t.ent_type_ == "PERSON"


def _named(t: Token) -> bool:
    """A token of a proper name, or of a person's or an organisation's name."""
    return t.pos_ == "PROPN" or t.ent_type_ in ("PERSON", "ORG")


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


_PARTICIPLE_OPENERS = frozenset({"while", "whilst", "before", "after"})


def _matrix_cue(v: Token) -> Token | None:
    """'X said the levy hurts ports, pointing to ...': a participle closing the sentence after a comma
    is said of the subject of the verb of saying, though the parse hangs it inside the reported clause."""
    # (also after 'while' or 'having': '..., while warning that ...', '— having argued last year that ...')
    first = v.left_edge
    after_mark = v.doc[first.i + 1] if first.lower_ in _PARTICIPLE_OPENERS and first.head == v else first
    participle = v.tag_ == "VBG" or (v.tag_ == "VBN" and after_mark.lower_ == "having")
    if not participle or v.dep_ != "advcl" or v.i < v.head.i or _mark_before(first) not in (",", "—", "--"):
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


def inverted_subject(subjects: list[Token], h: Token) -> Token | None:
    """'Bill Clinton — often ... — has been "worked up about it," said a source close to the campaign': of
    a verb of saying that the parse gives a subject on each side, the one right after it when a comma or
    a closing quotation mark comes right before it (the inverted attribution); the one before is the
    content's."""
    after = next((c for c in subjects if c.i > h.i and c.left_edge.i == h.i + 1), None)
    if after is None or not any(c.i < h.i for c in subjects) or h.i == 0 or not is_speech_verb(h):
        return None
    mark = h.doc[h.i - 1]
    return after if mark.text == "," or (mark.is_quote and h.doc[h.i - 2].text == ",") else None


def set_off_at_end(subject: Token, h: Token) -> bool:
    """'..., she said.': a subject that a comma sets off from what comes before, right before a verb
    that ends its sentence (a time aside) and does not open with a preposition or a mark the parse
    hangs from it ('for people ..., she said': the content's, misread)."""
    doc = h.doc
    if subject.left_edge.i <= h.sent.start or doc[subject.left_edge.i - 1].text != ",":
        return False
    if any(t.pos_ not in ("ADV", "AUX", "PART") for t in doc[subject.right_edge.i + 1:h.i]):
        return False
    after = [t for t in doc[h.i + 1:h.sent.end] if not t.is_punct]
    return all(t.ent_type_ in ("DATE", "TIME") or (t.dep_ in ("npadvmod", "prep", "pobj", "det")
                                                    and t.i <= h.right_edge.i) for t in after)


def _own_subject(subjects: list[Token], h: Token) -> Token:
    """Of the subjects the parse gives a verb, its own: the first, unless a coordination separates a
    name nearer the verb from it ('The crowd cheers, and then Wallner continues:' is two clauses). An
    apposition or a list that the parse splits into two subjects ('Yun Ki-moon, the secretary
    general, vowed'; 'voters in Alabama, Georgia and Virginia said') keeps the first, unless the first
    is a place, a time or a role before a person or organisation ('in Brenton, Norland, Quell
    spoke'; 'frontrunner Rita Vance is urging')."""
    if (inverted := inverted_subject(subjects, h)) is not None:
        return inverted
    first = subjects[0]
    near = max((c for c in subjects if c.i < h.i), key=lambda c: c.i, default=first)
    if near is not first and set_off_at_end(near, h):
        return near  # '... for people with like-minded, if bogus, ideas ..., she said.'
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
    """'Responding to the union leader, Dan Korvel, the chairman flatly said ...': where the name before
    `comma` is an apposition in an opening phrase (`_name_in_opening_phrase`), or the saying is itself
    set off (`_parenthetical`), and a noun phrase with a determiner or owner runs from the comma to the
    verb (adverbs aside; no list, no time), that phrase is the subject: its head noun."""
    doc = v.doc
    if not (_name_in_opening_phrase(doc[comma - 1]) or _parenthetical(v)):
        return None
    words = [t for t in doc[comma + 1:v.i] if t.pos_ != "ADV"]
    if any(t.pos_ == "CCONJ" for t in words):
        return None
    if len(words) < 2 or not (words[0].dep_ in ("det", "poss") or words[0].tag_ == "PRP$") or any(
            t.is_punct and t.text != "'s" for t in words):
        return None
    head = words[-1]
    if head.pos_ not in ("NOUN", "PROPN") or any(
            t.pos_ in ("VERB", "AUX", "ADP") or t.ent_type_ in ("DATE", "TIME") for t in words):
        return None  # (nor a time: 'Reince Priebus, this past week announced ...')
    return head


def _name_in_opening_phrase(last: Token) -> bool:
    """The name ending at `last` sits between commas right after a noun for a person in an opening phrase
    ('Asked about the striker, Hugo Lamme, ...', 'Despite pressure from his rival, Tom Vell, ...'), so
    may be that noun's apposition (not 'Tom Vell, the party's leader said', 'On Monday, Vell, ...')."""
    doc = last.doc
    i = last.i
    while i - 1 > last.sent.start and doc[i - 1].pos_ == "PROPN":
        i -= 1
    if i - 2 < last.sent.start or doc[i - 1].text != ",":
        return False
    noun = doc[i - 2]
    return (noun.pos_ == "NOUN" and noun.ent_type_ not in ("DATE", "TIME")
            and min(t.i for t in noun.subtree if t.i <= noun.i) > last.sent.start
            and (noun.lower_ in PERSON_NOUNS or any(c.dep_ == "poss" for c in noun.children)))


def _parenthetical(v: Token) -> bool:
    """'Vell, the party's lawyer said on Tuesday, will appeal': the saying is set off by a comma and a
    verb follows that has no subject of its own."""
    doc = v.doc
    end = max(t.i for t in v.subtree if t.i <= v.i or t.dep_ in ("prep", "pobj", "npadvmod", "advmod")
              or t.head.dep_ in ("prep", "pobj"))
    return end + 2 < v.sent.end and doc[end + 1].text == "," and doc[end + 2].pos_ in ("AUX", "VERB")


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
        if a.pos_ in ("VERB", "AUX") and has_own_subject(a):
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
    if s is not None and s.i < v.i:
        # 'In a letter to the campaign chief, Tom Ostby, the union also warned ...': the parse made a
        # noun of the opening phrase the subject; the noun phrase right before the verb is
        comma = max((t.i for t in v.doc[s.i + 1:v.i] if t.text == "," and not quoted[t.i]), default=None)
        if comma is not None and not any(t.dep_ == "cc" for t in v.doc[s.i:comma]):  # ('A and, later, B said')
            s = _subject_after_aside(v, comma) or s
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


def has_own_subject(v: Token) -> bool:
    return any(c.dep_ in ("nsubj", "nsubjpass") for c in v.children)


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


def interviewer(v: Token) -> Attribution | None:
    """'"...?" Varga was asked.': a question verb without a subject of its own quotes the interviewer,
    whose questions are no statements; marked so (questioner) rather than left to a neighbour's speaker."""
    if SPEECH_FORMS.get(v.lower_) in QUESTION_VERBS and not any(c.dep_ == "nsubj" for c in v.children):
        return Attribution(Subject(None, None, None, None, "interviewer", questioner=True), _cue_text(v))
    return None

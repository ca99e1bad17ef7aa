"""Reported speech in a parsed paragraph: the content of a verb of saying ('Vell said (that) ...', '...,
Vell said', 'The levy, he said, is unfair') and of 'according to'."""
from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from .attribution import (
    Attribution,
    Reported,
    asked_aside,
    attribution_of,
    has_own_subject,
    interviewer,
    inverted_subject,
    negated,
    set_off_at_end,
    withheld,
)
from .cues import GLOSS_NOUNS, cut_tail, is_speech_verb, span_of
from .lexicon import (
    DAY_WORDS,
    FINITE_OR_MODAL,
    FINITE_TAGS,
    QUESTION_VERBS,
    QUESTIONERS,
    RELATIVE,
    SPEECH_FORMS,
    SUBJECT_DEPS,
    WEEKDAYS,
    forms,
    wordset,
)
from .misparses import (
    clause_read_as_adverbial,
    clause_with_a_noun_for_verb,
    gerund_read_as_complement,
    misread_content,
    occasion_noun,
    people_noun,
    plural_occasion_noun,
    subject_read_as_object,
    that_clause_misread,
)
from .roles import ROLE_NOUNS
from .speakers import subject_from_token
from .stances import stated_clause


def _time_of_saying(clause: Token, content: list[Token]) -> set[int]:
    """'Varnik said on Monday she would run again': with no 'that', the parse hangs the time of the
    saying from the content's verb; a time phrase opening the content, before its subject, is the
    saying's ('said that on Monday she would run' keeps it: there it is the content's, and so is a
    phrase next to quotation marks)."""
    subject = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass", "expl")), None)
    if subject is None or not content or any(c.dep_ == "mark" for c in clause.children):
        return set()
    first = min(t.i for t in content)
    opening = clause.doc[first]
    if (opening.lower_ in WEEKDAYS and opening.dep_ in ("compound", "nmod") and opening.head.dep_ in SUBJECT_DEPS
            and first > 0 and is_speech_verb(clause.doc[first - 1])):
        return {first}  # 'said Saturday Hanlai vessels had ...': the parse made the day the subject's modifier
    for c in clause.children:
        if (c.left_edge.i == first and c.right_edge.i < subject.left_edge.i and _day_of_saying(c)
                and not any(t.is_quote for t in clause.doc[max(first - 1, 0):c.right_edge.i + 2])):
            return {t.i for t in c.subtree}
    return set()


def _day_of_saying(phrase: Token) -> bool:
    """'on Monday', 'on Monday night', 'Tuesday', 'on May 12': a day, as news reports give the time
    of saying. Other times ('last year', 'in 2027', 'until May', 'next week') and occasions ('on his
    first trip') are as often the content's own, so they stay in it."""
    words = [t for t in phrase.subtree if not t.is_punct]
    if phrase.dep_ == "npadvmod":
        return all(t.lower_ in DAY_WORDS for t in words)
    pobj = next((c for c in phrase.children if c.dep_ == "pobj"), None)
    if (phrase.dep_ != "prep" or phrase.lower_ != "on" or pobj is None or phrase.left_edge != phrase
            or any(t.lower_ in ("last", "next", "this", "every") for t in words)):
        return False
    return all(t.lower_ in DAY_WORDS for t in words[1:]) or (
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
    """'..., X said (on Monday).': the verb has its own subject and ends its sentence (or a semicolon ends it)."""
    if v.tag_ == "VBG" or not any(c.dep_ == "nsubj" and not in_quote[c.i] for c in v.children):
        return False
    if v.dep_ == "relcl" or any(c.dep_ == "nsubj" and c.lower_ in RELATIVE for c in v.children):
        return False  # '..., unions and employers, who have questioned the city's reliance on ...'
    if _ends_at_semicolon(v):
        return True
    if any(c.dep_ == "xcomp" and c.i > v.i and not in_quote[c.i] for c in v.children):
        return False  # its content follows it ('— Donald J. Trump has vowed to bring back ...')
    last = max(t.i for t in v.subtree)
    return not any(t.i > last and not t.is_punct for t in v.sent)


def _ends_at_semicolon(v: Token) -> bool:
    """'The port will reopen in May, the minister said; the dredging ...': an attribution after its
    content that a semicolon ends, whatever the parse hangs the clause after it from."""
    subject = next((c for c in v.children if c.dep_ == "nsubj"), None)
    if subject is None or subject.i > v.i:
        return False
    own = [t.i for c in v.children if c.i > v.i and c.dep_ not in ("ccomp", "parataxis", "conj", "punct", "cc")
           for t in c.subtree]
    nxt = max([v.i, *own]) + 1
    return nxt < v.sent.end - 1 and v.doc[nxt].text == ";"


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
        o.pos_ in ("PRON", "PROPN") or o.ent_type_ in ("PERSON", "ORG", "NORP", "GPE") or people_noun(o)
        or o.lower_ in _TOLD_BODIES) for o in objects)


def _parenthetical_words(v: Token, in_quote: list[bool]) -> list[Token] | None:
    """The verb's own words (`_own_words`) where ', X said,' is a parenthetical inside a sentence of
    the journalist's: subject of its own, commas both sides (not an adverbial clause: ', after the
    board asked them to search their e-mails, Hackert said'); else None."""
    if v.tag_ == "VBG" or not any(c.dep_ == "nsubj" for c in v.children):
        return None
    # (the last subject before the verb: 'Fishing quotas, Tor Dahl said, ...' may give it two)
    subject = (_subjects_before(v) or [c for c in v.children if c.dep_ == "nsubj"])[-1]
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
    adding that ...'), a semicolon, the journalist's narration (', while the defence called it ...') or
    gloss (', a point the defence disputed')."""
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
        if t.text == ";" and t.i > after:  # ('The levy, Vell said, is unfair; the council disagreed.')
            return cut(k)
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
    if comma is None or any(t.is_quote or t.text in (":", ";") for t in doc[v.i + 1:comma]):
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
    if any(is_speech_verb(t) and has_own_subject(t) for t in words):
        return []  # another attribution (', Varga told the BBC, but Brisk told Reuters otherwise')
    # the speaker's occasion or terms (', he said, on condition of anonymity', ', she said, in an
    # interview') or time (', the agency said, two days after the vote')
    objects = [o for o in first.children if o.dep_ == "pobj"] if first.lower_ in _PLACE_PREPS else []
    occasion = any(occasion_noun(o) or plural_occasion_noun(o) or o.lower_ in _WHERE_SAID
                   or o.ent_type_ in ("DATE", "TIME") for o in objects)
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
            and (has_own_subject(c) or any(g.dep_ == "mark" for g in c.children) or _purpose(c))
            for t in c.subtree}
    # nor a second subject before its own, set off by a comma: the sentence's ('Fishing quotas, Tor Dahl
    # said, would be cut', where the parse gave 'said' both)
    subjects = _subjects_before(v)
    left |= {t.i for c in subjects[:-1] for t in c.subtree}
    return [t for t in v.subtree if t.i not in left]


def _attribution_start(v: Token) -> int:
    """Where a trailing attribution ('..., she said.') starts: its verb's leftmost word, or, where the
    parse gave the verb a second subject from the content before it ('... possible for people with
    like-minded, if bogus, ideas ..., she said', with 'for people' read as one), its own subject, when
    a comma sets that off and the verb ends the sentence."""
    subjects = _subjects_before(v)
    if len(subjects) > 1 and set_off_at_end(subjects[-1], v):
        return subjects[-1].left_edge.i
    return v.left_edge.i


def _subjects_before(v: Token) -> list[Token]:
    """The verb's subjects before it; where the parse gives it two ('Fishing quotas, Tor Dahl said, would
    be cut'), the first is the sentence's. Not where one is a relative ('..., which, as Chait noted, ...')."""
    subjects = [c for c in v.children if c.dep_ == "nsubj" and c.i < v.i]
    return subjects if not any(c.tag_ in ("WDT", "WP") for c in subjects) else subjects[:1]


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


def _after_relative_clause(according: Token) -> bool:
    """', according to X' right after a relative clause ('..., which stood at 263 entering Tuesday's primary,
    according to the AP'), whatever the parse hangs it from: the source of the clause's figure."""
    k = according.i - 1
    while k > according.sent.start and according.doc[k].is_punct:
        k -= 1
    return any(a.dep_ == "relcl" for a in according.doc[k].ancestors if a.i >= according.sent.start)


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
            pobj = according_source(tok)
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
            root = tok.sent.root
            if (adjunct and root.i not in drop and is_speech_verb(root) and has_own_subject(root)
                    and not in_quote[root.i] and _after_relative_clause(tok)):
                continue  # 'His manager, Jeff Weaver, says it's proof ..., which stood at 263, according to the
                # AP': the source of a relative clause's figure, inside Weaver's words
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
        if stance := stated_clause(tok):  # 'Vell expressed confidence that the bill would pass'
            out += _statement(stance, text, tok, in_quote, min_alpha=3)
            continue
        if not is_speech_verb(tok) or negated(tok) or withheld(tok) or _idiom(tok):
            continue
        if asked_aside(tok) is not None:
            continue  # 'Pankov, asked whether ..., said ...': he was asked; what he said follows
        if interviewer(tok):
            continue  # 'X was asked whether ...': the question is the interviewer's
        content = []
        # (a clause of time is when it was said, whatever the parse makes of it: 'said before he died')
        # (nor is a gloss the parse makes a second content: '... balanced, "to the penny," a claim Orde disputed')
        ccomps = [c for c in tok.children if c.dep_ == "ccomp" and not any(
            g.dep_ == "mark" and g.lower_ in _TIME_MARKS for g in c.children)
            and not (c.pos_ == "NOUN" and c.lower_ in GLOSS_NOUNS)]
        trailing = _is_trailing_attribution(tok, in_quote)
        speaker_verb = tok
        misread = [] if ccomps else misread_content(tok)
        if not ccomps:
            ccomps = misread or clause_read_as_adverbial(tok) or gerund_read_as_complement(tok)
        if not ccomps:
            ccomps = that_clause_misread(tok)
            # in this parse a verb of saying or urging coordinated with the clause's, without a subject
            # of its own, is the speaker's next act ('... that Lund was "a fraud" and urged
            # voters to ...'); other verbs ('... and lied about her past') stay in the content
            drop_after = {i for c in ccomps for v in c.children if v.dep_ == "conj" and v.pos_ == "VERB"
                          and not has_own_subject(v) and (is_speech_verb(v) or v.lower_ in _URGING)
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
                                 and is_speech_verb(c) and has_own_subject(c)
                                 and not any(g.dep_ in ("ccomp", "dobj") for g in c.children)), tok)
            if any(c.dep_ == "mark" and c.lower_ in ("whether", "if") for c in cc.children) and (
                    SPEECH_FORMS.get(tok.lower_) not in QUESTION_VERBS):
                continue
            # 'The argument would be aided, Devine said, by the calendar.'
            rest = _rest_after_parenthesis(tok, cc.right_edge.i) if not right else []
            if cc.i < tok.i and not trailing and not (tok.dep_ == "parataxis" and tok.head.i > tok.i and rest):
                continue  # (the parse may hang the clause after ', he said,' above: 'It would take weeks, he
                # said, and the talks could fail')
            left = [c for c in ccomps if c.i < tok.i]
            if right and left and _ends_at_semicolon(tok):  # '..., the minister said; the dredging ...'
                before = max(left, key=lambda c: len(list(c.subtree)))
                out += _statement(list(before.subtree), text, speaker_verb, in_quote, min_alpha=3)
            content = [t for c in (right or [cc]) for t in c.subtree if t.i not in drop_after]
            if not right and (after_clause := _clause_after_attribution(tok, rest)):
                # '... 94% of capacity, he said, and new homes would be built': two statements, each
                # without the attribution
                out += _statement(content, text, speaker_verb, in_quote)
                content = after_clause
            elif not right:
                content += rest + _subject_before_inversion(tok, cc) + _adverbial_before_attribution(tok, cc)
                # what a colon before it introduces, not the narration before the colon ('Moss scolded
                # him: "The claims are false," she said')
                colon = max((t.i for t in content if t.text == ":" and not in_quote[t.i]), default=-1)
                content = [t for t in content if t.i > colon]
            if right:
                content += subject_read_as_object(tok, cc) + _condition_before(tok, cc)
                content += _clause_after(tok, cc, "conj", "that") + _clause_after(tok, cc, "advcl", "because")
                clauses = {next(t.i for t in c.subtree if not t.is_punct) for c in right if has_own_subject(c)}
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
                content = [t for t in content if t.i <= left_end]
                if after_clause := _clause_after_attribution(tok, rest):  # 'X had no ties, the airline said, and Y'
                    out += _statement(content, text, speaker_verb, in_quote)
                    content = after_clause
                else:
                    content += rest
        elif trailing:
            left = [t for t in tok.sent if t.i < _attribution_start(tok)]
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
            elif after_clause := _clause_after_attribution(tok, [t for t in content if t.i > first]):
                # 'It would take weeks, he said, and the talks could fail': two statements, each without
                # the attribution
                earlier = [t for t in content if t.i < first]
                if _has_verb(earlier):
                    out += _statement(earlier, text, speaker_verb, in_quote)
                content = after_clause

        if not content or not (_has_verb(content) or clause_with_a_noun_for_verb(tok, content)):
            continue
        out += _statement(content, text, speaker_verb, in_quote)
    return out


def _statement(content: list[Token], text: str, verb: Token, in_quote: list[bool],
               min_alpha: int | None = None) -> list[Reported]:
    """The reported statement of `content`, attributed by `verb`, as a list of none or one: none where
    the content is too short (under `min_alpha` words, by default what `_fewest_words` asks)."""
    span = span_of(content, text, verb.sent, _fewest_words(content) if min_alpha is None else min_alpha)
    return [Reported(*span, attribution_of(verb, in_quote))] if span else []


def _clause_after_attribution(v: Token, rest: list[Token]) -> list[Token]:
    """In the rest after ', X said,' (`_rest_after_parenthesis`), a clause of its own after 'and' or
    'but' ('..., he said, and new homes would be built'), without the coordinator; [] where the rest goes
    on with the clause before ('..., he said, by the calendar')."""
    comma = next((t.i for t in rest if t.i > v.i and t.text in _DASHES), None)
    after = [t for t in rest if comma is not None and t.i > comma]
    if len(after) < 4 or after[0].dep_ != "cc" or after[0].lower_ not in ("and", "but"):
        return []
    inside = {t.i for t in after}
    own_subject = any(t.dep_ in SUBJECT_DEPS and t.head.i in inside and t.head.pos_ in ("VERB", "AUX")
                      for t in after)
    if not own_subject:
        return []
    after = after[1:]
    while after and after[-1].is_punct and not after[-1].is_quote:  # (a closing quotation mark trim() keeps)
        after.pop()
    return after


def _subject_before_inversion(v: Token, cc: Token) -> list[Token]:
    """'... "very worked up about it," said a source close to the campaign': the subject the parse gave the
    inverted verb before its content's clause is the content's ('Bill Clinton — ... — has been')."""
    subjects = [c for c in v.children if c.dep_ == "nsubj"]
    if cc.i > v.i or inverted_subject(subjects, v) is None:
        return []
    return [t for c in subjects if c.i < v.i and c.i < cc.left_edge.i for t in c.subtree]


def _adverbial_before_attribution(v: Token, cc: Token) -> list[Token]:
    """'Prices rose because the harvest failed, Vell said': a 'because' clause the parse hung from the verb
    of saying, between its content and its subject, goes on with the content (not a 'while' clause:
    '..., KING-TV reported, while in Chicago ...' is the journalist's)."""
    subject = next((c for c in v.children if c.dep_ in ("nsubj", "nsubjpass") and c.i < v.i), None)
    if subject is None or cc.i > v.i:
        return []
    out: list[Token] = []
    end = cc.right_edge.i
    for c in sorted(v.children, key=lambda c: c.i):
        if c.dep_ == "advcl" and end < c.left_edge.i and c.right_edge.i < subject.left_edge.i and all(
                t.is_punct for t in v.doc[end + 1:c.left_edge.i]) and any(
                g.dep_ == "mark" and g.lower_ == "because" for g in c.children):
            out += list(c.subtree)
            end = c.right_edge.i
    return out


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
        if (c.dep_ == dep and c.i > cc.right_edge.i and has_own_subject(c)
                and any(g.dep_ == "mark" and g.lower_ == mark and g.i == c.left_edge.i for g in c.children)
                and all(t.is_punct or (dep == "conj" and t.dep_ == "cc")
                        for t in v.doc[cc.right_edge.i + 1:c.left_edge.i])):
            return list(v.doc[cc.right_edge.i + 1:c.right_edge.i + 1])
    return []


def _as_clause(v: Token) -> bool:
    """'As Vell told reporters, ...' / '..., as the mayor noted.': an 'as' clause of saying with its own
    subject, attached to the clause it attributes. A verb with content of its own ('as Vell urged
    voters to stay home', 'as she said this') is a 'while' clause, not an attribution."""
    if not (v.dep_ == "advcl" and v.head != v and v.head.pos_ in ("VERB", "AUX") and has_own_subject(v)
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


_URGING = frozenset(f for b in ("encourage", "invite", "challenge", "implore", "beg", "exhort", "dare")
                    for f in forms(b))


def _coordinator(v: Token) -> int:
    """Where a conjunct begins, with its 'and' (or comma) before it."""
    first = v.left_edge.i
    while first > 0 and (v.doc[first - 1].dep_ == "cc" or v.doc[first - 1].text == ",") and v.doc[first - 1].head in (
            v, v.head):
        first -= 1
    return first


def _idiom(tok: Token) -> bool:
    """The journalist's 'it is worth noting that ...', 'it goes without saying that ...'."""
    return tok.tag_ == "VBG" and (tok.head.lower_ == "worth" or (
        tok.head.lower_ == "without" and tok.head.head.lower_ in ("go", "goes", "went", "gone")))


def _attributes_before(v: Token) -> bool:
    """A verb of saying with its own subject, set off by a comma: a trailing attribution."""
    if not (is_speech_verb(v) and has_own_subject(v)):
        return False
    first = min((t.i for t in v.subtree if not t.is_punct), default=0)  # the comma may hang from the verb
    return first > 0 and v.doc[first - 1].text == ","


def according_source(tok: Token) -> Token | None:
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

"""extract_statements: paragraphs -> quotes and reported speech -> resolved speakers."""
from __future__ import annotations

import bisect
import logging
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace

from rq.timeouts import BaseTimeoutException
from spacy.language import Language
from spacy.tokens import Doc

from .attribution import Attribution, attribution_of, subject_token
from .boilerplate import Paragraph, paragraphs
from .complements import noun_speech, object_speech
from .cues import is_speech_verb
from .labels import (
    LABEL_RE,
    interviewee,
    label_attribution,
    label_speech,
    opening_label,
    quoted_label,
    transcript_labels,
    transcript_names,
)
from .lexicon import (
    CAPS_MID_RE,
    FINITE_OR_MODAL,
    MEDIA,
    MEDIA_TITLES,
    PREFILTER_RE,
    SPEECH_FORMS,
    SUBJECT_DEPS,
    TITLE_ABBREVIATIONS,
)
from .model import load_nlp
from .name_forms import NOT_PEOPLE_WORDS
from .quote_attribution import is_integrated, quote_attribution, quote_is_statement, token_mask
from .quotes import (
    ABBREVIATIONS,
    Quote,
    find_quotes,
    hyphens_as_dashes,
    singles_as_doubles,
    split_sentences,
    trim,
)
from .repairs import repair
from .reported import reported_speech
from .resolution import DESCRIPTION_END, harvest_at, resolve_speakers
from .roles import fold
from .speakers import subject_from_token
from .statement import ExtractedStatement

log = logging.getLogger(__name__)
_OPENING = re.compile(r"\s*[\"“„«]")
# No-break spaces read as plain ones; a lone surrogate (which the tokenizer cannot hash) as U+FFFD.
_PLAIN_SPACES: dict[int, str] = {ord("\xa0"): " ", ord("\u2007"): " ", ord("\u202f"): " ",
                                 **{code: "\ufffd" for code in range(0xD800, 0xE000)}}


@dataclass
class QuoteItem:
    """A speech quote in a paragraph, with its (possibly inherited) attribution."""

    para: int
    base: int
    quote: Quote
    attribution: Attribution | None
    integrated: bool
    starts_para: bool
    full_para: bool
    label_end: int = 0  # after a transcript label opening the quote ('"PENCE: ...'), where its words start
    runs_on: bool = False  # its sentence goes on past it: reported speech holding it is the statement


@dataclass
class Candidate:
    """A statement before speaker resolution (absolute offsets)."""

    start: int
    end: int
    kind: str
    attribution: Attribution
    integrated: bool = False
    outer: tuple[int, int] = field(default=(0, 0))
    runs_on: bool = False  # a quote its sentence goes on past: reported speech of its own speaker takes it


def _intro_attribution(doc: Doc, text: str) -> Attribution | None:
    """'Caddell continued:' closing a paragraph introduces the next, quoted one."""
    stripped = text.rstrip()
    if not stripped.endswith(":"):
        return None
    sents = list(doc.sents)
    if not sents:
        return None
    for t in reversed(list(sents[-1])):
        if t.pos_ in ("VERB", "AUX") and subject_token(t) is not None:
            return attribution_of(t)
    return None


def _paragraph_quotes(doc: Doc, text: str, pi: int, base: int, next_opens: bool) -> tuple[list[QuoteItem], list[bool]]:
    """Speech quotes of one paragraph with their local attributions, and the token quote mask."""
    quotes = [q for q in find_quotes(text) if q.closed or next_opens or q.open_at == 0]
    mask = token_mask(doc, quotes)
    speech = [q for q in quotes if quote_is_statement(text, q)]
    items: list[QuoteItem] = []
    for k, q in enumerate(speech):
        prev_close = speech[k - 1].close_at + 1 if k else 0
        next_open = speech[k + 1].open_at if k + 1 < len(speech) else len(text)
        labelled = quoted_label(doc, text, *q.content)
        if labelled is not None:  # the quote is a transcript line: its label names the speaker
            attr: Attribution | None = labelled[0]
        else:
            attr = (quote_attribution(doc, text, q, prev_close, next_open, mask)
                    or label_attribution(doc, text, q.open_at))
        covered = sum(x.close_at - x.open_at + 1 for x in speech)
        items.append(QuoteItem(pi, base, q, attr, is_integrated(text, q), not text[:q.open_at].strip(),
                               covered >= 0.8 * len(text.strip()), labelled[1] if labelled else 0,
                               _runs_on(text, q)))
    return items, mask


def _said_right_before(text: str, doc: Doc, base: int, reported: list[Candidate], opening: int) -> Attribution | None:
    """'Yet the port is "a lifeline," Varga said. "We will not sell it."': a quote goes on from the
    reported speech of the sentence right before it (a partial quote is no quote of its own), where
    only that speech's attribution comes between ('Varga told Radio Kesk on Monday', 'said, smiling,
    after the vote'): no sentence, no clause but the attribution's own (no finite verb or subject of
    another verb: '..., but Brisk was unmoved.', 'Vel, who said ..., was questioned by the union.',
    'a charge Brisk rejected'), and no other person ('..., a point disputed by Brisk')."""
    said = [c for c in _outermost(reported) if c.start <= opening]
    if not said:
        return None
    last = max(said, key=lambda c: c.start)
    if _participle(last) and _nobody(last):  # the sentence's main attribution ('said ..., citing ...')
        main = [c for c in said if c.end <= last.start and not _participle(c)
                and not _sentence_ends_between(text, c.end, last.start)]
        last = max(main, key=lambda c: c.start) if main else last
    if last.end > opening or _sentence_ends_between(text, last.end, opening):
        return None
    cue = last.attribution.cue.split()[0].lower() if last.attribution.cue.split() else ""
    subj = last.attribution.subject
    named = {w.lower() for w in re.findall(r"[^\W\d_]+", " ".join([subj.phrase, subj.name or ""]))} if subj else set()
    between = [t for t in doc if last.end <= base + t.idx < opening]
    # the attribution's own verb of saying: the first of its form between them ('..., Varga told the BBC')
    own = next((t.i for t in between if is_speech_verb(t) and t.lower_ == cue), None)
    for t in between:
        if t.is_sent_start and base + t.idx > last.end and not t.is_punct:
            return None  # ('30 minutes later, the union issued a statement.')
        if t.tag_ in FINITE_OR_MODAL and (t.head.i if t.dep_ in ("aux", "auxpass") else t.i) != own:
            return None  # a clause of its own ('..., but Brisk was unmoved.')
        if t.dep_ in ("nsubj", "nsubjpass", "expl", "csubj") and t.head.i != own:
            return None  # someone else doing something ('a charge Brisk rejected')
        if t.ent_type_ == "PERSON" and t.lower_ not in named:
            return None  # someone else ('..., Varga said, to Brisk's dismay.')
        if t.tag_ in ("VBG", "VBN") and t.i != own and any(g.pos_ == "PROPN" for g in t.subtree):
            return None  # ('..., Varga said, a point disputed by Brisk.', 'said, quoting Brisk.')
    return last.attribution


def _sentence_ends_between(text: str, start: int, end: int) -> bool:
    return any(_ends_a_sentence(text, start + m.start()) for m in _SENTENCE_BREAK.finditer(text[start:end]))


def _participle(c: Candidate) -> bool:
    cue = c.attribution.cue.split()
    return bool(cue) and cue[0].lower().endswith("ing")


def _nobody(c: Candidate) -> bool:
    subj = c.attribution.subject
    return subj is None or (subj.name is None and subj.pronoun is None)


_RUNS_ON_RE = re.compile(r"[ \t]+[a-z][\w'’-]*(?:[ \t]+[\w'’-]+){0,2}")


def _runs_on(text: str, q: Quote) -> bool:
    """'"We are horrified" by the attack, Moll said.': a quote whose sentence goes on past it in
    the journalist's words (one sentence, no stop or comma closes it, and the lower-case words after
    it are no attribution: 'he said', 'said Moll', 'the mayor said') is part of that sentence, as a
    quote opened mid-sentence is."""
    if not q.closed or text[slice(*q.content)].rstrip().endswith((",", ".", "!", "?", ":", ";", "—", "-")):
        return False
    if len(split_sentences(text, *q.content)) > 1:
        return False  # ('"We lost. It is over" for now': the first sentence is a quote of its own)
    m = _RUNS_ON_RE.match(text, q.close_at + 1)
    return m is not None and not any(w.lower() in SPEECH_FORMS for w in m.group(0).split())


def _inherit(text: str, docs: list[Doc], paras: list[list[QuoteItem]], prev_attr: list[Attribution | None],
             intro: list[Attribution | None], reported: list[list[Candidate]]) -> None:
    """Give unattributed quotes the speaker of a neighbouring quote, of reported speech right before
    them, or of the previous paragraph."""
    for pi, items in enumerate(paras):
        for k, it in enumerate(items):
            if it.attribution is not None or it.integrated:
                continue
            before = [x.attribution for x in items[:k] if x.attribution is not None]
            after = [x.attribution for x in items[k + 1:] if x.attribution is not None]
            if before:
                it.attribution = before[-1]
            elif after:
                it.attribution = after[0]
            elif it.quote.closed and (said := _said_right_before(  # (an open one goes on in the next paragraph)
                    text, docs[pi], it.base, reported[pi], it.base + it.quote.open_at)) is not None:
                it.attribution = said
            elif it.quote.closed and k == len(items) - 1 and (
                    acting := _person_acting_right_before(docs[pi], it.quote.open_at)) is not None:
                it.attribution = acting
            elif k == 0 and it.starts_para and pi > 0:
                prev = paras[pi - 1]
                if prev and not prev[-1].quote.closed and prev[-1].attribution is not None:
                    it.attribution = prev[-1].attribution
                elif intro[pi - 1] is not None:
                    it.attribution = intro[pi - 1]
                elif it.full_para and prev_attr[pi - 1] is not None:
                    it.attribution = prev_attr[pi - 1]
    for pi in range(len(paras) - 2, -1, -1):  # an open quote takes the speaker of its continuation
        items, nxt = paras[pi], paras[pi + 1]
        if (items and not items[-1].quote.closed and items[-1].attribution is None and nxt
                and nxt[0].starts_para and nxt[0].attribution is not None):
            items[-1].attribution = nxt[0].attribution


def _person_acting_right_before(doc: Doc, opening: int) -> Attribution | None:
    """'Asked whether she would return, Zhou paused. "Maybe."', 'Okafor laughed. "Not a chance."': a quotation
    that opens a sentence right after one whose subject is a named person, in a paragraph of their own
    ending with it, is theirs: the person, with the verb of that sentence as the cue. Not where that
    sentence names anyone else, nor after a verb of saying (whose words are reported right before)."""
    sent = next((s for s in doc.sents if s.end_char <= opening and not doc.text[s.end_char:opening].strip()), None)
    if sent is None or (sent.start != 0 and doc[sent.start - 1].is_quote):
        return None
    verb = sent.root
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if (subject is None or verb.pos_ != "VERB" or is_speech_verb(verb) or subject.ent_type_ != "PERSON"
            or subject.pos_ != "PROPN" or any(t.ent_type_ in ("PERSON", "ORG") and t not in subject.subtree
                                               for t in sent)):
        return None
    return Attribution(subject_from_token(subject), verb.text)


def _brings_in_someone(text: str, start: int, end: int, speaker: Attribution | None) -> bool:
    """Whether narration between two paragraphs names someone with a title other than the last
    speaker ('On Tuesday, Finance Minister Pavel Drummond struck a different tone.'): the next
    quote may be theirs, and dropping it costs less than giving it to the wrong person. A sentence
    that opens with a pronoun goes on about the last speaker ('She was appointed by President Anna
    Kessel.'); the speaker named again is no one new ('Deputy Minister Anselm Varga left.' after
    'Varga said', not 'Deputy Mayor Piotr Holt' after 'Jana Holt said'). A name without a title
    counts where it opens a sentence and a description of a person follows it."""
    name = speaker.subject.name if speaker is not None and speaker.subject is not None else None
    harvested = [(at, found, titled) for at, found, titled in harvest_at(text, [(start, end)])
                 if not _same_person(found, name)]
    if not harvested:
        return False
    # where the sentences start: a line's start, or after a lower-case word's full stop before a capital
    # ('Jan. 5', '9 a.m. with', 'Rep. Ana Ruiz (D-Calif.) and' and 'U.S. envoy' end none)
    starts = sorted({start, *(start + m.end() for m in re.finditer(r"\n\s*", text[start:end])),
                     *(start + m.end() for m in _SENTENCE_BREAK.finditer(text[start:end])
                       if _ends_a_sentence(text, start + m.start()))})
    # a name without a title counts where it opens a sentence, described as a person ('Jens Alm, a
    # farmer who lost his barn, was less hopeful.'; not 'North Vardia has offered ...', 'Selby Rovers
    # scored ...')
    named = [at for at, found, titled in harvested if titled or (
        at in starts and text.startswith(found, at) and _describes_a_person(text, at + len(found))
        and not any(w.lower() in NOT_PEOPLE_WORDS for w in found.split()))]
    return any(not _PRONOUN_OPENING.match(text, starts[bisect.bisect_right(starts, at) - 1]) for at in named)


# a description after a name: an age, 'who ...', or 'a/an/the ...' ('a nurse at the city hospital',
# 'the head of the tenants' union'), up to a preposition, a participle or a comma
_APPOSITION_RE = re.compile(r",\s+(?:(?P<age>\d+)\b|(?P<who>who|whose)\b|(?:a|an|the)\s+(?P<noun>[^,.;]*))")
# words of a description that make it no person's ('the local football club', 'the third this year')
_NOT_PERSON_NOUNS = frozenset("""club team side firm company business reservoir lake river storm hurricane year
season week month group party fund bank agency ministry council league school hospital brand product plant
factory mine festival event show film book song album""".split())


def _describes_a_person(text: str, at: int) -> bool:
    """Whether the text at `at` (right after a name) describes a person: an age, 'who', or 'a/an/the'
    and a head noun that is no organisation's, place's or thing's."""
    m = _APPOSITION_RE.match(text, at)
    if m is None:
        return False
    if m.group("noun") is None:
        return True
    head = DESCRIPTION_END.split(m.group("noun"))[0]
    words = head.split()
    return bool(words) and words[-1].lower() not in _NOT_PERSON_NOUNS | NOT_PEOPLE_WORDS  # the head noun


_SENTENCE_BREAK = re.compile(r"[.!?][\"”’)]*[ \t]+(?=[A-Z])")


def _ends_a_sentence(text: str, stop: int) -> bool:
    """Whether the full stop at text[stop] ends a sentence: not after a title ('Rep.'), a common
    abbreviation ('Jan.', 'Inc.'), an initial or a dotted one ('J.', 'U.S.', 'p.m.')."""
    word = text[max(text.rfind(" ", 0, stop), text.rfind("\n", 0, stop)) + 1:stop]
    return (len(word) > 1 and "." not in word and word.lower() not in ABBREVIATIONS
            and word.lower() not in TITLE_ABBREVIATIONS)  # ('He thanked the coach.' ends one)


def _same_person(found: str, speaker: str | None) -> bool:
    """Whether a name found in narration is the speaker's: their full name within it, or, for a
    speaker known by surname alone, that surname. Initials are left out ('Pavel J. Drummond')."""
    if not speaker:
        return False
    words = [w for w in re.findall(r"[\w'’-]+", speaker) if len(w) > 1]
    have = [w for w in re.findall(r"[\w'’-]+", found) if len(w) > 1]
    if len(words) == 1:
        return words[0] in have
    return any(have[k:k + len(words)] == words for k in range(len(have)))


_PRONOUN_OPENING = re.compile(r"\s*(?:he|she|his|her|they|their)\b", re.IGNORECASE)


def _finishes(text: str, d: Candidate, r: Candidate) -> bool:
    """'said the president wanted to avoid new elections "if at all possible."': a quote of one
    sentence, in lower case, right after reported speech (an integrated quote) finishes its sentence."""
    return (d.integrated and r.start < d.start and not text[r.end:d.outer[0]].strip()
            and text[d.start:d.start + 1].islower() and not text[d.end:d.outer[1]].strip(" .,;:!?'’\"”"))


def _when_said(text: str, start: int, quote_at: int, cue: str = "") -> bool:
    """Whether the words between an attribution and a quotation tell when or how it was said: a
    clause of time ('said after the room fell quiet, "..."', 'said as she left, "..."'), one opened by
    an adverb of time ('said shortly after the vote, "..."'), or, set off by a comma, a clause of
    place or manner ('said today, as the floodwaters receded, "..."', 'said, pointing at the map,
    "..."', 'said, her voice breaking, "..."'). (Most other clauses there are a condition of what was
    said: 'Rubio said once the Senate goes on recess, "..."'.)"""
    words = [w.lower() for w in re.findall(r"[^\W\d_]+", text[start:quote_at])]
    if not words:
        return False
    if words[0] in _TIME_ADVERBS or words[0] in _ALWAYS_TIME or "asked" in words[:2] or (
            words[0] == "as" and len(words) > 1 and words[1] in _PERSONAL):
        return True
    lead = text[:start].rstrip()
    if not lead.endswith(","):
        return False
    # (after words of its own, 'said later, once the cameras had gone, "..."', any clause is the
    # occasion; right after the verb it may be a condition: 'said, once the money arrives, "..."')
    after_cue = re.search(rf"\b{re.escape(cue)}\b([^,]*),$", lead[-120:]) if cue else None
    return (words[0] in _SUBORDINATORS or words[0].endswith("ing") or words[-1].endswith("ing")
            or (after_cue is not None and re.search(r"[^\W\d_]", after_cue.group(1)) is not None))


_TIME_ADVERBS = frozenset({"shortly", "soon", "moments", "minutes", "hours", "later", "earlier"})
_ALWAYS_TIME = frozenset({"after", "before", "while"})
_PERSONAL = frozenset({"he", "she", "they", "i", "we"})
_SUBORDINATORS = frozenset({"as", "after", "before", "since", "where", "so", "back", "standing", "speaking",
                            "sitting"})


# conditions and concessions a quotation may finish
_CONDITIONS = frozenset("if unless once whenever whether although though because until matter whatever".split())
# what opens words that lead to a quotation as its condition, concession or setting ('no matter what
# ..., "..."', 'In this election, "..."'), not as a sentence of their own
_LEADING = frozenset("""no regardless whatever whenever however wherever whoever if unless though although because
when once as even until whether since with without in for to by on at from like unlike despite given after
before beyond among under""".split())


def _dedupe(text: str, cands: list[Candidate],
            before_quote: Callable[[Candidate, int], int | None],
            opens_clause: Callable[[int], bool | None] = lambda at: False) -> list[Candidate]:
    """One statement per stretch of text: direct quotes win, integrated quotes yield to reported, and
    so does a quote its sentence goes on past, to reported speech of its own speaker that goes on
    with it. A reported statement cut short by a quote keeps what `before_quote` leaves of it, if
    anything."""
    cands.sort(key=lambda c: (c.start, -(c.end - c.start)))
    direct = [c for c in cands if c.kind == "direct"]
    reported = [c for c in cands if c.kind == "reported"]
    keep_direct: list[Candidate] = []

    def hosts(d: Candidate, r: Candidate) -> bool:
        if not (r.start <= d.start < r.end or _finishes(text, d, r)):
            return False
        # ('"The bridge is unsafe" Brun warned ..., officials said': Brun's; '"We are done" is what Kell
        # said' has no words of its own after the quote)
        if d.integrated:
            return True
        if r.attribution != d.attribution:
            return False
        # a quotation in lower case that finishes the sentence after its attribution ('The levy, Orde
        # said, "is unfair."'), or that the speaker's reported sentence holds ('Dorsey says no matter
        # what the governor does, "his word does not trump the charter."'), is part of it
        return (d.runs_on and len(re.findall(r"[^\W\d_]+", text[d.outer[1] + 1:r.end])) >= 2) or (
            r.start < d.start < r.end and text[d.start].islower() and (
                re.search(rf"\b{re.escape(r.attribution.cue)}\b", text[r.start:d.outer[0]]) is not None
                or (d.end <= r.end and leads_to(r, d))))

    def leads_to(r: Candidate, d: Candidate) -> bool:
        """Whether reported content holds words of its own (`before_quote`: with a verb, not when it was
        said) that lead to a quotation inside it, and no quotation before that one ('said a prayer,
        "..."' has none; 'said: "the plan is dead," "and ..."' has one). A quotation that opens a clause
        of its own after a whole clause is a sentence of its own ('said the mill would close, "there is
        no other way."'), unless what leads to it is its condition ('no matter what ..., "his word
        does not ..."')."""
        before = text[r.start:d.outer[0]]
        words = [w.lower() for w in re.findall(r"[^\W\d_]+", before)]
        if len(words) < 2 or re.match(r"\s*[\"“]", before) or re.search(r"[\"”]\s*,?\s*$", before):
            return False
        # ('In this election, "..."' needs no verb of its own, nor does the subject of a quoted
        # predicate: 'The party, attended by hundreds, "allows us to get our message out"')
        leading = words[0] in _LEADING
        opening = opens_clause(d.start)
        if _when_said(text, r.start, d.outer[0], r.attribution.cue) or not (
                leading or opening is None or before_quote(r, d.outer[0]) is not None):
            return False
        # (a quotation may finish a condition inside the clause: '... to think that if the U.S. pulls
        # back, "our oceans are going to save us."')
        return leading or bool(_CONDITIONS & set(words)) or opening is not True

    for d in direct:
        host = next((k for k, r in enumerate(reported) if hosts(d, r)), None)
        if host is not None:  # 'X said the plan would "cut costs for everyone."': one reported statement
            r = reported[host]
            if d.end > r.end and r.attribution == d.attribution:  # (with the closing mark of a quote it finishes)
                reported[host] = replace(r, end=d.outer[1] + 1 if _finishes(text, d, r) else d.end)
            if d.end <= reported[host].end:
                continue
        keep_direct.append(d)
    keep_rep: list[Candidate] = []
    for r in reported:
        clash = [d for d in keep_direct if d.start < r.end and r.start < d.end]
        if clash:
            first = min(d.outer[0] for d in clash)
            end = before_quote(r, first) if first - r.start >= 20 else None
            if end is None:
                continue
            r = replace(r, end=end)
        keep_rep.append(r)
    out: list[Candidate] = []
    for c in sorted(keep_direct + keep_rep, key=lambda c: (c.start, -(c.end - c.start))):
        if out and c.start < out[-1].end:
            if c.end - c.start > out[-1].end - out[-1].start and c.kind == out[-1].kind == "reported":
                out[-1] = c
            continue
        out.append(c)
    return out


CONDUIT_CUES = frozenset({"reported", "reports", "report", "according to", "cited", "quoted"})


def _is_conduit(c: Candidate) -> bool:
    """A news outlet passing on what someone said ('..., the Zemla news agency reported')."""
    subj = c.attribution.subject
    if c.kind != "reported" or subj is None or c.attribution.cue.lower() not in CONDUIT_CUES:
        return False
    words = [w.lower() for w in re.findall(r"[A-Za-z]+", subj.name or subj.phrase)]
    if subj.label == "PERSON":  # unless the tagger took an outlet for one ('the Norland Wire reported'):
        if len(words) < 2 or words[-1] not in MEDIA | MEDIA_TITLES:
            return False
        role = fold(subj.role.split()) if subj.role else set()
        if role & (MEDIA | _PRESS_ROLES):  # 'State news agency Velmar Wire', 'the Velmar Herald, a daily'
            return True
        if role:  # 'Marcus Herald, a shop steward at the plant'
            return False
        # 'the Velmar Star', or a word no surname is ('Velmar Wire'; 'Tomas Star' is a person)
        return subj.phrase.lower().startswith("the ") or words[-1] in _OUTLET_ONLY
    return bool(set(words) & MEDIA) or (len(words) >= 2 and words[-1] in MEDIA_TITLES)


_OUTLET_ONLY = frozenset({"wire", "tribune", "gazette", "telegraph", "journal", "news", "agency"})
_PRESS_ROLES = frozenset({"daily", "paper", "newspaper", "tabloid", "weekly", "broadsheet"})


def _without_conduits(cands: list[Candidate]) -> list[Candidate]:
    """'X said Y, state news agency Z reported': the statement is X's, not the agency's. A reported
    statement of a news outlet whose content holds someone else's attribution gives way to it."""
    drop = set()
    for o, outer in enumerate(cands):
        if _is_conduit(outer) and any(
                inner is not outer and outer.start <= inner.start and inner.end <= outer.end
                and inner.end - inner.start < outer.end - outer.start for inner in cands):
            drop.add(o)
    return [c for k, c in enumerate(cands) if k not in drop]


def _last_speaker(items: list[QuoteItem], reported: list[Candidate]) -> Attribution | None:
    """Who speaks last in a paragraph, for a quoted paragraph after it: the latest attribution in
    text order, leaving out speech nested in someone's reported content ('Carter said critics had
    been predicting a withdrawal' ends with Carter, not the critics)."""
    found = [(it.base + it.quote.open_at, it.attribution) for it in items if it.attribution is not None]
    found += [(c.start, c.attribution) for c in _outermost(reported)]
    return max(found, key=lambda f: f[0])[1] if found else None


def _outermost(reported: list[Candidate]) -> list[Candidate]:
    """Reported speech less that nested in someone's reported content."""
    return [c for c in reported if not any(o is not c and o.start <= c.start and c.end <= o.end
                                           and o.end - o.start > c.end - c.start for o in reported)]


def _sentences(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """The sentences of direct speech in text[start:end], trimmed, that hold a word."""
    for s, e in split_sentences(text, start, end):
        s, e = trim(text, s, e)
        if e - s >= 2 and any(ch.isalpha() for ch in text[s:e]):
            yield s, e


def _without_interviewers(text: str, labelled: list[Candidate]) -> list[Candidate]:
    """Transcript lines, less the interviewer's: the side whose every turn ends in a question, where
    it opens the transcript or only ever asks ('MIRA TOLV: You backed the sale in May. Why not now?');
    a guest's rhetorical questions leave the guest a speaker ('It made a profit. What more do they
    want?'). A turn of questions only of the side that opens the transcript goes too ('Mayor, will you
    sell the port?'). An interviewer's questions are no statements (GUIDELINES). A surname alone is
    the side of the one full name with that surname ('KATE MORAN:', then 'MORAN:')."""
    names = {c.attribution.subject.name for c in labelled if c.attribution.subject and c.attribution.subject.name}

    def side(c: Candidate) -> str:
        name = c.attribution.subject.name if c.attribution.subject is not None else None
        if not name or " " in name:
            return name or ""
        full = [n for n in names if " " in n and n.split()[-1] == name]
        return full[0] if len(full) == 1 else name

    def turn(c: Candidate) -> tuple[int, int]:  # the whole labelled paragraph
        return c.outer if c.outer != (0, 0) else (c.start, c.end)

    turns: dict[str, dict[tuple[int, int], list[bool]]] = {}
    for c in labelled:
        if side(c):
            turns.setdefault(side(c), {}).setdefault(turn(c), []).append(_asks(text, c.start, c.end))
    first = side(min(labelled, key=lambda c: c.start)) if labelled else ""

    def asks(name: str) -> bool:
        sides = turns.get(name)
        if not sides or not all(_asks(text, a, b) for a, b in sides):
            return False
        return name == first or all(q for qs in sides.values() for q in qs)

    def only_asks(c: Candidate) -> bool:
        questions = turns.get(side(c), {}).get(turn(c), [])
        return side(c) == first and bool(questions) and all(questions)

    return [c for c in labelled if not asks(side(c)) and not only_asks(c)]


def _asks(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] ends in a question mark (closing quotes and brackets aside)."""
    return text[start:end].rstrip(" \"”’)").endswith("?")


# what an anonymous source asked for ('who asked not to be named'), no statement
# what a source asked ('not to be named', 'to be identified only by his first name, Moussa'): no statement
_ANONYMITY_RE = re.compile(r"(?:not )?to be (?:named|identified|quoted)(?: only)?(?: by (?:name|(?:his|her|their) "
                           r"(?:first|last|family|given) name))?(?:\W+[A-Z][\w'’-]*)?\W*", re.IGNORECASE)


def worth_parsing(paragraph: str) -> bool:
    """Whether a paragraph may hold a statement, and so is parsed: a cue of saying or a quote mark
    (the cheap prefilter), or a transcript line, maybe quoted."""
    return bool(PREFILTER_RE.search(paragraph) or paragraph.rstrip().endswith(":") or LABEL_RE.search(paragraph)
                or opening_label(paragraph))


def _extract(text: str, nlp: Language) -> list[ExtractedStatement]:
    paras: list[Paragraph] = []
    unparsed: list[tuple[int, int]] = []
    for p in paragraphs(text):
        if worth_parsing(text[p.start:p.end]):
            paras.append(p)
        else:
            unparsed.append((p.start, p.end))
    texts = [text[p.start:p.end] for p in paras]
    caps = frozenset(CAPS_MID_RE.findall(text))
    docs = [repair(d, caps) for d in nlp.pipe(texts, batch_size=32)]
    transcript = transcript_labels(texts, frozenset(CAPS_MID_RE.findall(" ".join(text[s:e] for s, e in unparsed))))
    names = transcript_names(transcript)
    answers = interviewee(text, nlp)
    for doc in docs:
        doc.user_data["caps"] = caps
        doc.user_data["transcript_labels"] = transcript
        doc.user_data["transcript_names"] = names
        doc.user_data["interviewee"] = answers
    all_items: list[list[QuoteItem]] = []
    intro: list[Attribution | None] = []
    reported: list[Candidate] = []
    labelled: list[Candidate] = []
    for pi, (p, doc, ptext) in enumerate(zip(paras, docs, texts, strict=True)):
        consecutive = pi + 1 < len(paras) and paras[pi + 1].index <= p.index + 2
        next_opens = consecutive and bool(_OPENING.match(texts[pi + 1]))
        items, mask = _paragraph_quotes(doc, ptext, pi, p.start, next_opens)
        all_items.append(items)
        intro.append(_intro_attribution(doc, ptext))
        for r in reported_speech(doc, ptext, mask) + object_speech(doc, ptext, mask) + noun_speech(doc, ptext, mask):
            reported.append(Candidate(p.start + r.start, p.start + r.end, "reported", r.attribution))
        for r in label_speech(doc, ptext, mask):
            for s, e in _sentences(ptext, r.start, r.end):  # one statement per sentence
                labelled.append(Candidate(p.start + s, p.start + e, "direct", r.attribution,
                                          outer=(p.start + r.start, p.start + r.end)))
    reported += _without_interviewers(text, labelled)
    prev_attr: list[Attribution | None] = []
    in_para = [[c for c in reported if p.start <= c.start < p.end] for p in paras]
    for pi, items in enumerate(all_items):
        consecutive = pi + 1 < len(paras) and paras[pi + 1].index <= paras[pi].index + 2
        last = _last_speaker(items, in_para[pi])
        # a line between them that names someone else ('Finance Minister Pavel Drummond disagreed.')
        # may have brought in the next quote's speaker: no inheriting across it
        if consecutive and _brings_in_someone(text, paras[pi].end, paras[pi + 1].start, last):
            consecutive = False
        prev_attr.append(last if consecutive else None)
    _inherit(text, docs, all_items, prev_attr, intro, in_para)
    cands = list(reported)
    for items in all_items:
        for it in items:
            if it.attribution is None:
                continue
            cs, ce = it.quote.content
            cs = max(cs, it.label_end)
            ptext = texts[it.para]
            for s, e in _sentences(ptext, cs, ce):
                cands.append(Candidate(it.base + s, it.base + e, "direct", it.attribution, it.integrated,
                                       (it.base + it.quote.open_at, it.base + it.quote.close_at), it.runs_on))
    starts = [p.start for p in paras]

    def before_quote(c: Candidate, quote_at: int) -> int | None:
        """Where reported content cut short by a quote ends: what precedes the quote, trimmed, if
        it holds a verb ('Donations are vetted, Strother said, but "we ..."'), else nowhere (the
        scene of 'In Kestria on Monday, before a crowd, "The port will reopen," Varga said.')."""
        start, end = trim(text, c.start, quote_at)
        at = bisect.bisect_right(starts, start) - 1
        span = docs[at].char_span(start - starts[at], end - starts[at], alignment_mode="contract") if at >= 0 else None
        # (a verb besides the attribution's own: 'The vote, Bessel said, "will ..."' leaves no clause;
        # nor does when it was said: 'Vell said today, as the floodwaters receded, "..."')
        return end if span is not None and not _when_said(text, start, quote_at, c.attribution.cue) and any(
            t.pos_ in ("VERB", "AUX") and t.text != c.attribution.cue for t in span) else None

    def opens_clause(at: int) -> bool | None:
        """Whether words from `at` (a quotation's) open a clause: a subject among the first three,
        before any verb ('the owners have decided'); None where they open a predicate, a verb whose
        clause has no subject ('have and will continue to ...', not 'may they rest in peace')."""
        k = bisect.bisect_right(starts, at) - 1
        if k < 0:
            return False
        for t in [t for t in docs[k] if t.idx >= at - starts[k] and not t.is_punct][:3]:
            if t.pos_ in ("VERB", "AUX"):
                head = t if t.dep_ not in ("aux", "auxpass") else t.head
                return None if not any(c.dep_ in SUBJECT_DEPS for c in head.children) else False
            if t.pos_ in ("CCONJ", "SCONJ"):
                return False
            if t.dep_ in SUBJECT_DEPS and t.head.i > t.i:
                return True
        return False

    cands = [c for c in cands if c.kind == "direct" or not _ANONYMITY_RE.fullmatch(text, c.start, c.end)]
    cands = _dedupe(text, _without_conduits(cands), before_quote, opens_clause)
    return resolve_speakers(text, cands, docs, starts, unparsed)


def extract_statements(text: str, nlp: Language | None = None) -> list[ExtractedStatement]:
    """Extract attributed statements (direct and reported) from an article, in text order."""
    if not isinstance(text, str) or not text.strip():
        return []
    nlp = nlp if nlp is not None else load_nlp()
    # The parser splits a name at a no-break space ('Stu\xa0Burguiere'); it reads a plain one.
    # One character for one, so every offset holds for the text as given, and so does its text.
    # (and the single quotation marks of papers that quote with them are written as double ones)
    # (and a hyphen between spaces, typed for a dash, as a dash)
    plain = singles_as_doubles(hyphens_as_dashes(text.translate(_PLAIN_SPACES)))
    try:
        found = _extract(plain, nlp)
    except BaseTimeoutException:  # the job's time is up: the worker must see it, and retry or fail the job
        raise
    except Exception:  # never let one odd paragraph take the worker, or the rest of the article, down
        log.exception("statement extraction failed on a %d-character text; retrying without the "
                      "paragraphs that fail alone", len(text))
        found = _extract_around_failures(plain, nlp)
    return [replace(s, text=text[s.start:s.end]) for s in found]


def _extract_around_failures(text: str, nlp: Language) -> list[ExtractedStatement]:
    """Extraction with every paragraph that fails on its own blanked out (offsets kept); nothing
    when the article still fails."""
    kept = list(text)
    for p in paragraphs(text):
        try:
            _extract(text[p.start:p.end], nlp)
        except BaseTimeoutException:
            raise
        except Exception:
            kept[p.start:p.end] = [" "] * (p.end - p.start)
    try:
        return _extract("".join(kept), nlp)
    except BaseTimeoutException:
        raise
    except Exception:
        log.exception("statement extraction failed again without the failing paragraphs")
        return []

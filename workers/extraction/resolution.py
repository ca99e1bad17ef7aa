"""Turning candidate attributions into canonical speakers: names, pronouns, role references."""
from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Sequence
from dataclasses import replace
from functools import partial
from typing import Protocol

from spacy.tokens import Doc, Span, Token

from .attribution import Attribution
from .descriptions import describe
from .lexicon import (
    HONORIFICS,
    NOT_NAME_OPENERS,
    PARTY_NOUNS,
    PERSON_ROLES,
    PORTFOLIOS,
    POSSESSIVE_PRONOUNS,
    PRESS_WORDS,
    PRONOUNS_ORG,
    PRONOUNS_PERSON,
    QUESTION_VERBS,
    QUESTIONERS,
    RELATIVE_RE,
    ROLE_GENDER,
    SPEECH_FORMS,
    TITLE_ABBREVIATIONS,
    is_title_word,
)
from .name_forms import (
    NOT_PEOPLE_WORDS,
    NOT_SURNAMES,
    SENTENCE_OPENERS,
    full_forms,
    initialism_of,
    person_name,
    spelled_out,
    title_case_line,
)
from .names import DEMONYMS, FEMALE_NAMES, GIVEN_NAMES, MALE_NAMES, NameTable
from .organisations import (
    another_of_its_kind,
    firm_words,
    mentioned_organisation,
    named_organisation,
    opening_body,
    sole_firm,
    the_firm,
)
from .roles import (
    fold,
    heads,
    occupation_reference,
    own_title,
    person_descriptors,
    resolve_role,
    role_head,
    role_holders,
    text_descriptors,
)
from .speakers import (
    NOT_NAMES,
    ORG_AGENTS,
    ORG_NAME_WORDS,
    _clean_name,
    occupation_opens,
    person_after_title,
    valid_name,
)
from .statement import ExtractedStatement
from .unnamed import UnnamedSources


class _Cand(Protocol):
    start: int
    end: int
    kind: str
    attribution: Attribution


_OBJECT_FORMS = {"her": "she", "him": "he"}


def _person_mentions(docs: Sequence[Doc], bases: Sequence[int],
                     people: frozenset[str] = frozenset()) -> list[tuple[int, str, str | None]]:
    """(offset, name, subject) for every PERSON entity in the parsed paragraphs, titles stripped.
    `subject`: for the subject of a main clause, '' or the pronoun it cannot be ('Hollis met her':
    Hollis is no 'she'); None for any other mention. The tagger sometimes takes a surname alone for an
    organisation ('Rusk credited the union ...'): a surname in `people` is a mention all the same, as
    is a full name there (a speaker's with a first name: 'Sigrid Nyholm said', tagged an organisation)."""
    out: list[tuple[int, str, str | None]] = []
    for doc, base in zip(docs, bases, strict=True):
        for ent in doc.ents:
            name = person_name(ent.text) if ent.label_ in ("PERSON", "ORG") else None
            if not name or not (ent.label_ == "PERSON" or _titled_name(ent) or name in people):
                continue
            root = ent.root
            if root.dep_ == "appos" and root.head.dep_ in ("nsubj", "nsubjpass"):
                root = root.head  # 'His deputy, Anna Rusk, said ...': the name is the subject's
            subject: str | None = None
            if root.dep_ in ("nsubj", "nsubjpass") and (root.head.dep_ == "ROOT" or _colon_clause(root)):
                objects = {_OBJECT_FORMS[t.lower_] for t in root.sent if t.lower_ in _OBJECT_FORMS and t.tag_ == "PRP"}
                # 'Her rival, Tomas Rusk, ...': whoever 'her' is, he is not 'she'
                objects |= {POSSESSIVE_PRONOUNS[c.lower_] for c in root.children
                            if c.dep_ == "poss" and c.lower_ in ("his", "her")}
                subject = objects.pop() if len(objects) == 1 else ""
            out.append((base + ent.start_char, name, subject))
    return out


def _colon_clause(subject: Token) -> bool:
    """A clause ending in a colon, a main clause whatever the parse makes of it ('Farrow fired back:
    "...," he wrote' hangs 'fired' from 'wrote'); not where an object or a preposition brings in what
    carries someone else's words ('Lund read out a letter from Holm: "...," she wrote', 'Farrow read from
    Dallow's memoir: ...')."""
    verb = subject.head
    return verb.right_edge.text == ":" and not any(
        c.dep_ in ("prep", "dative") or (c.dep_ == "dobj" and c.tag_ != "PRP" and c.ent_type_ != "PERSON")
        for c in verb.subtree if c not in subject.subtree)


def _known_people(docs: Sequence[Doc], cands: Sequence[_Cand],
                  harvested: Sequence[tuple[int, str, bool]]) -> frozenset[str]:
    """Surnames the tagger takes now for a person's, now for an organisation's ('Rusk said' tagged a
    person, 'Rusk credited ...' an organisation), of people the article names in full (tagged a
    person, a person speaking, or a capitalised pair of words in an unparsed paragraph, less those of
    organisations and places). A surname only ever tagged an organisation's ('Ford will close the
    plant' beside 'Anna Ford') stays a firm's: the tagger knows the big ones; a double-barrelled one is a
    person's all the same."""
    tagged = [n for doc in docs for ent in doc.ents if ent.label_ == "PERSON" for n in [person_name(ent.text)] if n]
    speaking = [n for c in cands for s in [c.attribution.subject] if s is not None and s.name and s.label == "PERSON"
                for n in [s.name]]
    full = [n for n in tagged + speaking + [n for _, n, _ in harvested]
            if " " in n and not any(w.lower() in NOT_SURNAMES for w in n.split())]
    alone = {n for n in tagged if " " not in n}
    # (a double-barrelled surname is no firm's: 'Osei-Tutu' of 'Malik Osei-Tutu', though only ever tagged one)
    return frozenset(n.split()[-1] for n in full if n.split()[-1] in alone or "-" in n.split()[-1])


def _first_named(name: str) -> bool:
    """'Sigrid Nyholm' tagged as an organisation: a known first name and no organisation's words."""
    return _first_name_gender(name) is not None and not any(w.lower() in NOT_PEOPLE_WORDS for w in name.split())


def _said_before(contents: Sequence[tuple[int, int]], start: int, pos: int) -> bool:
    """Whether `pos` lies before `start` inside the content of a statement (one of `contents`)."""
    return pos < start and any(s <= pos < e for s, e in contents)


def _titled_name(ent: Span) -> bool:
    """'Councillor Brita Lunde' tagged as an organisation: a title and a name are a person (not
    'Admiral Insurance Group')."""
    return ent.label_ == "ORG" and person_after_title(list(ent))


def _pronoun_speaker(mentions: list[tuple[int, str, str | None]], positions: list[int], after: int, at: int,
                     last_person: str | None, pronoun: str, gender: Callable[[str], str | None],
                     after_unnamed: bool = False, leaning: Callable[[str], str | None] = lambda _: None,
                     strict: bool = False, named_as: Callable[[str], str | None] = lambda _: None,
                     talked_about: Callable[[int], bool] = lambda _: False) -> str | None:
    """Who 'he' or 'she' is: the person last the subject of a main clause since the last statement
    ('Vell met Marsh on Tuesday. He said ...' is Vell) unless that sentence uses the pronoun for someone
    else ('Hollis met her. She said ...' is not Hollis), else the last speaker, else the last person named.
    Nobody the article marks as of the other gender ('Mr. Hollis', 'the spokeswoman') is chosen; where
    that rules out the last speaker, the last person named whom the article marks as of the pronoun's
    gender is, else the last person named whom it does not mark as of the other. Right after a statement
    by an unnamed person ('A senior officer said ...'), it is that person: nobody, unless someone new is
    the subject of a sentence since; after one of the other gender ('one woman said ... he said'), it
    is someone the article marks as of its own (`strict`). `leaning`: a gender that roles such as
    'spokesman' suggest but do not settle ('Trump spokesman Hope Hicks'): a last speaker so marked
    goes only where nobody named is of the pronoun's gender. `named_as`: the gender a first name
    suggests ('Anita Verhoeven'): it rules a person out where the article marks nothing, never in (a
    firm named after its founder, 'John Lewis', is tagged a person now and then). Last of all, a person
    named in the narration goes before a single word named only inside what someone said in an earlier
    paragraph (`talked_about`: 'Berg said Aldmark was ready.\n\nHe said ...' is not Aldmark; a full
    name there is someone the story brings in: 'Lisk said Tomas Kral had resigned.\n\nHe said ...')."""
    k = bisect.bisect_left(positions, at)
    form = "she" if pronoun in ("she", "her") else "he"

    def fits(name: str) -> bool:
        marked = gender(name)
        return marked == form or (marked is None and named_as(name) in (None, form))

    since = [name for pos, name, subject in mentions[:k]
             if subject is not None and subject != form and pos >= after and fits(name)]
    if since:
        return since[-1]
    if after_unnamed:
        return None
    if strict:  # right after an unnamed person of the other gender: only someone known to be of this one
        # (by the article's marks, else by a first name: 'Paul Marchetti ... his wife said ... he said')
        return next((name for _, name, _ in reversed(mentions[:k]) if gender(name) == form
                     or (gender(name) is None and named_as(name) == form)), None)
    if last_person is not None and fits(last_person) and leaning(last_person) in (None, form):
        return last_person
    named = next((name for _, name, _ in reversed(mentions[:k])
                  if gender(name) == form or (gender(name) is None and leaning(name) == form)), None)
    if named is not None:
        return named
    if last_person is not None and fits(last_person):
        return last_person
    fitting = [(pos, name) for pos, name, _ in reversed(mentions[:k]) if fits(name)]
    return next((name for pos, name in fitting if not (talked_about(pos) and " " not in name)),
                fitting[0][1] if fitting else None)


_HONORIFIC_GENDER = {"mr": "he", "mrs": "she", "ms": "she", "miss": "she", "smt": "she", "shrimati": "she"}
# roles that suggest a gender without settling it: papers write them of women too ('Trump spokesman Hope Hicks')
_ROLE_LEANING = {"spokesman": "he", "chairman": "he"}


def _genders(docs: Sequence[Doc], canonical: Callable[[str], str]) -> dict[str, str]:
    """'he' or 'she' for the people the article marks so: 'Mr. Hollis', 'Ms. Kovacs' (dropped when the
    marks disagree)."""
    seen: dict[str, set[str]] = {}
    for doc in docs:
        for ent in doc.ents:
            if ent.label_ != "PERSON" or ent.start == 0:
                continue
            form = _HONORIFIC_GENDER.get(doc[ent.start - 1].lower_.rstrip("."))
            name = person_name(ent.text)
            if form and name:
                seen.setdefault(canonical(name), set()).add(form)
    return {name: forms.pop() for name, forms in seen.items() if len(forms) == 1}




def _first_name_gender(name: str) -> str | None:
    words = name.split()
    if len(words) < 2:
        return None
    first = words[0].lower().strip(".")
    return "she" if first in FEMALE_NAMES else "he" if first in MALE_NAMES else None


def _role_gender(roles: list[str], table: dict[str, str] = ROLE_GENDER) -> str | None:
    forms = {table[w] for r in roles for w in re.findall(r"[a-z]+", r.lower()) if w in table}
    return forms.pop() if len(forms) == 1 else None


_CAPS_RE = re.compile(r"\b[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){1,6}")




def harvest_at(text: str, spans: Sequence[tuple[int, int]]) -> list[tuple[int, str, bool]]:
    """Capitalised multi-word names in unparsed text, with anything up to a title word cut off: (where
    the capitalised run starts, title included; the name; whether a title preceded it, as in
    'Deputy Prime Minister Anselm Varga')."""
    out: list[tuple[int, str, bool]] = []
    for s, e in spans:
        for m in _CAPS_RE.finditer(text, s, e):
            for at, end in _sentences_of_run(m):
                found = _harvested(text, at, end)
                if found is not None:
                    out.append(found)
    return out


def _sentences_of_run(m: re.Match[str]) -> list[tuple[int, int]]:
    """A capitalised run split where a full stop ends a sentence ('... met Donald J. Trump. Many
    Mexicans felt ...'), not at an initial's, an abbreviated title's or an abbreviation's ('U.S.')."""
    out, start = [], m.start()
    for w in re.finditer(r"\S+", m.group(0)):
        word = w.group(0).rstrip(",;:")
        if (word.endswith(".") and len(word) > 2 and "." not in word[:-1]
                and word[:-1].lower() not in TITLE_ABBREVIATIONS and not is_title_word(word)):
            out.append((start, m.start() + w.end()))
            start = m.start() + w.end() + 1
    if start < m.end():
        out.append((start, m.end()))
    return out


def _harvested(text: str, at: int, end: int) -> tuple[int, str, bool] | None:
    """The name in the capitalised words text[at:end], as harvest_at gives it, if they hold one."""
    words = [w.rstrip(",;:") for w in text[at:end].split()]
    words = [w if len(w) == 2 and w[1] == "." else w.rstrip(".") for w in words]  # ('Donald J. Trump')
    cut = max((i + 1 for i, w in enumerate(words) if is_title_word(w)), default=0)
    if not cut and occupation_opens(words) and not any(w.lower() in NOT_PEOPLE_WORDS for w in words[1:]):
        cut = 1  # 'Lawmaker Ana Lisk' (not 'Farmer Brothers Coffee')
    owner = (not cut and len(words) >= 3 and words[0].endswith(("'s", "’s"))
             and not any(w.lower() in NOT_PEOPLE_WORDS for w in words[1:]))
    # "Sweden's Ebba Lindgren": the owner is no part of a person's name (nor a title), as it is
    # of an organisation's ("Kestria's Harbour Bank")
    words = [w for w in words[cut or int(owner):] if w]
    while words and words[0] in NOT_NAME_OPENERS:  # 'Although North Korea is ...'
        words = words[1:]
    name = _clean_name(" ".join(words))
    # (no headline: a capitalised little word inside, 'Unhappy Campaign Of Harlan Voss', or more than
    # four words but after a title, 'Finance Minister Maria Fernanda Castro Lima Souza', or from a known
    # first name outside a line in title case: 'Juan Carlos Mendez Ortega Ruiz arrived')
    parts = name.split()
    long_ok = bool(cut) or (_first_named(name) and not title_case_line(text, at, end))
    if (len(parts) >= 2 and (len(parts) <= 4 or long_ok) and not any(w in NOT_NAME_OPENERS for w in parts[1:])
            and valid_name(name) and not any(w.lower() in NOT_NAMES for w in words)):
        return at, name, cut > 0
    return None


# a name that modifies the subject of a sentence: a plural noun after it, then the verb
_MODIFIER_RE = re.compile(r"\s+(?!(?:is|was|has|does|says|always|also|thus|perhaps)\b)[a-z]+s\s+"
                          r"(?:were|are|have|had|fell|rose|[a-z]+ed)\b")


def _unparsed_people(text: str, harvested: Sequence[tuple[int, str, bool]]) -> list[tuple[int, str, str | None]]:
    """Mentions, as _person_mentions gives them, of the people named with a title in paragraphs that
    were not parsed ('Finance Minister Pavel Drummond arrived on Monday.'): whom 'he said' can refer
    to. One whose title opens the paragraph, not as a possessive, counts as its subject; an honorific
    or a gendered title keeps a pronoun of the other gender off it (`_unparsed_genders`). A name
    without a title is too often a headline's words ('Pastor Wants Girl Scout Leaders'), unless it
    opens with a known first name ('Peter Brankovic, a doctor, disagreed.'), and one holding a place
    or organisation word is none ('Queen Annika Hospital', 'Major League Handball')."""
    out: list[tuple[int, str, str | None]] = []
    for at, name, titled in harvested:
        if any(w.lower() in NOT_PEOPLE_WORDS for w in name.split()) or not (
                titled or _first_named(name) or _opens_a_sentence_of_its_own(text, name, at)):
            continue
        found, end = _name_at(text, name, at)
        if found < 0 or (not titled and _MODIFIER_RE.match(text, end)):
            continue  # ('John Lewis shares fell', 'Victoria Line trains were cancelled': no one)
        title = _title_start(text, at, found)
        opens = not text[text.rfind("\n", 0, title) + 1:title].strip()  # a later sentence's is too often not the topic
        possessive = text[end:end + 1] in ("'", "’")
        out.append((title, name, "" if opens and not possessive else None))
    return out


def _opens_a_sentence_of_its_own(text: str, name: str, at: int) -> bool:
    """A name of two or three words that opens its paragraph, followed by a verb or an aside in lower case,
    outside a headline ('Camila Ruiz-Tagle won best actress on Sunday.'): the paragraph's subject, a person
    whatever the first name."""
    found, end = _name_at(text, name, at)
    words = name.split()
    return (found >= 0 and found == at and not text[text.rfind("\n", 0, found) + 1:found].strip()
            and 2 <= len(words) <= 3 and words[0] not in SENTENCE_OPENERS and words[-1].lower().rstrip("s") not in (
                PARTY_NOUNS | DEMONYMS.keys()) and _VERB_OR_ASIDE_RE.match(text, end) is not None
            and not title_case_line(text, found, end) and not _MODIFIER_RE.match(text, end))


# what follows a sentence's subject: an aside, or a word in lower case that is no little word ('won', 'has')
_VERB_OR_ASIDE_RE = re.compile(r",\s+(?:a|an|the|who)\b|\s+(?!(?:and|or|of|in|on|at|for|to|from|with|by|the|a|an)\b)"
                               r"[a-z]+\b")


def _name_at(text: str, name: str, run_start: int) -> tuple[int, int]:
    """Where a harvested name lies in the text, written as it is there ('Pavel J. Drummond' is
    harvested without the dot, 'Pavel  Drummond' with one space); (-1, -1) if not found."""
    pattern = r"\.?\s+".join(re.escape(w) for w in name.split())
    m = re.compile(pattern).search(text, run_start, run_start + 200 + len(name))
    return (m.start(), m.end()) if m else (-1, -1)


def _title_start(text: str, run_start: int, name_at: int) -> int:
    """Where the title words right before a name begin ('Finance Minister' of '... on Tuesday.
    Finance Minister Pavel Drummond'): the capitalised run may start in the sentence before."""
    words = list(re.finditer(r"\S+", text[run_start:name_at]))
    start = name_at
    for w in reversed(words):  # back to a word that ends a sentence ('Tuesday.'), not a title's ('Gov.')
        if w.group(0).endswith(".") and not is_title_word(w.group(0)):
            break
        start = run_start + w.start()
    return start


def _unparsed_genders(text: str, harvested: Sequence[tuple[int, str, bool]],
                      canonical: Callable[[str], str]) -> dict[str, str]:
    """'he' or 'she' for titled names in unparsed paragraphs that an honorific or a gendered title
    marks ('Mrs. Jana Holt', 'Queen Margit Ostrava')."""
    seen: dict[str, set[str]] = {}
    for at, name, _ in harvested:
        found = _name_at(text, name, at)[0]
        before = text[at:found].split() if found >= 0 else []
        word = before[-1].lower() if before else ""  # 'Mrs. Vera Lanz. Mayor Tomas Brenner': 'Mayor'
        forms = {_HONORIFIC_GENDER.get(word.rstrip(".")) or ROLE_GENDER.get(word)} - {None}
        if forms:
            seen.setdefault(canonical(name), set()).update(f for f in forms if f)
    return {name: forms.pop() for name, forms in seen.items() if len(forms) == 1}


def _is_question(cue: str) -> bool:
    return bool(cue.split()) and SPEECH_FORMS.get(cue.split()[0].lower()) in QUESTION_VERBS


def _asks_for_the_press(speaker: str | None, roles: list[str], person: bool) -> bool:
    """A news outlet, or someone the article calls a reporter, host, moderator ...: their questions
    are interviewers' questions. The role's head noun decides ('MSNBC host', not 'host of the summit');
    outlet words count only for a speaker not known as a person (Michael Bloomberg asks questions)."""
    heads = {re.split(r"\s+(?:of|for|at|in|on|with)\s+", r.lower())[0].split()[-1].split("-")[-1]
             for r in roles if r.strip()}  # 'co-anchor': an anchor
    if heads & QUESTIONERS:
        return True
    return bool(speaker) and not person and bool(set(re.findall(r"[a-z]+", (speaker or "").lower())) & PRESS_WORDS)


def _personal(name: str, role: str | None) -> bool:
    """Whether a role is only ever a person's ('Norland's deputy minister for ports'): its holder is a
    person whatever the tagger made of the name, unless the name is an organisation's ('Admiral
    Insurance Group'). Not 'leader', 'chair', 'president' or 'official': companies and countries are
    'the market leader' or 'the current chair of the bloc'."""
    return (role is not None and name.split()[-1].lower() not in ORG_NAME_WORDS
            and ((bool(fold(role.split()) & PERSON_ROLES) and not _COMPANY_ROLES.search(role))
                 or _role_head(role) in _PERSON_NOUNS))


# nouns that head only a person's description ('Mira Lind, an Iranian journalist visiting Kesk'), not
# a firm's ('a veteran of the ferry trade', 'a candidate for the contract', 'a sister paper')
_PERSON_NOUNS = frozenset("""journalist reporter correspondent writer novelist poet historian pollster strategist
activist nurse doctor physician surgeon teacher student farmer resident pastor priest bishop rabbi imam lawmaker
legislator voter volunteer blogger commentator columnist actor actress singer musician sheriff detective soldier
psychologist wife husband widow grandmother grandfather man woman retiree neighbor neighbour""".split())


# where a description's head noun phrase ends: a preposition, a relative or a participle
DESCRIPTION_END = re.compile(r"\s+(?:of|at|in|for|from|with|on|who|whose|that|representing|based)\b|\s+\w+ing\b")


def _role_head(role: str) -> str:
    """A description's head noun: its last word before a preposition, a participle or a relative
    ('Iranian journalist visiting Kesk on vacation': 'journalist')."""
    head = DESCRIPTION_END.split(role.lower())[0]
    words = re.findall(r"[a-z]+", head)
    return words[-1] if words else ""


# roles of a person (`PERSON_ROLES`) in words that name what a company is ('the world's largest asset
# manager', 'the bloc's executive arm')
_COMPANY_ROLES = re.compile(r"\b(?:asset|investment|money)\s+manager|\bexecutive\s+(?:arm|branch|body)\b"
                            r"|^(?:a|the)?\s*(?:\w+\s+)?(?:market|industry|research)\s+analyst$", re.IGNORECASE)


_ANONYMOUS_RE = re.compile(r"\banonymity\b|\bnot to be (?:named|identified)\b", re.IGNORECASE)


# offices that are no title before every name ('Premier League', 'Premier Foods'), but are one alone
_LONE_TITLES = frozenset({"premier"})


def _title_alone(name: str, phrase: str) -> bool:
    """'Chairman', 'The Chancellor', 'The Foreign Secretary': a name of title words only (a portfolio may
    come before the title). Not a surname after an honorific ('Mr. King')."""
    words = name.split()
    return (bool(words) and (is_title_word(words[-1]) or (len(words) == 1 and words[0].lower() in _LONE_TITLES))
            and all(is_title_word(w) or w.lower() in PORTFOLIOS for w in words[:-1])
            and not any(w.lower().strip(".") in HONORIFICS for w in phrase.split()))


def _without_body(role: str) -> str:
    """A role without the body it is held in ('Chairman of the State Border Committee': 'Chairman'): 'the
    committee' is the body, not its chairman."""
    return re.split(r"\s+(?:of|to|for|at)\s+", role, maxsplit=1)[0]


def _desc_key(phrase: str) -> str:
    words = phrase.lower().replace(",", " ").split()
    while words and words[0] in {"the", "a", "an", "this", "that"}:
        words = words[1:]
    return " ".join(words)


def _pair_before(text: str, at: int, mentions: Sequence[tuple[int, str, str | None]]) -> tuple[str, str] | None:
    """The two people 'the former' and 'the latter' mean: the last two named before `at`, in one sentence,
    joined by 'and' ('Jana Holtz and Pavel Rusk met in Geneva. The former said ...'); None otherwise."""
    before = [(pos, name) for pos, name, _ in mentions if pos < at]
    if len(before) < 2:
        return None
    (first_at, first), (second_at, second) = before[-2], before[-1]
    between = text[first_at:second_at]
    if first == second or re.search(r"[.!?]\s", between) or not re.search(r"\band\b", between):
        return None
    return first, second


def _phrase_at(text: str, phrase: str, start: int, end: int) -> int:
    """Where a subject phrase stands: before the content ('The company said ...') or after it ('...,
    the company said')."""
    before = text.rfind(phrase, max(0, start - 200), start)
    if before >= 0:
        return before
    after = text.find(phrase, end, end + 120)
    return after if after >= 0 else start


def _named_since(mentions: Sequence[tuple[int, str, str | None]], canonical: Callable[[str], str],
                 holders: set[str], last: str, spoke_at: int, at: int) -> bool:
    """Whether another of `holders` is mentioned after `last` was last mentioned or spoke (`spoke_at`), before
    `at`."""
    seen = max([spoke_at, *(pos for pos, name, _ in mentions if pos < at and canonical(name) == last)])
    return any(seen < pos < at and canonical(name) in holders - {last} for pos, name, _ in mentions)


# content that opens with what an organisation or a place says of itself ('Victoria said it would ...')
_ITS = re.compile(r"(?i)its?\b")


def _canonical_speaker(name: str, label: str | None, table: NameTable, given: bool = True) -> str:
    """The article's fullest form of a name; for 'Varga campaign', of the candidate's name. `given`:
    whether a given name alone may stand for a full name (NameTable.canonical)."""
    owner, _, agent = name.rpartition(" ")
    if label == "ORG" and owner and agent in ORG_AGENTS:
        return f"{table.canonical(owner)} {agent}"
    return table.canonical(name, given)


_COUPLE_RE = re.compile(r"\b[A-Z][a-z]+ and [A-Z][a-z]+ [A-Z][a-z]+(?:-[A-Z][a-z]+)?\b")


def _couples(text: str, known: Sequence[str], docs: Sequence[Doc]) -> list[str]:
    """'Paul and Denise Marchetti' in the text (two people), where 'Paul' is a known given name: not the surname that
    ends a name before it ('Senators Ruth Warren and Peter Sandoval'), nor anyone's surname, nor a place's
    or a firm's name ('Tourism in Victoria and Peter Hale')."""
    surnames = {n.split()[-1] for n in known if " " in n}
    places = {e.text for doc in docs for e in doc.ents if e.label_ in ("ORG", "GPE", "LOC", "FAC", "NORP")}
    out = []
    for m in _COUPLE_RE.finditer(text):
        first = m.group().split()[0]
        if (first.lower() in GIVEN_NAMES and first not in surnames and first not in places
                and not re.search(r"[A-Z][\w.'’-]*\s+$", text[max(0, m.start() - 30):m.start()])):
            out.append(m.group())
    return out


def _named_in_full(name: str) -> str:
    """'Obama and Hillary Clinton', as the tagger may give it: the one with the full name."""
    words = name.split()
    return " ".join(words[2:]) if len(words) >= 4 and words[1] in ("and", "&") else name


_ADDRESS_RE = re.compile(r"\b([A-Z][A-Za-z]*)\.?\s+$")


def _address_before(text: str, pos: int) -> str | None:
    """The title or honorific written right before a name ('Ms.' of 'Ms. Kowalczyk'), folded."""
    m = _ADDRESS_RE.search(text, max(0, pos - 24), pos)
    word = m.group(1).lower() if m else None
    return word if word is not None and is_title_word(word) else None


class _SharedSurnames:
    """Who a surname shared by several people in the article is ('Erin Kowalczyk and Thomas Kowalczyk
    ...'): the one the title or honorific written with it fits ('Ms. Kowalczyk', 'Dr. Achebe')."""

    def __init__(self, text: str, table: NameTable, gender: Callable[[str], str | None],
                 descriptors: dict[str, list[frozenset[str]]]) -> None:
        self.text, self.table, self.gender, self.descriptors = text, table, gender, descriptors
        self._marks: dict[str, set[str]] = {}

    def marks(self, full: str) -> set[str]:
        """The titles and honorifics the article gives a full name: written before it, or among its
        descriptors (worked out when first asked: most articles share no surname)."""
        if full not in self._marks:
            marks = {w for d in self.descriptors.get(full, []) for w in d}
            for m in re.finditer(re.escape(full), self.text):
                if (address := _address_before(self.text, m.start())) is not None:
                    marks.add(address)
            self._marks[full] = marks
        return self._marks[full]

    def who(self, name: str, addresses: set[str]) -> str:
        """The full name `name` stands for, where the article's names leave it open and its
        `addresses` settle it; else `name`."""
        if not addresses:
            return name
        full = self.table.expansions(name)
        if len(full) < 2:
            return name
        forms = {_HONORIFIC_GENDER[a] for a in addresses if a in _HONORIFIC_GENDER}
        titles = {a for a in addresses if a not in _HONORIFIC_GENDER}
        if len(forms) == 1:  # the one whom nothing marks as of the other gender
            form = forms.pop()
            chosen = [f for f in full if self.gender(f) in (None, form)]
            if len(chosen) == 1:
                return chosen[0]
        if titles:
            chosen = [f for f in full if titles <= self.marks(f)]
            if len(chosen) == 1:
                return chosen[0]
        return name


def resolve_speakers(text: str, cands: Sequence[_Cand], docs: Sequence[Doc], bases: Sequence[int],
                     unparsed: Sequence[tuple[int, int]] = ()) -> list[ExtractedStatement]:
    """Resolve each candidate's subject to a canonical per-article speaker and build the results."""
    harvested = harvest_at(text, unparsed)  # names in paragraphs that were not parsed
    # speakers with a first name tagged as organisations ('Sigrid Nyholm said'), unless what they say
    # opens with 'it' ('Virginia Mason said it had cancelled 200 operations': a firm)
    first_named = {c.attribution.subject.name for c in cands if c.attribution.subject and c.attribution.subject.name
                   and c.attribution.subject.label == "ORG" and _first_named(c.attribution.subject.name)
                   and not _ITS.match(text, c.start)}
    mentions = sorted(_person_mentions(docs, bases, _known_people(docs, cands, harvested) | first_named)
                      + _unparsed_people(text, harvested), key=lambda m: m[0])
    named = [(n, s.label) for c in cands if (s := c.attribution.subject) is not None and (n := s.name)]
    speaking = [n for n, label in named if label == "PERSON"]
    known = [_named_in_full(n) for n in [*(n for n, _ in named), *(n for _, n, _ in mentions),
                                         *(n for _, n, _ in harvested)]]
    in_full = full_forms(docs, [n for n, label in named if label not in ("GPE", "NORP", "LOC", "FAC")],
                         NameTable(known, GIVEN_NAMES))
    known += [_named_in_full(n) for n in in_full]
    for couple in _couples(text, known, docs):  # 'Paul and Denise Marchetti': Paul Marchetti, Denise Marchetti
        words = couple.split()
        known += [f"{words[0]} {' '.join(words[3:])}", " ".join(words[2:])]
    # (people: the tagger's outside headlines, those speaking as people, and the full forms found)
    tagged = [n for at, n, _ in mentions if " " in n and not title_case_line(text, at, at + len(n))
              and not re.search(r"['’]s\b|-(?:[a-z]+ed|era|style|run)\b", n)]  # ("Barack Obama's America",
    # 'Donald Trump-led')
    table = NameTable(known, GIVEN_NAMES, [*in_full, *tagged, *speaking])
    mention_pos = [p for p, _, _ in mentions]
    # The parser sometimes labels a surname ORG ('Varga also said ...'). A name known as a person
    # elsewhere in the article (labelled PERSON, a PERSON subject, or a name after a title in an
    # unparsed paragraph) is a person for the pronouns that follow all the same.
    people = {table.canonical(n) for _, n, _ in mentions} | {table.canonical(n) for _, n, titled in harvested if titled}
    people |= {table.canonical(n) for n in speaking}
    people |= {table.canonical(n) for n in first_named}
    roles: dict[str, list[str]] = {}
    # what the article calls each person ('Sen. Bernie Sanders (I-Vt.)'), for 'the Vermont senator said'
    descriptors: dict[str, list[frozenset[str]]] = {}
    for entity, described in person_descriptors(docs).items():
        name = person_name(entity)
        if name:
            descriptors.setdefault(table.canonical(name), []).extend(described)
    for name, described in text_descriptors(text, known).items():
        descriptors.setdefault(table.canonical(name), []).extend(described)
    genders = {**_unparsed_genders(text, harvested, table.canonical), **_genders(docs, table.canonical)}
    shared = _SharedSurnames(text, table, lambda n: genders.get(n) or _first_name_gender(n) or _role_gender(
        [" ".join(d) for d in descriptors.get(n, [])]), descriptors)
    mentions = [(pos, shared.who(name, {a} if (a := _address_before(text, pos)) else set()), subject)
                for pos, name, subject in mentions]
    acronyms = spelled_out(text)
    last_person: str | None = None
    spoken_until = 0  # end of the statements so far: names inside them are what speakers talk about
    contents = [(c.start, c.end) for c in cands]
    orgs_seen: list[str] = []
    firms_seen: list[str] = []  # organisations named as speakers, for 'the company', 'the newspaper'
    def gender_of(name: str) -> str | None:  # what the article marks a person as: honorific, else role
        key = table.canonical(name)
        return genders.get(key) or _role_gender(roles.get(key, []))

    places = {e.text for d in docs for e in d.ents if e.label_ in ("GPE", "LOC", "NORP")}
    places_named = frozenset(places | {e.text for d in docs for e in d.ents if e.label_ == "FAC"})
    firm_names = {bases[k] + e.start_char: e.text for k, d in enumerate(docs) for e in d.ents if e.label_ == "ORG"}
    organisation_words = firm_words(docs)
    unnamed = UnnamedSources()
    last_person_at = -1  # where the last person to speak last did
    previous_end = 0
    out: list[ExtractedStatement] = []
    for c in sorted(cands, key=lambda c: c.start):
        spoken_until_here, spoken_until = spoken_until, max(spoken_until, c.end)
        subj = c.attribution.subject
        speaker: str | None = None
        role: str | None = None
        unnamed_as: str | None = None
        if subj is not None and subj.questioner:
            continue
        if subj is not None and subj.name and c.attribution.cue != ":" and _title_alone(subj.name, subj.phrase) and (
                table.canonical(subj.name) == subj.name):
            # 'Chairman said', 'The Chancellor said': a title is no name, unless the article gave someone
            # it as a surname ('Rep. Steve King ... King said') or a transcript's label gives it ('JUSTICE:');
            # 'the ...' may be a role reference
            subj = replace(subj, name=None, role=None, label=None)
        if subj is not None and subj.name and subj.label == "ORG" and subj.role and (
                subj.phrase.lower().startswith("the ")):
            # 'the Kremlin spokesman said' after 'Kremlin spokesman Oleg Vasnetsov said': the one person
            # the article gave that role speaks (else the body he speaks for), unless this one is anonymous
            holder = resolve_role(subj.phrase, descriptors, text)
            holder = table.canonical(holder) if holder is not None else None
            if holder in people and not _ANONYMOUS_RE.search(text, max(0, c.start - 160), c.end + 160):
                subj = replace(subj, name=holder, role=None, label="PERSON")
        if subj is None:
            pass
        elif subj.name:
            # (a given name alone is a person's, unless 'it' follows: 'Victoria said it would hire nurses')
            speaker = _canonical_speaker(subj.name, subj.label, table, given=not _ITS.match(text, c.start))
            # ('the Global Health Alliance (GHA)' ... 'GHA said'; 'The Kelvanian Football Association' ... 'the
            # KFA said')
            speaker = acronyms.get(speaker) or initialism_of(text, speaker, c.start) or speaker
            if speaker == subj.name and subj.label in ("PERSON", None):  # 'Ms. Kowalczyk', 'Dr. Achebe'
                speaker = shared.who(speaker, {w.lower().strip(".") for w in subj.phrase.split() if is_title_word(w)})
            role = subj.role
            if role:
                roles.setdefault(speaker, [])
                if role not in roles[speaker]:
                    roles[speaker].append(role)
                descriptors.setdefault(speaker, []).append(frozenset(fold(own_title(role).split()) | heads(
                    [role_head(role)])))
            if subj.label in ("ORG", "GPE", "NORP") and not _personal(speaker, role) and (
                    speaker not in people or subj.name in first_named):
                orgs_seen.append(speaker)  # (one with a first name may be a firm all the same: 'it' is it)
                if subj.label == "ORG":
                    firms_seen.append(speaker)
            if subj.label not in ("ORG", "GPE", "NORP") or speaker in people or _personal(speaker, role):
                last_person = speaker
        elif subj.pronoun in PRONOUNS_PERSON:
            form = "she" if subj.pronoun in ("she", "her") else "he"
            paragraph = text.rfind("\n", 0, c.start) + 1
            in_their_turn = _unnamed_goes_on(text, previous_end, c.start)  # (the last statement's speaker may go on)
            goes_on = unnamed.speaking and in_their_turn
            still_unnamed = goes_on and unnamed.speaking_gender in (None, form)
            # narration after an unnamed person's words that makes a known person its subject
            # ('Lund, 54, has led ...', ', the mayor struck ...') gives the pronoun to them
            again = _named_again(text, previous_end, c.start, people, roles) if unnamed.speaking else None
            if again is not None and gender_of(again) not in (None, form):
                again = None
            found = again or _pronoun_speaker(
                mentions, mention_pos, spoken_until_here, c.start, last_person, subj.pronoun, gender_of,
                still_unnamed, lambda n: _role_gender(roles.get(table.canonical(n), []), _ROLE_LEANING),
                strict=goes_on and not still_unnamed, named_as=lambda n: _first_name_gender(table.canonical(n)),
                talked_about=partial(_said_before, contents, paragraph))
            person_found = table.canonical(found) if found is not None else None
            if subj.label == "ORG" and subj.role in ORG_AGENTS:  # 'his campaign said'
                speaker = f"{person_found} {subj.role}" if person_found else None
                role = None
            else:
                speaker = last_person = person_found
            if speaker is None and again is None and in_their_turn:
                unnamed_as = unnamed.described_as(form)
        elif subj.pronoun in PRONOUNS_ORG:
            speaker = orgs_seen[-1] if orgs_seen else None
        elif subj.pronoun is None and RELATIVE_RE.fullmatch(subj.phrase.strip().lower()):
            # where the phrase stands: right after the content ('..., his brother added'), else before it
            after = re.match(r"[\s,\"”’'.]*" + re.escape(subj.phrase), text[c.end:c.end + 40 + len(subj.phrase)])
            at = c.end + after.end() - len(subj.phrase) if after else _phrase_at(text, subj.phrase, c.start, c.end)
            speaker = _relative(subj.phrase.strip(), at, text, mentions, table.canonical, roles)
        elif subj.pronoun is None and unnamed.same_person(subj):
            unnamed_as = unnamed.person
        elif subj.pronoun is None and subj.phrase.strip().lower() in ("the former", "the latter"):
            pair = _pair_before(text, _phrase_at(text, subj.phrase.strip(), c.start, c.end), mentions)
            if pair is not None:
                speaker = table.canonical(pair[0] if subj.phrase.strip().lower() == "the former" else pair[1])
        elif subj.pronoun is None and subj.phrase.lower().startswith(("the ", "this ")):
            desc = _desc_key(subj.phrase)
            hits = {n for n, rs in roles.items()
                    if any(_desc_key(r) == desc or _desc_key(r).endswith(" " + desc) for r in map(_without_body, rs))}
            # ('the diplomat said' after 'a Western diplomat said ...' is that diplomat: no named one by kind)
            noun = desc.rsplit(" ", 1)[-1]
            by_kind = bool(noun) and noun not in unnamed.nouns
            # no person by what they are where the reference says more ('the author of the report', 'the
            # father of the victim') or a firm is one too ('the investor')
            unfit = occupation_reference(subj.phrase) and (
                (describe(subj.described) or subj.phrase).lower() != subj.phrase.strip().lower()
                or noun in organisation_words)
            speaker = None if unfit else hits.pop() if len(hits) == 1 else resolve_role(
                subj.phrase, descriptors, text, by_kind)
            holders = role_holders(subj.phrase, descriptors) if speaker is None and by_kind and not unfit else []
            if last_person in holders and not _named_since(mentions, table.canonical, set(holders), last_person,
                                                           last_person_at, c.start):
                speaker = last_person  # ('the diplomat said' of the last of two diplomats to speak, the other
                # not named since)
            if speaker is None:
                at = _phrase_at(text, subj.phrase, c.start, c.end)
                speaker = named_organisation(desc, orgs_seen) or the_firm(
                    desc, firms_seen, text, at, people, places_named)
                if speaker is None and c.start < at:
                    speaker = opening_body(text, (c.start, c.end), desc, people | places, firm_names)
                if speaker is None:
                    # (the one firm named before the statement, not one it is about: '... Goldman Sachs will
                    # advise on the sale, the company said')
                    speaker = mentioned_organisation(desc, firm_names, at) or sole_firm(
                        desc, firm_names, min(at, c.start))
                if speaker is not None and another_of_its_kind(text, speaker, desc, at):
                    speaker = None  # ('a regional court in Lyonne fined ... the court said': not the one before)
            if speaker is not None and subj.label == "ORG" and subj.role:
                role = subj.role  # ('a spokesman for the company')
        if speaker is not None and role is None and roles.get(speaker):
            role = roles[speaker][0]
        person = speaker in people or (subj is not None and subj.label == "PERSON")
        if _is_question(c.attribution.cue) and _asks_for_the_press(speaker, roles.get(speaker or "", []), person):
            continue  # an interviewer's question is not a statement (GUIDELINES)
        if unnamed_as is None and speaker is None and subj is not None and subj.pronoun is None:
            unnamed_as = describe(subj.described) or describe(subj.phrase)
        out.append(ExtractedStatement(text[c.start:c.end], c.start, c.end, c.kind, speaker,
                                      role, c.attribution.cue, unnamed_as))
        if speaker is not None and speaker == last_person:
            last_person_at = c.start
        previous_end = c.end
        if subj is not None:
            unnamed.take_statement(subj, speaker, unnamed_as, _is_question(c.attribution.cue))
    return out


# a sentence that is no quotation: '... one worker said.\n\nLund, 54, has led the union since 2015.'
_NARRATION_RE = re.compile(r"[.!?][\"”’)]*\s+(?=[^\s\"“”‘'’])")


def _unnamed_goes_on(text: str, start: int, end: int) -> bool:
    """Whether the unnamed person whose statement ends at `start` may still be speaking at `end`: in
    the same paragraph, or in a quote opening the next one ('"We expect trouble," he said.'); not
    after narration opening a paragraph ('Asked about the criticism, he said ...', 'But Ostby was
    unmoved.'), where 'he' is most often the story's named subject."""
    gap = text[start:end]
    if "\n" not in gap:
        return True
    first, _, rest = gap.partition("\n")
    middle, _, last = rest.rpartition("\n")
    return last.lstrip()[:1] in "\"“‘'«„" and not middle.strip() and _NARRATION_RE.search(first) is None


# 'Moe and company director Anne Rask met ...': a subject of two people, either of whom a pronoun may be
_COORDINATED_RE = re.compile(r"(?:\s+(?:and|&|or)\s|,\s+[^,.]+\s+and\s)")
_PASSIVE_BY_RE = re.compile(r"\b(?:was|were|is|are|been|being)\s+(?:\w+ly\s+|later\s+|also\s+)?\w+(?:ed|en)\s+by\b")


def _named_again(text: str, start: int, end: int, people: set[str], roles: dict[str, list[str]]) -> str | None:
    """The one known person whom the narration between two statements makes a sentence's subject,
    by surname or by a role they were given, at the sentence's start or after an opening phrase
    ('Lund, 54, has led ...', 'Speaking on Friday, the mayor struck ...'; not 'One Republican dared
    Lund to ...'); None when it names none or several."""
    m = _NARRATION_RE.search(text, start, end)
    if m is None:
        return None
    sentences = re.split(r"(?<=[.!?])\s+", text[m.end():end])
    openings = [re.sub(r"^[^,]*,\s*", "", sentence) for sentence in sentences] + sentences
    openings = [o for o in openings if not _PASSIVE_BY_RE.search(o)]  # 'Ostby was criticised by Dahl.'
    found = {p for p in people if any(re.match(re.escape(p.split()[-1]) + r"\b(?!['’])", o)
                                      and not _COORDINATED_RE.match(o, len(p.split()[-1])) for o in openings)}
    found |= {p for p, rs in roles.items() if p in people and any(
        o.lower().startswith(f"the {r.lower().split()[-1]} ") for r in rs if r.split() for o in openings)}
    return found.pop() if len(found) == 1 else None


def _relative(relation: str, at: int, text: str, mentions: Sequence[tuple[int, str, str | None]],
              canonical: Callable[[str], str], roles: dict[str, list[str]]) -> str | None:
    """'his brother added' after 'his brother Alastair Hale', 'Her son said' after 'her son Tom': the
    person the article named in that relation (as a speaker's role or in the text), where that person
    is also the last one named before (not after 'A second victim, John Mercer, ...', whose brother
    this may be). None where the article named no one so."""
    named = {n for n, rs in roles.items() if any(r.lower() == relation.lower() for r in rs)}
    words = r"\s+".join(map(re.escape, relation.split()))
    for m in re.finditer(rf"(?i:\b{words}),?\s+([A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){{0,2}})", text[:at]):
        named.add(canonical(m.group(1)))
    before = [name for pos, name, _ in mentions if pos < at]
    return canonical(before[-1]) if before and canonical(before[-1]) in named else None

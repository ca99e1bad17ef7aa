"""Unnamed sources: 'a senior official', 'A farmer from Ashby', 'his wife'."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .lexicon import OCCUPATIONS, PERSON_ROLES, PRONOUNS_PERSON, RELATIVE_RE, ROLE_GENDER
from .roles import RANK_WORDS, ROLE_NOUNS
from .speakers import Subject


@dataclass
class UnnamedSources:
    """The article's unnamed sources so far, for what follows their words: a pronoun right after one
    unnamed person's ('A local farmer said ... "We are tired," he said.': the farmer, still unnamed),
    'the farmer' after 'A farmer from Ashby said', and 'the diplomat' after 'a Western diplomat said' (no
    named diplomat by kind)."""

    speaking: bool = False  # the statement before is an unnamed person's ('a senior official said')
    speaking_gender: str | None = None  # 'he' for 'one man', 'she' for 'a spokeswoman'
    person: str | None = None  # the last source if one unnamed person, as described ('A farmer')
    person_gender: str | None = None  # 'she' for 'a spokeswoman'
    person_head: str = ""  # 'farmer'
    nouns: set[str] = field(default_factory=set)  # what they were called ('a Western diplomat': 'diplomat')

    def described_as(self, form: str) -> str | None:
        """The description a pronoun of this form takes after the unnamed person's words, if it fits."""
        return self.person if self.person is not None and self.person_gender in (None, form) else None

    def same_person(self, subj: Subject) -> bool:
        """'The farmer added' after 'A farmer from Ashby said': that one. Not 'the Republican nominee' after
        'the Democratic presidential nominee', nor 'the president' after 'a vice president'."""
        if self.person is None or subj.head != self.person_head or not subj.phrase.lower().startswith("the "):
            return False
        said, described = _words(subj.phrase), _words(self.person)
        return said <= described and not (described - said) & _OTHER_RANK

    def take_statement(self, subj: Subject, speaker: str | None, description: str | None, question: bool) -> None:
        """Take in a statement's subject, the speaker it resolved to and, if unnamed, its description."""
        if subj.pronoun is not None:
            self.speaking = self.speaking and speaker is None and subj.pronoun in PRONOUNS_PERSON
            self.person = self.person if description is not None else None
            return
        someone = _someone(subj.phrase) if speaker is None and not question else None
        if speaker is None and (one := _SOMEONE_RE.match(subj.phrase.lower())) is not None:
            self.nouns.add(one.group(1))  # ('an officer who asked not to be named': 'officer')
        self.speaking = someone is not None
        self.person = description if description is not None and _one_person(subj.head) else None
        self.person_gender, self.person_head = ROLE_GENDER.get(subj.head), subj.head
        self.speaking_gender = ROLE_GENDER.get(someone or "")  # ('spokesman' is said of women too)


# nouns for one person, for a pronoun after an unnamed one's words ('A taxi driver said ... he added')
_ONE_PERSON = frozenset("""driver doctor surgeon fireman policeman policewoman guard mechanic clerk waiter waitress
owner teenager girl boy victim suspect pilot miner engineer voter supporter fan player coach insider worker
employee official source spokesperson""".split())


# rank words that make another person ('a vice president' is not 'the president'; 'a senior official' is
# 'the official')
_OTHER_RANK = (RANK_WORDS - {"senior", "junior"}) | {"retired"}


def _words(phrase: str) -> set[str]:
    """A phrase's words, lower-cased, without articles."""
    return set(re.findall(r"[\w'’.-]+", phrase.lower())) - {"the", "a", "an", "one", "another"}


def _one_person(head: str) -> bool:
    """Whether a description's head word is one person ('farmer', 'witness'; not 'residents', 'report')."""
    person = head in _ONE_PERSON or head in _UNNAMED_PEOPLE or head in OCCUPATIONS or head in ROLE_NOUNS or (
        head in ROLE_GENDER or RELATIVE_RE.fullmatch(f"his {head}") is not None)
    return person and not (head.endswith("s") and not head.endswith("ss"))


_SOMEONE_RE = re.compile(r"(?:a|an|one|another)\s+(?:[\w'’-]+\s+){0,3}?([a-z]+)"
                         r"(?=\s*(?:$|,|who\b|with\b|at\b|in\b|for\b))")
_UNNAMED_PEOPLE = PERSON_ROLES | frozenset({
    "official", "source", "diplomat", "spokesperson", "aide", "lawmaker", "legislator", "member", "staffer",
    "employee", "worker", "resident", "witness", "officer", "soldier", "commander", "insider", "investigator",
    "man", "woman", "person"})



def _someone(phrase: str) -> str | None:
    """'A senior army officer', 'one diplomat', 'another official who asked not to be named', 'his wife':
    one person, not named ('a majority of voters' is no one). Returns the noun ('officer', 'woman', 'wife')."""
    m = _SOMEONE_RE.match(phrase.lower())
    if m is not None and m.group(1) in _UNNAMED_PEOPLE:
        return m.group(1)
    m = RELATIVE_RE.fullmatch(phrase.strip().lower())
    return m.group(1) if m is not None else None

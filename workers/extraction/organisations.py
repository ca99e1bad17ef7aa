"""Which organisation a reference means: 'the ministry said', 'the company said', 'according to the
newspaper'. The organisation quoted or named just before, or the one whose name opens what it is said to
have said."""
from __future__ import annotations

import re
from collections.abc import Sequence

from spacy.tokens import Doc

from .lexicon import FIRM_NOUNS, NOT_NAME_OPENERS, PRESS_WORDS, is_title_word
from .speakers import NOT_NAMES, ORG_HEADS


def named_organisation(desc: str, orgs_seen: list[str]) -> str | None:
    """'the ministry said' after 'Ruritania's Defence Ministry said': the latest organisation speaker
    whose name ends in the same word ('ministry', 'agency', 'council' ...); 'the budget office' after
    'the Norland Budget Office': the latest whose name ends in the same words. A name with an 'of'
    phrase is headed by what precedes it: 'the ministry' after 'the Norland Ministry of Ports'."""
    words = desc.split()
    if not words or words[-1] not in ORG_HEADS:
        return None
    return next((o for o in reversed(orgs_seen)
                 if any(f" {form}".endswith(f" {desc}") for form in (o.lower(), o.lower().split(" of ")[0]))), None)


# the paper a story has just quoted ('according to the newspaper'), and the public bodies no firm reference means
_PAPER_NOUNS = frozenset({"newspaper", "paper"})
_PUBLIC_BODY_WORDS = (ORG_HEADS - {"company", "firm", "group", "bank"}) | {"kremlin", "house", "pentagon", "party"}
_CAPITALISED_RE = re.compile(r"[A-Z][\w&'’.-]*")


def the_firm(desc: str, firms_seen: list[str], text: str, at: int, people: set[str],
             places: frozenset[str] = frozenset()) -> str | None:
    """'the company said', 'according to the newspaper': the firm (or paper) quoted last, where the text
    has named nothing else since it was last named but people and places ('The Velcorp board ... the
    company said' is not the Harbor Logistics quoted before; '... would affect the Kessel Ridge mine, the
    company said' is) nor quoted another firm of late; never a public body ('the Kremlin', 'the Defence
    Ministry')."""
    words = desc.split()
    # ('the Denver-based airline', 'the conservative-leaning newspaper'; not 'the law firm', 'the national
    # oil company', 'the acquiring company': what kind of firm may make it another)
    if not words or words[-1] not in FIRM_NOUNS | _PAPER_NOUNS or not all(
            _PLACING_RE.fullmatch(w) for w in words[:-1]):
        return None
    press = words[-1] in _PAPER_NOUNS
    firms = [f for f in firms_seen if not any(w in _PUBLIC_BODY_WORDS for w in f.lower().split())
             and any(w in PRESS_WORDS for w in f.lower().split()) == press]
    if not firms and not press:
        named = _firm_named(text, at)
        # 'Northwind Foods Inc. will close its Groveport plant, the company said': in the same sentence
        if named is not None and not re.search(r"[.!?][\"”’']?\s", text[named[1]:at]):
            return named[0]
        return None
    if not firms:
        return None
    firm = firms[-1]
    last = text.rfind(firm, 0, at)
    if last < 0 or at - last > 1500 or any(f != firm and f in text[last - 1500:at] for f in firms):
        return None  # (two firms quoted of late: 'the company' may be either)
    known = {w for n in people for w in n.split()} | set(firm.split()) | {w for p in places for w in p.split()}
    for m in _CAPITALISED_RE.finditer(text, last + len(firm), at):
        before = text[max(0, m.start() - 3):m.start()].rstrip(" \"“‘'")
        if before == "" or before.endswith(("\n", ".", "!", "?", ":")) or m.group().rstrip(".") in known:
            continue  # a sentence's first word, a person's or the firm's own name
        if m.group().lower().strip(".") in NOT_NAMES or is_title_word(m.group()):
            continue
        return None
    return firm


# where a firm is based or what it leans to: the firm's description, not another kind of firm
_PLACING_RE = re.compile(r"[a-z]+-(?:based|headquartered|leaning)")
# a firm's name with the suffix that makes it one ('Northwind Foods Inc.', 'Harbour Holdings plc'), opening
# a sentence (maybe after its dateline) as the subject of its verb ('Northwind Foods Inc. will close ...')
_FIRM_NAME_RE = re.compile(r"(?:^|(?<=[.!?\n])\s*|(?<=[.!?][\"”’])\s*|(?<=[—–] )|(?<= - ))\s*"
                           r"([A-Z][\w&'’-]*(?:\s+[A-Z][\w&'’-]*){0,4},?\s+"
                           r"(?:Inc|Corp|Co|Ltd|LLC|plc|PLC)\b\.?)(?=\s+(?:will|would|has|have|had|is|was|plans|"
                           r"planned|expects|expected|announced|agreed|said|says|reported)\b)", re.MULTILINE)


def _firm_named(text: str, at: int) -> tuple[str, int] | None:
    """The one firm the text names (with its suffix, as a sentence's subject) in the 1,500 characters
    before `at`, the company a business story is about, and where its last mention ends. None where it
    names none or several."""
    found = {_FIRM_SPACE_RE.sub(" ", m.group(1)).rstrip("."): m.end(1)  # ('Harbour Holdings, Inc' keeps its comma)
             for m in _FIRM_NAME_RE.finditer(text, max(0, at - 1500), at)}
    return next(iter(found.items())) if len(found) == 1 else None


_FIRM_SPACE_RE = re.compile(r"\s+")
# bodies a reference names by the last word of their name ('The Russian Foreign Ministry ..., the ministry said')
_BODY_NOUNS = frozenset("""ministry agency centre center authority department council commission office service
committee court board bureau directorate inspectorate regulator""".split())
# bodies a reference names by the last word of their name, when the text named one before (`mentioned_organisation`)
_NAMED_BODY_NOUNS = _BODY_NOUNS | frozenset("""trust academy school university college hospital club union party
foundation association institute police army navy museum charity federation league network watchdog
corporation""".split())
# the capitalised name that opens what was said, and the verb after it
_OPENING_NAME_RE = re.compile(r"(?:The\s+)?((?:[A-Z][\w&'’.-]*\s+){0,5}?[A-Z][\w&'’.-]*)(?:\s+\([A-Z]{2,}\))?"
                              r"\s+(?:will|would|has|have|had|is|was|plans|planned|expects|expected|announced|"
                              r"agreed|reported|posted|summoned|said|says|may|could|can|intends|aims)\b")


_SENTENCE_START_RE = re.compile(r"(?:^|\n|[.!?]\s)\s*")
# names of regulators, leagues and other bodies a firm's news opens with ('The FDA has approved the drug, the
# company said')
_REGULATORS = frozenset("""fda fca sec ftc faa epa fcc cma ofcom ofgem ecb imf fed league federation association
airport government regulator""".split())
# capitalised words that open a sentence and no firm's name ('We have always sought ...')
_NOT_FIRM_WORDS = frozenset("""we it i he she they you this that these those there here our its his her their my
your everyone nobody no one some many most all each every both shares investors analysts""".split())


def opening_body(text: str, content: tuple[int, int], desc: str, not_firms: set[str],
                  orgs_at: dict[int, str]) -> str | None:
    """'The Russian Foreign Ministry summoned ..., the ministry said', 'Brightwave Logistics will cut 600
    jobs, the company said': the body or firm whose name opens what it is said to have said. A body's name
    ends with the reference's noun. A firm's is one the tagger took for an organisation there (`orgs_at`:
    by where it starts), that the article names again or names before any other organisation, and no
    person's, place's (`not_firms`), public body's or news outlet's ('The FDA will rule'; 'Goldman Sachs is
    advising on the sale' in a story about another firm)."""
    words = desc.split()
    start, end = content
    if len(words) != 1 or (m := _OPENING_NAME_RE.match(text, start)) is None:
        return None
    name = m.group(1)
    if words[0] in _BODY_NOUNS:
        return name if name.lower().endswith(" " + words[0]) else None
    with_article = text[m.start():m.end(1)]  # ('The Walt Disney Co.' as the tagger may take it)
    if words[0] not in FIRM_NOUNS or (orgs_at.get(m.start(1)) != name and orgs_at.get(m.start()) != with_article):
        return None
    lowered = set(name.lower().split())
    # (the firm a story is about: named again, or the first organisation it names, and no sentence before
    # opens with another's name: 'Kessler Dynamik is exploring a sale. Goldman Sachs will advise ...')
    about = text.count(name) >= 2 or (min(orgs_at, default=start) >= m.start() and not any(
        _OPENING_NAME_RE.match(text, b.end()) for b in _SENTENCE_START_RE.finditer(text, 0, m.start())))
    if (not about or any(name == p or p.endswith(" " + name) for p in not_firms)
            or lowered & (_PUBLIC_BODY_WORDS | PRESS_WORDS | _NOT_FIRM_WORDS | _REGULATORS)
            or re.search(rf"\bthe {words[0]}\b", text[m.end(1):end])  # ('... downgraded the company's debt')
            or name.split()[0] in NOT_NAME_OPENERS or is_title_word(name.split()[0])):
        return None
    return name


def mentioned_organisation(desc: str, orgs_at: dict[int, str], at: int) -> str | None:
    """'The Lenmark Food Safety Agency ordered a recall ... The agency said ...': the organisation the
    text named in the 1,500 characters before `at` (`orgs_at`: the tagger's organisations by where they
    start), not only as a speaker, whose name ends with the reference's words ('the agency', 'the food
    safety agency', 'the airline' of 'Velorian Airlines'). None where two such were named."""
    words = desc.split()
    if not words or words[-1] not in _NAMED_BODY_NOUNS | FIRM_NOUNS:
        return None
    found = []
    for pos in sorted(orgs_at):
        name = _plain_name(orgs_at[pos])
        forms = {name.lower(), name.lower().split(" of ")[0]}
        if at - 1500 <= pos < at and any(f" {f}".endswith((f" {desc}", f" {desc}s")) for f in forms):
            found.append(name)
    return found[-1] if len(set(found)) == 1 else None


def _plain_name(entity: str) -> str:
    """An organisation as the tagger found it, without 'the' before it or a short form in brackets after it
    ('the Meteorological Service of Nordmark (MSN': the tagger may take in half the brackets)."""
    return re.sub(r"\s*\([^)]*\)?$|\.$", "", re.sub(r"(?i)^the\s+", "", entity))


def sole_firm(desc: str, orgs_at: dict[int, str], at: int) -> str | None:
    """'Shares in Brightwell Foods fell ... the company said': 'the company' (or the firm, the lender, the
    carmaker) where the text named one organisation only in the 1,500 characters before `at`, and it no
    public body or newspaper; else None."""
    words = desc.split()
    if len(words) != 1 or words[0] not in FIRM_NOUNS:
        return None
    named = {_plain_name(name) for pos, name in orgs_at.items() if at - 1500 <= pos < at}
    if len(named) != 1:
        return None
    name = named.pop()
    lower = set(name.lower().split())  # (nor a body of another kind: 'Peterson Institute')
    return None if lower & (_PUBLIC_BODY_WORDS | PRESS_WORDS | _NOT_FIRM_WORDS | _REGULATORS
                            | _NAMED_BODY_NOUNS - {"corporation"}) else name


def another_of_its_kind(text: str, name: str, desc: str, at: int) -> bool:
    """Whether, since `name` was last written before `at`, the text brings in another body of the kind the
    reference names, without a name ('The European Court of Justice ruled ... a regional court in Lyonne
    fined ... the court said': the regional court)."""
    last = text.rfind(name, 0, at)
    noun = desc.split()[-1] if desc.split() else ""
    return bool(noun) and last >= 0 and re.search(
        rf"\b(?:a|an|another)\s+(?:(?!(?:the|by|of|for|to|from|in|at|on)\s)[\w-]+\s+){{0,3}}?{re.escape(noun)}\b",
        text[last + len(name):at],
        re.IGNORECASE) is not None


def firm_words(docs: Sequence[Doc]) -> set[str]:
    """What the article calls its organisations, lower-cased: 'investor' of "Carrow Capital, Corva's
    largest investor," and 'producer' of 'Oil producer Norvik Energy'. A reference by such a word ('the
    investor said') may mean the organisation, not a person described so."""
    out: set[str] = set()
    for doc in docs:
        for ent in doc.ents:
            if ent.label_ != "ORG":
                continue
            root = ent.root
            out.update(c.lower_ for c in root.children if c.dep_ == "appos" and c.pos_ == "NOUN")
            if root.dep_ == "appos" and root.head.pos_ == "NOUN":
                out.add(root.head.lower_)
            before = doc[ent.start - 1] if ent.start > 0 else None
            if before is not None and before.pos_ == "NOUN" and ent.start <= before.head.i < ent.end:
                out.add(before.lower_)
    return out

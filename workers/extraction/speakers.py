"""Speakers: splitting a subject phrase into name and role, per-article canonical names, keys."""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from spacy.tokens import Span, Token

from .descriptions import described
from .lexicon import (
    DOCUMENTS,
    FIRM_NOUNS,
    HONORIFICS,
    NAME_PARTICLES,
    OCCUPATIONS,
    PARTY_NOUNS,
    PERSON_SUFFIXES,
    PORTFOLIOS,
    POSSESSIVE_PRONOUNS,
    POSSESSIVES_NOT_SPEAKERS,
    PRONOUNS_NOT_SPEAKERS,
    PRONOUNS_ORG,
    PRONOUNS_PERSON,
    QUESTIONERS,
    RELATIVE,
    SPEECH_FORMS,
    is_title_word,
    opens_with_title,
    wordset,
)
from .names import ARABIC_PARTICLES, DEMONYMS, GIVEN_NAMES
from .roles import ROLE_NOUNS

SPEAKER_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP"})
AGENTS = wordset("""spokesman spokeswoman spokesperson spokesmen aide aides adviser advisers advisor
advisors campaign lawyer lawyers attorney attorneys representative representatives surrogate surrogates
staff staffer staffers ally allies office team camp""")
# Agents that are organisations speaking as one, named after whom they work for ('the Trump campaign'),
# and unnamed people around someone ('Clinton aides', 'a Varga adviser'): what they say is not the
# principal's own words, so it goes to them, named after the principal
ORG_AGENTS = wordset("""campaign team camp aide aides adviser advisers ally allies surrogate surrogates staffer
staffers staff""")
_SPELLINGS = {"advisor": "adviser", "advisors": "advisers"}


def agent_group(word: str) -> str | None:
    """'campaign', 'aides', 'adviser' (also for 'advisor'): the agent a word names, if it is one."""
    word = _SPELLINGS.get(word.lower(), word.lower())
    return word if word in ORG_AGENTS else None


ORG_HEADS = wordset("""campaign administration government ministry department office team committee
party agency council court company firm group spokesman spokeswoman spokesperson service embassy bank police
commission authority force army navy military
""")
# Texts that speak for whoever wrote, published or delivered them ('a report by the agency', 'the
# IMF report', 'a speech Clinton delivered'): their author is the speaker.
WORKS = DOCUMENTS | wordset("""report reports study poll polls survey analysis speech brief complaint
filing lawsuit article column editorial video database document review audit book interview transcript
spot commercial assessment estimate estimates projection forecast website site blog page""")
NOT_NAMES = wordset("""gmt utc est edt cet msk bst am pm monday tuesday wednesday thursday friday
saturday sunday today yesterday updated published read more photo video feb apr aug sept oct nov dec
january february july september october november december""")  # not 'march', 'may' ...: also surnames
FIRM_SUFFIXES = wordset("inc llc llp ltd plc corp co gmbh ag sa nv bv")
# Words that make a name an organisation's or a place's, also after a title-like first word
# ('Admiral Insurance Group', 'King Edward Hospital', 'Bishop Street Dental')
ORG_NAME_WORDS = ORG_HEADS | FIRM_SUFFIXES | wordset("""group holdings insurance hospital clinic dental bank partners
street road avenue square institute university college school academy hotel hotels airlines airways ferries
foods motors energy media news press times post club association foundation trust fund society church
cathedral centre center board union industries systems services capital investments properties
laboratories labs pharmaceuticals steel oil gas mining shipping""")


def person_after_title(tokens: list[Token]) -> bool:
    """'Councillor Brita Lunde': a title word, then proper nouns that name no organisation or place."""
    return (len(tokens) >= 3 and is_title_word(tokens[0].text)
            and all(t.pos_ == "PROPN" and not is_title_word(t.text) for t in tokens[1:])
            and not any(t.lower_ in ORG_NAME_WORDS for t in tokens[1:]))


# Words that end the name of a body ('the Russian Security Council', 'the House'): in a run of
# capitalised words after a title's 'of' or 'to', a name after one is the title's holder
_BODY_WORDS = ORG_NAME_WORDS | wordset("""house senate congress parliament assembly duma rada knesset commons lords
staff affairs state laboratory""")
# Words of places' and organisations' names, and words that open them: two capitalised words after a
# title with one of these are no person's name ('Governor of New South Wales', 'Mayor of Salt Lake City',
# 'CEO of Royal Dutch Shell', 'President of the Boston Red Sox')
_NOT_A_HOLDER = _BODY_WORDS | wordset("""city county republic emirates kingdom island islands wales england
scotland ireland guinea league baseball football corps organization organisation exchange workers enterprise
sox yankees dodgers fed reserve chase tobacco sur norte""")
# what is named after a titled person ('King Edward Hospital', 'Queen Mary College')
_NAMED_AFTER_PEOPLE = wordset("""hospital clinic school college university academy institute centre center foundation
fund trust hotel""")
_PLACE_OPENERS = wordset("""new north south east west united los las san santa saint st st. salt rio royal central
great upper lower national world public ho""")
_OFFICE_PREPS = frozenset({"of", "to", "for", "in"})
# letters after a British name: an office or an honour, not part of the name
# (not 'FRS': 'Kent FRS' is a fire and rescue service)
_POST_NOMINALS = frozenset({"MP", "MEP", "MSP", "MLA", "TD", "MPP", "MHA", "MNA", "QC", "KC", "OBE", "CBE", "MBE",
                            "KBE", "DBE", "CH", "OM"})


def _holder_name(run: list[Token]) -> list[Token]:
    """The person's name that ends a run of capitalised words after a title's 'of' or 'to' ('the
    Russian Security Council Dmitry Kostrov', 'the House Gerald Pomeroy', 'Georgia Nikolai Gurianov'):
    the words after the last one that ends a body's name, else a person's name the tagger found
    there, else the last two words (with initials and particles before them). None at all where the
    run is only the office ('the Joint Chiefs of Staff')."""
    run = [t for t in run if t.lower_ not in ("the", "'s", "’s")]  # ("the Foreign Ministry's Consular Department")
    of = max((k for k, t in enumerate(run) if t.lower_ in ("of", "on") and 0 < k < len(run) - 1), default=None)
    if of is not None:  # 'the Bank of England Clara Penhallow', 'Committee on Defense': the body's own phrase
        run = run[of + 2:] if len(run) - of - 2 >= 2 else []
    lower = [k for k, t in enumerate(run) if not (t.text[:1].isupper() or t.lower_ in NAME_PARTICLES)]
    if lower and run[lower[-1]].lower_ in ("and", "&") and lower[-1] < len(run) - 2:
        run = run[lower[-1] + 1:]  # 'Committee on Agrarian and Food Policy Nikolai Treshchev': the body's words
    if len(run) < 2 or not all(t.text[:1].isupper() or t.lower_ in NAME_PARTICLES for t in run):
        return []
    doc = run[0].doc
    body = max((k for k, t in enumerate(run) if t.lower_ in _BODY_WORDS), default=None)
    if body is not None:
        name = run[body + 1:]
        # (a place's name is no holder, unless a given name opens it: the tagger takes some surnames for
        # places, 'Ursula von der Halden')
        if len(name) < 2 or any((t.ent_type_ in ("GPE", "LOC", "FAC") and name[0].lower_ not in GIVEN_NAMES)
                                or t.lower_.strip(".") in _NOT_A_HOLDER
                                for t in name):  # ('the Federal Deposit Insurance Corp.': no holder)
            return []
    else:
        ent = next((e for e in doc.ents if e.label_ == "PERSON" and run[0].i < e.start <= run[-1].i
                    and e.end == run[-1].i + 1), None)
        if ent is not None:
            name = run[ent.start - run[0].i:]
            before = ent.start - run[0].i - 1  # 'London Sadiq Khan' with only 'Khan' tagged: 'Sadiq' too
            if before >= 0 and len(name) == 1 and _given_name_of(run, before):
                name = run[before:]
        elif len(run) >= 3 or (of is not None and run[0].lower_ in GIVEN_NAMES):
            k = len(run) - 2
            if k > 1 and run[k].lower_ in NAME_PARTICLES:
                k -= 1  # 'Pádraig Ó Conaill': the given name before a particle that opens the surname
            while k > 1 and (run[k - 1].lower_ in NAME_PARTICLES or re.fullmatch(r"[A-Z]\.", run[k - 1].text)):
                k -= 1  # 'John F. Kerry', 'Ursula von der Leyen'
            name = run[k:]
            # a person's name: one that opens with a given name, else no word of a place's or a firm's
            # name, no nationality and no particle first ('Rio de Janeiro')
            if name[0].lower_ not in GIVEN_NAMES and (
                    any(t.lower_ in _NOT_A_HOLDER or t.lower_ in DEMONYMS for t in name)
                    or name[0].lower_ in _PLACE_OPENERS | NAME_PARTICLES):
                return []
        else:
            return []
    if not name or len(name) > 4 or any(
            is_title_word(t.text) or (t.pos_ != "PROPN" and t.lower_ not in NAME_PARTICLES) for t in name):
        return []
    return name


def _after_office(h: Token, name_toks: list[Token], label: str | None) -> tuple[list[Token], str | None]:
    """'Secretary of State for Northern Ireland Hilary Benn', 'President of the European Commission
    Ursula von der Leyen': where the parse makes the title before a name its modifier, the office
    ends where the title's phrase does; the tagger may run a place into the name ('Northern Ireland
    Hilary Benn') or cut the name at it ('Ursula von der' | 'Leyen'). The name is what follows the
    office, with the holder's words the parse left inside the office's phrase."""
    title = next((c for c in h.lefts if c.dep_ in ("nmod", "compound") and office_word(c) and any(
        g.dep_ == "prep" and g.lower_ in _OFFICE_PREPS for g in c.children)), None)
    if title is None:
        return name_toks, label
    edge = title.right_edge.i
    if not (name_toks[0].i <= edge + 1 and edge < h.i):
        return name_toks, label
    inside = [t for t in name_toks if t.i <= edge]
    if inside and all(t.ent_type_ == "PERSON" for t in inside):
        return name_toks, label  # 'Prime Minister of Pakistan Shehbaz Sharif': the tagger's name stands
    own = [t for t in name_toks if t.i > edge]
    held = office_holder(title)
    if held and held[-1].i == edge:
        own = [*held, *own]
    if not own or len(own) > 4 or any(t.pos_ != "PROPN" or t.ent_type_ == "ORG" for t in own):
        return name_toks, label
    return own, "PERSON"


def _person_before(toks: list[Token]) -> bool:
    """Whether the words before a post-nominal are a person's name: tagged so, or opened by a given
    name; never a party ('A Labour MP') or a nationality."""
    if all(t.lower_ in PARTY_NOUNS or t.lower_ in DEMONYMS for t in toks):
        return False
    return toks[-1].ent_type_ == "PERSON" or toks[0].lower_ in GIVEN_NAMES


def _given_name_of(run: list[Token], k: int) -> bool:
    """Whether run[k], untagged and right before a surname the tagger found, is its given name: a
    known one, or a capitalised word set off from a place or a body's name before it."""
    t = run[k]
    if t.ent_type_ or t.pos_ != "PROPN" or t.lower_ in _NOT_A_HOLDER or t.lower_ in _PLACE_OPENERS:
        return False
    return t.lower_ in GIVEN_NAMES or (k > 0 and (run[k - 1].ent_type_ in ("GPE", "LOC", "ORG")
                                                  or run[k - 1].lower_ in _BODY_WORDS))


# capitalised nouns of an office that are no titles before a bare name ('Chief Executive of the National
# Trust', 'Chief Constable of Kent Police', 'Member of the European Parliament')
_OFFICE_NOUNS = wordset("executive constable member commissioner director officer head leader chair chairperson")


def office_word(tok: Token) -> bool:
    """A title ('Governor', 'Secretary'), or a capitalised noun of an office ('Chief Executive')."""
    return is_title_word(tok.text) or (tok.lower_ in _OFFICE_NOUNS and tok.text[:1].isupper())


def office_holder(title: Token) -> list[Token]:
    """'Deputy Chairman of the Russian Security Council Dmitry Kostrov', 'Ambassador to Georgia Nikolai
    Gurianov', 'Speaker of the House Gerald Pomeroy': the holder's name that the parse hangs from the
    title's 'of' or 'to' inside the body's name, or that the tagger runs on into from the body's name.
    Empty where the title has no such name."""
    if not office_word(title):
        return []
    prep = next((c for c in title.rights if c.dep_ == "prep" and c.lower_ in _OFFICE_PREPS), None)
    pobj = next((c for c in prep.children if c.dep_ == "pobj"), None) if prep is not None else None
    if pobj is None:
        return []
    first = pobj
    for _ in range(3):  # 'Chairman of the State Duma Committee on Defense Viktor Sobolenko': the body's own
        inner = next((c for c in pobj.rights if c.dep_ == "prep" and c.lower_ in _OFFICE_PREPS | {"on"}), None)
        deeper = next((c for c in inner.children if c.dep_ == "pobj"), None) if inner is not None else None
        if deeper is None or deeper.pos_ != "PROPN":
            break
        pobj = deeper
    # (the parse may make the surname after it an apposition: 'Ursula von der' | 'Halden')
    surname = next((c for c in pobj.rights if c.dep_ == "appos" and c.i == pobj.i + 1 and c.pos_ == "PROPN"
                    and not list(c.children)), None)
    if pobj.pos_ not in ("PROPN", "NOUN") or not (pobj.text[:1].isupper() or pobj.lower_ in NAME_PARTICLES) or any(
            c.dep_ not in ("compound", "det", "amod", "punct", "nmod", "poss") and c != surname for c in pobj.children):
        return []
    ent = next((e for e in title.doc.ents if e.start <= pobj.i < e.end), None)
    end = max(pobj.i + 1, ent.end if ent is not None else 0, surname.i + 1 if surname is not None else 0)
    return _holder_name(list(title.doc[first.left_edge.i: end]))


# what a firm is, written before its name in wire copy ('Chipmaker Orvex', 'Lender Harbour Bank'): no
# word that also opens firms' names ('Carrier Corp') or is a surname ('Miner', 'Brewer')
_TRADES = wordset("""chipmaker carmaker automaker drugmaker planemaker steelmaker toymaker shoemaker truckmaker
phonemaker retailer lender insurer""")
# words of a firm's name that name no firm alone ('Chipmaker Corp' is no 'Corp')
_GENERIC_FIRM_WORDS = ORG_NAME_WORDS | wordset("corporation technologies technology international global express")


# the bodies of a state that its country's adjective names ('the Israeli army', not 'the French company')
_STATE_BODIES = wordset("ministry government military army navy force police administration")
# nationalities said of one person ('the Briton'), besides the adjectives of names.DEMONYMS ('the German')
_DEMONYM_NOUNS = wordset("czech briton swede dane pole finn spaniard scot swiss australian austrian belgian")
_PARTIES_BEFORE_NAMES = PARTY_NOUNS - {"tory"}  # ('Tory Ann Burch' is a given name)
_RIGHT_CUT = frozenset({"relcl", "acl", "appos", "prep", "punct", "cc", "conj", "advmod", "amod",
                        "npadvmod"})


@dataclass(frozen=True)
class Subject:
    """Who a cue's subject is, as written: a name and role, a pronoun, or a description."""

    name: str | None
    role: str | None
    label: str | None
    pronoun: str | None
    phrase: str
    questioner: bool = False
    described: str = ""  # the whole description, where no name or pronoun stands ('Residents of the town')
    head: str = ""  # and its head word, lower-cased ('residents')


_INVISIBLE = str.maketrans("", "", "\xad\u200b\u200c\u200d\u2060\ufeff")  # soft hyphen, zero-width characters


def _clean_name(text: str) -> str:
    text = re.sub(r"\([^()]*\)", " ", text.translate(_INVISIBLE))
    text = re.sub(r"[\"“”][^\"“”]*[\"“”]", " ", text)
    text = re.sub(r"['’]s?\s*$", "", text.strip())
    text = re.sub(r"\s+", " ", text).strip(" ,.;:-—–")
    return re.sub(r"^(?:the|The|THE)\s+", "", text)


def valid_name(name: str) -> bool:
    words = re.findall(r"[^\W\d_]+", name)
    if not words or any(ch.isdigit() for ch in name):
        return False
    if all(w.lower() in NOT_NAMES for w in words):
        return False
    return any(w[0].isupper() for w in words)


def _np_tokens(h: Token) -> list[Token]:
    """The noun phrase headed by h: its left part and h, without clauses and appositions."""
    cut: set[int] = set()
    for c in h.rights:
        if c.dep_ in _RIGHT_CUT:
            cut.update(t.i for t in c.subtree)
    toks = [t for t in h.subtree if t.i not in cut and t.i <= h.i + 1]
    return [t for t in toks if not t.is_punct or t.i < h.i] or [h]


def _is_title(tok: Token) -> bool:
    return opens_with_title([t.text for t in tok.doc[tok.i:tok.i + 2]])


def _role_text(tokens: list[Token]) -> str:
    """A role as the article writes it, with its own spacing ('right-wing', "miners' leader"), without
    a leading article or trailing punctuation."""
    while tokens and (tokens[0].lower_ in {"the", "a", "an", ",", "-", "—"} or tokens[0].text in _QUOTE_MARKS
                      or _an_age(tokens)):
        tokens = tokens[1:]
    while tokens and tokens[-1].text in {",", "-", "—", "'s", "’s", *_QUOTE_MARKS}:
        tokens = tokens[:-1]
    return "".join(t.text_with_ws for t in tokens).strip()


_QUOTE_MARKS = frozenset({'"', "“", "”", "‘", "’", "'", "«", "»", "„"})


def _an_age(tokens: list[Token]) -> bool:
    """'Piet Hallam, 61, a fisherman': the number after a name is the person's age, not a role."""
    return tokens[0].like_num and (len(tokens) == 1 or tokens[1].text == ",")


def _principal(h: Token, phrase: str, questioner: bool) -> Subject | None:
    """'Rubio's campaign', 'a spokesman for Sanders', 'one Clinton aide', 'his aides': who they speak for."""
    owner = next((c for c in h.children if c.dep_ == "poss"), None)
    if owner is None:
        owner = next((c for c in h.lefts if c.dep_ == "compound" and c.pos_ == "PROPN"
                      and c.lower_ not in AGENTS), None)
    if owner is None:
        prep = next((c for c in h.rights if c.dep_ == "prep" and c.lower_ in ("for", "to", "of", "with")), None)
        owner = next((c for c in prep.children if c.dep_ == "pobj"), None) if prep is not None else None
    if owner is None or owner.lower_ in PRONOUNS_NOT_SPEAKERS | POSSESSIVES_NOT_SPEAKERS:
        return None
    owned = {t.i for t in owner.subtree} if owner.dep_ == "poss" else set()
    role = _role_text([t for t in _np_tokens(h) if t.i not in owned])
    group = agent_group(h.lower_)
    if owner.lower_ in ("his", "her"):
        pronoun = POSSESSIVE_PRONOUNS[owner.lower_]
        if group:  # 'his campaign', 'her aides': named after whoever 'his' is (resolution.py)
            return Subject(None, group, "ORG", pronoun, phrase, questioner)
        return Subject(None, role or None, None, pronoun, phrase, questioner)
    inner = subject_from_token(owner)
    if inner.name is None and owner.lower_ in _REFERRED_BODIES and any(
            c.dep_ == "det" and c.lower_ == "the" for c in owner.children) and not group:
        # 'a spokesman for the company': the firm the article means by 'the company' (resolution.py)
        return Subject(None, role or None, "ORG", None, f"the {owner.lower_}", questioner)
    if inner.name is None or inner.label in ("GPE", "NORP") or h.text in inner.name.split():
        return None  # (the last: 'the Trade Office' is a name, not the office of someone called Trade)
    if group:  # 'Clinton's campaign', 'the Trump campaign', 'one Clinton aide': a group of its own
        return Subject(f"{inner.name} {group}", None, "ORG", None, phrase, questioner)
    return Subject(inner.name, role or None, inner.label, None, phrase, questioner)


# what a spokesman may speak for by a common noun, that resolution.py resolves as 'the company said'
_REFERRED_BODIES = FIRM_NOUNS | wordset("ministry agency department council commission authority")


_AUTHOR_PREPS = frozenset({"by", "from"})  # not 'of': 'an audit of the agency' is about it
_AUTHOR_VERBS = frozenset({"released", "published", "filed", "issued", "conducted", "commissioned", "posted",
                           "written", "produced", "prepared", "sent", "signed", "delivered", "compiled"})
# ... and verbs whose subject wrote or gave the text ('a speech Clinton gave'), not one who only
# talked about it ('the report Quell cited')
_AUTHORING = _AUTHOR_VERBS | frozenset({
    "gave", "gives", "give", "delivered", "delivers", "deliver", "wrote", "writes", "write", "issued", "issues",
    "released", "releases", "published", "publishes", "filed", "files", "conducted", "conducts", "commissioned",
    "made", "makes", "sent", "sends", "signed", "signs", "authored", "penned", "posted", "posts", "tweeted"})


def _author(h: Token, np: list[Token]) -> Subject | None:
    """Who a text ('a report', 'the poll') speaks for: its owner ('the agency's report', 'his
    speech'), a name before it ('the IMF report', 'a Quinnipiac University poll'), 'by'/'from' someone
    (also after 'released', 'filed' ...), or the subject of a clause of authorship on it ('a speech
    Clinton gave', not 'the report Quell cited')."""
    owner = next((c for c in h.children if c.dep_ == "poss"), None)
    if owner is not None:
        if owner.lower_ in ("editor", "editors"):  # "Editor's note: an earlier version said ...": nobody
            return None
        if owner.lower_ in POSSESSIVE_PRONOUNS:
            return Subject(None, None, None, POSSESSIVE_PRONOUNS[owner.lower_], owner.text)
        found = subject_from_token(owner)
        return found if found.name else None
    ents = [e for e in h.doc.ents if np[0].i <= e.start and e.end <= h.i and e.label_ in SPEAKER_LABELS
            and e.label_ not in ("GPE", "NORP")]
    if ents:
        return subject_from_token(ents[-1].root)
    holders = [h] + [c for c in h.rights if c.dep_ == "acl" and c.lower_ in _AUTHOR_VERBS]
    for holder in holders:
        for prep in (c for c in holder.rights if c.dep_ in ("prep", "agent") and c.lower_ in _AUTHOR_PREPS):
            pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
            if pobj is not None:
                found = subject_from_token(pobj)
                if found.name:
                    return found
    for clause in (c for c in h.rights if c.dep_ == "relcl" and c.lower_ in _AUTHORING):
        subj = next((c for c in clause.children if c.dep_ == "nsubj"), None)
        if subj is not None and subj.lower_ not in RELATIVE:
            found = subject_from_token(subj)
            if found.name:
                return found
    return None


_NAMING = frozenset({"named", "identified", "called"})  # (the pipeline has no lemmatizer)


def _named_as(h: Token) -> Token | None:
    """The name a participle gives the person a noun is: 'Karl Ostby' of 'a man named Karl Ostby', of 'a
    woman identified (by police) as Maria Lenz'; None where none."""
    for acl in (c for c in h.children if c.dep_ == "acl" and c.lower_ in _NAMING):
        for t in acl.subtree:
            if t.ent_type_ == "PERSON" and t.head.ent_type_ != "PERSON" and (
                    t.dep_ == "oprd" or (t.dep_ == "pobj" and t.head.lower_ == "as")):
                return t
    return None


def subject_from_token(h: Token) -> Subject:
    """Describe the subject headed by token h: name and role, a pronoun, or a description."""
    found = _subject(h)
    if found.name is None and found.pronoun is None:
        return replace(found, described=described(h), head=h.lower_)
    return found


def _subject(h: Token) -> Subject:
    lower = h.lower_
    if lower in RELATIVE and h.head.dep_ in ("relcl", "acl") and h.head.head != h.head:
        h = h.head.head
        lower = h.lower_
    if lower in PRONOUNS_NOT_SPEAKERS:
        # 'one of the family's attorneys, Justin Bramberg, said': the name set beside it speaks
        named = next((c for c in h.rights if c.dep_ == "appos" and c.pos_ == "PROPN"), None)
        if named is None:  # 'One of the plaintiffs, Marisol Vega, told': the name set beside the group
            of = next((c for c in h.rights if c.dep_ == "prep" and c.lower_ == "of"), None)
            group = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
            named = next((c for c in group.rights if c.dep_ == "appos" and c.pos_ == "PROPN"
                          and c.ent_type_ == "PERSON"), None) if group is not None else None
        if named is not None:
            return subject_from_token(named)
    if lower in PRONOUNS_PERSON or lower in PRONOUNS_ORG or lower in PRONOUNS_NOT_SPEAKERS:
        return Subject(None, None, None, lower, h.text)
    if h.pos_ == "NOUN" and (named_as := _named_as(h)) is not None:
        return subject_from_token(named_as)  # 'A man named Karl Ostby said', 'The woman, identified as Maria Lenz,'
    if office_word(h) and h.ent_type_ != "PERSON":
        # 'Vice President for harbour and rail Dana Orbek called': a title the parse cut off its holder
        # (who may be tagged with the body: 'Governor of the Bank of England Andrew Marsden')
        holder = next((c for c in h.rights if c.dep_ in ("conj", "appos") and (
            c.ent_type_ == "PERSON" or (c.pos_ == "PROPN" and c.left_edge.lower_ in GIVEN_NAMES
                                        and c.left_edge.i < c.i))), None)
        if holder is not None and any(c.dep_ == "prep" and c.i < holder.i for c in h.children):
            held_by = subject_from_token(holder)  # (not 'The President and Dale Crane said': two speakers)
            if held_by.name and held_by.role is None and not any(  # the office is the role (not 'The
                    t.dep_ == "cc" for t in h.doc[h.i:holder.left_edge.i]):  # Director of the FBI and Dale Crane')
                office = _role_text(list(h.doc[_np_tokens(h)[0].i: holder.left_edge.i]))
                held_by = replace(held_by, role=office.strip(" ,") or None)
            return held_by
        held = office_holder(h)
        if held and held[-1].i == max(t.i for t in h.subtree if not t.is_punct):
            np = _np_tokens(h)
            return Subject(_clean_name("".join(t.text_with_ws for t in held)),
                           _role_text(list(h.doc[np[0].i: held[0].i])) or None, "PERSON", None,
                           "".join(t.text_with_ws for t in h.doc[np[0].i: held[-1].i + 1]).strip(),
                           lower in QUESTIONERS)
    if h.tag_ == "NN" and h.ent_type_ != "PERSON" and not any(c.dep_ == "det" for c in h.children):
        # 'Velcorp founder and chairman Nils Brekke said': the parse coordinates the two roles' holder
        # with the first role (not 'The founder and Nils Brekke said', 'The mayor and Governor Ana
        # Lisk said' or 'Residents and Mayor Ana Lisk said': several speakers)
        holder = next((c for c in h.rights if c.dep_ == "conj" and c.ent_type_ == "PERSON"), None)
        if holder is not None:
            between = h.doc[h.i + 1:holder.left_edge.i]
            name_start = next((t.i for t in holder.subtree if t.ent_type_ == "PERSON"), holder.i)
            roles = [t for t in h.doc[holder.left_edge.i:name_start]]
            if ([t.lower_ for t in between] == ["and"] and roles
                    and all(t.pos_ == "NOUN" or is_title_word(t.text) for t in roles)):
                return subject_from_token(holder)
    np = _np_tokens(h)
    phrase = "".join(t.text_with_ws for t in np).strip()  # as written, like roles: they are compared
    questioner = lower in QUESTIONERS
    if lower in WORKS and h.pos_ == "NOUN":
        author = _author(h, np)
        if author is not None:
            return Subject(author.name, author.role, author.label, author.pronoun, phrase, questioner)
    appos = next((c for c in h.rights if c.dep_ == "appos"), None)
    if appos is None and h.tag_ != "NNS":
        appos = _name_after_phrase(h)
    appos_text = _role_text(list(appos.subtree)) if appos is not None and not _acronym(appos) else ""
    # 'The Chancellor, Fiona Ashdown,', 'U.N. Ambassador Helen Marchbank'
    if appos is not None and appos.pos_ == "PROPN" and (appos.ent_type_ == "PERSON" or _set_off_name(appos)) \
            and _is_title(h) and h.ent_type_ != "PERSON":
        return _with_appos_name(appos, np, phrase, questioner)
    if (owned := _owned_office_holder(h)) is not None:
        # "The Association of Northern States' foreign policy chief, Ingrid Vasquez-Lund, said", where the
        # parse made the body the subject: the office's holder speaks
        office_tok, holder = owned
        return _with_appos_name(holder, list(h.doc[h.left_edge.i:office_tok.i + 1]), phrase, questioner)
    if lower in AGENTS and not (appos is not None and appos.pos_ == "PROPN"):
        spoken_for = _principal(h, phrase, questioner)
        if spoken_for is not None:
            return spoken_for
    name_toks: list[Token] = []
    label: str | None = None
    ent = next((e for e in h.doc.ents if e.start <= h.i < e.end), None)
    if ent is not None and len(ent) == 1 and h == ent[0] and (lower in DEMONYMS or lower in _DEMONYM_NOUNS
                                                             or lower in PARTY_NOUNS) \
            and any(c.dep_ == "det" for c in h.children):
        pass  # 'the Czech said', 'the 22-year-old Briton said': one person, described by nationality (no name)
    elif ent is not None and ent.label_ in SPEAKER_LABELS:
        name_toks = [t for t in ent if t.i >= np[0].i]
        label = ent.label_
        if name_toks and name_toks[0].lower_ not in ARABIC_PARTICLES and (  # (those: below)
                opening := _name_opening(name_toks, np[0].i)) and ent.label_ in ("PERSON", "ORG") and not any(
                t.lower_.strip(".") in ORG_NAME_WORDS | FIRM_SUFFIXES for t in name_toks):
            # 'Mayor Lucia van der Meer-Schmitt', "Headteacher Siobhan O'Rourke-Mensah" with only the end
            # tagged (a firm, or another person): a person's name, with what the tagger cut off it
            name_toks, label = [*opening, *name_toks], "PERSON"
        # (a surname the tagger took for a people or a place goes with a given name: 'Gwen Tallis')
        if len(ent) == 1 and (ent.label_ in ("PERSON", "ORG") or (
                h.i and h.doc[h.i - 1].lower_ in GIVEN_NAMES and h.doc[h.i - 1].i >= np[0].i)):
            first = _first_name_before(ent[0], np[0].i)
            if first is not None:  # 'principal Ana Reyes' with only 'Reyes' tagged: 'Ana' is no role
                name_toks, label = [first, *name_toks], "PERSON"
                # ('Ms Sadia Rehman Qureshi' with only 'Qureshi' tagged: a middle name too)
                if (second := _first_name_before(first, np[0].i, ent)) is not None:
                    name_toks = [second, *name_toks]
        elif ent.label_ == "PERSON" and h.dep_ == "appos" and name_toks and name_toks[0].i == ent.start == np[0].i + 1 \
                and np[0].i > 0 and h.doc[np[0].i - 1].text == ",":
            first = _first_name_before(ent[0], np[0].i, ent)
            if first is not None:  # "Sudan's ambassador, Omer Siddig Hassan," with only 'Siddig Hassan' tagged
                name_toks = [first, *name_toks]
        elif ent.label_ == "PERSON" and name_toks and name_toks[0].lower_ in ARABIC_PARTICLES:
            # 'Jumaa Salem Al Shamsi' with only 'Al Shamsi' tagged, or tagged as two people: the given
            # names before the family's
            before = next((e for e in h.doc.ents if e.label_ == "PERSON" and e.end == ent.start
                           and e.start >= np[0].i and e.root.dep_ == "compound"), None)
            if before is not None:
                name_toks = [*before, *name_toks]
            while len(name_toks) < 5 and (first := _first_name_before(name_toks[0], np[0].i, ent)) is not None:
                name_toks = [first, *name_toks]
    elif (joined := _joined_body(h)) is not None:  # 'The Roads and Transport Authority (RTA) said'
        name_toks, label = joined, "ORG"
    elif h.pos_ == "PROPN" or (h.text[:1].isupper() and h.text in h.doc.user_data.get("caps", ())):
        i = h.i
        while i - 1 >= np[0].i and (h.doc[i - 1].pos_ == "PROPN" or h.doc[i - 1].lower_ in NAME_PARTICLES or (
                _name_hyphen(h.doc[i - 1]))) and not h.doc[i - 1].text.endswith(("'s", "’s")):
            i -= 1  # 'Bill de Blasio', 'de Blasio', 'Maria Lopez-Hart'
        name_toks = list(h.doc[i: h.i + 1])
    elif lower in ORG_HEADS and h.i > np[0].i:
        prev = h.doc[h.i - 1]
        pent = next((e for e in h.doc.ents if e.start <= prev.i < e.end), None)
        if prev.dep_ == "compound" and (prev.pos_ == "PROPN" or pent is not None):
            start = pent.start if pent is not None else prev.i
            name_toks = list(h.doc[max(start, np[0].i): h.i + 1])
            label = "ORG"
    # (also a country the tagger does not know, before a state's body: "Hanlai's foreign ministry")
    country = next((c for c in h.children if c.dep_ == "poss" and (c.ent_type_ in ("GPE", "NORP") or (
        lower in _STATE_BODIES and c.pos_ == "PROPN" and c.ent_type_ in ("", "LOC", "ORG") and c.is_title
        and not any(g.dep_ == "compound" for g in c.children)))), None)
    if country is None and lower in _STATE_BODIES and not any(t.text[:1].isupper() for t in name_toks):
        # 'the Chinese foreign ministry', 'the Ukrainian military': a country's adjective names its state's
        # body (not a party's, a faith's or a people's: 'the Republican administration', 'the Kurdish
        # force'; nor 'the pro-Russian administration')
        country = next((c for c in h.children if c.dep_ == "amod" and c.lower_ in DEMONYMS and c.i < h.i
                        and not (c.i and h.doc[c.i - 1].text in ("-", "–"))), None)
    if country is not None and (label == "ORG" or lower in ORG_HEADS) and (not name_toks or name_toks[0].i > country.i):
        # "Russia's Defence Ministry", "North Korea's foreign ministry": the country is part of the name
        cent = next((e for e in h.doc.ents if e.start <= country.i < e.end), None)
        name_toks = list(h.doc[cent.start if cent is not None else country.i: h.i + 1])
        label = "ORG"
    if not name_toks and appos is not None and appos.pos_ == "PROPN":
        return _with_appos_name(appos, np, phrase, questioner)
    if name_toks and h.pos_ == "PROPN":
        name_toks, label = _after_office(h, name_toks, label)
    firm = any(t.text == "&" or t.lower_.strip(".") in FIRM_SUFFIXES for t in name_toks)
    cut = next((k for k, t in enumerate(name_toks) if (t.text == "," and not firm) or t.text == "(" or (
        _spaced_dash(t) and t.i > h.i) or (SPEECH_FORMS.get(t.lower_, t.lower_) != t.lower_ and t.ent_type_ != "GPE")),
        None)
    if cut is not None:  # "Obama Says ..." in a title-case headline; 'Politico, Democratic party ...'
        # (a firm's name keeps its commas: 'Quell, Stroud & Varga LLP', 'Harbour Holdings, Inc.')
        name_toks = name_toks[:cut]
    while name_toks and name_toks[0].is_lower and name_toks[0].pos_ in ("ADJ", "DET") and label is not None:
        name_toks = name_toks[1:]  # 'the federal Securities and Exchange Commission'
    if len(name_toks) > 1 and name_toks[0].lower_ in _TRADES and not all(
            t.lower_.strip(".") in _GENERIC_FIRM_WORDS for t in name_toks[1:]):
        name_toks = name_toks[1:]  # 'Chipmaker Orvex Semiconductor said': what the firm makes is no name
    while (len(name_toks) >= 3 and name_toks[0].lower_ in PORTFOLIOS and name_toks[1].lower_ in GIVEN_NAMES
           and label in ("PERSON", None)):
        name_toks = name_toks[1:]  # 'Minister for Trade and Industry Ivo Tann': the portfolio's last word
    inner = next((k for k in range(1, len(name_toks) - 2) if person_after_title(name_toks[k:])), None)
    if inner is not None:  # 'Finance Minister Tomasz Welke', 'Chicago Mayor Ana Lisk': a role of several words
        name_toks, label = name_toks[inner + 1:], "PERSON"
    title_toks: list[Token] = []
    body = (label == "ORG" and bool(name_toks) and name_toks[-1].lower_ in ORG_NAME_WORDS  # 'Justice Department'
            and not (len(name_toks) >= 3 and name_toks[1].lower_ in GIVEN_NAMES  # not 'Bishop Michael Church'
                     and name_toks[-1].lower_ not in _NAMED_AFTER_PEOPLE))  # ('King Edward Hospital' is one)
    # 'General Electric', 'Major League Baseball': the tagger's firm opens with a rank no person holds
    body = body or (label == "ORG" and len(name_toks) >= 2 and name_toks[0].lower_ in ("general", "major")
                    and name_toks[1].lower_ not in GIVEN_NAMES)
    # (a title before 'of' names an office: 'the Director of Public Prosecutions')
    while name_toks and (name_toks[0].lower_ in {"the", "a"} or (_is_title(name_toks[0]) and len(name_toks) > 1
                                                                 and not _owns_the_rest(name_toks) and not body
                                                                 and name_toks[1].lower_ not in _OFFICE_PREPS)
                         or _occupation_before_name(name_toks, label)):
        if (_is_title(name_toks[0]) or name_toks[0].lower_ in OCCUPATIONS) and (
                name_toks[0].lower_.strip(".") not in HONORIFICS):
            title_toks.append(name_toks[0])
        name_toks = name_toks[1:]
    if name_toks and _owns_the_rest(name_toks):  # the whole title: 'Attorney General's Office'
        while name_toks[0].i > np[0].i and h.doc[name_toks[0].i - 1].pos_ == "PROPN":
            name_toks = [h.doc[name_toks[0].i - 1], *name_toks]
    after: list[Token] = []
    while len(name_toks) > 1 and name_toks[-1].text in _POST_NOMINALS and _person_before(name_toks[:-1]):
        after.insert(0, name_toks.pop())  # 'Alan Fenwick MP', 'Sarah Gilbert DBE FRS' (not 'Kent FRS', 'Labour MP')
    name = _clean_name("".join(t.text_with_ws for t in name_toks)) if name_toks else ""
    if name_toks and name_toks[0].i > np[0].i:
        skip = {d.i for t in np if t.dep_ in ("advmod", "cc", "preconj", "predet") for d in t.subtree}
        prefix = [t for t in np if t.i < name_toks[0].i and t.i not in skip
                  and t.lower_.strip(".") not in HONORIFICS]
    else:
        prefix = title_toks
    # (a title and a description: 'Lt. Col. Ana Ruiz, a spokeswoman for the army': both, for 'the
    # spokeswoman said' later)
    role = ", ".join(r for r in (_role_text(prefix), appos_text) if r) or _role_text(after) or None
    if role:
        role = re.sub(r"\s+([,.’'])", r"\1", role).strip(" ,") or None
    if not name or not valid_name(name):
        return Subject(None, role if name_toks else None, None, None, phrase, questioner)
    if label is None or (label == "ORG" and title_toks and ent is not None and title_toks[0] in ent
                         and person_after_title([title_toks[0], *name_toks])):
        # ('Councillor Brita Lunde': the tagger may make a title and a name one organisation; an
        # organisation has no title)
        label = "PERSON" if len(name.split()) >= 2 else None
    return Subject(name, role, label, None, phrase, questioner)


# roles and forms of address written capitalised before a surname ('Coach Lund', 'Father Okafor')
_ROLES_BEFORE_NAMES = frozenset("""coach pastor father brother sister mother doctor manager premier prosecutor
solicitor auditor elder auntie aunt uncle regent police nurse teacher principal dean chef trooper sheriff agent
inspector detective constable superintendent reverend corporal private sergeant lieutenant cousin grandma grandpa
granny nana skipper captain officer professor judge warden bishop deacon imam rabbi""".split())


def occupation_opens(words: Sequence[str]) -> bool:
    """Whether an occupation opens words that go on with a name of two words or more ('Lawmaker Ana Lisk')."""
    return len(words) >= 3 and (words[0].lower() in OCCUPATIONS or words[0].lower() in _PARTIES_BEFORE_NAMES)


def _occupation_before_name(name_toks: list[Token], label: str | None) -> bool:
    """A capitalised occupation opening a person's name of two words or more ('Lawmaker Ana Lisk')."""
    # (the tagger may take the words for a firm: 'Campaigner Beatrice Oyelowo-Finch', but not 'Farmer
    # Brothers Ltd')
    person = label in ("PERSON", None) or (label == "ORG" and name_toks[0].lower_ in OCCUPATIONS and not any(
        t.lower_.strip(".") in ORG_NAME_WORDS | FIRM_SUFFIXES | ORG_HEADS for t in name_toks))
    return (person and occupation_opens([t.text for t in name_toks if not _name_hyphen(t)])
            and all((t.pos_ == "PROPN" and t.text[:1].isupper()) or _name_hyphen(t) for t in name_toks[1:]))


def _acronym(appos: Token) -> bool:
    """'(RTA)' after a body's name: its short form, no role."""
    doc = appos.doc
    return (appos.text.isupper() and appos.is_alpha and len(appos.text) >= 2 and len(list(appos.subtree)) == 1
            and 0 < appos.i < len(doc) - 1 and doc[appos.i - 1].text == "(" and doc[appos.i + 1].text == ")")


def _joined_body(h: Token) -> list[Token] | None:
    """'Roads and Transport Authority', 'Health and Safety Executive', 'Ministry of Housing and Local
    Government' read as 'Roads' and its conjunct: the run of capitalised words joined by 'and' up to a
    word that ends an organisation's name is one name."""
    if not h.text[:1].isupper() or h.ent_type_ == "PERSON":
        return None
    conj = next((c for c in h.rights if c.dep_ == "conj"), None)
    if conj is None or conj.lower_ not in ORG_NAME_WORDS | {"executive"} or not conj.text[:1].isupper():
        return None
    run = list(h.doc[h.i:conj.i + 1])
    if sum(t.lower_ == "and" for t in run) != 1 or not all(t.text[:1].isupper() or t.lower_ in ("and", "&")
                                                          for t in run):
        return None
    start = h.i
    while start > 0 and h.doc[start - 1].dep_ == "compound" and h.doc[start - 1].text[:1].isupper() \
            and not is_title_word(h.doc[start - 1].text):
        start -= 1
    return list(h.doc[start:conj.i + 1])


def _owned_office_holder(h: Token) -> tuple[Token, Token] | None:
    """"The Association of Northern States' foreign policy chief, Ingrid Vasquez-Lund,": in the subject's
    phrase, a role noun with an owner before it, then a person's name set off by commas that the parse
    hangs from the subject or the role: (the role noun, the name's head); else None."""
    doc = h.doc
    comma = next((t.i for t in doc[h.i + 1:h.right_edge.i + 1] if t.text == ","), None)
    if comma is None or comma < 2 or comma + 2 >= len(doc):
        return None
    office = doc[comma - 1]
    holder = doc[comma + 1].head
    name = [t for t in doc[comma + 1:holder.i + 1]]
    if (office.lower_ not in ROLE_NOUNS and not is_title_word(office.text)) or office not in h.subtree or not (
            holder.dep_ == "appos" and holder.head in (h, office) and holder.ent_type_ == "PERSON"
            and all(t.ent_type_ == "PERSON" for t in name) and holder.i + 1 < len(doc)
            and doc[holder.i + 1].text == ","):
        return None
    owned = any(t.dep_ == "poss" or t.tag_ == "POS" for t in doc[h.i:office.i])
    return (office, holder) if owned else None


def _name_opening(name_toks: list[Token], start: int) -> list[Token]:
    """The opening of a person's name the tagger left out of the part it tagged (`name_toks`), from
    `start` on: compounds of it that are particles ('van der'), in a person's name the tagger found
    ('Lucia van'), or, before a double-barrelled surname ("O'Rourke-Mensah"), capitalised proper nouns;
    never a title or an occupation ('Mayor', 'Headteacher'). Only before a name with a particle or a
    hyphen: 'Harbour Holdings', 'Rovers' are no one's."""
    doc = name_toks[0].doc
    if not any(t.lower_ in NAME_PARTICLES or _name_hyphen(t) for t in doc[max(start, name_toks[0].i - 3):
                                                                        name_toks[-1].i + 1]):
        return []
    if is_title_word(name_toks[0].text) or name_toks[0].lower_ in OCCUPATIONS:
        return []  # (the tagged part opens with a title: 'State' | 'Treasurer Miriam Feldstein-Ruiz')
    k = name_toks[0].i
    double = any(_name_hyphen(t) for t in name_toks)
    given = 0  # given names taken on the shape of the name alone
    while k - 1 >= start:
        prev = doc[k - 1]
        if prev.dep_ != "compound" or prev.head.i < k or is_title_word(prev.text) or (
                prev.lower_ in OCCUPATIONS | ROLE_NOUNS | _ROLES_BEFORE_NAMES):
            break
        particle = doc[k].lower_ in NAME_PARTICLES  # (a given name before particles: 'Odile de la Roche')
        if not (prev.lower_ in NAME_PARTICLES or (prev.ent_type_ == "PERSON" and prev.text[:1].isupper()) or (
                (double or particle) and prev.pos_ == "PROPN" and prev.is_title and not prev.ent_type_)):
            break
        if prev.lower_ not in NAME_PARTICLES and prev.ent_type_ != "PERSON" and prev.lower_ not in GIVEN_NAMES:
            # one unknown given name at most, and none with a role's ending ('City Controller', 'Operator')
            if given or prev.lower_.endswith(PERSON_SUFFIXES):
                break
            given += 1
        k -= 1
    opening = list(doc[k:name_toks[0].i])
    return opening if any(t.text[:1].isupper() for t in opening) else []


def _first_name_before(t: Token, start: int, ent: Span | None = None) -> Token | None:
    """The capitalised word right before a one-word name that the tagger left out of it ('principal
    Ana Reyes', 'Apple chief Tim Cook'; with `ent`, a given name the tagger left out of a longer name,
    'Omer Siddig Hassan'): a proper noun compounded with the name, in no entity of its own, no title
    and no particle."""
    if t.i - 1 < start:
        return None
    prev = t.doc[t.i - 1]
    if (prev.pos_ == "PROPN" and prev.dep_ == "compound" and (prev.head == t or (ent is not None and prev.head in ent))
            and prev.is_title and prev.is_alpha
            and not prev.ent_type_ and not is_title_word(prev.text) and not is_title_word(prev.text[:-1])
            and prev.lower_ not in NOT_NAMES | ROLE_NOUNS | _ROLES_BEFORE_NAMES):
        # (nor a title's plural, 'Professors Foner and Alba', nor a role written before names, 'Coach Lund')
        return prev
    return None


def _owns_the_rest(name_toks: list[Token]) -> bool:
    """'Attorney General's Office': titles that own the rest of the name are part of it."""
    k = next((k for k, t in enumerate(name_toks) if not _is_title(t)), len(name_toks))
    return k < len(name_toks) and name_toks[k].dep_ == "case"


def _name_hyphen(t: Token) -> bool:
    """The hyphen of a double-barrelled name ('Lopez-Hart'): no space either side, capitals both sides."""
    doc = t.doc
    return (t.text == "-" and not t.whitespace_ and 0 < t.i < len(doc) - 1 and not doc[t.i - 1].whitespace_
            and doc[t.i - 1].text[:1].isupper() and doc[t.i + 1].text[:1].isupper())


def _spaced_dash(t: Token) -> bool:
    """'the Water Board - before and after the flood - criticized': a dash with spaces on both
    sides after the name's head opens an aside, never part of a name (hyphenated names are written
    without spaces)."""
    return t.text in _DASHES and bool(t.whitespace_) and t.i > 0 and bool(t.doc[t.i - 1].whitespace_)


_DASHES = frozenset({"-", "--", "–", "—"})


def _name_after_phrase(h: Token) -> Token | None:
    """'His former partner at Lenox, Lawrence Cummins, said': the parse hangs the name set beside
    the subject from the last noun of its prepositional phrase. A person's name there, beside the name
    of a firm or place or of someone already named in full, is the subject's ('an aide to the governor,
    Anna Holt,' is the governor's)."""
    for prep in (c for c in h.rights if c.dep_ == "prep"):
        for pobj in (c for c in prep.children if c.dep_ == "pobj" and (c.ent_type_ != "PERSON" or _named_already(c))
                     and not _may_be_a_person(c)):
            named = next((c for c in pobj.rights if c.dep_ == "appos" and c.ent_type_ == "PERSON"), None)
            if named is not None:
                return named
    return None


def _set_off_name(appos: Token) -> bool:
    """'a United Nations spokeswoman, Fatou Diallo, said', where the tagger made the name a firm's: two or
    three capitalised words after a comma and up to a comma or the end, none a word that ends an
    organisation's name, are a person's."""
    words = list(appos.subtree)
    doc = appos.doc
    return (2 <= len(words) <= 3 and all(t.pos_ == "PROPN" and t.is_title and t.is_alpha for t in words)
            and not any(t.lower_ in ORG_NAME_WORDS for t in words) and words[0].i > 0
            and doc[words[0].i - 1].text == "," and (words[-1].i + 1 == len(doc) or doc[words[-1].i + 1].text in ",.;"))


def _named_already(noun: Token) -> bool:
    """'a spokeswoman for Arkady Demidenko, Olga Stepanova,', 'for Senator Ruiz, Tom Vell,': a person
    named in full, or with a title, needs no name set beside them; the name is someone else's."""
    left = [t for t in noun.subtree if t.i < noun.i and t.dep_ == "compound"]
    return noun.pos_ == "PROPN" and (any(t.ent_type_ == "PERSON" for t in left) or any(is_title_word(t.text)
                                                                                     for t in left))


def _may_be_a_person(noun: Token) -> bool:
    """'the governor', 'the singer': a common noun that may name the person the name beside it is."""
    word = noun.lower_
    return noun.pos_ != "PROPN" and (is_title_word(word) or word in ROLE_NOUNS or word.endswith(
        PERSON_SUFFIXES))


def _with_appos_name(appos: Token, np: list[Token], phrase: str, questioner: bool) -> Subject:
    """'the company's chief, Jane Roe, said': the name sits in the apposition."""
    inner = subject_from_token(appos)
    if inner.name is None:
        return Subject(None, None, None, None, phrase, questioner)
    return Subject(inner.name, inner.role or _role_text(np) or None,
                   inner.label, None, phrase, questioner)

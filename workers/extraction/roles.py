"""Role references ("the Vermont senator said") resolved through how the article introduced people.

News copy introduces a person once with a title, party and state ("Sen. Bernie Sanders (I-Vt.)",
"Republican presidential nominee Donald Trump", "Mike Pence, the Indiana governor,") and later
refers to them by role alone. Each person mention leaves its descriptor words (titles before
the name, an apposition, a party-state tag after it); a role reference resolves to the one person
whose descriptors hold every word of the reference, role noun included. Synonyms are folded
("GOP" = "Republican", "Sen." = "senator", "Vt." = "Vermont"). No unique person: no speaker.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence

from spacy.tokens import Doc, Span, Token

from .lexicon import (
    DOCUMENTS,
    FIRM_NOUNS,
    OCCUPATIONS,
    PARTY_NOUNS,
    PERSON_SUFFIXES,
    PERSON_WORDS,
    TITLE_ABBREVIATIONS,
    is_title_word,
)
from .names import DEMONYMS

# countries by their names' folded form ('russia'): a country's title is its holder's own ("Russia's envoy")
COUNTRIES = frozenset(DEMONYMS.values())

# words folded to one form before comparing
_SYNONYMS = {
    "gop": "republican", "republicans": "republican", "democrat": "democratic", "democrats": "democratic",
    "dem": "democratic", "sen": "senator", "senators": "senator", "gov": "governor", "rep": "representative",
    "congressman": "representative", "congresswoman": "representative",
    "pres": "president", "ceo": "chief executive", "sgt": "sergeant", "insp": "inspector", "det": "detective",
    "supt": "superintendent", "lawmakers": "lawmaker", "sec": "secretary", "atty": "attorney", "gen": "general",
    "lt": "lieutenant", "candidate": "nominee",
}
_STATES = {
    "ala": "alabama", "al": "alabama", "alaska": "alaska", "ak": "alaska", "ariz": "arizona", "az": "arizona",
    "ark": "arkansas", "ar": "arkansas", "calif": "california", "ca": "california", "colo": "colorado",
    "co": "colorado", "conn": "connecticut", "ct": "connecticut", "del": "delaware", "de": "delaware",
    "fla": "florida", "fl": "florida", "ga": "georgia", "hawaii": "hawaii", "hi": "hawaii", "idaho": "idaho",
    "id": "idaho", "ill": "illinois", "il": "illinois", "ind": "indiana", "in": "indiana", "iowa": "iowa",
    "ia": "iowa", "kan": "kansas", "ks": "kansas", "ky": "kentucky", "la": "louisiana", "maine": "maine",
    "me": "maine", "md": "maryland", "mass": "massachusetts", "ma": "massachusetts", "mich": "michigan",
    "mi": "michigan", "minn": "minnesota", "mn": "minnesota", "miss": "mississippi", "ms": "mississippi",
    "mo": "missouri", "mont": "montana", "mt": "montana", "neb": "nebraska", "ne": "nebraska", "nev": "nevada",
    "nv": "nevada", "nh": "new hampshire", "nj": "new jersey", "nm": "new mexico", "ny": "new york",
    "nc": "north carolina", "nd": "north dakota", "ohio": "ohio", "oh": "ohio", "okla": "oklahoma",
    "ok": "oklahoma", "ore": "oregon", "or": "oregon", "pa": "pennsylvania", "ri": "rhode island",
    "sc": "south carolina", "sd": "south dakota", "tenn": "tennessee", "tn": "tennessee", "texas": "texas",
    "tx": "texas", "utah": "utah", "ut": "utah", "vt": "vermont", "va": "virginia", "wash": "washington",
    "wa": "washington", "wva": "west virginia", "wv": "west virginia", "wis": "wisconsin", "wi": "wisconsin",
    "wyo": "wyoming", "wy": "wyoming",
}
_PARTIES = {"r": "republican", "d": "democratic", "i": "independent"}
# "(D-Calif.)", "(R-S.C.)", "(I-Vt.)" right after a name
_PARTY_STATE = re.compile(r"\s*\(\s*([DRI])\s*[-–]\s*([A-Z][A-Za-z. ]{0,14}?)\.?\s*\)")
# words that say nothing about who is meant
_FILLER = frozenset({"the", "a", "an", "this", "that", "of", "and", "for", "in", "u", "s", "us", "his", "her", "its",
                     "their", "then", "now", "current", "new", "who"})
# words that make a different office: 'the Democratic presidential nominee' is not the vice presidential one
RANK_WORDS = frozenset({"vice", "deputy", "assistant", "lieutenant", "former", "acting", "associate", "under",
                        "co", "ex", "junior", "senior"})
# a reference must name a role: the last word of "the Vermont senator", "the GOP nominee"
ROLE_NOUNS = frozenset({
    "senator", "representative", "governor", "nominee", "president", "secretary", "mayor", "businessman",
    "businesswoman", "chairman", "chairwoman", "chair", "leader", "speaker", "minister", "spokesman",
    "spokeswoman", "director", "attorney", "general", "judge", "justice", "ambassador", "chief", "founder",
    "executive", "lady", "candidate", "mogul", "billionaire", "commissioner", "official", "adviser", "advisor",
    "bishop", "archbishop", "archdeacon", "cardinal", "rabbi", "imam", "pastor", "priest", "emir", "sultan", "king",
    "queen", "prince", "princess", "chancellor", "premier", "marshal", "sheriff",
})
# nouns for a person: what only a person is (lexicon.PERSON_WORDS) and the roles a reference names
PERSON_NOUNS = PERSON_WORDS | ROLE_NOUNS


# A reference by kind ('the diplomat said') fits a person the article gave any one of these titles (every
# word of one alternative), rank or not: TASS calls a deputy foreign minister 'the diplomat'. A former
# holder is no fit ('the envoy' is not the former ambassador).
_KINDS: dict[str, tuple[frozenset[str], ...]] = {kind: tuple(frozenset(alt.split()) for alt in alts.split(","))
                                                 for kind, alts in {
    "diplomat": "diplomat,ambassador,envoy,consul,charge daffaires,foreign minister,foreign ministry,"
                "foreign secretary,foreign office,foreign affairs minister",
    "envoy": "envoy,ambassador,special representative,permanent representative",
    "leader": "leader,president,prime minister,emir,sultan",
    "lawmaker": "lawmaker,legislator,representative,senator,mp,mep,msp,mla,duma,assemblyman,assemblywoman",
    "officer": "officer,sergeant,constable,detective,dci,sheriff,trooper,policeman,policewoman,police inspector",
    "detective": "detective,dci",
    "lawyer": "lawyer,attorney,solicitor,barrister,counsel",
    "judge": "judge,magistrate,chief justice,supreme court",
    "executive": "executive,cfo,coo",
    "spokesperson": "spokesperson,spokesman,spokeswoman,press secretary",
    "prosecutor": "prosecutor,district attorney,assistant attorney,state attorney,crown prosecutor,procurator",
    "doctor": "doctor,dr,physician,surgeon,pediatrician,paediatrician,gp",
    "manager": "manager,boss,coach",
    "coach": "coach",
    "banker": "banker,bank governor,central bank",
    "senator": "senator,federation council",
    "mp": "mp,duma,member parliament",
    "expert": "expert,analyst",
    "analyst": "analyst,expert",
}.items()}
# kinds of which a deputy is not one: 'the leader' is not the deputy prime minister, 'the manager' not his
# assistant
_RANKED_KINDS = frozenset({"leader", "manager", "coach", "executive", "judge", "envoy"})


def fold(words: Iterable[str]) -> set[str]:
    """Lower-cased content words with synonyms, state abbreviations and multi-word states folded."""
    out: set[str] = set()
    for word in words:
        # ('Chargé': 'charge'; "Russia's": 'russia')
        w = re.sub(r"[^a-z]", "", unicodedata.normalize("NFKD", re.sub(r"['’]s$", "", word.lower())))
        if not w or w in _FILLER:
            continue
        w = _SYNONYMS.get(w, DEMONYMS.get(w, w))  # ('the Russian diplomat' is Russia's ambassador)
        # 'Vt.', 'Calif.': AP abbreviations carry a period; a bare 'Miss' or 'LA' is not a state
        state = _STATES.get(w) if word[:1].isupper() and (word.endswith(".") or len(w) > 4) else None
        out.update((state or w).split())
    return out


def _party_state(text: str) -> set[str]:
    """Party and state words of a '(D-Calif.)' tag at the start of `text`."""
    m = _PARTY_STATE.match(text)
    if not m:
        return set()
    state = re.sub(r"[^a-z]", "", m.group(2).lower())
    return {_PARTIES[m.group(1).lower()], *_STATES.get(state, state).split()}


# how a title's words hang on the name: 'Republican presidential nominee Donald Trump', 'Secretary of State X'
_MODIFIER_DEPS = frozenset({"compound", "amod", "nmod", "npadvmod", "nummod", "prep", "pobj", "det"})


def _closed(apposition: Token) -> bool:
    """Whether an apposition after a name is closed, as one is, and not the subject of the verb right
    after it ('After meeting the union leader, Dan Korvel, the minister admitted ...': the parse made
    'the minister' an apposition of the name); a time or manner after it may leave it open ('Police
    arrested Karl Rask, the suspect's brother on Sunday')."""
    doc, after = apposition.doc, apposition.right_edge.i + 1
    while after < apposition.sent.end and doc[after].pos_ in ("ADV", "PART") and doc[after].dep_ in (
            "advmod", "neg"):
        after += 1  # ('..., the minister privately admitted')
    return after >= apposition.sent.end or doc[after].pos_ not in ("VERB", "AUX")


def _descriptor_words(ent: Span) -> list[str]:
    """Titles and modifiers before a PERSON entity, and the words of an apposition next to it."""
    doc, root = ent.doc, ent.root
    low = max(0, ent.start - 8)
    words: list[str] = []
    for k in range(ent.start - 1, low - 1, -1):  # (not across 'and', a comma or someone else's name)
        if doc[k].dep_ == "cc" or (doc[k].is_punct and doc[k].text != ".") or doc[k].ent_type_ == "PERSON":
            low = k + 1
            break
    for tok in doc[low:ent.start]:  # 'Republican presidential nominee', 'Indiana Gov.', 'Secretary of State'
        t = tok
        for _ in range(8):
            if ent.start <= t.i < ent.end or t.dep_ not in _MODIFIER_DEPS or not low <= t.head.i < ent.end:
                break
            t = t.head
        if ent.start <= t.i < ent.end and tok.pos_ in ("NOUN", "PROPN", "ADJ", "NUM"):
            words.append(tok.text)
    for child in root.children:  # 'Mike Pence, the Indiana governor,' (not 'the governor's wife': his title)
        if child.dep_ == "appos" and child.i > root.i and _closed(child):
            owned = {t.i for g in child.subtree if g.dep_ == "poss" and g.lower_ not in COUNTRIES
                     for t in g.subtree}  # (a country's is the person's own: "Ukraine's ambassador")
            words += [t.text for t in child.subtree if not t.is_punct and t.i not in owned]
    if root.dep_ == "appos" and root.head.i < ent.start:  # 'the Indiana governor, Mike Pence,'
        words += [t.text for t in root.head.subtree if t.i < ent.start and not t.is_punct]
    return words


def _descriptor_heads(ent: Span) -> list[str]:
    """The head words of a PERSON entity's descriptors: of a title right before it ('Investor relations
    director Tim Ng': 'director'), of an apposition beside it ('Lisa Morrow, an economist at Brill':
    'economist'; 'Tim Ng, head of investor relations': 'head')."""
    doc, root = ent.doc, ent.root
    out = []
    if ent.start > 0 and doc[ent.start - 1].head.i in range(ent.start, ent.end) and doc[ent.start - 1].pos_ in (
            "NOUN", "PROPN"):
        start = ent.start - 1  # the title before the name, to a comma, 'and' or someone else's name
        while start > max(0, ent.start - 8) and not (doc[start - 1].is_punct or doc[start - 1].dep_ == "cc"
                                                     or doc[start - 1].ent_type_ == "PERSON"):
            start -= 1
        out.append(role_head(doc[start:ent.start].text))  # ('Chairman of the State Border Committee': 'Chairman')
    out += [c.text for c in root.children if c.dep_ == "appos" and c.i > root.i and _closed(c)]
    if root.dep_ == "appos" and root.head.i < ent.start:
        out.append(root.head.text)
    return out


def heads(words: Iterable[str]) -> set[str]:
    """Markers of a descriptor's head words ('head:economist'), which a reference by occupation must fit:
    'the investor' is not the head of investor relations."""
    return {f"head:{w}" for w in fold(words)}


def role_head(role: str) -> str:
    """The head word of a role as written: its last word before a preposition, a relative clause or a
    second role ('Chief Executive of the National Trust': 'Executive'; 'actress who plays Queen Ada':
    'actress')."""
    words = re.split(r"\s+(?:of|for|at|in|to|from|on|with|who|whose|which|that|and)\s+|[,;(]", own_title(role).strip(),
                     maxsplit=1)[0].split()
    return words[-1] if words else ""


def person_descriptors(docs: Sequence[Doc]) -> dict[str, list[frozenset[str]]]:
    """Per PERSON entity text, the descriptor words of each of its mentions."""
    out: dict[str, list[frozenset[str]]] = {}
    for doc in docs:
        text = doc.text  # (spaCy joins the tokens' text anew on each access)
        for ent in doc.ents:
            after = text[ent.end_char:ent.end_char + 24]
            if ent.label_ != "PERSON":  # (the tagger takes some names for firms: 'Arno Vell, 19, was ...')
                if ent.label_ == "ORG" and _person_shaped(ent) and (age := _age(after)):
                    out.setdefault(ent.text, []).append(frozenset(age))
                continue
            words = fold(_descriptor_words(ent)) | _party_state(after) | _age(after) | heads(_descriptor_heads(ent))
            if words:
                out.setdefault(ent.text, []).append(frozenset(words))
    return out


# lower-case words that belong to a title written before a name ('Democratic presidential nominee X')
_TITLE_LOWER = ROLE_NOUNS | RANK_WORDS | frozenset({"presidential", "state", "party", "federal", "general", "of"})


def text_descriptors(text: str, names: Iterable[str]) -> dict[str, list[frozenset[str]]]:
    """Descriptors of names wherever the text writes them, parsed or not (the tagger misses some names,
    and paragraphs without speech, often where a person is introduced, are not parsed): the title words
    right before the name, a party-state tag or an age after it, and an apposition beside it."""
    out: dict[str, list[frozenset[str]]] = {}
    wanted = sorted({n for n in names if len(n.split()) >= 2}, key=len, reverse=True)
    for name in wanted:
        for m in re.finditer(re.escape(name), text):
            before = re.split(r"[,;:()\"“”—]", text[max(0, m.start() - 80):m.start()])[-1].split()
            title: list[str] = []
            for word in reversed(before):
                bare = word.lower().strip(".")
                if word.endswith(".") and not is_title_word(word) and bare not in _STATES:
                    break  # the end of the sentence before: 'Gov. Phil Scott of Vermont. Senator X'
                if not (word[:1].isupper() or bare in _TITLE_LOWER):
                    break
                title.append(word)
            after = text[m.end():m.end() + 24]
            of_body = [w.lower() for w in before[:len(before) - len(title)][-2:]] in (["of", "the"], ["the"])
            head = [] if of_body else [role_head(" ".join(reversed(title)))]  # (not 'Committee' of 'Chairman
            # of the State Border Committee')
            words = (fold(title) | heads(head) | _party_state(after) | _age(after)
                     | _apposition(text, m.start(), m.end()))
            if words:
                out.setdefault(name, []).append(frozenset(words))
    return out


# ', the Unity Party nominee,' after a name, or 'the Unity Party nominee, ' before it
_APPOSITION_AFTER = re.compile(r",\s+((?:the|a|an)\s+[^,;:()\"“”—.]{1,60}?)\s*[,.]")
_APPOSITION_BEFORE = re.compile(r"(?:^|[.;:]\s+|,\s+)((?:[Tt]he|[Aa]n?)\s+[^,;:()\"“”—.]{1,60}?),\s+$")
# a role noun after one of these heads a complement, not the phrase: 'a friend of the commissioner'
_NOT_HEADED = frozenset({"of", "for", "to", "with", "from", "at", "by", "on", "in", "who", "whose", "which", "that",
                         "and", "or"})


# ', Deputy Chairman of the State Duma Committee on Defence,' after a name: a title, capitalised, with its body
_TITLE_AFTER = re.compile(r",\s+((?:[A-Z][\w.'’-]*\s+){0,3}?[A-Z][\w.'’-]*"
                          r"(?:\s+(?:of|for|on|to|in|the|and|[A-Z][\w.'’-]*)){0,10}?)\s*[,.]")


# a role someone was given, right after the name: 'was elected chairman', 'has been named the new coach'
_MADE_ROLE = re.compile(r"\s+(?:was|is|has been|had been|will be)\s+(?:(?:elected|named|appointed|chosen|"
                        r"made|sworn in)(?:\s+as)?|promoted to)\s+(?:the\s+|its\s+|their\s+|new\s+)*"
                        r"((?:[A-Za-z-]+\s+){0,2}?[A-Za-z-]+)(?=\s+(?:of|for|on|in|at|by)\b|\s*[,.;]|\s+(?:last|this|on)\b)")


def _apposition(chunk: str, start: int, end: int) -> set[str]:
    """Descriptor words of a role phrase set beside a name with commas, when a role noun heads it, of a
    capitalised title set after it, or of a role the name was given ('was elected chairman')."""
    out: set[str] = set()
    for m in (_APPOSITION_AFTER.match(chunk, end), _APPOSITION_BEFORE.search(chunk[max(0, start - 80):start])):
        if m is not None:
            words = own_title(m.group(1)).split()  # (not 'the striker' of ", the striker's spokesman,")
            if fold(words[-1:]) & ROLE_NOUNS and not _NOT_HEADED & {w.lower() for w in words}:
                out |= fold(words) | heads(words[-1:])
    if (m := _MADE_ROLE.match(chunk, end)) is not None:  # 'Kwabena Owusu was elected chairman of the party'
        words = m.group(1).split()
        if fold(words[-1:]) & ROLE_NOUNS:
            out |= fold(words) | heads(words[-1:])
    if (m := _TITLE_AFTER.match(chunk, end)) is not None and not re.search(r"['’]s?\b", m.group(1)) and not (
            chunk[m.end(1):m.end(1) + 1] == "." and m.group(1).split()[-1].lower() in TITLE_ABBREVIATIONS):
        # (not someone else's title: ', President Vell's Chief of Staff,'; nor ', Dr.' before a name)
        words = m.group(1).split()
        head = next((w for w in words if w.lower() not in RANK_WORDS | {"first", "second"}), "")
        if is_title_word(head) or head.lower() in ROLE_NOUNS:
            out |= fold(words) | heads([head])
    return out


# an age set beside a name in AP style: 'Arno Vell, 19, was arrested', '... and his son, Arno Vell, 19.'
# (not a score: 'Orde Rovers, 19, points clear')
_AGE_AFTER = re.compile(r",\s*(\d{1,3})(?:,(?!\s*(?:points?|goals?|runs?|games?|seats?|votes?|percent|per)\b)"
                        r"|[.;](?!\d))")
# a reference by age, the whole phrase: 'the 19-year-old', 'the 54-year-old mother of two' (not 'the
# 19-year-old's lawyer': someone else)
_AGE_REFERENCE = re.compile(r"(?i)the\s+(\d{1,3})-year-old(?:\s+(?!(?:and|or|nor|with)\b)[a-z]+){0,4}\s*\Z")


def _age(after: str) -> set[str]:
    """The age word ('age:19') of an age right after a name."""
    m = _AGE_AFTER.match(after)
    return {f"age:{int(m.group(1))}"} if m else set()


def _person_shaped(ent: Span) -> bool:
    """Two or three capitalised words, as a person's name the tagger took for a firm's ('Arno Vell')."""
    return 2 <= len(ent) <= 3 and all(t.is_alpha and t.is_title for t in ent)


def _age_mentions(text: str, age: int) -> int:
    """How many times the article gives someone that age, named or not: 'Vell, 19,', 'Brin, aged 19',
    'Brin (19)', 'also 19', 'both 19', '19-year-old Ida Brin', 'a 19-year-old woman'. A reference
    ('the 19-year-old said') is none, and so is an unnamed person before anyone of that age is named:
    wire copy names the 'A 34-year-old nurse' of its lead later ('Teresa Colfax, 34,')."""
    n = rf"0*{age}"
    named = [m.start() for m in re.finditer(
        rf",\s*(?:aged\s+|also\s+|both\s+)?{n}\s*[,;.)]|\(\s*{n}\s*\)|\baged\s+{n}\b|\b{n}-year-old\s+[A-Z]", text)]
    unnamed = [(m.start(), m.group(1).lower()) for m in re.finditer(
        rf"\b(?i:(a|an|another|one|two|three))\s+{n}-year-olds?\b", text)]
    first = min(named, default=len(text))
    return len(named) + sum(1 for at, word in unnamed if at > first or word in ("another", "two", "three"))


def own_title(role: str) -> str:
    """The holder's own title in a role written with a possessive: 'chief of staff' of "President Vell's
    chief of staff"; a country's stays ("Ukraine's ambassador": the holder's own country)."""
    owner = re.match(r"(.*?)['’]s?\s+(.*)", role)
    return owner.group(2) if owner is not None and owner.group(1).lower() not in COUNTRIES else role


def resolve_role(phrase: str, descriptors: dict[str, list[frozenset[str]]], text: str = "",
                 by_kind: bool = True) -> str | None:
    """The one person introduced somewhere in the article with every word of a role reference
    (and no rank word the reference lacks: 'vice', 'former', 'deputy'), else None. A reference by
    age is to the one person whose age the article gave ('Arno Vell, 19, ...'; 'the 19-year-old'),
    where it gave nobody else that age, named or not ('a 19-year-old woman was also held')."""
    if (age := _AGE_REFERENCE.match(phrase.strip())) is not None:
        wanted = {f"age:{int(age.group(1))}"}
        hits = [name for name, mentions in descriptors.items() if any(wanted <= have for have in mentions)]
        return hits[0] if len(hits) == 1 and _age_mentions(text, int(age.group(1))) == 1 else None
    hits = role_holders(phrase, descriptors, by_kind)
    return hits[0] if len(hits) == 1 else None


def occupation_reference(phrase: str) -> bool:
    """Whether a reference names someone by what they are ('the economist', 'the neurologist', 'the
    striker'), not by a title, a party or an age ('the senator', 'the Democrat', 'the 54-year-old
    mother'): it must fit the head of that person's descriptor."""
    noun = fold(phrase.split()[-1:])
    titled = noun & (ROLE_NOUNS | PARTY_NOUNS | _KINDS.keys())
    return bool(noun) and all(_person_noun(w) for w in noun) and not titled and (
        _AGE_REFERENCE.match(phrase.strip()) is None)


def _person_noun(word: str) -> bool:
    """A noun for what a person is: an occupation, or a word shaped like one ('neurologist', 'skipper',
    'custodian'), not a firm's ('the carmaker') nor a document's."""
    return word in OCCUPATIONS or (word.endswith((*PERSON_SUFFIXES, "eur"))
                                   and word not in FIRM_NOUNS | DOCUMENTS and word != "committee")


# words of a reference that tell one holder from another ('vice', 'presidential', 'state', 'Republican',
# 'Vermont'); other lower-case words before its noun only colour it ('the veteran striker', 'the
# embattled chief executive') and need not be in the article's description of the person
_CHECKED_WORDS = frozenset(ROLE_NOUNS | PARTY_NOUNS | RANK_WORDS | _TITLE_LOWER | set("""former ex retired new
incoming outgoing interim caretaker previous current late future next then last first second third other same
fellow rival opposing elected designate ousted sacked fired departing local foreign""".split())
                           | {w for v in _STATES.values() for w in v.split()} | set(DEMONYMS.values()))


def role_holders(phrase: str, descriptors: dict[str, list[frozenset[str]]], by_kind: bool = True) -> list[str]:
    """Everyone the article described so that a role reference fits them: every word of it, with no rank
    word it lacks ('the Democratic presidential nominee' is not the vice presidential one); where nobody
    fits so and `by_kind`, by kind ('the diplomat': an ambassador, a foreign minister) with its other
    words ('the Russian diplomat'), where the reference has no qualifier this cannot check ('the U.S.
    diplomat')."""
    words = phrase.split()
    wanted = fold(words)
    noun = fold(words[-1:])
    if not wanted:
        return []
    if occupation_reference(phrase):  # the article's word for what that person is: its head, one person
        if any(w.endswith("s") and not w.endswith("ss") for w in noun):
            return []  # ('the residents')
        wanted = wanted | heads(words[-1:])
    elif not noun & (ROLE_NOUNS | PARTY_NOUNS | _KINDS.keys()):  # ('the Montana Republican'; not 'the book')
        return []
    def fitting(wanted: set[str]) -> list[str]:
        return [name for name, mentions in descriptors.items()
                if any(wanted <= have and not (have & RANK_WORDS) - wanted for have in mentions)]

    strict = fitting(wanted)
    qualifiers = [w for w in words[:-1] if w.lower() not in ("the", "a", "an", "this", "that")]
    loose = fold(w for w in qualifiers if w[:1].islower()) - _CHECKED_WORDS
    if not strict and loose and len(plain := fitting(wanted - loose)) == 1:
        return plain  # ('the veteran striker', 'the embattled chief executive': the one striker, chief executive)
    if strict or not by_kind or len(qualifiers) != len(fold(qualifiers)):
        return strict
    kinds = [alt for word in noun for alt in _KINDS.get(word, ())]
    ranked = bool(noun & _RANKED_KINDS)
    rest = wanted - noun

    def fits(have: frozenset[str]) -> bool:
        lacking = have - wanted
        return rest <= have and any(alt <= have for alt in kinds) and not lacking & (
            RANK_WORDS if ranked else {"former", "ex"})

    return [name for name, mentions in descriptors.items() if any(fits(have) for have in mentions)]

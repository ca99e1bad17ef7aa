"""The forms of a name an article uses: names and titles, full names in the parse (also where the tagger
missed them), and short forms in capitals spelled out or made of a name's initials."""
from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from spacy.tokens import Doc, Token

from .lexicon import NAME_PARTICLES, NOT_NAME_OPENERS, OCCUPATIONS, is_title_word, opens_with_title
from .names import NameTable, name_words
from .speakers import ORG_NAME_WORDS, _clean_name, occupation_opens, valid_name

_PLACE_WORDS = frozenset({"island", "islands", "league", "county", "city", "river", "bridge", "street", "square",
                          "university", "college", "school", "park", "airport", "station", "harbour", "harbor"})
# words of names that are no person's
NOT_PEOPLE_WORDS = ORG_NAME_WORDS | _PLACE_WORDS
# words of institutions that are no one's name ('the White House said')
NOT_SURNAMES = NOT_PEOPLE_WORDS | frozenset({"house", "senate", "congress", "parliament", "assembly", "army", "navy",
                                             "forces", "guard", "network", "federation", "republic", "kingdom"})


def without_titles(words: list[str]) -> list[str]:
    """A name's words without the titles and occupations that open it ('Senator Ana Lisk', 'Lawmaker Ana
    Lisk', 'Det Insp Mark Hollis')."""
    while words and (opens_with_title(words) or occupation_opens(words)):
        words = words[1:]
    return words


def person_name(entity_text: str) -> str | None:
    """A PERSON entity's text as a name: titles stripped, None if it is not one."""
    name = _clean_name(" ".join(without_titles(entity_text.split())))
    return name if name and valid_name(name) else None


def title_case_line(text: str, start: int, end: int) -> bool:
    """Whether the line holding text[start:end] is, outside it, written in title case, as headlines are:
    no lower-case word but little ones ('Campaign Of Harlan Voss Wins Vote'; not 'Maria Fernanda Castro
    Lima Souza met Kestrian President Ola Brandt'); a line of nothing else is one too."""
    line_end = text.find("\n", end)
    rest = text[text.rfind("\n", 0, start) + 1:start] + " " + text[end:line_end if line_end >= 0 else len(text)]
    return not any(w.islower() and w not in _LITTLE_WORDS for w in re.findall(r"[^\W\d_][\w'’-]*", rest))


_LITTLE_WORDS = frozenset("a an the of in on at to for by with from and or but as vs".split())


# capitalised words that open a sentence before a name, and are none of it
SENTENCE_OPENERS = NOT_NAME_OPENERS | frozenset("""Maybe Perhaps Even Still Only Now Just Indeed Instead Here There
Today Yesterday Tomorrow Later Earlier Next Last Finally Soon Already Again Nor Outside Inside Both Either Neither
Some Many Most Several Each Every All Any No Few Was Were Is Are Has Have Had Did Does Will Would Could Should Can
May Might This That These Those Our Their His Her Its My Your Who Which""".split())


def full_forms(docs: Sequence[Doc], names: Sequence[str], table: NameTable) -> list[str]:
    """Names written in full in the parsed paragraphs, also where the tagger missed them ('Transport
    Minister Anders Fjeldstad resigned', 'Fergus MacAllister and Hamish Drummond opened'), that hold a name
    a speaker goes by alone after the first ('Fjeldstad said', 'Echeverría told reporters') and that the
    article's other names (`table`) leave alone: the forms those speakers are known by in full. A name is
    a run of proper nouns (with particles and hyphens) outside a headline, less the titles and occupations
    that open it ('Transport Minister') and a nickname in quotation marks inside it ('Desmond "D-Ray"
    Achebe-Walters'); not one after 'of' or 'the' ('Chief of Staff Denis McDonough')."""
    alone = {" ".join(name_words(n)) for n in names if " " not in n.strip() and table.canonical(n) == n}
    out: list[str] = []
    for doc in docs if alone else ():
        for run in _proper_noun_runs(doc):
            before = doc[run[0].i - 1] if run[0].i else None
            if (before is not None and (before.is_lower or before.lower_ in ("the", "a") or before.is_quote)) or (
                    title_case_line(doc.text, run[0].idx, run[-1].idx)):
                continue  # (nor a title's words: '"The Rachel Maddow Show"')
            # (a place's or a body's words are no given names: 'Wilayat Twitter', 'Islamic State Twitter')
            last = next((e for e in doc.ents if e.start <= run[-1].i < e.end), None)  # ('Fergus McTavish': one firm)
            run = run[max((k + 1 for k, t in enumerate(run) if t.ent_type_ not in ("PERSON", "")
                           and not (last is not None and last.start <= t.i)), default=0):]
            while run and run[0].text in SENTENCE_OPENERS:
                run = run[1:]  # ('Outside Carrier', 'Maybe Donald Trump')
            words = [t.text for t in run]
            # (after the last title or occupation: 'Transport Minister Anders Fjeldstad')
            cut = max((k + 1 for k, w in enumerate(words[:-1]) if is_title_word(w) or w.lower() in OCCUPATIONS),
                      default=0)
            name = person_name(" ".join(words[cut:]).replace(" - ", "-"))
            if name and " " in name and any(f" {a} " in f" {' '.join(name_words(name)[1:])} " for a in alone):
                out.append(name)
    return out


def _proper_noun_runs(doc: Doc) -> Iterator[list[Token]]:
    """The runs of proper nouns in a parse: capitalised proper nouns (or words of a person's name), the
    particles and hyphens inside them, and no quoted nickname (a quotation of three words or fewer between
    two of them); none holding an owner's 's or a body's word."""
    run: list[Token] = []
    k = 0
    while k <= len(doc):
        t = doc[k] if k < len(doc) else None
        if t is not None and run and t.is_quote and not doc[k - 1].is_quote:
            close = next((j for j in range(k + 1, min(k + 5, len(doc))) if doc[j].is_quote), None)
            after = doc[close + 1] if close is not None and close + 1 < len(doc) else None
            if after is not None and after.pos_ == "PROPN" and after.is_title:
                k = after.i  # ('Desmond "D-Ray" Achebe-Walters')
                continue
        if t is not None and (((t.pos_ == "PROPN" or t.ent_type_ == "PERSON") and t.text[:1].isupper()
                               and not t.is_quote)
                              or (run and t.lower_ in NAME_PARTICLES)
                              or (run and t.tag_ == "HYPH" and not t.whitespace_ and not doc[k - 1].whitespace_)):
            run.append(t)
        else:
            if len(run) >= 2 and not any(w.lower_ in NOT_SURNAMES or w.text.endswith(("'s", "’s")) for w in run):
                yield run
            run = []
        k += 1


_SPELLED_OUT_RE = re.compile(r"\b((?:[A-Z][\w'’&.-]*\s+(?:(?:of|for|and|the|on|in|de)\s+)*){1,9})\(([A-Z]{2,7})\)")
_SMALL_WORDS = frozenset({"of", "for", "and", "the", "on", "in", "de", "&"})


def spelled_out(text: str) -> dict[str, str]:
    """Short forms the text spells out in brackets after a name ('the Global Health Alliance (GHA)'), to
    that name: where the initials of the name's words (its small words aside, or not) are the letters."""
    out: dict[str, str] = {}
    for m in _SPELLED_OUT_RE.finditer(text):
        words = m.group(1).split()
        short = m.group(2)
        for start in range(len(words)):  # (the name may start after other capitalised words: 'Last month
            name = words[start:]  # the Global Health Alliance (GHA)')
            if name[0].lower() in _SMALL_WORDS:
                continue
            initials = "".join(w[0] for w in name if w.lower() not in _SMALL_WORDS)
            every = "".join(w[0].upper() for w in name)
            if short in (initials, every):
                out.setdefault(short, " ".join(name))
                break
    return out


_CAPITALISED_RUN_RE = re.compile(r"\b[A-Z][\w'’&.-]*(?:\s+(?:(?:of|for|and|the|on|in|de)\s+)*[A-Z][\w'’&.-]*)+")


def initialism_of(text: str, short: str, before: int) -> str | None:
    """The one name written out before `before` whose words' initials (small words aside, or not) are
    `short`, a short form in capitals ('KFA': 'Kelvanian Football Association'); else None."""
    if not re.fullmatch(r"[A-Z]{2,7}", short or ""):
        return None
    found: set[str] = set()
    for m in _CAPITALISED_RUN_RE.finditer(text, 0, before):
        words = re.sub(r"(?:['’]s?|\.)$", "", m.group()).split()  # (not an owner's mark: 'the Associated Press’')
        for start in range(len(words) - 1):  # (any stretch of the run: 'the A Federation and the B Foundation')
            for end in range(len(words), start + 1, -1):
                name = words[start:end]
                if name[0].lower() in _SMALL_WORDS or name[-1].lower() in _SMALL_WORDS:
                    continue
                if short in ("".join(w[0] for w in name if w.lower() not in _SMALL_WORDS),
                             "".join(w[0].upper() for w in name)):
                    found.add(" ".join(name))
    return found.pop() if len(found) == 1 else None

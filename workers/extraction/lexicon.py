"""Word lists: verbs of saying, titles, honorifics, and the cheap paragraph prefilter."""
from __future__ import annotations

import re


def wordset(words: str) -> frozenset[str]:
    """A frozenset of the whitespace-separated words in a string."""
    return frozenset(words.split())

# Base forms of verbs that introduce speech (said, written, posted, announced ...).
SPEECH_VERBS = wordset("""
say tell add warn stress note argue write tweet post announce claim state explain insist
declare assert acknowledge admit reply respond suggest predict promise pledge vow urge
recall emphasize emphasise complain contend maintain concede confirm deny report allege
charge boast joke quip remark comment testify caution counter retort reiterate repeat
mention indicate reveal disclose estimate propose demand concede affirm lament observe
conclude point tout brag muse predict blast criticize criticise accuse proclaim recount
agree hint speculate signal vow threaten assure reassure inform advise announce recommend
continue ask wonder question elaborate shout yell rule
""")

# Verbs of saying that put a question, not a claim: statements only when the asker is no interviewer.
QUESTION_VERBS = frozenset({"ask", "wonder", "question"})

# Verbs that count as speech only when a quote follows a colon ("X continued:").
COLON_ONLY = frozenset({"continue"})

IRREGULAR = {
    "say": ("says", "said", "saying"),
    "tell": ("tells", "told", "telling"),
    "write": ("writes", "wrote", "written", "writing"),
    "speak": ("speaks", "spoke", "spoken", "speaking"),
    "shoot": ("shoots", "shot", "shooting"),
    "hit": ("hits", "hitting"),
}
DOUBLING = {"admit", "quip", "commit", "regret", "permit", "omit", "slam", "brag", "dub", "jab", "stab", "snap"}
# verbs in -l that British spelling doubles ('labelled', 'signalling'), beside the American forms
_BRITISH_DOUBLING = {"label", "signal", "cancel", "model", "travel", "level", "fuel"}


def forms(base: str) -> set[str]:
    """Inflected forms of a regular or listed irregular verb."""
    if base in IRREGULAR:
        return {base, *IRREGULAR[base]}
    forms = {base}
    if base.endswith("ee"):
        forms |= {base + "s", base + "d", base + "ing"}
    elif base.endswith("e"):
        forms |= {base + "s", base + "d", base[:-1] + "ing"}
    elif base.endswith("y") and base[-2] not in "aeiou":
        forms |= {base[:-1] + "ies", base[:-1] + "ied", base + "ing"}
    elif base.endswith(("s", "sh", "ch", "x", "z")):
        forms |= {base + "es", base + "ed", base + "ing"}
    elif base in DOUBLING:
        forms |= {base + "s", base + base[-1] + "ed", base + base[-1] + "ing"}
    else:
        forms |= {base + "s", base + "ed", base + "ing"}
    if base in _BRITISH_DOUBLING:
        forms |= {base + "led", base + "ling"}
    return forms


SPEECH_FORMS: dict[str, str] = {f: b for b in sorted(SPEECH_VERBS) for f in forms(b)}

# base form -> prepositions that introduce its content ("" = a direct object or infinitive suffices)
OBJECT_CUES: dict[str, tuple[str, ...]] = {
    "call": ("", "for", "on"), "describe": ("", "as"), "accuse": ("of",), "criticize": ("", "for"),
    "criticise": ("", "for"), "urge": ("",), "praise": ("", "for"), "question": ("",),
    "dismiss": ("", "as"), "point": ("to",), "promise": ("",), "vow": ("",), "pledge": ("",),
    "blast": ("", "for", "as"), "slam": ("", "for", "as"), "announce": ("",), "deny": ("",),
    "mention": ("",), "recall": ("",), "claim": ("",), "acknowledge": ("",), "confirm": ("",),
    "predict": ("",), "propose": ("",), "demand": ("",), "tout": ("",), "defend": ("",),
    "condemn": ("", "for", "as"), "reject": ("", "as"), "cite": ("", "as"), "blame": ("", "for"),
    "applaud": ("", "for"), "commend": ("", "for"), "laud": ("", "for"), "decry": ("",),
    "denounce": ("", "as"), "warn": ("of", "against", "about"), "boast": ("of", "about"),
    "brag": ("about",), "complain": ("about", "of"), "tweet": ("",), "label": ("", "as"),
    "brand": ("", "as"), "dub": ("",), "hail": ("", "as"), "characterize": ("", "as"),
    "characterise": ("", "as"), "insist": ("on",), "advocate": ("",), "attack": ("", "for"),
    "mock": ("", "for", "as"), "ask": ("",), "ridicule": ("",), "lambaste": ("",), "chide": ("", "for"),
}
OBJECT_FORMS: dict[str, str] = {f: b for b in sorted(OBJECT_CUES) for f in forms(b)}

# Words that name a news outlet: one that 'reported' what someone said passes the statement on.
MEDIA = wordset("""news agency agencies newspaper television tv radio broadcaster wire magazine outlet outlets
tass ria novosti interfax kcna xinhua yonhap reuters afp bloomberg kyodo anadolu irna sputnik ukrinform
unian izvestia kommersant vedomosti cnn bbc nbc cbs msnbc politico axios""")
# ... and words that do only as the last word of a newspaper's name ('the Borovia Times', not 'Liam
# Fox', 'the press secretary' or 'the Guardian Council')
MEDIA_TITLES = wordset("times post journal tribune herald gazette telegraph guardian daily star mail")
# Words of outlets whose questions are interviewers' questions (resolution.py); broader than the two
# above, since a question by 'Fox' or 'the press' is one
PRESS_WORDS = wordset("""times post news press journal tribune herald magazine network radio tv television
gazette telegraph guardian reuters cnn msnbc nbc abc cbs fox npr bbc politico huffpost breitbart axios
bloomberg ap afp""")

# Nouns for texts that carry their author's words ('a statement saying ...').
DOCUMENTS = wordset("""statement letter email e-mail ad advertisement tweet post memo release note message op-ed
response reply""")

# Subjects whose questions are not statements.
QUESTIONERS = frozenset({"reporter", "reporters", "journalist", "journalists", "interviewer",
                         "moderator", "host", "anchor", "correspondent"})

# Lower-case words inside surnames ('de Blasio', 'van der Leyen', 'bin Salman')
NAME_PARTICLES = wordset("de da di del della der den van von du la le dos das bin ibn al ó ní nic uí")

# dashes, as papers type them
DASHES = frozenset({"—", "–", "--"})

# Honorifics are dropped entirely; titles move from the name to the role.
HONORIFICS = frozenset({"mr", "mrs", "ms", "miss", "mx", "dr", "sir", "dame", "madam", "mme",
                        "herr", "frau", "comrade", "hon", "rev", "fr", "smt", "shrimati"})
TITLES = wordset("""
president vice prime minister secretary sen senator rep representative gov governor gen general
lt col colonel maj major capt captain sgt adm admiral cmdr commander chief deputy chairman
chairwoman chair speaker leader mayor judge justice ambassador spokesman spokeswoman spokesperson
director minister king queen prince princess pope cardinal bishop rabbi imam sheikh professor prof
ceo chancellor attorney former acting retired candidate nominee congressman congresswoman
councillor councilor cllr mp mep msp mla councilman councilwoman commissioner sheriff inspector officer agent
lord lady pres
brig brigadier cpl pvt insp sergeant corporal lieutenant supt superintendent dci
taoiseach tánaiste tanaiste chargé d’affaires d'affaires
treasurer archbishop archdeacon coroner emir sultan marshal harbourmaster harbormaster trainer
detective constable executive
""")
TITLE_WORDS = TITLES | HONORIFICS
# a party's member ('the Montana Republican said'), also written before a name ('Republican Kari Lindholm')
PARTY_NOUNS = wordset("republican democrat democratic conservative tory socialist libertarian")
# Titles written abbreviated, with a dot that ends no sentence ('Ms. Alawin said', 'Sen. Kemp said').
TITLE_ABBREVIATIONS = wordset("""mr mrs ms dr sen rep gov gen lt col maj capt sgt adm cmdr prof rev fr st
amb atty supt cpl pvt brig insp smt""")


# the portfolio words of an office ('The Foreign Secretary', 'Minister for Trade and Industry Ivo Tann')
PORTFOLIOS = wordset("""foreign home health defence defense finance interior justice education culture transport
energy environment trade economy treasury first shadow chief attorney solicitor press opposition industry sport
media agriculture fisheries housing labour labor employment science technology tourism""")


def is_title_word(word: str) -> bool:
    """'Sen.', 'Mr', 'President': a title or honorific, dots and case aside."""
    return word.lower().strip(".") in TITLE_WORDS


def opens_with_title(words: list[str]) -> bool:
    """Whether a run of words opens with a title: a title word, or 'Det' before another ('Det Insp Mark
    Hollis'; 'Det Norske Veritas' is a firm)."""
    if not words:
        return False
    if words[0].lower().strip(".") == "det":
        return len(words) > 1 and is_title_word(words[1])
    return is_title_word(words[0])

PRONOUNS_PERSON = frozenset({"he", "she", "him", "her"})
# possessive -> the pronoun the owner is ('his campaign', 'her claim', 'its report')
POSSESSIVE_PRONOUNS = {"his": "he", "her": "she", "its": "it"}
# possessives whose owner is never a speaker ('their claim', 'our pledge')
POSSESSIVES_NOT_SPEAKERS = frozenset({"their", "our", "my", "your"})
# finite verb forms that need a subject of their own ('said', 'says', 'say')
FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP"})
# what a clause's subject is labelled
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "expl", "csubj"})
FINITE_OR_MODAL = FINITE_TAGS | {"MD"}
PRONOUNS_ORG = frozenset({"it"})
PRONOUNS_NOT_SPEAKERS = frozenset({"i", "we", "you", "me", "us", "they", "them", "one", "someone",
                                   "somebody", "everyone", "everybody", "nobody", "anyone"})
RELATIVE = frozenset({"who", "which", "that"})

# nouns whose 'that' clause is what a speaker holds or says ('expressed confidence that', 'her claim that')
STANCE_NOUNS = wordset("""view views claim claims belief assertion argument case point position confidence concern
concerns hope hopes fear fears assurance assurances insistence contention conviction warning warnings promise
pledge doubt doubts optimism scepticism skepticism opinion""")
_CUE_WORDS = sorted(set(SPEECH_FORMS) | set(OBJECT_FORMS), key=len, reverse=True)
PREFILTER_RE = re.compile(
    r"[\"“”„«»]|\baccording to\b|\b(?:" + "|".join(map(re.escape, _CUE_WORDS)) + r")\b"
    r"|\b(?:" + "|".join(sorted(STANCE_NOUNS)) + r")\s+that\b",
    re.IGNORECASE,
)


def is_speech_word(word: str) -> bool:
    """True when a (lower-cased) word form is a verb of saying."""
    return word in SPEECH_FORMS


# capitalised mid-sentence: a name ('Varga', and 'O’Dell' with its apostrophe)
CAPS_MID_RE = re.compile(r"(?<=[a-z0-9,;] )[A-Z](?:[a-z]|['’][A-Z])[\w'’-]*")

WEEKDAYS = wordset("monday tuesday wednesday thursday friday saturday sunday")
# a day, and the parts of one ('Monday night')
DAY_WORDS = WEEKDAYS | wordset("yesterday today tonight morning afternoon evening night")


# Capitalised only for opening a sentence: articles, prepositions, conjunctions, subordinators.
NOT_NAME_OPENERS = frozenset("""The A An In On At But And Or So Yet When As For Although Though If While After Before
Since Because Unless Until Once Then Meanwhile However Also Despite With Without From To By Of Like Unlike Under
During Amid Among Against Through Upon Where Why How What""".split())


# what a story calls a firm it has named ('the company said', 'a spokesman for the airline')
FIRM_NOUNS = wordset("""company firm retailer lender insurer carmaker automaker chipmaker drugmaker airline
manufacturer""")


# occupations written capitalised before a full name at the head of a sentence ('Lawmaker Ana Lisk said',
# 'Pollster Tomas Kral said'), which the tagger takes into the name
OCCUPATIONS = frozenset("""lawmaker legislator developer pollster strategist activist campaigner organizer organiser
historian novelist author writer poet journalist columnist commentator broadcaster blogger economist analyst
entrepreneur billionaire millionaire investor banker financier philanthropist businessman businesswoman
filmmaker producer actor actress singer rapper musician comedian striker goalkeeper midfielder quarterback
pitcher scientist researcher physicist epidemiologist virologist architect designer diplomat veteran
challenger incumbent farmer rancher neighbour neighbor resident residents angler shopper commuter parent mother
father mum mom dad grandmother grandfather student pensioner retiree motorist cyclist passenger homeowner landlord
tenant fisherman nurse teacher volunteer protester protestor witness survivor villager shopkeeper publican trader
midwife paramedic firefighter lawyer barrister islander miner pilot photographer plumber baker headteacher
headmaster headmistress rival opponent""".split())

# endings of nouns for what a person is ('singer', 'governor', 'neurologist', 'custodian', 'trustee')
PERSON_SUFFIXES = ("er", "or", "ist", "ian", "ant", "ent", "ee")

# words for people that tell their gender ('a spokeswoman': 'she')
ROLE_GENDER = {"spokeswoman": "she", "congresswoman": "she", "chairwoman": "she", "businesswoman": "she",
               "councilwoman": "she", "lady": "she", "queen": "she", "princess": "she", "actress": "she",
               "wife": "she", "mother": "she", "daughter": "she", "sister": "she", "widow": "she",
               "congressman": "he", "businessman": "he", "councilman": "he",
               "king": "he", "prince": "he", "husband": "he", "father": "he", "son": "he", "brother": "he",
               "woman": "she", "man": "he"}
# roles only a person holds ('deputy minister for ports', 'chief economist'), whatever the tagger made of the name
PERSON_ROLES = frozenset({
    "minister", "senator", "representative", "governor", "mayor", "spokesman", "spokeswoman", "spokesperson",
    "ambassador", "judge", "lawyer", "attorney", "adviser", "advisor", "aide", "prosecutor", "councillor",
    "councilman", "councilwoman", "chancellor", "premier", "businessman", "businesswoman", "economist",
    "professor", "treasurer", "negotiator", "auditor", "secretary", "chairman", "chairwoman", "researcher",
    "scientist", "executive", "director", "founder", "president", "officer", "manager", "analyst"})
# words for a person by what they are to others or do ('his rival', 'the defendant', 'the club's captain')
RELATION_WORDS = wordset("""rival counterpart partner predecessor successor deputy colleague boss employer critic
accuser victim suspect defendant ally friend opponent son daughter brother sister captain coach manager chief
leader owner counsel staff player editor chair candidate nominee official""")
# nouns that only a person is
PERSON_WORDS = OCCUPATIONS | PERSON_ROLES | frozenset(ROLE_GENDER) | RELATION_WORDS
# 'His wife said', "Kessler's mother said": a relative the article does not name
RELATIVE_RE = re.compile(r"(?:his|her|their|(?:[\w.-]+\s+){0,2}[\w.-]+['’]s?)\s+(?:[a-z-]+\s+)?"
                         r"(wife|husband|mother|father|son|daughter|sister|brother|widow|widower|girlfriend|"
                         r"boyfriend|fiancee|fiancée|fiance|fiancé|grandmother|grandfather|aunt|uncle|niece|"
                         r"nephew|cousin|partner)$")

"""Per-article canonical names and the cross-article speaker key."""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Container, Iterable

from rq.timeouts import BaseTimeoutException

from .lexicon import NAME_PARTICLES, TITLE_WORDS

_NON_DECOMPOSING = str.maketrans({"Ł": "L", "ł": "l", "Ø": "O", "ø": "o", "Đ": "D", "đ": "d",
                                  "ß": "ss", "Æ": "AE", "æ": "ae", "Œ": "OE", "œ": "oe", "Þ": "Th",
                                  "þ": "th", "ð": "d", "ı": "i", "Ħ": "H", "ħ": "h"})


def name_words(name: str) -> list[str]:
    """A name's words as names are compared: folded to plain lower-case letters, hyphens and an owner's
    's' aside ('Owusu-Ansah's': owusu, ansah)."""
    return _fold(name)


def _fold(name: str) -> list[str]:
    name = re.sub(r"['’`´]s\b", "", name.translate(_NON_DECOMPOSING))
    name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().casefold()
    return re.findall(r"[a-z0-9]+", name)


class NameTable:
    """Per-article map from partial names ("Medvedev") to the fullest form used."""

    def __init__(self, names: Iterable[str], first_names: Container[str] = frozenset(),
                 people: Iterable[str] = ()) -> None:
        """`first_names`: folded given names, by which alone an article may call a person ('Hillary');
        `people`: those of `names` known to be people's, whose first family name may stand for them."""
        self.first_names = first_names
        self.people = {" ".join(_fold(n)) for n in people}
        self.full: list[tuple[list[str], str]] = []
        seen: set[str] = set()
        for n in names:
            toks = _fold(n)
            if len(toks) >= 2 and " ".join(toks) not in seen:
                seen.add(" ".join(toks))
                self.full.append((toks, n))

    @staticmethod
    def _contains(big: list[str], small: list[str]) -> bool:
        """small is a suffix of big, or shares its first and last token in order."""
        if len(small) > len(big):
            return False
        if big[-len(small):] == small:
            return True
        if len(small) >= 2 and big[:len(small)] == small and big[len(small)] in NAME_PARTICLES:
            return True  # 'Isabel Cárdenas' of 'Isabel Cárdenas de la Vega'
        if len(small) >= 2 and small[0] == big[0] and small[-1] == big[-1]:
            it = iter(big)
            return all(tok in it for tok in small)
        return False

    def expansions(self, name: str) -> list[str]:
        """Every fuller name in the article that this name abbreviates ('Kowalczyk': 'Erin Kowalczyk'
        and 'Thomas Kowalczyk')."""
        toks = _fold(name)
        return [n for t, n in self.full if len(t) > len(toks) and self._contains(t, toks)] if toks else []

    def canonical(self, name: str, given: bool = True) -> str:
        """The fullest name in the article that this name abbreviates (a surname, or where `given` a
        given name alone), unless ambiguous."""
        toks = _fold(name)
        if not toks:
            return name
        cands = [(t, n) for t, n in self.full if len(t) >= len(toks) and self._contains(t, toks)]
        if given and not cands and len(toks) == 1 and toks[0] in self.first_names:  # 'Hillary' of 'Hillary Clinton'
            cands = [(t, n) for t, n in self.full if t[0] == toks[0]]  # (a surname goes first: 'Jack')
        if not cands and len(toks) == 1:  # 'Prince Alwaleed' of 'Alwaleed bin Talal': Arabic names go by the given
            cands = [(t, n) for t, n in self.full if t[0] == toks[0] and ARABIC_PARTICLES & set(t[1:])]
        if not cands and len(toks) == 1 and toks[0] in FAMILY_NAMES_FIRST:  # 'Wang' of 'Wang Lihua': the family
            # name goes first (one full name only: 'Moon' of 'Moon Jae-in' and 'Moon Hee-sang' is either)
            first = [(t, n) for t, n in self.full if t[0] == toks[0]]
            cands = first if len(first) == 1 else []
        if not cands and len(toks) == 1 and toks[0] not in self.first_names:
            # 'Echeverría' of 'Ramón Echeverría Salas', 'Cárdenas' of 'Isabel Cárdenas de la Vega': the first
            # of two family names (one full name only; not before 'Jr.': 'Joseph R. Biden Jr.')
            inner = [(t, n) for t, n in self.full if len(t) >= 3 and toks[0] in t[1:-1] and " ".join(t) in self.people
                     and t[-1] not in _GENERATIONS and _family_names_after(t, t.index(toks[0]))]
            cands = inner if len(inner) == 1 else []
        if len(toks) == 1 and len(cands) > 1:
            # 'Lem' beside 'Ewa Lem' and 'Anna Zawadzka-Lem': the name that has it as a word of its own
            own = [(t, n) for t, n in cands if not n.split()[-1].count("-")]
            cands = own or cands
        if not cands:
            return name
        best_t, best_n = max(cands, key=lambda c: len(c[0]))
        if all(self._contains(best_t, t) for t, _ in cands):
            # (and that one's fullest: 'Cárdenas', 'Isabel Cárdenas', 'Isabel Cárdenas de la Vega')
            return self.canonical(best_n, given) if len(best_t) > len(toks) else name
        return name


_GENERATIONS = frozenset({"jr", "sr", "ii", "iii", "iv"})


def _family_names_after(toks: list[str], k: int) -> bool:
    """Whether what follows toks[k] is a second family name: one word, or particles and then one
    ('Cárdenas de la Vega')."""
    rest = toks[k + 1:]
    while len(rest) > 1 and rest[0] in NAME_PARTICLES:
        rest = rest[1:]
    return len(rest) == 1


# Chinese, Korean and Vietnamese family names, which go before the given name ('Wang Lihua', 'Moon Jae-in',
# 'Nguyen Thi Lan'): alone, they refer to the full name that opens with them
FAMILY_NAMES_FIRST = frozenset("""wang li zhang liu chen yang huang zhao wu zhou xu sun ma zhu hu guo he lin gao luo
zheng liang xie song tang han feng deng cao peng zeng xiao tian dong pan yuan cai jiang yu du ye cheng wei su lu
ding ren shen yao lou xi qin fu fan zou jia bai xue yan kong mao qian gu hou shi duan lei hao wen kim lee park choi
jung kang cho yoon jang lim oh seo shin kwon hwang ahn yoo hong jeon ko moon son bae baek heo nam chung tsai lai
chiang hsieh chang chou hsu kuo lo tseng chu yeh liao wong leung chan cheung lam tse yip lau nguyen tran le pham hoang
phan vu dang bui ngo duong ly""".split())


# particles of an Arabic name ('Alwaleed bin Talal', 'Jumaa Salem Al Shamsi'): the given names before
# them belong with them, and the given name alone refers to the whole
ARABIC_PARTICLES = frozenset({"al", "el", "bin", "ibn", "bint", "abu"})


# First names that are a woman's or a man's across the languages of the news, and seldom the other's
# ('Jean', 'Andrea', 'Kim', 'Jordan', 'Joan', 'Luca', 'Kelly', 'Evelyn', 'Sam', 'Ali', 'Nicola', 'Simone',
# 'Vivian', 'Max' and the like are left out). Only a
# full name counts: a surname alone ('Ford') says nothing.
FEMALE_NAMES = frozenset("""mary patricia jennifer linda elizabeth barbara susan jessica sarah karen nancy lisa
margaret betty sandra dorothy kimberly emily donna michelle amanda melissa deborah stephanie rebecca laura
cynthia kathleen amy shirley angela helen anna ana ann brenda pamela nicole emma samantha katherine
christine debra rachel catherine carolyn janet ruth maria marie heather diane virginia julie joyce victoria olivia
christina lauren judith megan cheryl martha hannah jacqueline gloria teresa sara frances kathryn
janice abigail alice judy sophia sofia grace denise amber doris marilyn danielle isabella theresa diana
natalie charlotte lori hillary ivanka melania kamala elena ines ingrid greta ilse anita mira lidia lena marta
agnes irina olga natasha svetlana tatiana yulia oksana fatima aisha leila yasmin priya sunita giulia
francesca chiara isabel lucia pilar rosa dolores alma astrid sigrid freya brigitte ursula margit
segolene angelique nadia valentina ewa katarzyna malgorzata agnieszka anneliese karin birgit heidi gisela
elisabeth katrin sabine petra monika ulrike claudia silvia paola giovanna isabelle sophie nathalie sylvie
veronique francoise beata joanna magdalena zofia anja dora erin elise jeanne louisa marisol kathy cathy
carol tina wendy beth bethany brittany chelsea kayla abby ella ava mia chloe zoe lily leah molly nora
norah claire clara eleanor eva fiona gemma harriet imogen isla jane jenny jill joanne josephine julia juliet katie
kate kirsten kristen lucy lydia maggie maureen melanie miriam monica naomi nina paula penelope
phyllis polly priscilla rita roberta rose rosemary sally sheila stella susanna suzanne sylvia tamara tanya tara
tiffany valerie vanessa vera veronica violet yvonne helena irene jeanette june kathryn lillian
lorraine louise lucille marina marianne marjorie maxine melinda nadine pauline peggy rhonda roxanne ruby
sabrina serena sonia thelma yolanda gwen felicity amina ayesha zainab mariam maryam layla farah hana akiko
keiko yoko alejandra beatriz catalina daniela gabriela juana luisa mercedes raquel anastasia ekaterina
yekaterina galina lyudmila nadezhda natalya tatyana yelena larisa iryna olena kateryna svitlana halyna liz meg
jen becky sue natalia ludmila yuliya daria darya ksenia kseniya alina polina veronika""".split())
MALE_NAMES = frozenset("""james john robert michael william david richard joseph thomas charles christopher daniel
matthew anthony mark donald steven paul andrew joshua kenneth kevin brian george timothy ronald edward jason
jeffrey ryan jacob gary nicholas eric jonathan stephen larry justin scott brandon benjamin samuel gregory
alexander frank patrick raymond jack dennis tyler aaron jose adam nathan henry douglas zachary peter kyle
ethan walter noah jeremy keith roger gerald harold sean carl arthur lawrence dylan bryan billy joe bruce
gabriel albert alan juan wayne elijah randy roy vincent ralph eugene russell bobby philip louis barack
bernie ted marco mitt rand vladimir dmitry dmitri sergei sergey igor ivan boris pavel tomas oskar nils lars olaf
sven erik hans klaus jurgen wolfgang pierre francois emmanuel giuseppe giovanni carlos pedro miguel jorge
luis ahmed mohammed muhammad omar hassan hussein ibrahim mustafa yusuf rajesh rahul narendra owen ole ivo
jon rolf gregor mikhail alexei andrei viktor yevgeny oleg volodymyr petro recep moshe yitzhak karl fritz heinz
dieter stefan markus andreas matthias tobias florian sebastian julian felix paolo matteo lorenzo alessandro
antonio francesco roberto stefano pablo diego javier manuel rafael fernando alejandro ricardo eduardo sergio hugo
piotr tomasz krzysztof pawel marek jakub lukas duncan ruben curtis theo hamish conrad daryl darryl derek desmond
dominic doug dwight earl edgar edmund elliot ernest floyd fred frederick gavin geoffrey gilbert gordon graham
grant greg hank harvey hector herbert howard hugh ian isaac jake jared jasper jeff jerome jerry jim jimmy joel
johnny jonah julius kurt lance leon leonard lloyd lucas luke malcolm marcus mario martin marvin melvin miles
milton mitchell morris murray neil nelson neville nigel norman oliver oscar percy phil phillip preston quentin
randall reginald rhys rick ricky rob rodney ron ross rupert saul seth simon spencer stanley stuart stewart
theodore tim toby todd tom tommy tony travis trevor troy vernon victor warren wesley will willie winston abdul
amir bilal farid hamid karim khalid mahmoud rashid tariq jamal kwame kofi aleksandr anatoly arkady denis
fyodor gennady grigory ilya kirill konstantin leonid maxim nikolai nikolay roman ruslan stanislav taras
timur vadim valery vasily vitaly vladislav vyacheslav yaroslav yuri irakli levan giorgi bill bob ben dan dave
mike steve andy nick matt pete evgeny yury artem artyom rustam""".split())


GIVEN_NAMES = FEMALE_NAMES | MALE_NAMES


_TRANSLIT = [(re.compile(p), r) for p, r in [
    (r"iya$", "ia"), (r"oy(?=[^aeiouy])", "oi"),  # Mariya/Maria, Shoygu/Shoigu
    (r"yy", "y"), (r"(?<=\w)(?:iy|yi|ij|yj|ii)$", "y"), (r"(?<=\w\w)i$", "y"),
    (r"^ye(?=[^aeiou])", "e"), (r"ks", "x"), (r"kh", "h"), (r"w", "v"), (r"ph", "f"),
    (r"(.)\1", r"\1"),
]]


# Ukrainian and Russian (and English) forms of the same given name: Kyiv's media write
# 'Volodymyr Zelenskyy', Moscow's 'Vladimir Zelensky'. Applied to the first word only, before the
# transliteration rules.
_GIVEN_NAME_FORMS = {
    "volodymyr": "vladimir", "oleksandr": "aleksandr", "oleksander": "aleksandr", "olexander": "aleksandr",
    "alexander": "aleksandr", "aleksander": "aleksandr", "serhiy": "sergei", "serhii": "sergei",
    "mykola": "nikolai", "nikolay": "nikolai", "dmytro": "dmitry", "andriy": "andrei", "andrii": "andrei",
    "andrey": "andrei", "oleksiy": "aleksei", "oleksii": "aleksei", "alexei": "aleksei", "alexey": "aleksei",
    "aleksey": "aleksei", "yevhen": "yevgeny", "yevgeniy": "yevgeny", "evgeny": "yevgeny", "mykhailo": "mikhail",
    "mykhaylo": "mikhail", "petro": "pyotr", "petr": "pyotr", "yuriy": "yuri", "yurii": "yuri", "yury": "yuri",
    "hryhoriy": "grigory", "grigoriy": "grigory", "vasyl": "vasily", "vasiliy": "vasily", "ihor": "igor",
    "anatoliy": "anatoly", "anatolii": "anatoly", "viktor": "victor", "kyrylo": "kirill", "maksym": "maxim",
    "maksim": "maxim", "valeriy": "valery", "valerii": "valery", "vitaliy": "vitaly", "vitalii": "vitaly",
    "heorhiy": "georgy", "georgiy": "georgy", "yulia": "yulia", "yuliya": "yulia", "iryna": "irina",
    "olena": "yelena", "elena": "yelena", "tetiana": "tatyana", "tatiana": "tatyana", "natalia": "natalya",
    "nataliya": "natalya",
}


# An organisation is named after its country either way: 'Russia's Defence Ministry', 'the Russian
# Defense Ministry'. The leading adjective becomes the country; British spellings the American ones.
DEMONYMS = {
    "russian": "russia", "ukrainian": "ukraine", "chinese": "china", "korean": "korea", "iranian": "iran",
    "israeli": "israel", "turkish": "turkey", "syrian": "syria", "belarusian": "belarus", "polish": "poland",
    "german": "germany", "french": "france", "japanese": "japan", "indian": "india", "pakistani": "pakistan",
    "palestinian": "palestine", "georgian": "georgia", "lithuanian": "lithuania", "latvian": "latvia",
    "estonian": "estonia", "finnish": "finland", "swedish": "sweden", "norwegian": "norway", "italian": "italy",
    "spanish": "spain", "egyptian": "egypt", "iraqi": "iraq", "afghan": "afghanistan",
    "venezuelan": "venezuela", "mexican": "mexico", "canadian": "canada", "hungarian": "hungary",
    "serbian": "serbia", "moldovan": "moldova", "armenian": "armenia", "azerbaijani": "azerbaijan",
    "british": "britain", "american": "united states", "nigerian": "nigeria",
    "dutch": "netherlands", "greek": "greece", "kenyan": "kenya", "brazilian": "brazil",
}
_SPELLINGS = {"defence": "defense", "centre": "center", "organisation": "organization", "programme": "program"}


def speaker_key(name: str) -> str:
    """Normalised cross-article identity key: folded, no titles/possessives, transliteration-tolerant."""
    try:
        toks = _fold(name)  # possessives are gone already; a single 'S' is an initial (Harry S. Truman)
        while len(toks) > 1 and toks[0] in TITLE_WORDS:  # 'Senator Angus King'
            toks.pop(0)  # titles lead; one that ends a name is its surname ('Angus King')
        while len(toks) > 1 and toks[0] == "the":  # not 'a'/'an': 'A. Smith', 'An Nguyen'
            toks.pop(0)
        if len(toks) > 1:
            toks[0] = _GIVEN_NAME_FORMS.get(toks[0], toks[0])
            if toks[0] in DEMONYMS or (toks[0] == "north" and toks[1] in DEMONYMS):  # 'North Korean'
                at = 0 if toks[0] in DEMONYMS else 1
                toks[at:at + 1] = DEMONYMS[toks[at]].split()
        toks = [_SPELLINGS.get(t, t) for t in toks]
        out = []
        for t in toks:
            for pat, rep in _TRANSLIT:
                t = pat.sub(rep, t)
            out.append(t)
        return " ".join(out)
    except BaseTimeoutException:  # the job's time is up: the worker must see it
        raise
    except Exception:  # never raise on odd input
        return ""

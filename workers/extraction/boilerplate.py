"""Splitting an article into paragraphs and dropping what cannot hold a statement."""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from .lexicon import is_title_word
from .names import GIVEN_NAMES
from .quotes import find_quotes

MAX_PARAGRAPH = 3000  # longer paragraphs are cut at sentence ends to keep parses cheap
LONGEST_QUOTE = 20_000  # ... but not inside a quotation shorter than this

# '©', but not as the second half of a mis-decoded letter ('Ã©' for é, 'Å©' for ũ; 'Â©' is © itself)
CREDIT_RE = re.compile(
    r"(?-i:(?<![\u00c0\u00c1\u00c3-\u00ff])(?<!ƒÂ)©)"
    r"|\(c\)\s|^\s*[(\[]?\s*(?:photo|image|picture|credit|caption|video|watch|file photo)s?(?:\s+caption)?\s*[:|]"
    r"|/\s*(?:reuters|ap|afp|getty|sputnik|epa|tass|ria novosti|xinhua|anadolu)\b"
    r"|getty images|ap photo|go to the mediabank|\bphoto by\b|\bphotograph:",
    re.IGNORECASE,
)
TIMESTAMP_RE = re.compile(
    r"\b\d{1,2}:\d{2}(?::\d{2})?\s*(?:a\.?m\.?|p\.?m\.?|gmt|utc|et|edt|est|cet|msk|bst)?\b.*"
    r"(?:\d{1,2}[./-]\d{1,2}[./-]\d{2,4}|gmt|utc|updated|published)"
    r"|^\s*(?:updated|published|posted|last updated)\b[^.]{0,60}\d"
    r"|^\s*\d{1,2}[./-]\d{1,2}[./-]\d{2,4}\b",
    re.IGNORECASE,
)
LINK_RE = re.compile(
    r"^\s*(?:read more|read also|also read|see also|related|more on this|click here|subscribe"
    r"|sign up|follow us|share this|advertisement|recommended|watch:|listen:)\b"
    r"|^\s*[\"“‘']?follow\s+(?:[\w.'’-]+\s+){1,4}on\s+(?:twitter|x|facebook|instagram|threads|bluesky)\b"
    r"(?:\s+(?:at\s+)?@\w+)?[.!]?[\"”’']?\s*$",  # 'Follow Pam Key on Twitter @pamkey': the writer's handle
    re.IGNORECASE,
)
BYLINE_RE = re.compile(r"^\s*by\s+[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,4}"
                       r"(?:\s*(?:,|and|&)\s*[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,4})*\s*[,|]?"
                       r"[^.!?]{0,40}$")
DATELINE_RE = re.compile(
    r"""\s*(?:
    [A-Z][A-Z'’.\-]+(?:\s+[A-Z][A-Z'’.\-]+)*          # CITY
    (?:,\s*[A-Z][\w.]*(?:\s+[A-Z\d][\w.]*){0,3}){0,2}   # , State / , Oct 11 / , Country, March 4
    (?:\s*\([^()\n]{1,40}\))?                           # (Sputnik)
    |(?!The\s)[A-Z][\w'’.\-]+(?:\s+(?:[A-Z][\w'’.\-]+|d[aeo]s?|del|la|le|el|al|am|upon|sur)){0,4}
    # or a City in title case ('Rio de Janeiro'), only with a news
    (?:,\s*[A-Z][\w.]*(?:\s+[A-Z\d][\w.]*){0,3})?        # agency in brackets and a sentence after it:
    \s*\((?:[A-Z](?:\.?[A-Z]){1,5}\.?|Reuters|Sputnik|Xinhua|Bloomberg|Interfax|Kyodo|Yonhap|dpa|Tass|TASS)\)
    (?=\s*[-–—]{1,2}\s+[“"‘']?[A-Z])                        # 'New York (AFP) - The ...'; not a party,
    |(?!The\s)[A-Z][\w'’.\-]+(?:\s+[A-Z][\w'’.\-]+){0,3}  # 'Vidmar (Labour) - who ...', '(D)'; or an
    \s*\((?:[A-Z][\w'’.\-]*\s+){1,3}(?:Wire|News|Press|Agency|Service|Times|Post|Herald|Tribune|Gazette|Journal)\)
    (?=\s*[-–—]{1,2}\s+[A-Z])                               # outlet's name, and no quote after it (a list
    )\s*[-–—]{1,2}\s+""",                                  # of commentators: 'Lena Holt (Nordic Times) - "...')

    re.VERBOSE,
)
FINAL_PUNCT = ".!?:…"
CLOSERS = "\"'”’»)] \t\u00a0"


@dataclass(frozen=True)
class Paragraph:
    """A content paragraph: offsets into the article, and the index of its line."""

    start: int
    end: int
    index: int


def is_boilerplate(line: str, first: bool) -> bool:
    """True for headlines, captions, credits, bylines, timestamps and link lines."""
    s = line.strip()
    if not s or not any(ch.isalpha() for ch in s):
        return True
    dateline = AGENCY_SLASH_DATELINE_RE.match(s)
    if dateline and len(s[dateline.end():].split()) >= 4:
        return False  # 'MOSCOW, March 14. /TASS/. The talks ...': a story, not a photo credit ('... / TASS')
    if CREDIT_RE.search(s) or LINK_RE.search(s) or BYLINE_RE.match(s):
        return True
    if len(s) < 160 and TIMESTAMP_RE.search(s):
        return True
    ends = s.rstrip(CLOSERS)
    # a headline (first line), or a short label, list item or subheading
    return (not ends or ends[-1] not in FINAL_PUNCT) and (first or len(s.split()) < 25)


# 'MOSCOW, March 14. /TASS/.', 'MOSCOW, March 14 /TASS/ -': the Russian agencies' dateline
AGENCY_SLASH_DATELINE_RE = re.compile(
    r"\s*[A-Z][A-Z'’.\-]+(?:\s+[A-Z][A-Z'’.\-]+)*(?:,\s*[A-Z][\w.]*(?:\s+[A-Z\d][\w.]*){0,3}){0,2}\.?"
    r"\s*/\s*[A-Z][\w .-]{1,20}/\s*\.?\s*(?:[-–—]{1,2}\s+)?(?=[“\"‘']?[A-Z])")


def dateline_end(text: str, start: int, end: int) -> int:
    """Offset where a paragraph's content begins once a leading dateline is skipped."""
    m = DATELINE_RE.match(text, start, end) or AGENCY_SLASH_DATELINE_RE.match(text, start, end)
    if m and sum(ch.isalpha() for ch in m.group(0)) >= 2:
        return m.end()
    return start


def _cut(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Cut an over-long paragraph at sentence ends into pieces of about MAX_PARAGRAPH, outside
    quotations where it can: a quotation cut in two loses its marks, and its attribution, in both
    halves. A piece grows up to LONGEST_QUOTE to take a long quotation whole."""
    quotes = find_quotes(text[start:end])  # outermost, in order: they do not overlap
    opens, closes = [start + q.open_at for q in quotes], [start + q.close_at for q in quotes]

    def quoted(at: int) -> bool:
        k = bisect.bisect_left(opens, at) - 1
        return k >= 0 and at <= closes[k]

    def sentence_ends(lo: int, hi: int) -> list[int]:
        return [lo + m.end() for m in _SENTENCE_END.finditer(text[lo:hi]) if not quoted(lo + m.end())]

    pieces: list[tuple[int, int]] = []
    while end - start > MAX_PARAGRAPH:
        lo = start + MAX_PARAGRAPH // 2
        free = sentence_ends(lo, start + MAX_PARAGRAPH)
        if free:
            cut = free[-1]
        elif (later := sentence_ends(start + MAX_PARAGRAPH, min(end, start + LONGEST_QUOTE))[:1]):
            cut = later[0]
        elif end - start <= LONGEST_QUOTE:
            break  # a quotation to the end: one piece
        else:  # a quotation longer than any piece: cut it at a sentence end all the same
            ends = [lo + m.end() for m in _SENTENCE_END.finditer(text[lo:start + MAX_PARAGRAPH])]
            cut = ends[-1] if ends else start + MAX_PARAGRAPH
        pieces.append((start, cut))
        start = cut
    pieces.append((start, end))
    return pieces


_SENTENCE_END = re.compile(r"[.!?][\"”’)]*\s+")


# 'THIRUVANANTHAPURAM: The state's education minister said ...': a city in capitals and a colon opening
# the story (as Indian and Pakistani papers write it); also with a date or an agency ('ISLAMABAD, Dec 7
# (APP):')
COLON_DATELINE_RE = re.compile(r"\s*([A-Z][A-Z'’.\-]+(?:\s+[A-Z][A-Z'’.\-]+){0,2})(?:,\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2})?"
                               r"(?:\s*\([^()\n]{1,30}\))?:\s+(?=[“\"‘']?[A-Z])")
_LINE_OPENING_RE = re.compile(r"^[ \t\"“]*([A-Z][\w.’'-]*(?: [A-Z][\w.’'-]*){0,3}):", re.MULTILINE)
# lines of the page, not of a transcript ('ALSO READ: ...', 'PHOTO: ...')
_PAGE_LABELS = frozenset({"ALSO READ", "READ", "READ MORE", "SEE ALSO", "RELATED", "PHOTO", "PHOTOS", "VIDEO",
                          "WATCH", "LISTEN", "UPDATE", "NOTE", "EDITOR'S NOTE", "EDITOR’S NOTE", "CORRECTION"})
# what a wire story's opening sentence does after its dateline: attributes
_ATTRIBUTES_RE = re.compile(r"\b(?:said|says|told|tells|announced|stated|added|warned|claimed|according to)\b")


def colon_dateline_end(text: str, start: int, end: int) -> int:
    """Where the story's opening paragraph begins after a colon dateline; `start` where there is none.
    Only before a sentence that attributes something to someone (what the dateline would otherwise
    take), and never where the label may be a speaker's: a title in it ('SENATOR DELGADO:'), a name the
    article writes after a given name or a title ('TRUMP:' beside 'Donald Trump'), a transcript (its
    last word opens another line, 'KATE BOULDUAN:' then 'BOULDUAN:', or other lines open with labels
    in capitals too, 'JOEL BENENSON:'), or a line in the first person ('FALLIN: I think ...')."""
    m = COLON_DATELINE_RE.match(text, start, end)
    if m is None or sum(ch.isalpha() for ch in m.group(1)) < 3:
        return start
    words = m.group(1).split()
    if any(is_title_word(w) for w in words):
        return start
    last = words[-1]
    labels = [o.group(1) for o in _LINE_OPENING_RE.finditer(text) if o.group(1).upper() not in _PAGE_LABELS]
    if sum(label.split()[-1] == last for label in labels) > 1 or sum(label.isupper() for label in labels) > 1:
        return start
    before = re.compile(r"\b([A-Z][\w.’'-]*)\s+" + re.escape(last.title()) + r"\b")
    if any(is_title_word(b) or b.lower() in GIVEN_NAMES for b in before.findall(text)):
        return start
    rest = text[m.end():end].rstrip(CLOSERS)
    if len(rest.split()) < 6 or not rest or rest[-1] not in ".!?…" or not _ATTRIBUTES_RE.search(rest):
        return start
    trailing = _TRAILING_ATTRIBUTION_RE.search(rest)
    if _FIRST_PERSON_RE.search(re.split(r"[\"“]", rest, maxsplit=1)[0]) and (
            trailing is None or last.title() in trailing.group()):
        return start  # 'FALLIN: I think ...', 'HALE: ..., Hale said.' (not 'MUMBAI: ..., said analyst Rajiv Mehta.')
    return m.end()


_FIRST_PERSON_RE = re.compile(r"\b(?:I|I'm|I’m|we|We|my|My|our|Our|me|us)\b")
# '..., said analyst Rajiv Mehta.', '..., Mehta said.': someone else's words, passed on by the story
_TRAILING_ATTRIBUTION_RE = re.compile(r",[\"”’']?\s+(?:(?:said|says|told)\s+[\w\s.'’-]*[A-Z][\w'’-]*"
                                      r"|[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3}\s+(?:said|says|added))\.?$")


def paragraphs(text: str) -> list[Paragraph]:
    """Content paragraphs (one per line) in text order, boilerplate and datelines removed."""
    out: list[Paragraph] = []
    first = True
    for index, m in enumerate(re.finditer(r"[^\n\r\u2028\u2029]+", text)):
        line = m.group(0)
        if not line.strip():
            continue
        boiler = is_boilerplate(line, first)
        first = False
        if boiler:
            continue
        start = dateline_end(text, m.start(), m.end())
        if len(out) <= 1 and start == m.start():  # (after the headline, if the text has one)
            start = colon_dateline_end(text, start, m.end())
        start += len(text[start:m.end()]) - len(text[start:m.end()].lstrip())
        end = m.start() + len(line.rstrip())
        for s, e in _cut(text, start, end):
            out.append(Paragraph(s, e, index))
    return out

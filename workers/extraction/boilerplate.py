"""Splitting an article into paragraphs and dropping what cannot hold a statement."""
from __future__ import annotations

import re
from dataclasses import dataclass

MAX_PARAGRAPH = 3000  # longer paragraphs are cut at sentence ends to keep parses cheap

CREDIT_RE = re.compile(
    r"©|\(c\)\s|^\s*(?:photo|image|picture|credit|caption|video|watch|file photo)s?\s*[:|]"
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
    |(?!The\s)[A-Z][\w'’.\-]+(?:\s+[A-Z][\w'’.\-]+){0,3}  # or a City in title case, only with a news
    (?:,\s*[A-Z][\w.]*(?:\s+[A-Z\d][\w.]*){0,3})?        # agency in brackets and a sentence after it:
    \s*\((?:[A-Z](?:\.?[A-Z]){1,5}\.?|Reuters|Sputnik|Xinhua|Bloomberg|Interfax|Kyodo|Yonhap|dpa|Tass|TASS)\)
    (?=\s*[-–—]{1,2}\s+[“"‘']?[A-Z])                        # 'New York (AFP) - The ...'; not a party,
    )\s*[-–—]{1,2}\s+""",                                  # 'Vidmar (Labour) - who ...', '(D)'

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
    if CREDIT_RE.search(s) or LINK_RE.search(s) or BYLINE_RE.match(s):
        return True
    if len(s) < 160 and TIMESTAMP_RE.search(s):
        return True
    ends = s.rstrip(CLOSERS)
    # a headline (first line), or a short label, list item or subheading
    return (not ends or ends[-1] not in FINAL_PUNCT) and (first or len(s.split()) < 25)


def dateline_end(text: str, start: int, end: int) -> int:
    """Offset where a paragraph's content begins once a leading dateline is skipped."""
    m = DATELINE_RE.match(text, start, end)
    if m and sum(ch.isalpha() for ch in m.group(0)) >= 2:
        return m.end()
    return start


def _cut(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Cut an over-long paragraph at sentence ends into pieces of about MAX_PARAGRAPH."""
    pieces: list[tuple[int, int]] = []
    while end - start > MAX_PARAGRAPH:
        window = text[start + MAX_PARAGRAPH // 2: start + MAX_PARAGRAPH]
        ends = list(re.finditer(r"[.!?][\"”’)]*\s+", window))
        m = ends[-1] if ends else None
        cut = start + MAX_PARAGRAPH // 2 + m.end() if m else start + MAX_PARAGRAPH
        pieces.append((start, cut))
        start = cut
    pieces.append((start, end))
    return pieces


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
        start += len(text[start:m.end()]) - len(text[start:m.end()].lstrip())
        end = m.start() + len(line.rstrip())
        for s, e in _cut(text, start, end):
            out.append(Paragraph(s, e, index))
    return out

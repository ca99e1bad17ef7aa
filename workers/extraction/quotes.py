"""Quotation marks: pairing them into quotes, and splitting quoted text into sentences."""
from __future__ import annotations

import re
from dataclasses import dataclass

from .lexicon import TITLE_ABBREVIATIONS, wordset

OPENERS = "“„«"
CLOSERS = "”»"
STRAIGHT = '"'
QUOTE_CHARS = OPENERS + CLOSERS + STRAIGHT
OPEN_CONTEXT = " \t\u00a0([{—–-/\n"
CLOSE_CONTEXT = " \t\u00a0.,;:!?)]}—–-…\n"

# (with every title the tokenizer keeps whole: 'Smt.', 'Supt.', 'Brig.' end no sentence either)
ABBREVIATIONS = wordset("""
jr sr inc co corp ltd vs jan feb mar apr jun jul aug sep sept oct nov dec mt ft fig u.s u.k u.n e.g i.e etc approx
""") | TITLE_ABBREVIATIONS
STOPWORDS = wordset("a an the of and or in on at to for by with from as is vs")


@dataclass(frozen=True)
class Quote:
    """An outermost quotation: mark offsets and content offsets within a paragraph string."""

    open_at: int  # index of the opening mark
    close_at: int  # index of the (last character of the) closing mark, or len(paragraph) when left open
    closed: bool
    open_len: int = 1  # '' and `` count as one mark of two characters
    close_len: int = 1

    @property
    def content(self) -> tuple[int, int]:
        """Offsets of the text between the marks."""
        return self.open_at + self.open_len, self.close_at - (self.close_len - 1 if self.closed else 0)


def _family(ch: str) -> str:
    return "s" if ch == STRAIGHT else ("g" if ch in "«»" else "c")


def _marks(text: str) -> list[tuple[int, int, str]]:
    """(position, length, mark) of every double quotation mark, reading '' and `` as one mark."""
    out: list[tuple[int, int, str]] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch in QUOTE_CHARS:
            out.append((i, 1, ch))
        elif ch in "'`" and text[i + 1:i + 2] == ch and text[i + 2:i + 3] != ch:
            out.append((i, 2, STRAIGHT if ch == "'" else "“"))
            i += 1
        i += 1
    return out


def _role(text: str, i: int, ch: str, length: int) -> str:
    """Classify the mark at i as 'open', 'close' or 'either' from its neighbours."""
    prev = text[i - 1] if i > 0 else " "
    nxt = text[i + length] if i + length < len(text) else " "
    opener = prev in OPEN_CONTEXT or prev in QUOTE_CHARS
    closer = nxt in CLOSE_CONTEXT or nxt in QUOTE_CHARS
    if ch in OPENERS:
        return "close" if closer and not opener and prev.isalnum() else "open"
    if ch in CLOSERS:
        return "open" if opener and not closer and nxt.isalnum() else "close"
    if opener and not closer:
        return "open"
    if closer and not opener:
        return "close"
    return "either"


def _closes_after_punctuation(text: str, i: int, length: int) -> bool:
    """An opening curly mark right after a comma or a sentence end and before a space or the end,
    while a quote of its family is open, closes that quote ('2019.“ The next ...' with none open
    opens one)."""
    nxt = text[i + length] if i + length < len(text) else " "
    return i > 0 and text[i - 1] in ".,!?…" and nxt in CLOSE_CONTEXT


def find_quotes(text: str) -> list[Quote]:
    """Outermost quotations in a paragraph; a quote left open runs to the paragraph end."""
    quotes: list[Quote] = []
    stack: list[tuple[int, str, int]] = []
    for i, length, ch in _marks(text):
        role, fam = _role(text, i, ch, length), _family(ch)
        if role == "either":
            role = "close" if stack and stack[-1][1] == fam else "open"
        punctuated = False
        if role == "open":
            if stack and stack[-1][1] == fam and fam == "s" and text[i - 1:i] not in (" ", "("):
                role = "close"
            elif stack and stack[-1][1] in "cs" and ch in OPENERS and _closes_after_punctuation(text, i, length):
                role, punctuated = "close", True  # '„Wir bleiben,“ sagte er' (German), '“Is it safe?“ Holt asked'
            else:
                stack.append((i, fam, length))
                continue
        # a closing mark: pop to the innermost open quote of the same family; a clear closer with none
        # open closes a quote of the other curly/straight family ('“We won," she said.')
        same = any(f == fam for _, f, _ in stack)
        mixed = not same and fam in "cs" and (punctuated or _role(text, i, ch, length) == "close")
        for depth in range(len(stack) - 1, -1, -1):
            if stack[depth][1] == fam or (mixed and stack[depth][1] in "cs"):
                start, _, open_len = stack[depth]
                del stack[depth:]
                if not stack:
                    quotes.append(Quote(start, i + length - 1, True, open_len, length))
                break
    if stack:
        quotes.append(Quote(stack[0][0], len(text), False, stack[0][2]))
    return quotes


_DOUBLE_MARKS = frozenset(QUOTE_CHARS) | {"‟"}
_SINGLE_OPEN_AFTER = " \t\u00a0([{—–\n"


def singles_as_doubles(text: str) -> str:
    """The text with the single quotation marks some papers quote with ('‘We are not closing the
    school,’ said Gwen Tallis.') written as double ones, one character for one, in each line that has
    no double mark. An opening mark stands at a word's start before a letter; its closing mark follows
    a sentence's punctuation, or ends a word before punctuation or a space ('was ‘dead’ and'), but not
    a word ending in 's' before a space ('the workers’ union' is a possessive). A mark left unpaired
    stays as it is, and so does every apostrophe ('don’t', 'the ’90s'). Not in a headline, where
    American papers quote with single marks (a first line that does not open with a quote and its
    attribution), nor in a line of under eight words."""
    out = list(text)
    for k, line in enumerate(re.finditer(r"[^\n]*\S[^\n]*", text)):
        words = line.group().split()
        if (k == 0 and _headline(line.group())) or _DOUBLE_MARKS.intersection(line.group()) or len(words) < 8:
            continue  # (not the headline, where American papers quote with single marks, nor a caption)
        opened: int | None = None
        for i in range(line.start(), line.end()):
            ch = text[i]
            if ch not in "‘’'":
                continue
            prev = text[i - 1] if i > line.start() else " "
            nxt = text[i + 1] if i + 1 < line.end() else " "
            if opened is None:
                if ch in "‘'" and prev in _SINGLE_OPEN_AFTER and nxt.isalpha():
                    opened = i
                continue
            if ch in "’'" and i > opened + 1 and (
                    (prev in ",.!?…" and nxt in " \t\u00a0)—–-" + "”")
                    or (prev.isalnum() and nxt in ",.;:!?)—–")
                    or (prev.isalnum() and prev != "s" and nxt in " \t\u00a0")):
                out[opened], out[i] = "“", "”"
                opened = None
    return "".join(out)


_SPACED_HYPHEN = re.compile(r"(?<=[^\s-] )-(?= [^\s-])")


def hyphens_as_dashes(text: str) -> str:
    """The text with each hyphen that stands between spaces as a dash ('Trump - who said ... - said at a
    rally'), as papers type one on a keyboard, so the parser reads the aside it sets off; one character
    for one. Not a hyphen opening a line (a list's bullet) nor one of a pair ('--')."""
    return _SPACED_HYPHEN.sub("—", text)


def _headline(line: str) -> bool:
    """Whether an article's first line reads as a headline: in title case, or without a sentence's end
    ('Flynn says Trump ‘absolutely right’ in saying ...' is one all the same: a lede attributes after
    the quote, '‘We ran out of money,’ said Morag Dunbar, ...')."""
    words = re.findall(r"[A-Za-z][\w'’-]*", line)
    if title_case(words, least=3) or not line.rstrip().rstrip("’'\"”").endswith((".", "!", "?")):
        return True
    return not re.match(r"\s*[‘'][^‘'’]+[,.!?][’']\s+(?:said|says|added|told)\b", line)


def is_boundary(text: str, dot: int) -> bool:
    """Whether the punctuation at index dot ends a sentence (not an abbreviation/initial)."""
    if text[dot] != ".":
        return True
    if text[dot + 1:dot + 2] == ")" and re.search(r"\([\w.-]{1,12}$", text[max(0, dot - 13):dot]):
        return False  # a party and state tag, '(D-Mo.)' or '(Calif.)', ends no sentence
    m = re.search(r"([A-Za-z.]+)$", text[:dot])
    if not m:
        return True
    word = m.group(1).lower().strip(".")
    if word in ABBREVIATIONS:
        return False
    if text[m.start() - 1:m.start()] in ("'", "’") and word in ("t", "s", "d", "m"):
        return True  # a contraction's last letter, no initial: 'We won't.'
    return not (len(word) == 1 and word.isalpha())


_SENT_RE = re.compile(r"[.!?…]+[\"'”’)\]]*(\s+)(?=[\"“‘'(\[]?[A-Z0-9])")


def split_sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Split text[start:end] into sentence spans (regex-based, abbreviation-aware)."""
    spans: list[tuple[int, int]] = []
    s = start
    for m in _SENT_RE.finditer(text, start, end):
        punct = m.start()
        if not is_boundary(text, punct):
            continue
        e = m.start(1)
        if e > s:
            spans.append((s, e))
        s = m.end(1)
    if s < end:
        spans.append((s, end))
    return spans


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Strip spaces, enclosing quote marks and trailing commas, colons and dashes from a span; a quote
    opened inside the span keeps its closing mark, and one closed inside it its opening mark."""
    lead = " \t\u00a0\n\"“”„«»'‘,;:-—–―…"
    tail = " \t\u00a0\n\"“”„«»,;:-—–―"
    while start < end and text[start] in lead:
        if text[start] in "'‘" and start + 1 < end and text[start + 1].isalpha() and not _balanced(text, start, end):
            break
        start += 1
    while end > start and text[end - 1] in tail:
        end -= 1
    if start and text[start - 1] in "“\"" and _first_mark_closes(text, start, end):
        start -= 1  # '"We are horrified" by the attack': a quote closed inside the span keeps its opening mark
    inner = text[start:end]
    if inner.count("“") > inner.count("”") or inner.count('"') % 2:  # 'said the deal was "very close."'
        m = re.match(r"[.!?,]?[”\"]", text[end:end + 2])
        if m:
            end += m.end()
    return start, end


def _first_mark_closes(text: str, start: int, end: int) -> bool:
    """Whether the first double quotation mark in text[start:end] closes a quote: a right curly mark,
    or a straight one after a word and before a space or punctuation."""
    at = next((i for i in range(start, end) if text[i] in "“”\""), None)
    if at is None:
        return False
    if text[at] != '"':
        return text[at] == "”"
    return at > start and not text[at - 1].isspace() and (at + 1 == len(text) or text[at + 1] in CLOSE_CONTEXT)


def _balanced(text: str, start: int, end: int) -> bool:
    return text[start] in "'‘" and text[end - 1] in "'’" and end - start > 2


def words_of(content: str) -> list[str]:
    """The words of a quotation (letters first, then letters, digits, apostrophes and hyphens)."""
    return re.findall(r"[^\W\d_][\w'’-]*", content)


def title_case(words: list[str], least: int = 1) -> bool:
    """Whether at least `least` words are not stopwords and all of those are capitalised ('Make Your
    Kid a Millionaire'): the form of a title."""
    significant = [w for w in words if w.lower() not in STOPWORDS]
    return len(significant) >= least and all(w[0].isupper() for w in significant)


def is_scare_quote(content: str) -> bool:
    """Short (under 4 words) or all-Title-Case quotes are names, titles or scare quotes."""
    words = words_of(content)
    if len(words) < 4:
        return True
    return len(words) <= 12 and title_case(words)

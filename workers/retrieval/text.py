"""Normalising queries (tweets, statements) and tokenising text for the lexical index."""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime

URL = re.compile(r"(?:https?://|www\.)\S+|\bpic\.twitter\.com/\S+|\b\w+\.\w{2,3}/\S+", re.IGNORECASE)
# the embed tail of a copied tweet: "— Name (@handle) January 28, 2021"
TWEET_TAIL = re.compile(r"\s*[—–]\s*([^—–]{0,80}?)\s*\(@\w{1,30}\)\s*(\w+\.? \d{1,2}, \d{4})\W*$")
MENTION = re.compile(r"(?<![\w@])@(\w{1,30})")
HASHTAG = re.compile(r"(?<![\w#])#(\w+)")
CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])|(?<=[A-Za-z])(?=\d)")
TOKEN = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
STOPWORDS = frozenset({
    "a", "about", "above", "after", "again", "against", "all", "am", "an", "and", "any", "are", "as", "at", "be",
    "because", "been", "before", "being", "below", "between", "both", "but", "by", "can", "could", "did", "do",
    "does", "doing", "down", "during", "each", "few", "for", "from", "further", "had", "has", "have", "having", "he",
    "her", "here", "hers", "herself", "him", "himself", "his", "how", "i", "if", "in", "into", "is", "it", "its",
    "itself", "just", "me", "more", "most", "my", "myself", "no", "nor", "not", "now", "of", "off", "on", "once",
    "only", "or", "other", "our", "ours", "ourselves", "out", "over", "own", "same", "she", "should", "so", "some",
    "such", "than", "that", "the", "their", "theirs", "them", "themselves", "then", "there", "these", "they", "this",
    "those", "through", "to", "too", "under", "until", "up", "very", "was", "we", "were", "what", "when", "where",
    "which", "while", "who", "whom", "why", "will", "with", "would", "you", "your", "yours", "yourself",
    "yourselves", "s", "t", "don", "rt", "via", "amp",
})


def split_identifier(word: str) -> str:
    """`JoeBiden` -> `Joe Biden`, `COVID19Vaccine` -> `COVID 19 Vaccine`, `joe_biden` -> `joe biden`."""
    return CAMEL.sub(" ", word.replace("_", " ")).strip()


def normalise_query(text: str) -> str:
    """A tweet or statement as searched: links, the tweet's embed tail and markup removed, handles spelled out."""
    text = unicodedata.normalize("NFKC", text).strip()
    if len(text) > 1 and text[0] == '"' and text[-1] == '"':
        text = text[1:-1].replace('""', '"')
    tail = TWEET_TAIL.search(text)
    if tail:
        text = text[: tail.start()]
    text = URL.sub(" ", text)
    text = MENTION.sub(lambda m: split_identifier(m.group(1)), text)
    text = HASHTAG.sub(lambda m: split_identifier(m.group(1)), text)
    text = re.sub(r"\s+", " ", text).strip(" .:-—–")
    return text or "?"


def tokenize(text: str) -> list[str]:
    """Lower-cased word tokens without stop words, accents or a plural/possessive `s`."""
    folded = unicodedata.normalize("NFKD", text.casefold().replace("’", "'"))
    folded = "".join(c for c in folded if not unicodedata.combining(c))
    out = []
    for token in TOKEN.findall(folded):
        token = token.split("'")[0] if "'" in token else token
        if not token or token in STOPWORDS:
            continue
        if len(token) > 3 and token.endswith("s") and not token.endswith(("ss", "us", "is")):
            token = token[:-1]
        out.append(token)
    return out


def query_date(text: str) -> date | None:
    """The date of a copied tweet, from its "— Name (@handle) January 28, 2021" tail."""
    tail = TWEET_TAIL.search(text.strip())
    if not tail:
        return None
    for fmt in ("%B %d, %Y", "%b %d, %Y", "%b. %d, %Y"):
        try:
            return datetime.strptime(tail.group(2), fmt).date()
        except ValueError:
            continue
    return None


def parse_day(value: str | None) -> date | None:
    """The calendar day of an ISO 8601 date or date-time (None when absent or unreadable)."""
    if not value or len(value) < 10:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None

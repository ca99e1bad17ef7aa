"""The Redis key layout: every key name claimtrack uses is built here and nowhere else.

Layout version 1 (created by migrations/m0001_initial.py):

    ct:layout_version                       string  layout version number
    ct:article:{aid}                        string  JSON article record (text, metadata, status, statement ids)
    ct:article_by_url:{sha256(url)}         string  article id (dedup on URL)
    ct:article_by_text:{sha256(text)}       string  article id (dedup on normalised text)
    ct:articles                             zset    article ids by creation time (ms)
    ct:statement:{sid}                      string  JSON statement record
    ct:statement:{sid}:links                zset    same-claim neighbours (statement id -> similarity), both
                                                    directions; "matches" are the earlier ones
    ct:speaker:{spk}                        string  JSON speaker record (id, name, aliases)
    ct:speaker:{spk}:statements             zset    statement ids by chronological order score
    ct:speaker:{spk}:vectors                hash    statement id -> float16 normalised embedding (768 bytes)
    ct:speaker_alias:{alias key}            string  speaker id (one person, one id)
    ct:speaker_surname:{surname key}        set     speaker ids with that surname (bare-surname lookups)
    ct:speakers                             zset    "{sort name}\\x00{spk}" at score 0 (lexical paging/search)

Braces are literal: `{spk}` in a speaker's keys is a Redis Cluster hash tag, so all of one
speaker's keys live in one slot. Values are bytes on the wire; `claimtrack.store` decodes.
"""

from __future__ import annotations

import hashlib

PREFIX = "ct"
LAYOUT_VERSION = 1


def _sha(value: str) -> str:
    return hashlib.sha256(value.encode("utf-8")).hexdigest()


def layout_version() -> str:
    """Key holding the layout version number."""
    return f"{PREFIX}:layout_version"


def article(article_id: str) -> str:
    """Key of an article record."""
    return f"{PREFIX}:article:{article_id}"


def article_by_url(url: str) -> str:
    """Dedup key for an article URL."""
    return f"{PREFIX}:article_by_url:{_sha(url)}"


def article_by_text(normalised_text: str) -> str:
    """Dedup key for an article's normalised text."""
    return f"{PREFIX}:article_by_text:{_sha(normalised_text)}"


def articles() -> str:
    """Index of all article ids by creation time."""
    return f"{PREFIX}:articles"


def statement(statement_id: str) -> str:
    """Key of a statement record."""
    return f"{PREFIX}:statement:{statement_id}"


def statement_links(statement_id: str) -> str:
    """Same-claim neighbours of a statement, with similarity scores."""
    return f"{PREFIX}:statement:{statement_id}:links"


def speaker(speaker_id: str) -> str:
    """Key of a speaker record."""
    return f"{PREFIX}:speaker:{{{speaker_id}}}"


def speaker_statements(speaker_id: str) -> str:
    """A speaker's statement ids in chronological order."""
    return f"{PREFIX}:speaker:{{{speaker_id}}}:statements"


def speaker_vectors(speaker_id: str) -> str:
    """A speaker's statement embeddings (float16, normalised)."""
    return f"{PREFIX}:speaker:{{{speaker_id}}}:vectors"


def speaker_alias(alias_key: str) -> str:
    """Maps a normalised speaker name to a speaker id."""
    return f"{PREFIX}:speaker_alias:{alias_key}"


def speakers() -> str:
    """Lexical index of speakers for paging and name search."""
    return f"{PREFIX}:speakers"


def speaker_surname(surname_key: str) -> str:
    """Speaker ids sharing a surname, to resolve a bare surname when it is unambiguous."""
    return f"{PREFIX}:speaker_surname:{surname_key}"

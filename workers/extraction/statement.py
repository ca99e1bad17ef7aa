"""The public result type of statement extraction."""
from __future__ import annotations

from dataclasses import dataclass

MAX_SPEAKER_NAME_CHARS = 120  # a longer name is no name, nor a longer description a description


@dataclass(frozen=True)
class ExtractedStatement:
    """One attributed statement: its content span in the article and who made it."""

    text: str  # == article_text[start:end]
    start: int  # Python str offsets into the text exactly as given
    end: int
    kind: str  # "direct" | "reported"
    speaker: str | None  # canonical name within the article, None for unnamed sources
    role: str | None  # title/role split off the name, else None
    cue: str | None  # the verb/cue, e.g. "said", "according to"
    # how the article describes a source it does not name ('police officials', 'a Western diplomat',
    # a role reference it leaves open), as written; None when a speaker is named or only a pronoun stands
    described_as: str | None = None

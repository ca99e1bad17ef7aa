"""Marshmallow schemas for request bodies."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Any

from marshmallow import RAISE, Schema, ValidationError, fields, validate, validates

from claimtrack.timeutil import to_iso

RFC3339 = re.compile(
    r"^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$"
)


class Rfc3339(fields.Field):
    """An RFC 3339 timestamp with a time zone, normalised to UTC `...Z`."""

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> str:
        if not isinstance(value, str) or not RFC3339.match(value):
            raise ValidationError("must be an RFC 3339 timestamp with a time zone, e.g. 2026-03-04T09:15:00Z")
        try:
            parsed = datetime.fromisoformat(value.upper().replace("Z", "+00:00"))
        except ValueError as exc:
            raise ValidationError(f"not a valid date/time: {exc}") from exc
        try:  # the years the chronological order score holds exactly (claimtrack/timeutil.py)
            in_range = 1900 <= parsed.astimezone(UTC).year <= 2999
        except OverflowError:  # '9999-12-31T23:59:59-23:59' lies past year 9999 in UTC
            in_range = False
        if not in_range:
            raise ValidationError("must lie between the years 1900 and 2999 (UTC)")
        return to_iso(parsed)


class ArticleSchema(Schema):
    """Body of POST /v1/articles."""

    class Meta:
        unknown = RAISE

    text = fields.String(required=True)
    title = fields.String(load_default=None, allow_none=True, validate=validate.Length(max=1_000))
    url = fields.Url(load_default=None, allow_none=True, schemes={"http", "https"},
                     validate=validate.Length(max=2_048))
    published_at = Rfc3339(load_default=None, allow_none=True)
    source = fields.String(load_default=None, allow_none=True, validate=validate.Length(max=200))

    def __init__(self, max_chars: int, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.max_chars = max_chars

    @validates("text")
    def _check_text(self, value: str, **kwargs: Any) -> None:
        if not value.strip():
            raise ValidationError("must contain some non-whitespace text")
        if len(value) > self.max_chars:
            raise ValidationError(f"is {len(value)} characters long; the limit is {self.max_chars}")
        if "\x00" in value:
            raise ValidationError("must not contain NUL characters")

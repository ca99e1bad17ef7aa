"""Marshmallow schemas for fact-check import (schema.org ClaimReview) and search bodies.

ClaimReviews are validated for the types of the properties claimtrack reads; any other
schema.org property a publisher adds is kept as given (unknown = INCLUDE).
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any

from marshmallow import INCLUDE, RAISE, Schema, ValidationError, fields, validate

MAX_TEXT = 10_000
MAX_LIST = 50
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
URL = re.compile(r"^https?://[^\s/$.?#][^\s]*$", re.IGNORECASE)


def _check_types(value: Any, allowed: set[str], what: str) -> None:
    """`@type` is a string or a list of strings, one of them in `allowed` (empty: any)."""
    types = value if isinstance(value, list) else [value]
    if not types or not all(isinstance(t, str) for t in types):
        raise ValidationError("@type must be a string or a list of strings")
    if allowed and not allowed.intersection(t.removeprefix("http://schema.org/").removeprefix("https://schema.org/")
                                            for t in types):
        raise ValidationError(f"@type must be {what}, got {value!r}")


class SchemaDate(fields.Field):
    """A schema.org Date or DateTime (ISO 8601), kept as given."""

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> str:
        if not isinstance(value, str):
            raise ValidationError("must be an ISO 8601 date or date-time string, e.g. 2026-03-04")
        try:
            if ISO_DATE.match(value):
                date.fromisoformat(value)
            else:
                datetime.fromisoformat(value.replace("Z", "+00:00").replace("z", "+00:00"))
        except ValueError as exc:
            raise ValidationError(f"must be an ISO 8601 date or date-time string: {exc}") from exc
        return value


class WebUrl(fields.Field):
    """An absolute http(s) URL."""

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> str:
        if not isinstance(value, str) or len(value) > 2_048 or not URL.match(value):
            raise ValidationError("must be an absolute http(s) URL of at most 2048 characters")
        return value


class Agent(fields.Field):
    """A Person or Organization: an object with a string `name`, a plain name, or a list of those."""

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> Any:
        items = value if isinstance(value, list) else [value]
        if isinstance(value, list) and not 0 < len(value) <= MAX_LIST:
            raise ValidationError(f"must list between 1 and {MAX_LIST} people or organisations")
        for item in items:
            if isinstance(item, str):
                if not item.strip() or len(item) > 500:
                    raise ValidationError("a name must be 1 to 500 characters")
            elif isinstance(item, dict):
                name = item.get("name")
                if name is not None and not (isinstance(name, str) and len(name) <= 500):
                    raise ValidationError("name must be a string of at most 500 characters")
                if "@type" in item:
                    _check_types(item["@type"], set(), "")
            else:
                raise ValidationError("must be a Person/Organization object with a name, or a name")
        return value


class Appearance(fields.Field):
    """Where a claim appeared: a URL, a CreativeWork object, or a list of those."""

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> Any:
        items = value if isinstance(value, list) else [value]
        if len(items) > 1_000:
            raise ValidationError("at most 1000 appearances")
        for item in items:
            if isinstance(item, dict):
                if item.get("url") is not None and not (isinstance(item["url"], str) and URL.match(item["url"])):
                    raise ValidationError("url must be an absolute http(s) URL")
            elif not (isinstance(item, str) and URL.match(item)):
                raise ValidationError("must be a URL, a CreativeWork object or a list of those")
        return value


class TypeOf(fields.Field):
    """A JSON-LD `@type` restricted to some schema.org types."""

    def __init__(self, *allowed: str, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.allowed = set(allowed)

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> Any:
        _check_types(value, self.allowed, " or ".join(sorted(self.allowed)))
        return value


class Scalar(fields.Field):
    """A string or a number (schema.org Text or Number)."""

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> Any:
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            raise ValidationError("must be a string or a number")
        return value


class RatingSchema(Schema):
    """schema.org Rating (`reviewRating`)."""

    class Meta:
        unknown = INCLUDE

    type_ = TypeOf("Rating", "AggregateRating", data_key="@type")
    alternateName = fields.String(allow_none=True, validate=validate.Length(max=500))
    name = fields.String(allow_none=True, validate=validate.Length(max=500))
    ratingValue = Scalar(allow_none=True)
    bestRating = Scalar(allow_none=True)
    worstRating = Scalar(allow_none=True)


class ClaimSchema(Schema):
    """schema.org Claim (`itemReviewed`)."""

    class Meta:
        unknown = INCLUDE

    type_ = TypeOf("Claim", "CreativeWork", "Thing", data_key="@type")
    author = Agent(allow_none=True)
    appearance = Appearance(allow_none=True)
    firstAppearance = Appearance(allow_none=True)
    datePublished = SchemaDate(allow_none=True)
    name = fields.String(allow_none=True, validate=validate.Length(max=MAX_TEXT))


class ClaimReviewSchema(Schema):
    """schema.org ClaimReview, as fact-checkers publish it."""

    class Meta:
        unknown = INCLUDE

    type_ = TypeOf("ClaimReview", data_key="@type")
    claimReviewed = fields.String(
        required=True, validate=[validate.Length(min=1, max=MAX_TEXT),
                                 validate.Regexp(r"[\s\S]*\S", error="must contain some non-whitespace text")])
    identifier = Scalar(allow_none=True)
    url = WebUrl(allow_none=True)
    headline = fields.String(allow_none=True, validate=validate.Length(max=MAX_TEXT))
    author = Agent(allow_none=True)
    publisher = Agent(allow_none=True)
    datePublished = SchemaDate(allow_none=True)
    itemReviewed = fields.Nested(ClaimSchema, allow_none=True)
    reviewRating = fields.Nested(RatingSchema, allow_none=True)


class SearchSchema(Schema):
    """Body of POST /v1/fact-checks/search."""

    class Meta:
        unknown = RAISE

    text = fields.String(required=True, validate=[validate.Length(min=1, max=MAX_TEXT),
                                                  validate.Regexp(r"[\s\S]*\S", error="must contain some text")])
    limit = fields.Integer(load_default=5, validate=validate.Range(min=1, max=100))
    speaker = fields.String(load_default=None, allow_none=True, validate=validate.Length(min=1, max=200))


def claim_reviews(payload: Any, max_batch: int) -> tuple[list[Any], list[str]]:
    """The ClaimReview items of a body (object, array, or JSON-LD `@graph`) and how errors name each.

    Raises ValidationError for a body of another shape, and ValueError when over `max_batch`.
    """
    if isinstance(payload, dict) and "@graph" in payload:
        graph = payload["@graph"]
        if not isinstance(graph, list):
            raise ValidationError({"@graph": ["must be an array of JSON-LD nodes"]})
        picked = [(i, n) for i, n in enumerate(graph) if not isinstance(n, dict) or _is_claim_review(n)]
        if not picked:
            raise ValidationError({"@graph": ["holds no ClaimReview node"]})
        items, labels = [n for _, n in picked], [f"@graph[{i}]" for i, _ in picked]
    elif isinstance(payload, list):
        items, labels = payload, [f"[{i}]" for i in range(len(payload))]
    elif isinstance(payload, dict):
        items, labels = [payload], ["[0]"]
    else:
        raise ValidationError({"_schema": ["the body must be a ClaimReview object, an array of them, "
                                           "or a JSON-LD object with @graph"]})
    if not items:
        raise ValidationError({"_schema": ["the array holds no ClaimReview"]})
    if len(items) > max_batch:
        raise ValueError(f"{len(items)} ClaimReviews in one request; the limit is {max_batch}, send smaller batches")
    return items, labels


def _is_claim_review(node: dict[str, Any]) -> bool:
    types = node.get("@type")
    types = types if isinstance(types, list) else [types]
    return any(isinstance(t, str) and t.rsplit("/", 1)[-1] == "ClaimReview" for t in types)


def validate_reviews(items: list[Any], labels: list[str]) -> list[dict[str, Any]]:
    """Validate every item (all or nothing); errors are keyed by the item's label, e.g. `[3].claimReviewed`."""
    errors = ClaimReviewSchema(many=True).validate(items)
    if errors:
        raise ValidationError({labels[int(i)]: messages for i, messages in sorted(errors.items())})
    return items

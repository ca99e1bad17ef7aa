"""Marshmallow schemas of what the API answers; used to generate the OpenAPI document (service/openapi.py).

Response objects may gain fields over time, so every schema allows additional properties
(unknown = INCLUDE); the fields listed as required are always present.
"""

from __future__ import annotations

from marshmallow import INCLUDE, Schema, fields, validate


class _Open(Schema):
    """Base of response schemas: documented fields, further fields allowed."""

    class Meta:
        unknown = INCLUDE


def _str(required: bool = False, **kwargs: object) -> fields.String:
    """A nullable string (most optional metadata is null when unknown)."""
    return fields.String(required=required, allow_none=not required, **kwargs)  # type: ignore[arg-type]


class FieldErrorSchema(_Open):
    field = fields.String(required=True, metadata={"description": "dotted path of the offending field"})
    message = fields.String(required=True)


class ProblemSchema(_Open):
    """RFC 9457 problem details (`application/problem+json`)."""

    type = fields.String(required=True, metadata={"description": "URI identifying the problem type"})
    title = fields.String(required=True)
    status = fields.Integer(required=True)
    detail = fields.String(required=True)
    instance = fields.String(metadata={"description": "the request path"})
    errors = fields.List(fields.Nested(FieldErrorSchema), metadata={"description": "validation failures (422)"})


class SpeakerRefOutSchema(_Open):
    """Who made a statement: a tracked speaker, or how the article describes a source it does not name."""

    id = fields.String(required=True, allow_none=True, metadata={
        "description": "the speaker's id; null for a source the article does not name"})
    name = fields.String(required=True, allow_none=True, metadata={
        "description": "canonical name, or the article's description of an unnamed source ('police officials')"})
    named = fields.Boolean(metadata={
        "description": "false for an unnamed source: it joins no speaker's history and is never matched"})


class FactCheckHitSchema(_Open):
    """A fact-check found for a text or statement, best first."""

    id = fields.String(required=True)
    score = fields.Float(required=True)
    identifier = _str()
    claim_reviewed = _str()
    rating = _str()
    publisher = _str()
    url = _str()
    date_published = _str()
    claim_author = _str()


class MatchSchema(_Open):
    """An earlier statement of the same speaker making the same claim."""

    statement_id = fields.String(required=True)
    score = fields.Float(required=True, metadata={"description": "cosine similarity; 1.0 when confirmed"})
    text = fields.String(required=True)
    kind = fields.String(required=True)
    article_id = fields.String(required=True)
    article_title = _str()
    article_url = _str()
    source = _str()
    published_at = _str()
    reviewed = fields.String(allow_none=True, validate=validate.OneOf(["confirmed", "rejected"]))


class ArticleRefSchema(_Open):
    id = fields.String(required=True)
    title = _str()
    url = _str()
    source = _str()
    published_at = _str()
    status = _str()


class StatementSchema(_Open):
    """One statement: who said what, where in the text, and the earlier statements it repeats."""

    id = fields.String(required=True)
    article_id = fields.String(required=True)
    position = fields.Integer(required=True)
    text = fields.String(required=True)
    span = fields.List(fields.Integer(), required=True, validate=validate.Length(equal=2),
                       metadata={"description": "[start, end) Python string offsets into the article text"})
    kind = fields.String(required=True, metadata={"description": "`direct` quote or `reported` speech"})
    speaker = fields.Nested(SpeakerRefOutSchema, required=True, allow_none=True)
    speaker_mention = _str()
    role = _str()
    cue = _str()
    published_at = _str()
    article_title = _str()
    article_url = _str()
    source = _str()
    claim_id = _str()
    matches = fields.List(fields.Nested(MatchSchema))
    possible_matches = fields.List(fields.Nested(MatchSchema))
    fact_checks = fields.List(fields.Nested(FactCheckHitSchema))
    article = fields.Nested(ArticleRefSchema, metadata={"description": "GET /v1/statements/{id} only"})
    relink_jobs = fields.List(fields.String(), metadata={"description": "PUT .../speaker only"})


class ArticleSchema(_Open):
    """An article with its processing status (and, from GET, its statements once done)."""

    id = fields.String(required=True)
    status = fields.String(required=True, validate=validate.OneOf(["queued", "processing", "done", "failed"]))
    title = _str()
    url = _str()
    source = _str()
    published_at = _str()
    received_at = fields.String(required=True)
    updated_at = fields.String(required=True)
    error = _str()
    text_length = fields.Integer(required=True)
    attempt = fields.Integer(required=True)
    statements = fields.List(fields.Nested(StatementSchema))


class ArticleTextSchema(_Open):
    id = fields.String(required=True)
    text = fields.String(required=True)


class SpeakerSchema(_Open):
    """A canonical speaker."""

    id = fields.String(required=True)
    name = fields.String(required=True)
    aliases = fields.List(fields.String(), required=True)
    roles = fields.List(fields.String(), required=True)
    statement_count = fields.Integer(required=True)
    created_at = _str()
    merged_from = fields.List(fields.String())
    relink_job = fields.String(metadata={"description": "POST .../merge only"})


class AppearanceSchema(_Open):
    statement_id = fields.String(required=True)
    text = fields.String(required=True)
    kind = fields.String(required=True)
    article_id = fields.String(required=True)
    article_title = _str()
    article_url = _str()
    source = _str()
    published_at = _str()


class ClaimSchema(_Open):
    """Statements of one speaker grouped as the same claim."""

    id = fields.String(required=True)
    speaker = fields.Nested(SpeakerRefOutSchema, required=True, allow_none=True)
    text = _str()
    statement_count = fields.Integer(required=True)
    repetitions = fields.Integer(required=True)
    article_count = fields.Integer(required=True)
    first_appearance = fields.Nested(AppearanceSchema, required=True, allow_none=True)
    last_appearance = fields.Nested(AppearanceSchema, required=True, allow_none=True)
    appearances = fields.List(fields.Nested(AppearanceSchema), required=True)
    created_at = fields.String(required=True)


class JsonLdClaimSchema(_Open):
    """A claim as a schema.org `Claim` in JSON-LD."""

    context = fields.String(required=True, data_key="@context")
    type = fields.String(required=True, data_key="@type")
    identifier = fields.String(required=True)


class LinkReviewSchema(_Open):
    statement_id = fields.String(required=True)
    other_statement_id = fields.String(required=True)
    decision = fields.String(required=True, validate=validate.OneOf(["confirmed", "rejected"]))
    claim_ids = fields.Dict(keys=fields.String(), values=fields.String(allow_none=True), required=True)


class FactCheckSchema(_Open):
    """A stored schema.org ClaimReview as imported, plus its indexing status."""

    id = fields.String(required=True)
    status = fields.String(required=True, validate=validate.OneOf(["pending", "indexed"]))
    imported_at = fields.String(required=True)
    updated_at = fields.String(required=True)
    claimReviewed = fields.String(required=True)


class FactCheckImportSchema(_Open):
    ids = fields.List(fields.String(), required=True, metadata={"description": "fact-check ids in input order"})


class FactCheckSearchResultSchema(_Open):
    results = fields.List(fields.Nested(FactCheckHitSchema), required=True)


class HealthSchema(_Open):
    status = fields.String(required=True)


class CheckSchema(_Open):
    ok = fields.Boolean(required=True)
    detail = fields.String(required=True)


class ReadinessSchema(_Open):
    """Each readiness check with its outcome; 503 when any fails."""

    status = fields.String(required=True, validate=validate.OneOf(["ok", "not ready"]))
    checks = fields.Dict(keys=fields.String(), values=fields.Nested(CheckSchema), required=True)


class _PageBase(_Open):
    total = fields.Integer(required=True)
    offset = fields.Integer(required=True)
    limit = fields.Integer(required=True)
    next_offset = fields.Integer(required=True, allow_none=True,
                                 metadata={"description": "offset of the next page; null on the last page"})


def page_of(item: type[Schema], name: str) -> type[Schema]:
    """A page envelope schema whose `items` are `item`."""
    return type(name, (_PageBase,), {"items": fields.List(fields.Nested(item), required=True),
                                     "__doc__": f"One page of {item.__name__.removesuffix('Schema')} items."})


SpeakerPageSchema = page_of(SpeakerSchema, "SpeakerPageSchema")
StatementPageSchema = page_of(StatementSchema, "StatementPageSchema")
ClaimPageSchema = page_of(ClaimSchema, "ClaimPageSchema")

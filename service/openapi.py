"""The OpenAPI 3 document, generated from the routes and the marshmallow schemas; `/openapi.json` and `/docs`.

Every rule of `app.url_map` becomes an operation. What a view takes and answers comes from
`@documented(...)` on the view, else from OPERATIONS below (keyed by endpoint), else a
generic description (any 2XX object, the usual problems) so a new route is never missing.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from apispec import APISpec
from apispec.ext.marshmallow import MarshmallowPlugin
from flask import Blueprint, Flask, Response, current_app, jsonify, send_from_directory, url_for
from marshmallow import Schema

from claimtrack.config import Settings
from service import response_schemas as out
from service.auth import PUBLIC_PATHS
from service.claims import LinkReviewSchema
from service.factcheck_schemas import ClaimReviewSchema, SearchSchema
from service.requests import MAX_OFFSET, MAX_PAGE_SIZE
from service.schemas import ArticleSchema, Rfc3339
from service.speakers import AliasSchema, SpeakerRefSchema

bp = Blueprint("openapi", __name__)
SPEC_KEY = "claimtrack.openapi"
API_VERSION = "1.0.0"
JSON, PROBLEM, LD_JSON = "application/json", "application/problem+json", "application/ld+json"

ERROR_TEXT = {
    400: "Malformed JSON, invalid UTF-8, or a request the domain rejects",
    401: "Missing, unknown or revoked API key",
    403: "The API key lacks the scope this route needs",
    404: "No such resource",
    409: "The resource is in the wrong state for this request",
    413: "Body larger than CLAIMTRACK_MAX_BODY_BYTES (or too many items)",
    415: "The body is not JSON",
    422: "Invalid fields; see `errors`",
    429: "Rate limit exceeded; see Retry-After",
    503: ("The data store (or a search worker) is unavailable, or a concurrent post of the same article is "
          "still being stored; see Retry-After"),
}
BODY_ERRORS = (400, 413, 415, 422)
HIDDEN_ENDPOINTS = {"static", "openapi.docs_asset"}


@dataclass(frozen=True)
class Operation:
    """What one view takes and answers, for the OpenAPI document."""

    response: type[Schema] | dict[str, Any] | None = None
    status: int = 200
    also: tuple[int, ...] = ()  # further success statuses with the same body
    request: Schema | type[Schema] | dict[str, Any] | Callable[[Settings], Schema] | None = None
    errors: tuple[int, ...] = ()
    query: tuple[dict[str, Any], ...] = ()
    media: tuple[str, ...] = (JSON,)
    summary: str | None = None
    tags: tuple[str, ...] = ()
    headers: dict[str, Any] = field(default_factory=dict)
    links: dict[str, Any] = field(default_factory=dict)  # OpenAPI links from the success response


def documented(**kwargs: Any) -> Any:
    """Decorator attaching an Operation to a view (use it on new routes)."""

    def wrap(view: Any) -> Any:
        view.openapi = Operation(**kwargs)
        return view

    return wrap


def _query(name: str, description: str, **schema: Any) -> dict[str, Any]:
    return {"name": name, "in": "query", "required": False, "description": description, "schema": schema}


def _article_request(settings: Settings) -> Schema:
    return ArticleSchema(max_chars=settings.max_text_chars)


PAGE_QUERY = (
    _query("offset", "items to skip", type="integer", minimum=0, maximum=MAX_OFFSET, default=0),
    _query("limit", f"page size (default CLAIMTRACK_PAGE_SIZE, at most {MAX_PAGE_SIZE})", type="integer",
           minimum=1, maximum=MAX_PAGE_SIZE),
)
ARTICLE_LINKS = {name: {"operationId": f"articles_{op}", "parameters": {"article_id": "$response.body#/id"}}
                 for name, op in (("GetArticle", "get_article"), ("GetArticleText", "get_article_text"),
                                  ("RetryArticle", "retry_article"))}
LOCATION = {"Location": {"description": "URL of the article to poll", "schema": {"type": "string"}}}
CLAIM_REVIEWS = {"anyOf": [
    ClaimReviewSchema,
    {"type": "array", "items": ClaimReviewSchema, "minItems": 1},
    {"type": "object", "required": ["@graph"], "description": "JSON-LD document whose @graph holds ClaimReviews",
     "properties": {"@graph": {"type": "array", "items": {"type": "object"}}}},
]}
TEXT_PLAIN = {"type": "string"}

OPERATIONS: dict[str, Operation] = {
    "articles.create_article": Operation(
        out.ArticleSchema, 202, also=(200,), request=_article_request, errors=BODY_ERRORS, headers=LOCATION,
        links=ARTICLE_LINKS,
        summary="Submit an article (202), or get the known one (same url or text: 200)"),
    "articles.get_article": Operation(out.ArticleSchema, errors=(404,)),
    "articles.get_article_text": Operation(out.ArticleTextSchema, errors=(404,)),
    "articles.retry_article": Operation(out.ArticleSchema, 202, errors=(404, 409), headers=LOCATION),
    "statements.get_statement": Operation(out.StatementSchema, errors=(404,)),
    "statements.move_statement": Operation(out.StatementSchema, 202, request=SpeakerRefSchema,
                                           errors=(*BODY_ERRORS, 404, 409)),
    "speakers.list_speakers": Operation(out.SpeakerPageSchema, errors=(422,), query=(
        _query("q", "substring of a name or alias (case-insensitive)", type="string"), *PAGE_QUERY)),
    "speakers.get_speaker": Operation(out.SpeakerSchema, errors=(404,)),
    "speakers.speaker_statements": Operation(out.StatementPageSchema, errors=(404, 422), query=PAGE_QUERY),
    "speakers.add_alias": Operation(out.SpeakerSchema, request=AliasSchema, errors=(*BODY_ERRORS, 404, 409)),
    "speakers.merge_speakers": Operation(out.SpeakerSchema, 202, request=SpeakerRefSchema,
                                         errors=(*BODY_ERRORS, 404, 409)),
    "claims.get_claim": Operation(out.ClaimSchema, errors=(404,), media=(JSON, LD_JSON)),
    "claims.get_claim_jsonld": Operation(out.JsonLdClaimSchema, errors=(404,), media=(LD_JSON,)),
    "claims.speaker_claims": Operation(out.ClaimPageSchema, errors=(404, 422), query=(
        _query("sort", "order of the claims", type="string", enum=["repetitions", "recent"], default="repetitions"),
        *PAGE_QUERY)),
    "claims.review_link": Operation(out.LinkReviewSchema, request=LinkReviewSchema,
                                    errors=(*BODY_ERRORS, 404, 409)),
    "factchecks.import_factchecks": Operation(out.FactCheckImportSchema, 202, request=CLAIM_REVIEWS,
                                              errors=BODY_ERRORS),
    "factchecks.get_factcheck": Operation(out.FactCheckSchema, errors=(404,)),
    "factchecks.search_factchecks": Operation(out.FactCheckSearchResultSchema, request=SearchSchema,
                                              errors=(*BODY_ERRORS, 503)),
    "health.healthz": Operation(out.HealthSchema, tags=("operations",)),
    "health.readyz": Operation(out.ReadinessSchema, also=(503,), tags=("operations",)),
    "ops.metrics_endpoint": Operation(TEXT_PLAIN, media=("text/plain",), tags=("operations",),
                             summary="Prometheus metrics (text exposition format)"),
    "openapi.openapi_json": Operation({"type": "object"}, tags=("operations",), summary="This OpenAPI document"),
    "openapi.docs": Operation(TEXT_PLAIN, media=("text/html",), tags=("operations",),
                              summary="Interactive API documentation (Swagger UI)"),
}
GENERIC = Operation({"type": "object"}, errors=(*BODY_ERRORS, 404, 409))


def _schema_name(schema: type[Schema]) -> str:
    """Component name: the class name without `Schema`; request schemas get a `Request` suffix."""
    cls = schema if isinstance(schema, type) else type(schema)
    name = cls.__name__.removesuffix("Schema")
    return name if cls.__module__ == out.__name__ else f"{name}Request"


def _problem(status: int) -> dict[str, Any]:
    response: dict[str, Any] = {"description": ERROR_TEXT.get(status, "Error"),
                                "content": {PROBLEM: {"schema": "Problem"}}}
    if status in (429, 503):
        response["headers"] = {"Retry-After": {"description": "seconds to wait", "schema": {"type": "string"}}}
    if status == 401:
        response["headers"] = {"WWW-Authenticate": {"schema": {"type": "string"}}}
    return response


def _operation(
    app: Flask, endpoint: str, path: str, method: str, params: list[dict[str, Any]], multi: bool
) -> dict[str, Any]:
    view = app.view_functions[endpoint]
    op: Operation = getattr(view, "openapi", None) or OPERATIONS.get(endpoint) or GENERIC
    doc = (view.__doc__ or "").strip()
    public = path.startswith(PUBLIC_PATHS)
    success = {"description": (doc.splitlines() or ["OK"])[0],
               "content": {m: {"schema": op.response} for m in op.media}}
    if op.headers:
        success["headers"] = op.headers
    if op.links:
        success["links"] = op.links
    responses: dict[str, Any] = {}
    for status in (op.status, *op.also):
        responses["2XX" if op is GENERIC else str(status)] = success
    errors = set(op.errors) | ({404} if params else set()) | ({503} if not public else set())
    if not public:
        errors |= {401, 403, 429}
    for status in sorted(errors - {int(s) for s in responses if s.isdigit()}):
        responses[str(status)] = _problem(status)
    operation: dict[str, Any] = {
        "operationId": endpoint.replace(".", "_") + (f"_{method}" if multi else ""),
        "summary": op.summary or (doc.splitlines() or [endpoint])[0],
        "tags": list(op.tags or (endpoint.split(".")[0],)),
        "parameters": [*params, *op.query],
        "responses": responses,
    }
    if op.request is not None:
        request = op.request
        if callable(request) and not isinstance(request, type | Schema):
            request = request(app.config["SETTINGS"])
        operation["requestBody"] = {"required": True, "content": {JSON: {"schema": request}}}
    if public:
        operation["security"] = []
    return operation


def build_spec(app: Flask) -> dict[str, Any]:
    """The OpenAPI 3.0 document of every route of `app`."""
    settings = app.config["SETTINGS"]
    plugin = MarshmallowPlugin(schema_name_resolver=_schema_name)
    spec = APISpec(
        title="claimtrack", version=API_VERSION, openapi_version="3.0.3", plugins=[plugin],
        info={"description": "Who said what in news articles, and whether they said it before. Errors are "
                             "RFC 9457 problem details (application/problem+json)."},
    )
    plugin.map_to_openapi_type(Rfc3339, "string", "date-time")
    spec.components.security_scheme("bearerAuth", {"type": "http", "scheme": "bearer",
                                                   "description": "an API key `ctk_<id>.<secret>`"})
    spec.components.schema("Problem", schema=out.ProblemSchema)
    paths: dict[str, dict[str, Any]] = {}
    for rule in sorted(app.url_map.iter_rules(), key=lambda r: r.rule):
        if rule.endpoint in HIDDEN_ENDPOINTS:
            continue
        path = re.sub(r"<(?:[^:<>]+:)?([^<>]+)>", r"{\1}", rule.rule)
        params = [{"name": name, "in": "path", "required": True,
                   "schema": {"type": "string", "minLength": 1, "pattern": "^[^/]+$"}}
                  for name in sorted(rule.arguments, key=rule.rule.index)]
        methods = sorted((rule.methods or set()) - {"HEAD", "OPTIONS"})
        for method in methods:
            paths.setdefault(path, {})[method.lower()] = _operation(
                app, rule.endpoint, path, method.lower(), params, multi=len(methods) > 1)
    for path, operations in paths.items():
        spec.path(path=path, operations=operations)
    doc = spec.to_dict()
    doc["security"] = [{"bearerAuth": []}]
    _json_schema_formats(doc)
    # ArticleSchema checks the text's length in a validator apispec cannot see.
    text = doc["components"]["schemas"]["ArticleRequest"]["properties"]["text"]
    text.update(minLength=1, maxLength=settings.max_text_chars)
    return doc


def _json_schema_formats(node: Any) -> None:
    """apispec writes marshmallow's Url as format `url`; JSON Schema (and OpenAPI tooling) knows `uri`."""
    if isinstance(node, dict):
        if node.get("format") == "url":
            node["format"] = "uri"
        for value in node.values():
            _json_schema_formats(value)
    elif isinstance(node, list):
        for value in node:
            _json_schema_formats(value)


def spec_for(app: Flask) -> dict[str, Any]:
    """The app's OpenAPI document, built once."""
    if SPEC_KEY not in app.extensions:
        app.extensions[SPEC_KEY] = build_spec(app)
    spec: dict[str, Any] = app.extensions[SPEC_KEY]
    return spec


@bp.get("/openapi.json")
def openapi_json() -> Response:
    """The OpenAPI 3 document of this API."""
    return jsonify(spec_for(current_app._get_current_object()))  # type: ignore[attr-defined]


DOCS_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>claimtrack API</title>
<link rel="stylesheet" href="{css}"></head>
<body><div id="swagger-ui"></div>
<script src="{js}"></script>
<script>window.ui = SwaggerUIBundle({{url: "{spec}", dom_id: "#swagger-ui", deepLinking: true}});</script>
</body></html>
"""


@bp.get("/docs")
def docs() -> Response:
    """Interactive documentation (Swagger UI, served from the swagger-ui-bundle package, no CDN)."""
    page = DOCS_PAGE.format(css=url_for("openapi.docs_asset", filename="swagger-ui.css"),
                            js=url_for("openapi.docs_asset", filename="swagger-ui-bundle.js"),
                            spec=url_for("openapi.openapi_json"))
    return Response(page, mimetype="text/html")


@bp.get("/docs/assets/<path:filename>")
def docs_asset(filename: str) -> Response:
    """Swagger UI's static files."""
    from swagger_ui_bundle import swagger_ui_path

    return send_from_directory(swagger_ui_path, filename, max_age=86_400)

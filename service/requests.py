"""Reading request bodies and paging parameters the same way in every view."""

from __future__ import annotations

import json
import math
import re
from typing import Any

from flask import current_app, request
from marshmallow import Schema, ValidationError
from werkzeug.exceptions import BadRequest, RequestEntityTooLarge, UnsupportedMediaType

from claimtrack.errors import NotFound

MAX_PAGE_SIZE = 200
MAX_OFFSET = 1_000_000_000  # beyond any real list; Redis rejects ranges past 2**63


def json_payload() -> Any:
    """The JSON body of any shape (415 when not JSON, 400 when malformed or not storable as UTF-8)."""
    if not request.is_json:
        raise UnsupportedMediaType("send the body as JSON with Content-Type: application/json")
    raw = request.get_data(cache=True)
    limit = current_app.config.get("MAX_CONTENT_LENGTH")
    if request.content_length is None and limit is not None and len(raw) >= limit and _more_to_read():
        # a chunked body: Werkzeug stops reading at the limit without a word; the rest was cut off
        raise RequestEntityTooLarge(f"the body is larger than the limit of {limit} bytes")
    try:
        payload = json.loads(raw.decode("utf-8"), parse_constant=_not_json, parse_float=_finite,
                             parse_int=_integer)
        json.dumps(payload, ensure_ascii=False).encode("utf-8")
    except UnicodeDecodeError as exc:
        raise BadRequest(f"the body is not valid UTF-8 (byte {exc.start})") from exc
    except UnicodeEncodeError as exc:
        raise BadRequest("the body contains an unpaired UTF-16 surrogate escape (e.g. \\ud800)") from exc
    except (json.JSONDecodeError, RecursionError) as exc:
        raise BadRequest(f"the body is not valid JSON: {exc}") from exc
    return payload


def _more_to_read() -> bool:
    """Whether the client sent more than Werkzeug read (its own stream raises on any read past the
    limit, even at the end of the body, so this asks the server's)."""
    try:
        return bool(request.environ["wsgi.input"].read(1))
    except (OSError, ValueError):
        return False


def _not_json(constant: str) -> Any:
    raise BadRequest(f"the body is not valid JSON: {constant} is not a JSON number")


def _finite(literal: str) -> float:
    """A JSON number as a float; one too large for a float (1e999) would be stored and served back
    as Infinity, which is no JSON."""
    value = float(literal)
    if math.isinf(value):
        raise BadRequest(f"the body holds a number too large to store: {literal[:40]}")
    return value


def _integer(literal: str) -> int:
    if len(literal.lstrip("-")) > _MAX_INT_DIGITS:
        raise BadRequest(f"the body holds an integer of more than {_MAX_INT_DIGITS} digits")
    return int(literal)


_MAX_INT_DIGITS = 4300  # Python's own limit on reading an integer from text (sys.get_int_max_str_digits)


def json_body(schema: Schema) -> dict[str, Any]:
    """Parse and validate a JSON object body (415 when not JSON, 400 when malformed, 422 when invalid)."""
    payload = json_payload()
    if not isinstance(payload, dict):
        raise ValidationError({"_schema": ["the body must be a JSON object"]})
    return dict(schema.load(payload))


def page_args() -> tuple[int, int]:
    """`offset` and `limit` query parameters, validated."""
    default = current_app.config["SETTINGS"].default_page_size
    raw_offset, raw_limit = request.args.get("offset", "0"), request.args.get("limit", str(default))
    if not (_DIGITS.fullmatch(raw_offset) and _DIGITS.fullmatch(raw_limit)):  # int() takes '1_0' and '٣'
        raise ValidationError({"query": ["offset and limit must be integers"]})
    offset, limit = int(raw_offset), int(raw_limit)
    if not 0 <= offset <= MAX_OFFSET or not 1 <= limit <= MAX_PAGE_SIZE:
        raise ValidationError({"query": [f"offset must be between 0 and {MAX_OFFSET} and limit between 1 and "
                                         f"{MAX_PAGE_SIZE}"]})
    return offset, limit


_DIGITS = re.compile(r"[0-9]{1,19}")


def prefers(media_type: str, other: str) -> bool:
    """Whether the Accept header ranks `media_type` above `other`, media-type parameters aside
    ('application/ld+json; profile="..."': Werkzeug's best_match counts the parameter as a mismatch)."""
    quality = {media_type: 0.0, other: 0.0}
    for value, q in request.accept_mimetypes:
        base = value.split(";", 1)[0].strip().lower()
        if base in quality:
            quality[base] = max(quality[base], q)
    return quality[media_type] > quality[other]


def page(items: list[Any], total: int, offset: int, limit: int) -> dict[str, Any]:
    """A page envelope with the link parameters of the next page."""
    next_offset = offset + limit if offset + limit < total else None
    return {"items": items, "total": total, "offset": offset, "limit": limit, "next_offset": next_offset}


PATH_ID = re.compile(r"[A-Za-z0-9._-]{1,128}")


def check_path_ids(endpoint: str | None, values: dict[str, Any] | None) -> None:
    """404 for ids in the URL that no resource can have (they could otherwise address Redis sub-keys)."""
    for name, value in (values or {}).items():
        if name.endswith("_id") and not PATH_ID.fullmatch(str(value)):
            raise NotFound(f"no resource with {name} {str(value)[:80]!r}")

"""Webhook subscriptions: create (secret shown once), list, read with the delivery log, delete."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, current_app, jsonify, url_for
from marshmallow import RAISE, Schema, ValidationError, fields, validate

from claimtrack import apikeys, webhooks
from claimtrack.webhook_targets import TargetRefused, resolve
from service.auth import current_key
from service.extensions import redis_conn
from service.openapi import BODY_ERRORS, documented
from service.requests import json_body

bp = Blueprint("webhooks", __name__, url_prefix="/v1/webhooks")
SUBSCRIPTION = {"type": "object", "required": ["id", "url", "events", "owner", "status"]}
CREATED = {"Location": {"description": "URL of the subscription", "schema": {"type": "string"}}}


class WebhookSchema(Schema):
    """Body of POST /v1/webhooks."""

    class Meta:
        unknown = RAISE

    url = fields.String(required=True, validate=validate.Length(min=1, max=2048))
    events = fields.List(
        fields.String(validate=validate.OneOf(webhooks.EVENTS, error="unknown event; one of: {choices}")),
        required=True, validate=validate.Length(min=1, error="subscribe to at least one event"),
    )
    description = fields.String(load_default=None, allow_none=True, validate=validate.Length(max=500))


def _caller() -> tuple[str, bool]:
    """The owner id of this request's subscriptions, and whether it may see everyone's."""
    key = current_key()
    if key is None:
        return webhooks.OPEN_OWNER, False
    return key["id"], "admin" in apikeys.expand(key["scopes"])


@bp.post("")
@documented(response=SUBSCRIPTION, status=201, request=WebhookSchema, errors=BODY_ERRORS, headers=CREATED)
def create_webhook() -> tuple[Response, int, dict[str, str]]:
    """Subscribe a URL to events; the answer carries the signing secret, shown only this once."""
    body: dict[str, Any] = json_body(WebhookSchema())
    try:
        resolve(body["url"], current_app.config["SETTINGS"].webhook_allow_private)
    except TargetRefused as exc:
        raise ValidationError({"url": [exc.detail]}) from exc
    owner, _ = _caller()
    record = webhooks.create(redis_conn(), owner, body["url"], body["events"], body["description"])
    view = {**webhooks.public(record), "secret": record["secret"]}
    return jsonify(view), 201, {"Location": url_for("webhooks.get_webhook", webhook_id=record["id"])}


@bp.get("")
@documented(response={"type": "object", "required": ["items", "total"]})
def list_webhooks() -> Response:
    """The caller's subscriptions (an admin key sees every one), without secrets."""
    owner, admin = _caller()
    items = [webhooks.public(r) for r in webhooks.list_visible(redis_conn(), owner, admin)]
    return jsonify({"items": items, "total": len(items)})


@bp.get("/<webhook_id>")
@documented(response=SUBSCRIPTION, errors=(404,))
def get_webhook(webhook_id: str) -> Response:
    """One subscription with its recent delivery attempts, newest first."""
    owner, admin = _caller()
    conn = redis_conn()
    record = webhooks.get_visible(conn, webhook_id, owner, admin)
    return jsonify({**webhooks.public(record), "deliveries": webhooks.delivery_log(conn, webhook_id)})


@bp.delete("/<webhook_id>")
@documented(status=204, media=(), errors=(404,))
def delete_webhook(webhook_id: str) -> tuple[str, int]:
    """Delete a subscription; deliveries still queued for it are dropped."""
    owner, admin = _caller()
    conn = redis_conn()
    webhooks.delete(conn, webhooks.get_visible(conn, webhook_id, owner, admin))
    return "", 204

"""The claimtrack HTTP API (Flask app factory)."""

from __future__ import annotations

from typing import Any

import redis
from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

from claimtrack.config import Settings, load_settings
from claimtrack.logging_setup import configure_logging
from migrations import check_layout
from service import articles, auth, claims, extensions, factchecks, health, openapi, ops, speakers, statements, webhooks
from service.errors import register_error_handlers
from service.requests import check_path_ids


def create_app(
    settings: Settings | None = None, conn: redis.Redis | None = None, check: bool = True,
    queue_conn: redis.Redis | None = None, **config: Any
) -> Flask:
    """Build the app: settings from the environment unless given; refuses an unknown Redis layout."""
    settings = settings or load_settings()
    app = Flask(__name__)
    app.config.update(SETTINGS=settings, MAX_CONTENT_LENGTH=settings.max_body_bytes, JSON_SORT_KEYS=False)
    app.config.update(config)
    app.json.sort_keys = False  # type: ignore[attr-defined]
    if not app.testing:
        configure_logging(settings.log_format)
    extensions.init_app(app, settings, conn, queue_conn)
    if check:
        check_layout(app.extensions[extensions.REDIS])
    register_error_handlers(app)
    app.url_value_preprocessor(check_path_ids)
    ops.init_app(app)  # before auth: request ids and metrics cover refused requests too
    auth.init_app(app)
    for module in (articles, statements, speakers, claims, factchecks, webhooks, health, openapi):
        app.register_blueprint(module.bp)
    if settings.trusted_proxies:
        # Behind N reverse proxies: the client address (rate limits, failed-authentication allowance)
        # comes from the X-Forwarded-For those proxies append, not from the last hop. Only that
        # header is trusted; N larger than the real number of proxies lets clients pick an address.
        n = settings.trusted_proxies
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=n, x_proto=0, x_host=0)  # type: ignore[method-assign]
    return app

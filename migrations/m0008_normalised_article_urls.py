"""Migration 0008: article URLs are de-duplicated in a normal form.

An article's URL key hashed the URL as written, so 'HTTPS://News.Example:443/a' and
'https://news.example/a', or a percent-encoded and a literal 'ü', made two articles. The key now
hashes `articles.normalise_url`. Every stored article with a URL gets the key of its normal form
(the old key stays; it is no longer looked up). Where two stored articles share a normal form, the
older keeps the key and the pair is logged. Idempotent.
"""

from __future__ import annotations

import logging

import redis

from claimtrack import articles, jsonutil, keys

DESCRIPTION = "article URL keys of the URLs' normal form (case, default port, percent-encoding)"
log = logging.getLogger(__name__)


def apply(conn: redis.Redis) -> None:
    """Add the normal-form URL key of every article, oldest first. Run it with the API stopped
    (README, Upgrading)."""
    for raw_id in conn.zrange(keys.articles(), 0, -1):
        record = jsonutil.loads(conn.get(keys.article(raw_id.decode())))
        if record is None or not record.get("url"):
            continue
        key = keys.article_by_url(articles.normalise_url(record["url"]))
        if not conn.set(key, record["id"], nx=True):
            holder = conn.get(key)
            if holder is not None and holder.decode() != record["id"]:
                log.warning("articles %s and %s have one URL in normal form; %s keeps it",
                            holder.decode(), record["id"], holder.decode())

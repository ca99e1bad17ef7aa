"""Indexing job: embed imported fact-checks (claim and headline) and mark them searchable."""

from __future__ import annotations

import logging
from typing import Any

from claimtrack import factchecks
from workers.context import get_context
from workers.factcheck_search import current_index

log = logging.getLogger(__name__)


def index_factchecks(factcheck_ids: list[str]) -> dict[str, Any]:
    """Embed the current text of these fact-checks and store the vectors (idempotent)."""
    ctx = get_context()
    records = factchecks.get_records(ctx.conn, factcheck_ids)
    present = [r for r in records if r is not None]
    if not present:
        return {"indexed": 0}
    claims = [r["summary"]["claim_reviewed"] for r in present]
    # a review without a headline is searched by its claim twice
    headlines = [r["summary"].get("headline") or r["summary"]["claim_reviewed"] for r in present]
    # One call for both, each distinct text once: short headlines and longer claims then fall into
    # batches of like length (about a fifth more reviews a second than a call for each).
    texts = list(dict.fromkeys(claims + headlines))
    vectors = ctx.embedder.encode(texts)
    row = {text: i for i, text in enumerate(texts)}
    claim_vectors = vectors[[row[t] for t in claims]]
    headline_vectors = vectors[[row[t] for t in headlines]]
    factchecks.mark_indexed(ctx.conn, [r["id"] for r in present], claim_vectors, headline_vectors)
    with current_index(ctx.conn):  # keep this worker's search cache warm: the first search then costs no load
        pass
    log.info("indexed %d fact-checks", len(present))
    return {"indexed": len(present)}

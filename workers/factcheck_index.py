"""Indexing job: embed imported fact-checks (claim and headline) and mark them searchable."""

from __future__ import annotations

import logging
from typing import Any

import numpy as np

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
    with_headline = [i for i, r in enumerate(present) if r["summary"].get("headline")]
    claim_vectors = ctx.embedder.encode(claims)
    headline_vectors = claim_vectors.copy()
    if with_headline:
        headline_vectors[with_headline] = ctx.embedder.encode(
            [present[i]["summary"]["headline"] for i in with_headline])
    factchecks.mark_indexed(ctx.conn, [r["id"] for r in present], claim_vectors, np.asarray(headline_vectors))
    with current_index(ctx.conn):  # keep this worker's search cache warm: the first search then costs no load
        pass
    log.info("indexed %d fact-checks", len(present))
    return {"indexed": len(present)}

"""RQ jobs. Each takes ids and plain JSON values and is idempotent: a rerun leaves the same data."""

from __future__ import annotations

import logging
from typing import Any

import numpy as np
import redis
from rq import get_current_job

from claimtrack import articles, claims, keys, speaker_admin, speakers, statements
from claimtrack.timeutil import order_score
from workers import webhooks
from workers.context import WorkerContext, get_context
from workers.extraction import MAX_SPEAKER_NAME_CHARS, ExtractedStatement, speaker_key
from workers.factcheck_search import match_statements
from workers.matching import paraphrase_quote_pairs, promote_shared_wording, similar_pairs
from workers.stage_timer import StageTimer

log = logging.getLogger(__name__)


def process_article(article_id: str, run: int) -> dict[str, Any]:
    """Extract, attribute, embed and match one article's statements; mark it done or failed."""
    ctx = get_context()
    record = articles.get(ctx.conn, article_id)
    if record["run"] != run or record["status"] == "done":
        return {"article_id": article_id, "skipped": f"status {record['status']}, run {record['run']}"}
    # the record as it now is: the job saves it again later, and a stale 'queued' would go back to clients
    record = articles.set_status(ctx.conn, article_id, "processing")
    timer = StageTimer()
    try:
        count = _process(ctx, record, timer)
    except Exception as exc:
        job = get_current_job()
        final = job is None or not job.retries_left
        error = f"{type(exc).__name__}: {exc}"
        log.exception("article %s failed (final=%s)", article_id, final)
        _withdraw(ctx, article_id)
        articles.set_status(ctx.conn, article_id, "failed" if final else "queued", error=error)
        raise
    log.info("article %s: %d statements; stage ms %s", article_id, count, timer.ms)
    return {"article_id": article_id, "statements": count, "stage_ms": timer.ms}


def _withdraw(ctx: WorkerContext, article_id: str) -> None:
    """Take back what a failed attempt wrote: its statements leave their speakers' histories, so no
    other article matches them and no speaker lists them (a retry writes them again). Best effort:
    the next attempt removes them first anyway."""
    try:
        _remove_statements(ctx.conn, articles.get(ctx.conn, article_id)["statement_ids"])
    except Exception:
        log.exception("article %s: its failed attempt's statements could not be removed", article_id)


def _remove_statements(conn: redis.Redis, ids: list[str]) -> None:
    """An attempt's statements, out of their claims first, then with their links and index entries."""
    claims.detach(conn, ids)
    statements.remove(conn, ids)


def _process(ctx: WorkerContext, record: dict[str, Any], timer: StageTimer) -> int:
    conn, settings = ctx.conn, ctx.settings
    with timer("extract"):
        extracted = ctx.extract(record["text"])
    when = record.get("published_at") or record["received_at"]
    with timer("speakers"):
        known: dict[tuple[str, str | None], str] = {}  # one lookup per speaker mention and role
        rows = [_statement_record(ctx, record, position, item, when, known) for position, item in enumerate(extracted)]
        # Names last: a longer spelling met later in the article may have renamed a speaker.
        statements.refresh_speakers(conn, rows)

    # Forget what an interrupted earlier attempt wrote, then announce the ids before writing them,
    # so that a crash at any point leaves nothing a rerun cannot clean up.
    with timer("store"):
        _remove_statements(conn, record["statement_ids"])
        record["statement_ids"] = [r["id"] for r in rows]
        articles.save(conn, record)

    with timer("embed"):
        vectors = ctx.embedder.encode([r["text"] for r in rows])
    with timer("fact_checks"):
        for row, found in zip(rows, match_statements(ctx, rows, vectors), strict=True):
            row["fact_checks"] = found
    with timer("store"):
        statements.write(conn, rows, vectors)
        _follow_merges(conn, rows, vectors)
    # Matching reads each speaker's vectors after writing ours: of two concurrent jobs for one
    # speaker, the later reader always sees the other's statements, so no link is lost.
    by_speaker: dict[str, list[int]] = {}
    for i, row in enumerate(rows):
        if row["speaker"]:
            by_speaker.setdefault(row["speaker"]["id"], []).append(i)
    with timer("match"):
        texts = {r["id"]: r["text"] for r in rows}
        for speaker_id, idx in by_speaker.items():
            written = {rows[i]["id"]: vectors[i] for i in idx}
            known_ids, known_vectors = ctx.vectors.vectors(speaker_id, written)
            links = similar_pairs(
                [rows[i]["id"] for i in idx], vectors[idx], known_ids, known_vectors, settings.possible_threshold,
                ctx.vectors.index(speaker_id),
            )
            statements.add_links(conn, _promoted(ctx, links, texts))
        statements.add_links(conn, _paraphrase_links(ctx, record["text"], rows, vectors))
        statements.restore_confirmed_links(conn, [r["id"] for r in rows])
    with timer("claims"):
        claims.assign(conn, rows, settings.match_threshold)
    with timer("webhooks"):
        webhooks.emit_article_events(conn, ctx.queue_conn, settings, record, rows)
    with timer("store"):
        record["status"], record["error"] = "done", None
        articles.save(conn, record)
    return len(rows)


def _follow_merges(conn: redis.Redis, rows: list[dict[str, Any]], vectors: np.ndarray) -> None:
    """Statements just written under a speaker that a reviewer merged into another meanwhile go to
    that one (the merge moved only what was indexed when it began), by speaker_admin's move, with
    the vectors the job holds."""
    for _ in range(10):  # a target merged on meanwhile is followed on the next round
        moves = {}
        for speaker_id in {r["speaker"]["id"] for r in rows if r["speaker"]}:
            target = speaker_admin.merged_into(conn, speaker_id)
            if target is not None and target != speaker_id:
                moves[speaker_id] = target
        if not moves:
            return
        for source, target in moves.items():
            to = speakers.get(conn, target)
            idx = [i for i, r in enumerate(rows) if r["speaker"] and r["speaker"]["id"] == source]
            for i in idx:
                speaker_admin.retag(conn, rows[i], to, statements.encode_vector(vectors[i]))
            log.info("%d statements written under %s, merged into %s meanwhile, moved", len(idx), source, target)


def _statement_record(
    ctx: WorkerContext, article: dict[str, Any], position: int, item: ExtractedStatement, when: str,
    known: dict[tuple[str, str | None], str],
) -> dict[str, Any]:
    speaker = None
    if item.speaker and len(item.speaker) <= MAX_SPEAKER_NAME_CHARS:  # longer is no name: unattributed
        key = speaker_key(item.speaker)
        if key:
            if (item.speaker, item.role) not in known:
                known[(item.speaker, item.role)] = speakers.resolve(ctx.conn, item.speaker, key, item.role)
            speaker = {"id": known[(item.speaker, item.role)], "name": item.speaker}  # the name is set by the caller
    return {
        "id": statements.statement_id(article["id"], position),
        "article_id": article["id"],
        "position": position,
        "text": item.text,
        "span": [item.start, item.end],
        "kind": item.kind,
        "speaker": speaker,
        "speaker_mention": item.speaker,
        "described_as": item.described_as if speaker is None else None,  # an unnamed source, as written
        "role": item.role,
        "cue": item.cue,
        "published_at": when,
        "article_title": article.get("title"),
        "article_url": article.get("url"),
        "source": article.get("source"),
        "order": order_score(when, position),
    }


def relink_speaker(speaker_id: str) -> dict[str, Any]:
    """Recompute every link and claim of one speaker from the stored vectors (after a merge or move)."""
    ctx = get_context()
    conn, settings = ctx.conn, ctx.settings
    sids = [m.decode() for m in conn.zrange(keys.speaker_statements(speaker_id), 0, -1)]
    records = statements.get_many(conn, sids)
    statements.drop_links(conn, sids)
    ids, matrix = statements.speaker_vectors(conn, speaker_id)
    pairs = similar_pairs(ids, matrix, ids, matrix, settings.possible_threshold)
    statements.add_links(conn, _promoted(ctx, pairs, {r["id"]: r["text"] for r in records}))
    row_of = {sid: i for i, sid in enumerate(ids)}
    by_article: dict[str, list[dict[str, Any]]] = {}
    for record in records:
        by_article.setdefault(record["article_id"], []).append(record)
    for article_id, group in by_article.items():
        group = [r for r in sorted(group, key=lambda r: r["position"]) if r["id"] in row_of]
        vectors = matrix[[row_of[r["id"]] for r in group]] if group else matrix[:0]
        statements.add_links(conn, _paraphrase_links(ctx, articles.get(conn, article_id)["text"], group, vectors))
    statements.restore_confirmed_links(conn, sids)
    claims.rebuild(conn, sids, settings.match_threshold)
    return {"speaker_id": speaker_id, "statements": len(sids)}


Link = tuple[str, str, float]


def _paraphrase_links(ctx: WorkerContext, text: str, rows: list[dict[str, Any]], vectors: np.ndarray) -> list[Link]:
    """paraphrase_quote_pairs over statement records of one article (in position order, row-aligned vectors)."""
    spans = [(r["id"], r["span"][0], r["span"][1], r["kind"], r["speaker"]["id"] if r["speaker"] else None)
             for r in rows]
    settings = ctx.settings
    return paraphrase_quote_pairs(text, spans, vectors, settings.paraphrase_min_similarity, settings.match_threshold)


def _promoted(ctx: WorkerContext, pairs: list[Link], known: dict[str, str]) -> list[Link]:
    """Apply promote_shared_wording, reading from Redis the texts of statements not in `known`."""
    settings = ctx.settings
    wanted = {s for a, b, score in pairs for s in (a, b)
              if settings.shared_wording_min_similarity <= score < settings.match_threshold} - known.keys()
    texts = dict(known) | {r["id"]: r["text"] for r in statements.get_many(ctx.conn, sorted(wanted))}
    return promote_shared_wording(pairs, texts, settings.shared_wording_min_similarity, settings.match_threshold)

"""`claimtrack ingest` and `claimtrack speakers merge`: bulk-post articles to a running API, and other API calls.

Accepted inputs: a seed text file (first line `date YYYY-MM-DD title`, then the text), a `.json`
file holding one article object, a `.jsonl` file with one article object per line, or a
directory of these (recursively, in name order).
"""

from __future__ import annotations

import json
import os
import re
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

DEFAULT_BASE = "http://127.0.0.1:8000"
SUFFIXES = (".txt", ".json", ".jsonl")
SEED_HEADER = re.compile(r"^\s*date\s+(\d{4}-\d{2}-\d{2})(?:\s+(.*?))?\s*$")
RETRY_STATUSES = (429, 503)

# (method, path, JSON body or None) -> (status, decoded JSON body)
Transport = Callable[[str, str, dict[str, Any] | None], tuple[int, Any]]


class InputError(ValueError):
    """A file that is not an article in one of the accepted formats."""


@dataclass
class Item:
    """One article to post, or the reason it could not be read."""

    origin: str
    body: dict[str, Any] | None = None
    error: str | None = None


def parse_seed_text(text: str) -> dict[str, Any]:
    """An article from the seed text format: `date YYYY-MM-DD title` on the first line, then the text."""
    header, _, rest = text.lstrip("\ufeff").partition("\n")
    match = SEED_HEADER.match(header)
    if match is None:
        raise InputError("the first line must be `date YYYY-MM-DD title`")
    body = rest.strip("\n")
    if not body.strip():
        raise InputError("no article text after the first line")
    article: dict[str, Any] = {"text": body, "published_at": f"{match.group(1)}T00:00:00Z"}
    if match.group(2):
        article["title"] = match.group(2)
    return article


def _article(value: Any) -> dict[str, Any]:
    if not isinstance(value, dict) or not isinstance(value.get("text"), str):
        raise InputError("expected an article object with a `text` string")
    return value


def load_items(paths: Sequence[str | Path]) -> Iterator[Item]:
    """Every article in the given files and directories, in order; unreadable ones carry their error."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            files = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES)
            yield from load_items(list(files))
            continue
        try:
            content = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            yield Item(str(path), error=f"cannot read: {exc}")
            continue
        suffix = path.suffix.lower()
        try:
            if suffix == ".jsonl":
                for number, line in enumerate(content.splitlines(), 1):
                    if line.strip():
                        origin = f"{path}:{number}"
                        try:
                            yield Item(origin, _article(json.loads(line)))
                        except (json.JSONDecodeError, InputError) as exc:
                            yield Item(origin, error=str(exc))
            elif suffix == ".json":
                yield Item(str(path), _article(json.loads(content)))
            else:
                yield Item(str(path), parse_seed_text(content))
        except (json.JSONDecodeError, InputError) as exc:
            yield Item(str(path), error=str(exc))


def http_transport(base: str, key: str | None, timeout: float = 60.0) -> Transport:
    """Calls the API at `base` over HTTP (with `Authorization: Bearer key` when given)."""

    def call(method: str, path: str, body: dict[str, Any] | None) -> tuple[int, Any]:
        headers = {"Accept": "application/json"}
        data = None
        if body is not None:
            data, headers["Content-Type"] = json.dumps(body).encode("utf-8"), "application/json"
        if key:
            headers["Authorization"] = f"Bearer {key}"
        request = urllib.request.Request(base.rstrip("/") + path, data=data, method=method, headers=headers)
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                return response.status, _json(response.read())
        except urllib.error.HTTPError as exc:
            return exc.code, _json(exc.read())

    return call


def _json(raw: bytes) -> Any:
    try:
        return json.loads(raw or b"{}")
    except ValueError:
        return {"detail": raw[:200].decode("utf-8", "replace")}


def call_with_retry(transport: Transport, method: str, path: str, body: dict[str, Any] | None,
                    attempts: int = 5, sleep: Callable[[float], None] = time.sleep) -> tuple[int, Any]:
    """One API call, repeated after 429/503 (waiting as Retry-After suggests, at most 10 s)."""
    status, answer = transport(method, path, body)
    for attempt in range(1, attempts):
        if status not in RETRY_STATUSES:
            break
        sleep(min(2.0 ** attempt, 10.0))
        status, answer = transport(method, path, body)
    return status, answer


def _reason(status: int, answer: Any) -> str:
    if isinstance(answer, dict):
        errors = answer.get("errors") or []
        detail = "; ".join(f"{e.get('field')}: {e.get('message')}" for e in errors if isinstance(e, dict))
        return f"HTTP {status}: {detail or answer.get('detail') or answer.get('title') or ''}".strip()
    return f"HTTP {status}"


@dataclass
class Summary:
    """What an ingest run did."""

    posted: list[str] = field(default_factory=list)
    known: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)
    article_ids: list[str] = field(default_factory=list)


class Progress:
    """A plain progress bar on a terminal (nothing when the stream is not one)."""

    def __init__(self, total: int, stream: IO[str], width: int = 30) -> None:
        self.total, self.stream, self.width = total, stream, width
        self.enabled = stream.isatty()

    def update(self, done: int, summary: Summary) -> None:
        """Redraw the bar."""
        if not self.enabled or not self.total:
            return
        filled = int(self.width * done / self.total)
        self.stream.write(f"\r[{'#' * filled}{'.' * (self.width - filled)}] {done}/{self.total}  "
                          f"posted {len(summary.posted)}  known {len(summary.known)}  failed {len(summary.failed)}")
        if done == self.total:
            self.stream.write("\n")
        self.stream.flush()


def ingest(items: list[Item], transport: Transport, err: IO[str],
           sleep: Callable[[float], None] = time.sleep) -> Summary:
    """Post every readable item; 202 counts as posted, 200 as already known, anything else as failed."""
    summary = Summary()
    progress = Progress(len(items), err)
    for done, item in enumerate(items, 1):
        if item.body is None:
            summary.failed.append((item.origin, item.error or "unreadable"))
        else:
            try:
                status, answer = call_with_retry(transport, "POST", "/v1/articles", item.body, sleep=sleep)
            except OSError as exc:
                status, answer = 0, {"detail": f"cannot reach the API: {exc}"}
            if status in (200, 202) and isinstance(answer, dict) and "id" in answer:
                (summary.posted if status == 202 else summary.known).append(item.origin)
                summary.article_ids.append(answer["id"])
            else:
                summary.failed.append((item.origin, _reason(status, answer) if status else answer["detail"]))
        progress.update(done, summary)
    return summary


def print_summary(summary: Summary, out: IO[str]) -> None:
    """Counts, then each failure with its reason."""
    out.write(f"posted {len(summary.posted)}, already known {len(summary.known)}, failed {len(summary.failed)}\n")
    for origin, reason in summary.failed:
        out.write(f"  failed {origin}: {reason}\n")


def wait_and_report(article_ids: list[str], transport: Transport, out: IO[str], timeout: float = 600.0,
                    poll: float = 0.5, sleep: Callable[[float], None] = time.sleep) -> bool:
    """Poll until every article is done or failed, then print who said what and the matches; False on timeout."""
    deadline = time.monotonic() + timeout
    pending = list(dict.fromkeys(article_ids))
    finished: dict[str, dict[str, Any]] = {}
    while pending and time.monotonic() < deadline:
        for article_id in list(pending):
            status, answer = call_with_retry(transport, "GET", f"/v1/articles/{article_id}", None, sleep=sleep)
            if status == 200 and answer.get("status") in ("done", "failed"):
                finished[article_id] = answer
                pending.remove(article_id)
        if pending:
            sleep(poll)
    for article_id in dict.fromkeys(article_ids):
        article = finished.get(article_id)
        if article is None:
            out.write(f"\n== {article_id}: still processing after {timeout:.0f} s\n")
            continue
        out.write(f"\n== {article.get('title') or article_id} ({article.get('published_at') or '-'}, "
                  f"{article['status']})\n")
        if article.get("error"):
            out.write(f"   error: {article['error']}\n")
        for statement in article.get("statements", []):
            speaker = statement.get("speaker") or {}
            who = speaker.get("name") or "(unattributed)"
            if speaker and speaker.get("id") is None:  # the article's description of an unnamed source
                who = f"(unnamed: {who})"
            out.write(f"  [{statement['kind']:8}] {who}: {statement['text'][:110]}\n")
            for match in statement.get("matches", []):
                out.write(f"      = said before ({(match.get('published_at') or '')[:10]}, {match.get('source')}, "
                          f"score {match['score']:.2f}): {match['text'][:90]}\n")
    return not pending


def run_ingest(paths: list[str], base: str, key: str | None, wait: bool, out: IO[str] | None = None,
               err: IO[str] | None = None, transport: Transport | None = None) -> int:
    """The `claimtrack ingest` command; exit status 1 when anything failed."""
    out, err = out or sys.stdout, err or sys.stderr
    transport = transport or http_transport(base, key)
    items = list(load_items(paths))
    if not items:
        err.write("claimtrack ingest: no .txt, .json or .jsonl files found\n")
        return 1
    summary = ingest(items, transport, err)
    print_summary(summary, out)
    complete = wait_and_report(summary.article_ids, transport, out) if wait and summary.article_ids else True
    return 0 if complete and not summary.failed else 1


def run_merge(keep_id: str, other_id: str, base: str, key: str | None, out: IO[str] | None = None,
              transport: Transport | None = None) -> int:
    """The `claimtrack speakers merge` command."""
    out = out or sys.stdout
    transport = transport or http_transport(base, key)
    try:
        status, answer = call_with_retry(transport, "POST", f"/v1/speakers/{keep_id}/merge", {"speaker_id": other_id})
    except OSError as exc:
        out.write(f"merge failed: cannot reach the API at {base}: {exc}\n")
        return 1
    if status != 202:
        out.write(f"merge failed: {_reason(status, answer)}\n")
        return 1
    out.write(f"merged {other_id} into {answer['id']} ({answer['name']}); {answer.get('statement_count', 0)} "
              f"statements; links and claims are being recomputed (job {answer.get('relink_job')})\n")
    return 0


def default_base() -> str:
    """CLAIMTRACK_API_URL, else the local `make serve` address."""
    return os.environ.get("CLAIMTRACK_API_URL", DEFAULT_BASE)

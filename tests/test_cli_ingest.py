"""`claimtrack ingest` (file formats, summary, --wait) and `claimtrack speakers merge` against the real app."""

from __future__ import annotations

import io
import json
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import redis
from flask import Flask
from flask.testing import FlaskClient
from werkzeug.serving import make_server

from claimtrack import speakers
from claimtrack.cli import main
from claimtrack.ingest import InputError, Transport, load_items, parse_seed_text, run_ingest, run_merge

SEED = (" date 2026-01-10 Dues to double\n"
        "PORT ELLEN (Coast Wire) - Harbour dues for foreign trawlers will double from April, "
        "Fisheries Minister Ines Kolar said on Friday.\n"
        "\"The harbour dues for foreign trawlers will double from April,\" Kolar told reporters.\n")
LATER = {"title": "Kolar repeats pledge", "published_at": "2026-02-20T15:30:00Z", "source": "Island Post",
         "text": "PORT ELLEN (Island Post) - Fisheries Minister Ines Kolar said on Thursday that harbour dues "
                 "for foreign trawlers will double from April.\n"}
OTHER = {"text": "VELMORA (Norland Wire) - Deputy Prime Minister Anselm Varga said the deal will not be renewed."}


def flask_transport(client: FlaskClient, before_get: Any = None) -> Transport:
    """The ingest client's calls answered by the Flask test client (optionally running a worker before GETs)."""

    def call(method: str, path: str, body: dict[str, Any] | None) -> tuple[int, Any]:
        if method == "GET" and before_get is not None:
            before_get()
        response = client.open(path, method=method, json=body)
        return response.status_code, response.get_json()

    return call


def write_inputs(folder: Path) -> None:
    folder.mkdir()
    (folder / "a-seed.txt").write_text(SEED, encoding="utf-8")
    (folder / "b-later.json").write_text(json.dumps(LATER), encoding="utf-8")
    lines = [json.dumps(OTHER), "", "{not json", json.dumps({"title": "no text"}), json.dumps(LATER)]
    (folder / "c-more.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (folder / "notes.md").write_text("ignored", encoding="utf-8")


def test_seed_text_format() -> None:
    article = parse_seed_text(SEED)
    assert article["title"] == "Dues to double" and article["published_at"] == "2026-01-10T00:00:00Z"
    assert article["text"].startswith("PORT ELLEN") and article["text"].endswith("reporters.")
    with pytest.raises(InputError, match="first line"):
        parse_seed_text("Harbour dues will double.\nMore text.")
    with pytest.raises(InputError, match="no article text"):
        parse_seed_text("date 2026-01-10 Title only\n\n")


def test_load_items_reads_every_format_and_keeps_errors(tmp_path: Path) -> None:
    write_inputs(tmp_path / "in")
    items = list(load_items([tmp_path / "in"]))
    assert [Path(i.origin).name for i in items] == [
        "a-seed.txt", "b-later.json", "c-more.jsonl:1", "c-more.jsonl:3", "c-more.jsonl:4", "c-more.jsonl:5"]
    assert [i.error is None for i in items] == [True, True, True, False, False, True]
    assert "text" in (items[4].error or "")


@pytest.mark.e2e
def test_ingest_posts_reports_and_waits(tmp_path: Path, client: FlaskClient, run_worker: Any) -> None:
    write_inputs(tmp_path / "in")
    out, err = io.StringIO(), io.StringIO()
    code = run_ingest([str(tmp_path / "in")], "unused", None, wait=True, out=out, err=err,
                      transport=flask_transport(client, before_get=run_worker))
    text = out.getvalue()
    assert code == 1  # two lines of the .jsonl file are not articles
    assert "posted 3, already known 1, failed 2" in text
    assert "c-more.jsonl:3: Expecting property name" in text
    assert "c-more.jsonl:4: expected an article object with a `text` string" in text
    assert "Ines Kolar: The harbour dues for foreign trawlers will double from April" in text
    assert "= said before (2026-01-10" in text
    assert "Anselm Varga" in text


@pytest.fixture
def live_server(app: Flask) -> Iterator[str]:
    """The app on a real HTTP port (werkzeug's server in a thread)."""
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.port}"
    server.shutdown()
    thread.join()


def test_speakers_merge_over_http(live_server: str, redis_db: redis.Redis, capsys: pytest.CaptureFixture[str]) -> None:
    keep = speakers.resolve(redis_db, "Ines Kolar", "ines kolar")
    other = speakers.resolve(redis_db, "I. Kolar", "i kolar")
    assert main(["speakers", "merge", keep, other, "--base", live_server]) == 0
    assert f"merged {other} into {keep} (Ines Kolar)" in capsys.readouterr().out
    assert speakers.get(redis_db, other)["id"] == keep
    out = io.StringIO()
    assert run_merge(keep, "pnope", live_server, None, out=out) == 1
    assert "HTTP 404" in out.getvalue()
    assert run_merge(keep, other, "http://127.0.0.1:9", None, out=out) == 1
    assert "cannot reach" in out.getvalue()


def test_ingest_over_http_without_wait(live_server: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "one.json").write_text(json.dumps(OTHER), encoding="utf-8")
    assert main(["ingest", str(tmp_path / "one.json"), "--base", live_server]) == 0
    assert main(["ingest", str(tmp_path / "one.json"), "--base", live_server]) == 0
    out = capsys.readouterr().out
    assert "posted 1, already known 0, failed 0" in out and "posted 0, already known 1, failed 0" in out

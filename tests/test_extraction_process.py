"""Extraction in a child process: the same statements as in process, a clean restart after a job
timeout or a crash, errors reported, and no threads in the child."""
from __future__ import annotations

import io
import json
import os
import signal
import sys
from collections.abc import Iterator
from pathlib import Path
from types import FrameType

import pytest
from rq.timeouts import JobTimeoutException
from spacy.language import Language

from workers.extraction import ExtractedStatement, extract_statements
from workers.extraction_process import ExtractionFailed, ExtractionProcess, serve

ARTICLE = ("Harbour levy to be halved\n\n"
           "The harbour levy will be halved next spring, Finance Minister Halvard Oyelaran said on Tuesday.\n\n"
           "\"We listened to the fishermen,\" he said. \"They were right.\"\n\n"
           "According to the Kestria Port Authority, traffic fell by a fifth last year.\n")
SHORT = "Ferries\n\nThe ferries will run all winter, Mayor Ilse Brandt said.\n"


@pytest.fixture
def child() -> Iterator[ExtractionProcess]:
    process = ExtractionProcess()
    yield process
    process.close()


def _pid(process: ExtractionProcess) -> int:
    assert process._proc is not None
    return process._proc.pid


def test_the_child_extracts_what_the_worker_would(child: ExtractionProcess, nlp: Language) -> None:
    for text in (ARTICLE, SHORT, ""):
        assert child.extract(text) == extract_statements(text, nlp)
    assert [s.speaker for s in child.extract(ARTICLE)] == ["Halvard Oyelaran"] * 3 + ["Kestria Port Authority"]


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="counts threads through /proc")
def test_the_child_runs_no_second_thread_and_loads_no_torch(child: ExtractionProcess) -> None:
    child.extract(ARTICLE)
    assert len(os.listdir(f"/proc/{_pid(child)}/task")) == 1
    assert "libtorch" not in Path(f"/proc/{_pid(child)}/maps").read_text()


def test_a_job_timeout_mid_request_leaves_no_late_reply(child: ExtractionProcess) -> None:
    child.extract(SHORT)
    first = _pid(child)

    def out_of_time(signum: int, frame: FrameType | None) -> None:
        raise JobTimeoutException("Task exceeded maximum timeout value")

    long_article = "\n\n".join([ARTICLE] * 200)
    previous = signal.signal(signal.SIGALRM, out_of_time)
    try:
        signal.setitimer(signal.ITIMER_REAL, 0.05)
        with pytest.raises(JobTimeoutException):
            child.extract(long_article)
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    # the busy child was killed: the next article gets its own statements, from a fresh child
    assert [s.text for s in child.extract(SHORT)] == ["The ferries will run all winter"]
    assert _pid(child) != first


def test_a_dead_child_is_replaced(child: ExtractionProcess) -> None:
    child.extract(SHORT)
    first = _pid(child)
    os.kill(first, signal.SIGKILL)
    os.waitpid(first, 0)
    assert [s.speaker for s in child.extract(SHORT)] == ["Ilse Brandt"]
    assert _pid(child) != first


def test_an_error_reply_fails_the_request_and_the_loop_goes_on() -> None:
    def extract(text: str) -> list[ExtractedStatement]:
        if text == "bad":
            raise ValueError("odd input")
        return [ExtractedStatement(text, 0, len(text), "reported", "Ilse Brandt", None, "said")]

    replies = io.BytesIO()
    serve(io.BytesIO(b'{"text": "bad"}\n{"text": "good"}\n'), replies, extract)
    first, second = (json.loads(line) for line in replies.getvalue().splitlines())
    assert first == {"error": "ValueError: odd input"}
    assert second["statements"][0]["speaker"] == "Ilse Brandt"


def test_the_worker_side_raises_the_childs_error_and_keeps_the_child() -> None:
    script = ("import os, sys\n"
              "out = os.fdopen(int(sys.argv[-1]), 'wb')\n"
              "for line in sys.stdin.buffer:\n"
              "    bad = b'bad' in line\n"
              "    out.write(b'{\"error\": \"ValueError: odd input\"}\\n' if bad else b'{\"statements\": []}\\n')\n"
              "    out.flush()\n")
    process = ExtractionProcess([sys.executable, "-c", script])
    try:
        with pytest.raises(ExtractionFailed, match="odd input"):
            process.extract("bad")
        first = _pid(process)
        assert process.extract("good") == []
        assert _pid(process) == first
    finally:
        process.close()


def test_a_child_that_dies_mid_request_fails_that_request_only() -> None:
    script = ("import os, sys\n"
              "out = os.fdopen(int(sys.argv[-1]), 'wb')\n"
              "line = sys.stdin.buffer.readline()\n"
              "if b'crash' in line:\n"
              "    os._exit(1)\n"
              "out.write(b'{\"statements\": []}\\n'); out.flush()\n")
    process = ExtractionProcess([sys.executable, "-c", script])
    try:
        with pytest.raises(ExtractionFailed, match="died"):
            process.extract("crash")
        assert process.extract("fine") == []
    finally:
        process.close()


def test_the_setting_chooses_where_extraction_runs() -> None:
    from claimtrack.config import load_settings

    assert load_settings(env={}).extraction_process is True
    assert load_settings(env={"CLAIMTRACK_EXTRACTION_PROCESS": "0"}).extraction_process is False

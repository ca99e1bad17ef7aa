"""Extraction in a child process: the same statements as in process, a clean restart after a job
timeout or a crash, errors reported, and no threads in the child."""
from __future__ import annotations

import io
import json
import logging
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from types import FrameType

import pytest
from rq.timeouts import JobTimeoutException
from spacy.language import Language

from workers.extraction import ExtractedStatement, extract_statements
from workers.extraction_process import ExtractionFailed, ExtractionProcess, _with_job_id, serve

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


@pytest.fixture
def fake_child() -> Iterator[Callable[[str], ExtractionProcess]]:
    """A stand-in child running `body` with `out`, the reply pipe, open (and os, sys imported)."""
    started: list[ExtractionProcess] = []

    def start(body: str) -> ExtractionProcess:
        script = "import os, sys\nout = os.fdopen(int(sys.argv[-1]), 'wb')\n" + body
        started.append(ExtractionProcess([sys.executable, "-c", script]))
        return started[-1]

    yield start
    for process in started:
        process.close()


def test_the_worker_side_raises_the_childs_error_and_keeps_the_child(
        fake_child: Callable[[str], ExtractionProcess]) -> None:
    process = fake_child("for line in sys.stdin.buffer:\n"
                         "    error = b'{\"error\": \"ValueError: odd\"}\\n'\n"
                         "    out.write(error if b'bad' in line else b'{\"statements\": []}\\n')\n"
                         "    out.flush()\n")
    with pytest.raises(ExtractionFailed, match="odd"):
        process.extract("bad")
    first = _pid(process)
    assert process.extract("good") == []
    assert _pid(process) == first


@pytest.mark.parametrize("dying", ["os._exit(1)", "out.write(b'{\"statem'); out.flush(); os._exit(1)"])
def test_a_child_that_dies_mid_request_fails_that_request_only(
        dying: str, fake_child: Callable[[str], ExtractionProcess]) -> None:
    process = fake_child("line = sys.stdin.buffer.readline()\n"
                         f"if b'crash' in line:\n    {dying}\n"
                         "out.write(b'{\"statements\": []}\\n'); out.flush()\n")
    with pytest.raises(ExtractionFailed, match="died"):
        process.extract("crash")
    assert process.extract("fine") == []


def test_stop_signals_for_the_worker_leave_the_child_alone(child: ExtractionProcess) -> None:
    # Ctrl-C reaches the whole process group and systemd signals the whole unit; the worker's
    # warm shutdown then finishes its job, and needs the child for it
    child.extract(SHORT)
    first = _pid(child)
    for sig in (signal.SIGINT, signal.SIGTERM):
        os.kill(first, sig)
    assert [s.speaker for s in child.extract(SHORT)] == ["Ilse Brandt"]
    assert _pid(child) == first


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="PR_SET_PDEATHSIG is Linux's")
def test_the_child_dies_with_the_worker() -> None:
    # rq forks its scheduler after the child has started: the scheduler holds the child's stdin
    # open, so EOF alone would never come when the worker is killed
    worker = subprocess.Popen(
        [sys.executable, "-c", "import os, sys, time\nfrom workers.extraction_process import ExtractionProcess\n"
         "p = ExtractionProcess()\np.extract('The council met.')\n"
         "holder = os.fork()\nif holder == 0:\n    time.sleep(60)\n    os._exit(0)\n"
         "print(p._proc.pid, holder, flush=True)\ntime.sleep(60)\n"],
        stdout=subprocess.PIPE, cwd=Path(__file__).resolve().parents[1])
    assert worker.stdout is not None
    child_pid, holder_pid = (int(x) for x in worker.stdout.readline().split())
    worker.kill()
    worker.wait()
    worker.stdout.close()

    def alive() -> bool:  # (a zombie is dead: its reaper, init, may not have come by yet)
        try:
            return Path(f"/proc/{child_pid}/stat").read_text().split()[2] != "Z"
        except OSError:
            return False

    deadline = time.monotonic() + 10
    while alive() and time.monotonic() < deadline:
        time.sleep(0.05)
    dead = not alive()
    os.kill(holder_pid, signal.SIGKILL)
    assert dead


def test_the_childs_log_records_carry_the_job_id(caplog: pytest.LogCaptureFixture) -> None:
    def extract(text: str) -> list[ExtractedStatement]:
        logging.getLogger("workers.extraction.pipeline").warning("odd paragraph in %s", text)
        return []

    previous = logging.getLogRecordFactory()
    logging.setLogRecordFactory(_with_job_id(previous))
    try:
        with caplog.at_level(logging.WARNING):
            serve(io.BytesIO(b'{"text": "a", "job_id": "article-7-1"}\n{"text": "b"}\n'), io.BytesIO(), extract)
    finally:
        logging.setLogRecordFactory(previous)
    assert [(r.getMessage(), getattr(r, "job_id", None)) for r in caplog.records] == [
        ("odd paragraph in a", "article-7-1"), ("odd paragraph in b", None)]


def test_the_setting_chooses_where_extraction_runs() -> None:
    from claimtrack.config import load_settings

    assert load_settings(env={}).extraction_process is True
    assert load_settings(env={"CLAIMTRACK_EXTRACTION_PROCESS": "0"}).extraction_process is False


def test_a_stop_signal_while_the_child_starts_does_not_kill_it(child: ExtractionProcess) -> None:
    child._start()  # what the first request after a timeout or a crash does
    first = _pid(child)
    os.kill(first, signal.SIGINT)  # before the child has run a line of its own
    assert [s.speaker for s in child.extract(SHORT)] == ["Ilse Brandt"]
    assert _pid(child) == first


def test_the_child_does_not_read_the_workers_settings_again(monkeypatch: pytest.MonkeyPatch) -> None:
    # a worker run on Settings given to it, with a setting in the environment it never reads
    monkeypatch.setenv("REDIS_URL", "localhost:6379")
    monkeypatch.setenv("CLAIMTRACK_LOG_FORMAT", "JSON")
    process = ExtractionProcess(log_format="json")
    try:
        assert [s.speaker for s in process.extract(SHORT)] == ["Ilse Brandt"]
    finally:
        process.close()

"""Statement extraction in a child process that starts no threads.

spaCy's parser and entity recogniser call small Cython helpers that take and drop the GIL for
every state of every step; glibc makes those locks cheap only in a process that has never had a
second thread. A worker always has threads (the search thread, the embedding runtime), so there
the same parse takes about 1.2x as long (bench/NOTES.md). The child is a plain
`python -m workers.extraction_process` reading one JSON request per line on stdin and writing one
JSON reply per line on a pipe of its own; OpenBLAS is told to start no threads either.

A job that stops mid-request (rq's job timeout, any exception) kills the child, so no late reply
can be taken for the next article's; the next call starts a fresh one. A child that dies (a crash
in the parser) fails that one job, not the worker. The child ignores SIGINT and SIGTERM (Ctrl-C
reaches the whole process group, systemd signals the whole unit: the worker's warm shutdown
finishes its job, and needs the child for it) and dies with the worker (Linux: PR_SET_PDEATHSIG).
Its log records go out in the worker's format, with the job's id.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import signal
import subprocess
import sys
import threading
from collections.abc import Callable, Sequence
from dataclasses import asdict
from typing import IO, Any

from claimtrack.logging_setup import current_job_id
from workers.extraction.statement import ExtractedStatement

CHILD = (sys.executable, "-m", "workers.extraction_process")

# Only the BLAS thread count: the child must not start helper threads at import.
_CHILD_ENV = {"OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}
# The worker's stop signals, which the child ignores: the worker decides when it ends
_STOP_SIGNALS = {signal.SIGINT, signal.SIGTERM}


class ExtractionFailed(RuntimeError):
    """The child process died or answered with an error."""


class ExtractionProcess:
    """`extract(text)` through a long-lived child process; thread-safe (one request at a time). Call
    it from the main thread: on Linux the child dies with the thread that started it."""

    def __init__(self, command: Sequence[str] = CHILD, log_format: str = "text") -> None:
        # the child's command line; the worker's pid and the reply pipe's fd are added to it
        self._command = list(command)
        self._env = {**_CHILD_ENV, "CLAIMTRACK_LOG_FORMAT": log_format}  # (the worker's, as it was given)
        self._proc: subprocess.Popen[bytes] | None = None
        self._replies: IO[bytes] | None = None
        self._lock = threading.Lock()

    def _start(self) -> None:
        read_fd, write_fd = os.pipe()
        root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))  # imports this same code
        proc: subprocess.Popen[bytes] | None = None
        replies: IO[bytes] | None = None
        # Ctrl-C or a SIGTERM to the process group must not kill the child before it ignores them:
        # it starts with them blocked
        blocked = signal.pthread_sigmask(signal.SIG_BLOCK, _STOP_SIGNALS)
        try:
            replies = os.fdopen(read_fd, "rb")
            proc = subprocess.Popen(
                [*self._command, str(os.getpid()), str(write_fd)],
                stdin=subprocess.PIPE, pass_fds=(write_fd,), env={**os.environ, **self._env}, cwd=root)
            self._proc, self._replies = proc, replies
        except BaseException:  # (rq's job timeout can land here too)
            _end(proc, replies)
            if replies is None:
                os.close(read_fd)
            raise
        finally:
            signal.pthread_sigmask(signal.SIG_SETMASK, blocked)
            os.close(write_fd)

    def extract(self, text: str) -> list[ExtractedStatement]:
        with self._lock:
            if self._proc is None or self._replies is None or self._proc.poll() is not None:
                self._stop()  # (a child that died between two articles)
                self._start()
            proc, replies = self._proc, self._replies
            if proc is None or proc.stdin is None or replies is None:
                raise ExtractionFailed("the extraction process could not be started")
            try:
                proc.stdin.write(json.dumps({"text": text, "job_id": current_job_id()}).encode() + b"\n")
                proc.stdin.flush()
                line = replies.readline()
            except OSError as exc:  # (BrokenPipeError: the child is gone)
                self._stop()
                raise ExtractionFailed(f"the extraction process is gone: {exc}") from exc
            except BaseException:  # the job's time is up, or the worker is stopping
                self._stop()
                raise
            if not line.endswith(b"\n"):  # nothing, or a reply cut short: the child died
                self._stop()
                raise ExtractionFailed("the extraction process died")
            reply = json.loads(line)
            if "error" in reply:
                raise ExtractionFailed(reply["error"])
            return [ExtractedStatement(**item) for item in reply["statements"]]

    def _stop(self) -> None:
        proc, replies, self._proc, self._replies = self._proc, self._replies, None, None
        _end(proc, replies)

    def close(self) -> None:
        with self._lock:
            self._stop()


def _end(proc: subprocess.Popen[bytes] | None, replies: IO[bytes] | None) -> None:
    """Kill and reap a child, and close its pipes."""
    if proc is not None:
        proc.kill()
        proc.wait()
        if proc.stdin is not None:
            with contextlib.suppress(OSError):  # (bytes still buffered for a reader that is gone)
                proc.stdin.close()
    if replies is not None:
        replies.close()


_job_id: str | None = None  # the job of the request the child is serving, for its log records


def _with_job_id(factory: Callable[..., logging.LogRecord]) -> Callable[..., logging.LogRecord]:
    def make(*args: Any, **kwargs: Any) -> logging.LogRecord:
        record = factory(*args, **kwargs)
        record.job_id = _job_id
        return record
    return make


def serve(requests: IO[bytes], replies: IO[bytes],
          extract: Callable[[str], list[ExtractedStatement]] | None = None) -> None:
    """The child's loop: one JSON request per line in, one JSON reply per line out, until EOF."""
    global _job_id
    if extract is None:
        from workers.extraction import extract_statements, load_nlp

        nlp = load_nlp()
        extract = lambda text: extract_statements(text, nlp)  # noqa: E731
    for line in requests:
        try:
            request = json.loads(line)
            _job_id = request.get("job_id")
            found: Any = {"statements": [asdict(s) for s in extract(request["text"])]}
        except Exception as exc:  # reported to the job, which fails; the child goes on
            found = {"error": f"{type(exc).__name__}: {exc}"}
        finally:
            _job_id = None
        replies.write(json.dumps(found).encode() + b"\n")
        replies.flush()


def _child_main(worker_pid: int, reply_fd: int) -> None:
    # The worker decides when this process ends (EOF on stdin, or a kill)
    for sig in _STOP_SIGNALS:
        signal.signal(sig, signal.SIG_IGN)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, _STOP_SIGNALS)
    if sys.platform.startswith("linux"):
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
        if os.getppid() != worker_pid:  # the worker died before that
            return
    from claimtrack.logging_setup import FORMATS, configure_logging

    log_format = os.environ.get("CLAIMTRACK_LOG_FORMAT", "text")
    configure_logging(log_format if log_format in FORMATS else "text")
    logging.setLogRecordFactory(_with_job_id(logging.getLogRecordFactory()))
    with os.fdopen(reply_fd, "wb") as out:
        serve(sys.stdin.buffer, out)


if __name__ == "__main__":
    # thinc imports torch whenever it is installed (about 180 MB of the child's memory); spaCy's
    # small English pipeline runs on numpy alone
    sys.modules["torch"] = None  # type: ignore[assignment]
    _child_main(int(sys.argv[-2]), int(sys.argv[-1]))

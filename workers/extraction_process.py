"""Statement extraction in a child process that starts no threads.

spaCy's parser and entity recogniser call small Cython helpers that take and drop the GIL for
every state of every step; glibc makes those locks cheap only in a process that has never had a
second thread. A worker always has threads (the search thread, the embedding runtime), so there
the same parse takes about 1.2x as long (bench/NOTES.md). The child is a plain
`python -m workers.extraction_process` reading one JSON request per line on stdin and writing one
JSON reply per line on a pipe of its own; OpenBLAS is told to start no threads either.

A job that stops mid-request (rq's job timeout, any exception) kills the child, so no late reply
can be taken for the next article's; the next call starts a fresh one. A child that dies (a crash
in the parser) fails that one job, not the worker.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from collections.abc import Callable, Sequence
from dataclasses import asdict
from typing import IO, Any

from workers.extraction.statement import ExtractedStatement

CHILD = (sys.executable, "-m", "workers.extraction_process")

# Only the BLAS thread count: the child must not start helper threads at import.
_CHILD_ENV = {"OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}


class ExtractionFailed(RuntimeError):
    """The child process died or answered with an error."""


class ExtractionProcess:
    """`extract(text)` through a long-lived child process; thread-safe (one request at a time)."""

    def __init__(self, command: Sequence[str] = CHILD) -> None:
        self._command = list(command)  # the child's command line, to which the reply pipe's fd is added
        self._proc: subprocess.Popen[bytes] | None = None
        self._replies: IO[bytes] | None = None
        self._lock = threading.Lock()

    def _start(self) -> None:
        read_fd, write_fd = os.pipe()
        root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))  # imports this same code
        try:
            self._proc = subprocess.Popen(
                [*self._command, str(write_fd)],
                stdin=subprocess.PIPE, pass_fds=(write_fd,), env={**os.environ, **_CHILD_ENV}, cwd=root)
        except BaseException:
            os.close(read_fd)
            raise
        finally:
            os.close(write_fd)
        self._replies = os.fdopen(read_fd, "rb")

    def extract(self, text: str) -> list[ExtractedStatement]:
        with self._lock:
            if self._proc is None or self._proc.poll() is not None:
                self._stop()  # (a child that died between two articles)
                self._start()
            proc, replies = self._proc, self._replies
            assert proc is not None and proc.stdin is not None and replies is not None
            try:
                proc.stdin.write(json.dumps({"text": text}).encode() + b"\n")
                proc.stdin.flush()
                line = replies.readline()
            except OSError as exc:
                self._stop()
                raise ExtractionFailed(f"the extraction process is gone: {exc}") from exc
            except BaseException:  # the job's time is up, or the worker is stopping
                self._stop()
                raise
            if not line:
                self._stop()
                raise ExtractionFailed("the extraction process died")
            reply = json.loads(line)
            if "error" in reply:
                raise ExtractionFailed(reply["error"])
            return [ExtractedStatement(**item) for item in reply["statements"]]

    def _stop(self) -> None:
        if self._proc is not None:
            self._proc.kill()
            self._proc.wait()
            if self._proc.stdin is not None:
                self._proc.stdin.close()
        if self._replies is not None:
            self._replies.close()
        self._proc = self._replies = None

    def close(self) -> None:
        with self._lock:
            self._stop()


def serve(requests: IO[bytes], replies: IO[bytes],
          extract: Callable[[str], list[ExtractedStatement]] | None = None) -> None:
    """The child's loop: one JSON request per line in, one JSON reply per line out, until EOF."""
    if extract is None:
        from workers.extraction import extract_statements, load_nlp

        nlp = load_nlp()
        extract = lambda text: extract_statements(text, nlp)  # noqa: E731
    for line in requests:
        try:
            found: Any = {"statements": [asdict(s) for s in extract(json.loads(line)["text"])]}
        except Exception as exc:  # reported to the job, which fails; the child goes on
            found = {"error": f"{type(exc).__name__}: {exc}"}
        replies.write(json.dumps(found).encode() + b"\n")
        replies.flush()


if __name__ == "__main__":
    # thinc imports torch whenever it is installed (about 180 MB of the child's memory); spaCy's
    # small English pipeline runs on numpy alone
    sys.modules["torch"] = None  # type: ignore[assignment]
    with os.fdopen(int(sys.argv[1]), "wb") as out:
        serve(sys.stdin.buffer, out)

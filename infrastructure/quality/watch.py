"""Stops quality checks that run past their time limit, or every check when the run is cancelled.

A stored rule is data anyone on the team may edit: an expression that joins two facts by mistake
must not hold a run (or the Quality screen's re-check) for hours. Each running check registers
its cursor; a watcher thread interrupts a cursor whose check is over the limit, and all of them
once the cancel event is set. The interrupted query raises duckdb.InterruptException in the
check's own thread, which asks `why_stopped` what happened.
"""

from __future__ import annotations

import contextlib
import itertools
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from types import TracebackType

import duckdb

POLL_SECONDS = 0.05


class CheckWatch:
    def __init__(self, time_limit_s: float | None, cancel: threading.Event | None) -> None:
        self.time_limit_s = time_limit_s
        self._cancel = cancel or threading.Event()
        self._stopped = threading.Event()  # stop_all(): the caller itself is stopping
        self._lock = threading.Lock()
        self._running: dict[int, tuple[duckdb.DuckDBPyConnection, float]] = {}
        self._timed_out: set[int] = set()
        self._tickets = itertools.count()
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._watch, name="quality-watch", daemon=True)

    def __enter__(self) -> CheckWatch:
        self._thread.start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self._done.set()
        self._thread.join()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set() or self._stopped.is_set()

    def stop_all(self) -> None:
        """Interrupt every running check and refuse new ones (e.g. on Ctrl-C in the caller)."""
        self._stopped.set()

    @contextmanager
    def running(self, cursor: duckdb.DuckDBPyConnection) -> Iterator[int]:
        """Watch `cursor` while the block runs its check; yields the ticket `why_stopped` takes."""
        with self._lock:
            ticket = next(self._tickets)
            self._running[ticket] = (cursor, time.monotonic())
        try:
            yield ticket
        finally:
            with self._lock:
                self._running.pop(ticket, None)

    def why_stopped(self, ticket: int) -> str:
        """Why the check of `ticket` was interrupted, in words for the rule's result."""
        if self.cancelled:
            return "cancelled"
        if ticket in self._timed_out:
            return f"stopped after {self.time_limit_s:g} s, the time limit of a rule"
        return "interrupted"

    def _watch(self) -> None:
        while not self._done.wait(POLL_SECONDS):
            now = time.monotonic()
            with self._lock:
                running = list(self._running.items())
            for ticket, (cursor, started) in running:
                over = self.time_limit_s is not None and now - started > self.time_limit_s
                if self.cancelled or over:
                    if over and not self.cancelled:
                        self._timed_out.add(ticket)
                    # It may have just finished and closed; nothing may end the watch early.
                    with contextlib.suppress(Exception):
                        cursor.interrupt()

"""A deadline on a connection's answer: when it passes, the socket is shut so the wait ends.

psycopg waits for the server's answer without a deadline. A server or network that stalls
(the peer's kernel still acknowledges, nothing comes back) is a silence no server-side timeout
or TCP keepalive can end; shutting the socket turns the wait into an OperationalError at once.
"""

from __future__ import annotations

import os
import socket
import threading
import time
from types import TracebackType


class Watchdog:
    """Shuts the socket `fd` when `seconds` pass without a `restart()`; `fired` says it did.

    Used as a context manager around the round trips it guards; after its exit it never
    touches the socket, so the connection can go back to its pool."""

    def __init__(self, fd: int, seconds: float) -> None:
        self.fired = False
        self._fd = fd
        self._seconds = seconds
        self._deadline = time.monotonic() + seconds
        self._stopped = False
        self._state = threading.Condition()

    def __enter__(self) -> Watchdog:
        self.restart()
        threading.Thread(target=self._watch, name="metadata-store-watchdog", daemon=True).start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        with self._state:
            self._stopped = True
            self._state.notify()

    def restart(self) -> None:
        """A new round trip begins: it gets the whole time to be answered."""
        with self._state:
            self._deadline = time.monotonic() + self._seconds

    def _watch(self) -> None:
        with self._state:
            while not self._stopped:
                remaining = self._deadline - time.monotonic()
                if remaining <= 0:
                    self.fired = True
                    _shut(self._fd)
                    return
                self._state.wait(remaining)


def _shut(fd: int) -> None:
    """Shut both directions of the socket (every descriptor of it sees the end at once)."""
    try:
        with socket.socket(fileno=os.dup(fd)) as duplicate:
            duplicate.shutdown(socket.SHUT_RDWR)
    except OSError:  # already closed: nothing is waiting on it any more
        pass

"""Ctrl-C and SIGTERM during a run: cancel it, so it ends recorded `cancelled`, its files removed.

The first signal cancels the run's token: the running query is interrupted and the run ends at
once, as a user's cancel does. A second signal raises KeyboardInterrupt, for work that does not
obey the token. The command then exits 128 + the signal's number (130, 143), as shells expect.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from types import FrameType

from domain.cancellation import CancelToken

STOP_SIGNALS = {signal.SIGINT: "Ctrl-C (SIGINT)", signal.SIGTERM: "SIGTERM"}


@dataclass
class Received:
    """The stop signal received while the block ran, if any."""

    signum: signal.Signals | None = None


@contextmanager
def cancelling_on_signals(token: CancelToken) -> Iterator[Received]:
    """While the block runs, SIGINT and SIGTERM cancel `token` (a second one interrupts)."""
    received = Received()
    if threading.current_thread() is not threading.main_thread():  # only it may set handlers
        yield received
        return

    def stop(signum: int, frame: FrameType | None) -> None:
        if token.cancelled:
            raise KeyboardInterrupt
        received.signum = signal.Signals(signum)
        token.cancel(by=STOP_SIGNALS[received.signum])

    previous = {signum: signal.signal(signum, stop) for signum in STOP_SIGNALS}
    try:
        yield received
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)

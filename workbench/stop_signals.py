"""Ctrl-C and SIGTERM during a run: cancel it, so it ends recorded `cancelled`, its files removed.

The first signal cancels the run's token: the running query is interrupted and the run ends at
once, as a user's cancel does. A second signal raises KeyboardInterrupt, for work that does not
obey the token. The command then exits 128 + the signal's number (130, 143), as shells expect.
The TUI hands the signals to its own handler (`calling_on_signals`): it cancels the run the same
way and quits once the run is recorded.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Callable, Iterator
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

    def stop(signum: signal.Signals) -> None:
        if token.cancelled:
            raise KeyboardInterrupt
        received.signum = signum
        token.cancel(by=STOP_SIGNALS[signum])

    with calling_on_signals(stop):
        yield received


@contextmanager
def calling_on_signals(handle: Callable[[signal.Signals], object]) -> Iterator[None]:
    """While the block runs, SIGINT and SIGTERM call `handle` (on the main thread, between two
    of its instructions); the handlers before are restored after. Off the main thread, which may
    not set handlers, nothing changes."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def call(signum: int, frame: FrameType | None) -> None:
        handle(signal.Signals(signum))

    previous = {signum: signal.signal(signum, call) for signum in STOP_SIGNALS}
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)

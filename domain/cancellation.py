"""Cancelling work that is running: one token, cancelled by a user, a newer request or a timer.

Whoever starts a piece of work makes a token and may cancel it from any thread; whoever runs a
query registers how to stop it (`on_cancel`) while it runs. The token in scope of a thread
(`cancel_scope`) is the one every query of that thread obeys unless given one, so a screen's
worker can cancel the queries a service runs on its behalf without threading the token through
every call in between. `stopped_by` is the one place that tells a cancel from a failure.
"""

from __future__ import annotations

import itertools
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from domain.errors import Cancelled, QueryCancelled

BY_ITS_USER = "its user"

Unregister = Callable[[], None]


class CancelToken:
    """Cancelled once, for good; callbacks registered before run at `cancel()`, after at once."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._cancelled = False
        self._by = BY_ITS_USER
        self._callbacks: dict[int, Callable[[], None]] = {}
        self._tickets = itertools.count()

    @property
    def cancelled(self) -> bool:
        return self._cancelled

    @property
    def cancelled_by(self) -> str:
        """Who cancelled, in words ("its user", "SIGTERM", ...): the first to cancel."""
        return self._by

    def cancel(self, by: str = BY_ITS_USER) -> None:
        """Cancel, and stop what is registered; callbacks run on the cancelling thread."""
        with self._lock:
            if self._cancelled:
                return
            self._cancelled = True
            self._by = by
            callbacks = list(self._callbacks.values())
            self._callbacks.clear()
        for callback in callbacks:
            callback()

    def raise_if_cancelled(self, message: str = "The query was cancelled.") -> None:
        if self._cancelled:
            raise QueryCancelled(message)

    def on_cancel(self, callback: Callable[[], None]) -> Unregister:
        """Call `callback` on cancel (now, if already cancelled); the result unregisters it."""
        with self._lock:
            if not self._cancelled:
                ticket = next(self._tickets)
                self._callbacks[ticket] = callback
                return lambda: self._unregister(ticket)
        callback()
        return lambda: None

    @contextmanager
    def child(self) -> Iterator[CancelToken]:
        """A token of its own, also cancelled when this one is, while the block runs."""
        child = CancelToken()
        unregister = self.on_cancel(child.cancel)
        try:
            yield child
        finally:
            unregister()

    @contextmanager
    def cancel_after(self, seconds: float | None) -> Iterator[None]:
        """Cancel this token if the block still runs after `seconds` (None: no time limit)."""
        if seconds is None:
            yield
            return
        timer = threading.Timer(seconds, self.cancel)
        timer.daemon = True
        timer.start()
        try:
            yield
        finally:
            timer.cancel()

    def _unregister(self, ticket: int) -> None:
        with self._lock:
            self._callbacks.pop(ticket, None)


def stopped_by(error: BaseException, token: CancelToken | None = None) -> str | None:
    """Who stopped the work that raised `error`, if it was stopped on request; None if it failed.

    A cancel is a Cancelled, a Ctrl-C that reached Python (KeyboardInterrupt), or any error raised
    while the work's token was cancelled: a query interrupted under it may surface as the
    driver's own error (e.g. DuckDB's "Query interrupted"), which is no failure of the work.
    """
    if token is not None and token.cancelled:
        return token.cancelled_by
    if isinstance(error, KeyboardInterrupt):
        return "Ctrl-C"
    if isinstance(error, Cancelled):
        return BY_ITS_USER
    return None


_in_scope: ContextVar[CancelToken | None] = ContextVar("cancel_token", default=None)


@contextmanager
def cancel_scope(token: CancelToken) -> Iterator[CancelToken]:
    """Make `token` the one the queries of this thread obey while the block runs."""
    reset = _in_scope.set(token)
    try:
        yield token
    finally:
        _in_scope.reset(reset)


def token_in_scope() -> CancelToken:
    """The token of the enclosing `cancel_scope`, or a fresh one nobody will cancel."""
    return _in_scope.get() or CancelToken()

"""The cancel token: cancelled once, stops what is registered, links children and time limits."""

from __future__ import annotations

import threading

import pytest

from domain.cancellation import CancelToken, cancel_scope, stopped_by, token_in_scope
from domain.errors import Cancelled, QueryCancelled


def test_cancel_runs_the_registered_callbacks_once() -> None:
    token = CancelToken()
    calls: list[str] = []
    token.on_cancel(lambda: calls.append("first"))
    token.on_cancel(lambda: calls.append("second"))
    token.cancel()
    token.cancel()
    assert token.cancelled
    assert calls == ["first", "second"]


def test_an_unregistered_callback_is_not_called() -> None:
    token = CancelToken()
    calls: list[str] = []
    unregister = token.on_cancel(lambda: calls.append("gone"))
    unregister()
    token.cancel()
    assert calls == []


def test_registering_on_a_cancelled_token_calls_back_at_once() -> None:
    token = CancelToken()
    token.cancel()
    calls: list[str] = []
    token.on_cancel(lambda: calls.append("now"))
    assert calls == ["now"]


def test_raise_if_cancelled_raises_the_domain_error_with_its_message() -> None:
    token = CancelToken()
    token.raise_if_cancelled()
    token.cancel()
    with pytest.raises(QueryCancelled, match="the build was stopped"):
        token.raise_if_cancelled("the build was stopped")
    assert issubclass(QueryCancelled, Cancelled)


def test_a_child_is_cancelled_with_its_parent_but_not_the_reverse() -> None:
    parent = CancelToken()
    with parent.child() as one, parent.child() as other:
        one.cancel()
        assert not parent.cancelled and not other.cancelled
        parent.cancel()
        assert other.cancelled


def test_a_child_left_behind_is_no_longer_linked() -> None:
    parent = CancelToken()
    with parent.child() as child:
        pass
    parent.cancel()
    assert not child.cancelled


def test_cancel_after_cancels_a_block_that_runs_too_long() -> None:
    slow, quick = CancelToken(), CancelToken()
    stopped = threading.Event()
    slow.on_cancel(stopped.set)
    with slow.cancel_after(0.05):
        assert stopped.wait(5)
    with quick.cancel_after(60):
        pass
    assert slow.cancelled and not quick.cancelled


def test_the_token_in_scope_is_the_innermost_and_only_on_its_thread() -> None:
    outer, inner = CancelToken(), CancelToken()
    seen_elsewhere: list[CancelToken] = []
    with cancel_scope(outer):
        with cancel_scope(inner):
            assert token_in_scope() is inner
            other = threading.Thread(target=lambda: seen_elsewhere.append(token_in_scope()))
            other.start()
            other.join()
        assert token_in_scope() is outer
    assert token_in_scope() not in (outer, inner)
    assert seen_elsewhere[0] not in (outer, inner)


def test_a_token_remembers_who_cancelled_it_first() -> None:
    token = CancelToken()
    assert token.cancelled_by == "its user"
    token.cancel(by="SIGTERM")
    token.cancel(by="Ctrl-C (SIGINT)")
    assert token.cancelled_by == "SIGTERM"


def test_stopped_by_tells_a_cancel_from_a_failure() -> None:
    idle, cancelled = CancelToken(), CancelToken()
    cancelled.cancel(by="SIGTERM")
    assert stopped_by(RuntimeError("boom"), idle) is None
    assert stopped_by(RuntimeError("Query interrupted"), cancelled) == "SIGTERM"
    assert stopped_by(KeyboardInterrupt(), idle) == "Ctrl-C"
    assert stopped_by(QueryCancelled("stopped"), idle) == "its user"

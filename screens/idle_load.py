"""A screen's opening answer, loaded in a thread worker while the app is idle, handed over once.

A screen whose open waited for its own loads was composed and painted empty first, while its
workers shared the GIL with that paint, and their answers were laid out and painted again in
frames of their own. Loaded before its key is pressed, the answer is in hand when the screen
composes: it is laid out and painted once, with its figures. The KPIs (`screens.kpi_opening`)
and Segments (`screens.segments_opening`) open so.

Exact, never stale: each answer says the app's snapshot generation it was loaded from, and the
screen takes it only for the snapshot (and whatever else) it opens with; otherwise, or when the
load failed, it loads as before. A load starts once the app's first frame is shown, and again
for a newer snapshot until the screen has opened (`start`); once taken, the screen loads for
itself.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future
from typing import Any, ClassVar, Generic, TypeVar
from weakref import WeakKeyDictionary, ref

from textual.app import App

from domain.cancellation import CancelToken, cancel_scope

AnswerT = TypeVar("AnswerT")
LoadT = TypeVar("LoadT", bound="IdleLoad[Any]")

_LOADS: WeakKeyDictionary[App[Any], dict[type[IdleLoad[Any]], IdleLoad[Any]]] = WeakKeyDictionary()


class IdleLoad(Generic[AnswerT]):
    """One load of a screen's opening answer at a time; its future handed over once."""

    GROUP: ClassVar[str]  # the worker's name and group

    def __init__(self, app: App[Any]) -> None:
        self._app = ref(app)  # (the registry's key: a strong one would keep every app alive)
        self._answer: Future[AnswerT] | None = None
        self._token = CancelToken()
        self._taken = False  # by the screen, opening: it loads for itself from then on

    @property
    def app(self) -> App[Any]:
        app = self._app()
        if app is None:
            raise RuntimeError("the app of an idle load is gone")
        return app

    @classmethod
    def forget(cls, app: App[Any]) -> None:
        """Every load of `app` stopped and dropped (it is unmounted)."""
        for load in _LOADS.pop(app, {}).values():
            load.stop()

    @classmethod
    def of(cls: type[LoadT], app: App[Any]) -> LoadT:
        """The app's one load of this kind."""
        loads = _LOADS.setdefault(app, {})
        if cls not in loads:
            loads[cls] = cls(app)
        found: LoadT = loads[cls]  # type: ignore[assignment]
        return found

    def wanted(self) -> bool:
        """Whether to load ahead at all (a setting may turn it off)."""
        return True

    def loader(self, generation: int) -> Callable[[], AnswerT]:
        """What the worker runs (read on the event loop: what it needs of the app now)."""
        raise NotImplementedError

    def start(self) -> None:
        """Load the answer for the snapshot in use, unless the screen has opened."""
        if self._taken or not self.wanted():
            return
        load = self.loader(int(getattr(self.app, "snapshot_generation", 0)))
        self._token.cancel()  # one for an older snapshot is of no use
        self._token = token = CancelToken()
        answer = self._answer = Future()
        self.app.run_worker(
            lambda: self._run(load, token, answer),
            name=self.GROUP,
            group=self.GROUP,
            thread=True,
            exit_on_error=False,
        )

    def stop(self) -> None:
        self._token.cancel()

    def hand_over(self) -> Future[AnswerT] | None:
        """The answer (maybe still loading), once: the screen checks what it answers."""
        answer, self._answer = self._answer, None
        self._taken = True
        return answer

    @staticmethod
    def _run(load: Callable[[], AnswerT], token: CancelToken, answer: Future[AnswerT]) -> None:
        try:
            with cancel_scope(token):
                found = load()
        except Exception as error:  # the screen's own load will meet it again and say so
            answer.set_exception(error)
            return
        answer.set_result(found)

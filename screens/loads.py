"""Loads: each piece of data a screen asks for, in a worker of its kind, answered by a message.

`start_load(kind, work, what)` runs `work` in a thread worker with a fresh cancel token in scope,
so every query the services run for it obeys that token. `work` returns the typed message that
hands the result to the screen (a `Loaded` subclass such as `KpiViewLoaded`, in the style of
Harlequin's `QueriesExecuted`); an error comes back as `LoadFailed`, a cancel as `LoadCancelled`.
A load failing only because no snapshot is published yet is no error: its screen shows the calm
"no snapshot" state instead.
A newer load of the same kind cancels the older one: its query is interrupted and whatever it
would have posted is dropped. The cancel key (escape, shown in the footer only while a load
runs) cancels the screen's running loads, and leaving a screen cancels them too.
A background load (`background=True`: data fetched ahead of the user's asking) is quiet: it
does not show the cancel key, and its cancel or failure is no notice (the user asked for
nothing); `promote(kind)` makes it an ordinary load once the user waits for it.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial, wraps
from typing import ClassVar, TypeVar, cast

from textual import on
from textual.binding import Binding
from textual.message import Message
from textual.widget import Widget

from domain.cancellation import BY_ITS_USER, CancelToken, cancel_scope
from domain.errors import Cancelled, WarehouseNotPublished
from screens.services import app_of
from screens.widgets.empty_state import show_no_snapshot

CANCEL_ACTION = "cancel_load"
# Listed first among a screen's escape bindings: it wins (and shows) only while a load runs.
CANCEL_BINDING = Binding("escape", CANCEL_ACTION, "Cancel load", id="load.cancel")


class LoadMessage(Message, bubble=False):
    """What a load's worker posts back to the widget that started it."""

    def __init__(self) -> None:
        super().__init__()
        self.kind = ""
        self.what = ""
        self.token = CancelToken()


class Loaded(LoadMessage):
    """Base of the typed results: a subclass names what was loaded and carries it."""

    # A result that says itself how a cancel ended (an ingestion run's outcome) is shown even
    # when its load was cancelled; any other result arriving after a cancel counts as the cancel.
    reports_cancel: ClassVar[bool] = False


class LoadFailed(LoadMessage):
    def __init__(self, error: Exception) -> None:
        super().__init__()
        self.error = error


class LoadCancelled(LoadMessage):
    """The load was cancelled before it finished (by the cancel key)."""


LoadedT = TypeVar("LoadedT", bound=Loaded)
Node = TypeVar("Node", bound="Loads")


class Loads:
    """Mixin for screens and widgets that load data; see the module docstring."""

    def start_load(
        self, kind: str, work: Callable[[], Loaded], what: str, *, background: bool = False
    ) -> None:
        """Run `work` in the `kind` worker, cancelling the load of that kind still running."""
        running = self._running_loads()
        previous = running.pop(kind, None)
        if previous is not None:
            previous.cancel()
        token = running[kind] = CancelToken()
        quiet = self._background_loads()
        if background:
            quiet.add(kind)
        else:
            quiet.discard(kind)
        node = cast(Widget, self)
        node.run_worker(
            partial(self._run_load, kind, what, token, work),
            name=kind,
            group=kind,
            thread=True,
            exclusive=True,
            exit_on_error=False,
        )
        if not background:  # a background load shows no key: the footer stays as it is
            node.refresh_bindings()

    def is_loading(self, kind: str) -> bool:
        return kind in self._running_loads()

    def start_quiet(self, kind: str) -> None:
        """The running load of `kind` is a background one again: its end says nothing."""
        if kind in self._running_loads():
            self._background_loads().add(kind)
            cast(Widget, self).refresh_bindings()

    def promote(self, kind: str) -> None:
        """The user now waits for the background load of `kind`: it becomes an ordinary one."""
        self._background_loads().discard(kind)
        cast(Widget, self).refresh_bindings()

    def cancel_loads(self) -> None:
        """Cancel every running load; each ends in LoadCancelled."""
        for token in self._running_loads().values():
            token.cancel()

    def cancel_load(self, kind: str, by: str = BY_ITS_USER) -> None:
        """Cancel the load of `kind`, if one runs; `by` says who (a signal, its user)."""
        token = self._running_loads().get(kind)
        if token is not None:
            token.cancel(by=by)

    def action_cancel_load(self) -> None:
        self.cancel_loads()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == CANCEL_ACTION:
            quiet = self._background_loads()
            return any(
                not token.cancelled and kind not in quiet
                for kind, token in self._running_loads().items()
            )
        checked: bool | None = super().check_action(action, parameters)  # type: ignore[misc]
        return checked

    def load_stopped(self, kind: str, cancelled: bool) -> None:
        """Called when a load of `kind` failed or was cancelled: undo its "loading" marks."""

    def settle(self, message: LoadMessage) -> bool:
        """Whether `message` still answers the running load of its kind (ending that load);
        a result that arrives after its load was cancelled counts as the cancel. None does
        once the app is exiting (Textual then detaches every node): the screen's widgets may be
        gone already, and a handler's query for one raised on the way out."""
        if not cast(Widget, self).is_attached:
            return False
        running = self._running_loads()
        if running.get(message.kind) is not message.token:
            return False  # a newer load of this kind replaced it
        del running[message.kind]
        if message.kind not in self._background_loads():
            cast(Widget, self).refresh_bindings()  # the cancel key goes
        if message.token.cancelled and not isinstance(message, LoadCancelled):
            if isinstance(message, Loaded) and message.reports_cancel:
                return True
            self._show_cancelled(message)
            return False
        return True

    def on_load_failed(self, message: LoadFailed) -> None:
        quiet = message.kind in self._background_loads()
        if self.settle(message):
            self.load_stopped(message.kind, cancelled=False)
            if quiet:
                return  # asked by nobody: the user's own load of it will say what fails
            if isinstance(message.error, WarehouseNotPublished):
                show_no_snapshot(cast(Widget, self).screen, message.error)
            elif not self.shows_failure(message.kind, message.error):
                app_of(cast(Widget, self)).report_error(message.error)

    def shows_failure(self, kind: str, error: Exception) -> bool:
        """Whether this widget showed the failure of a `kind` load in place (a refused value
        beside its box); otherwise it becomes an error notification."""
        return False

    def on_load_cancelled(self, message: LoadCancelled) -> None:
        if self.settle(message):
            self._show_cancelled(message)

    def on_unmount(self) -> None:
        self.cancel_loads()

    def _show_cancelled(self, message: LoadMessage) -> None:
        self.load_stopped(message.kind, cancelled=True)
        if message.kind in self._background_loads():
            return
        cast(Widget, self).notify(f"Stopped loading {message.what}.", title="Cancelled")

    def _run_load(
        self, kind: str, what: str, token: CancelToken, work: Callable[[], Loaded]
    ) -> None:
        message: LoadMessage
        try:
            with cancel_scope(token):
                message = work()
        except Cancelled:
            message = LoadCancelled()
        except Exception as error:  # shown in words by on_load_failed, never as a traceback
            message = LoadFailed(error)
        message.kind, message.what, message.token = kind, what, token
        cast(Widget, self).post_message(message)

    def _running_loads(self) -> dict[str, CancelToken]:
        running: dict[str, CancelToken] | None = getattr(self, "_loads", None)
        if running is None:
            running = {}
            self._loads = running
        return running

    def _background_loads(self) -> set[str]:
        """The kinds whose latest load was started in the background (and not promoted)."""
        quiet: set[str] | None = getattr(self, "_quiet_loads", None)
        if quiet is None:
            quiet = set()
            self._quiet_loads = quiet
        return quiet


def on_loaded(
    message_type: type[LoadedT],
) -> Callable[[Callable[[Node, LoadedT], None]], Callable[[Node, LoadedT], None]]:
    """`@on(message_type)` for a load's result, skipping results of replaced or cancelled loads."""

    def decorate(handler: Callable[[Node, LoadedT], None]) -> Callable[[Node, LoadedT], None]:
        @wraps(handler)
        def current_only(self: Node, message: LoadedT) -> None:
            if self.settle(message):
                handler(self, message)

        decorated: Callable[[Node, LoadedT], None] = on(message_type)(current_only)
        return decorated

    return decorate

"""Asked when quitting (q, ctrl+q, the palette's Quit) while an ingestion runs: cancel the run and
quit, let it finish and then quit, or stay. Either way out, the app quits only once the run has
ended and is recorded (cancelled or finished), and the Ingestion screen shows it meanwhile."""

from __future__ import annotations

from enum import StrEnum

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label


class QuitChoice(StrEnum):
    CANCEL_RUN = "cancel-run"
    FINISH_RUN = "finish-run"
    STAY = "stay"


class QuitDialog(ModalScreen[QuitChoice]):
    AUTO_FOCUS = "#quit-stay"
    BINDINGS = [
        Binding("c", f"choose('{QuitChoice.CANCEL_RUN}')", "Cancel run, quit", id="quit.cancel"),
        Binding("k", f"choose('{QuitChoice.FINISH_RUN}')", "Keep running", id="quit.finish"),
        Binding("escape,s", f"choose('{QuitChoice.STAY}')", "Stay", id="quit.stay"),
    ]

    def __init__(self, running: str) -> None:
        super().__init__()
        self._what_runs = running

    def compose(self) -> ComposeResult:
        with Vertical(id="quit-dialog"):
            what = self._what_runs[:1].upper() + self._what_runs[1:]
            yield Label(f"{what} is running. Quit anyway?", classes="section-title")
            yield Label(
                "c: cancel the run (recorded as cancelled, nothing published) and quit once it "
                "is cleaned up · k: keep it running and quit when it ends · s or escape: stay",
                classes="dialog-note",
            )
            with Horizontal(id="quit-buttons"):
                yield Button("Cancel run and quit (c)", variant="error", id="quit-cancel-run")
                yield Button("Keep running, quit after (k)", id="quit-finish-run")
                yield Button("Stay (s)", variant="primary", id="quit-stay")

    def action_choose(self, choice: str) -> None:
        self.dismiss(QuitChoice(choice))

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(QuitChoice(str(event.button.id).removeprefix("quit-")))

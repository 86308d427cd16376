"""Progress of a run on stderr, for the command line: one line per step, from pipeline events."""

from __future__ import annotations

import sys
from typing import TextIO

from domain.events.dispatcher import EventDispatcher
from domain.events.pipeline import RunStarted, StepCompleted, StepStarted
from workbench.presentation.run_summary import step_line


class ConsoleProgress:
    def __init__(self, events: EventDispatcher, stream: TextIO | None = None) -> None:
        self._stream = stream
        events.subscribe(RunStarted, self._started)
        events.subscribe(StepStarted, self._step_started)
        events.subscribe(StepCompleted, self._step_completed)

    def _say(self, text: str) -> None:
        print(text, file=self._stream or sys.stderr, flush=True)

    def _started(self, event: RunStarted) -> None:
        self._say(f"run #{event.aggregate_id}: ingesting {event.source}")

    def _step_started(self, event: StepStarted) -> None:
        self._say(f"  [{event.index + 1}/{event.total}] {event.step} …")

    def _step_completed(self, event: StepCompleted) -> None:
        self._say(f"        {step_line(event.step, event.rows, event.duration_ms, event.detail)}")

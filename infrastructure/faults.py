"""Fault injection for tests/faults: stop at a named point of a run until the test decides.

Inert unless WORKBENCH_FAULT_PAUSE names the point reached. Then the process writes its pid to
the file WORKBENCH_FAULT_MARKER and waits while that file exists, so a test waits for the marker
(never a fixed sleep), then kills or signals the process, or removes the marker to let it go on.
A cancel of the run's token also ends the wait (Ctrl-C and SIGTERM cancel the run's token).

Points: each build step before it starts (validate, stage, core, marts), quality (before the
rules run), publish (the publish step begins), swap (just before the file is swapped in) and
swapped (just after).
"""

from __future__ import annotations

import os
import time
from pathlib import Path

from domain.cancellation import CancelToken


def pause_at(point: str, cancel: CancelToken | None = None) -> None:
    """Wait here if the environment asks to pause at `point`; otherwise return at once."""
    if os.environ.get("WORKBENCH_FAULT_PAUSE") != point:
        return
    marker = Path(os.environ["WORKBENCH_FAULT_MARKER"])
    written = marker.with_name(marker.name + ".writing")
    written.write_text(str(os.getpid()))
    written.replace(marker)  # the test never reads a half-written marker
    while marker.exists() and not (cancel is not None and cancel.cancelled):
        time.sleep(0.005)

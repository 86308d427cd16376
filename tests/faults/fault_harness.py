"""Run the real CLI in a subprocess, stop it at a named point, then kill, signal or resume it.

The code under test pauses where WORKBENCH_FAULT_PAUSE says (infrastructure/faults.py) and
writes a marker file; `Workbench.wait_paused` waits for that marker (or the process's end), never
for a fixed time. Everything a run leaves lives under one tmp folder: the data dir, HOME, TMPDIR.
"""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from workbench.application.config import load_settings
from workbench.container import Container, build_container

# How long a paused or running CLI may take before the test gives up (a hang is a failure).
DEADLINE_S = 120.0
# Runs the real TUI app in its own process, headless, and starts an ingestion in it.
TUI_DRIVER = Path(__file__).with_name("tui_driver.py")


@dataclass(frozen=True)
class Finished:
    code: int
    stdout: str
    stderr: str

    @property
    def error_lines(self) -> list[str]:
        """What the CLI says went wrong: its `workbench:` lines on stderr, warnings aside
        (progress lines are not errors)."""
        return [
            line
            for line in self.stderr.splitlines()
            if line.startswith("workbench:") and not line.startswith("workbench: warning:")
        ]


class Paused:
    """A CLI process stopped at a fault point, waiting for the test's decision."""

    def __init__(self, process: subprocess.Popen[str], marker: Path) -> None:
        self.process = process
        self.marker = marker

    def kill(self) -> Finished:
        """SIGKILL: the process gets no chance to clean up or record anything."""
        return self.signal(signal.SIGKILL)

    def signal(self, signum: int) -> Finished:
        self.process.send_signal(signum)
        return self.finish()

    def resume(self) -> Finished:
        self.marker.unlink()
        return self.finish()

    def finish(self) -> Finished:
        stdout, stderr = self.process.communicate(timeout=DEADLINE_S)
        self.marker.unlink(missing_ok=True)
        return Finished(self.process.returncode, stdout, stderr)


class Workbench:
    """One user's workbench in a tmp folder: run commands, pause them, look at what is left."""

    def __init__(self, root: Path, env: dict[str, str] | None = None) -> None:
        self.root = root
        self.data_dir = root / "data"
        self.temp_dir = root / "tmp"
        self.temp_dir.mkdir(parents=True, exist_ok=True)
        self.marker = root / "paused.marker"
        inherited = {
            k: v for k, v in os.environ.items() if not k.startswith(("WORKBENCH_", "XDG_"))
        }
        self.env = {
            **inherited,
            "HOME": str(root / "home"),
            "TMPDIR": str(self.temp_dir),
            "WORKBENCH_DATA_DIR": str(self.data_dir),
            **(env or {}),
        }

    @property
    def warehouse(self) -> Path:
        return self.data_dir / "warehouse.duckdb"

    def run(self, *args: str) -> Finished:
        done = subprocess.run(
            self._command(args),
            capture_output=True,
            text=True,
            timeout=DEADLINE_S,
            env=self.env,
        )
        return Finished(done.returncode, done.stdout, done.stderr)

    def start_paused(self, point: str, *args: str) -> Paused:
        """Start a command that pauses at `point`; return once it is there."""
        return self._start_paused(point, self._command(args))

    def start_tui_paused(self, point: str, source: Path) -> Paused:
        """Start the TUI, ingest `source` in it, and return once the run pauses at `point`."""
        return self._start_paused(point, [sys.executable, str(TUI_DRIVER), str(source)])

    def _start_paused(self, point: str, command: list[str]) -> Paused:
        self.marker.unlink(missing_ok=True)
        env = {
            **self.env,
            "WORKBENCH_FAULT_PAUSE": point,
            "WORKBENCH_FAULT_MARKER": str(self.marker),
        }
        process = subprocess.Popen(
            command,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        self._wait_for_marker(process, point)
        return Paused(process, self.marker)

    def checksum(self) -> str | None:
        """sha256 of the published warehouse file (None when nothing is published)."""
        if not self.warehouse.exists():
            return None
        return hashlib.sha256(self.warehouse.read_bytes()).hexdigest()

    def leftovers(self) -> list[str]:
        """Half-built files and extracted source folders still on disk."""
        building = self.data_dir / ".building"
        found = sorted(p.name for p in building.iterdir()) if building.exists() else []
        return found + sorted(p.name for p in self.temp_dir.glob("olist-source-*"))

    def kept_snapshots(self) -> list[str]:
        return sorted(p.name for p in (self.data_dir / "snapshots").glob("run-*.duckdb"))

    def history(self) -> list[tuple[int, str]]:
        """(run id, status) of every run, oldest first, as the metadata store holds them."""
        with self._container() as container:
            return [(r.run_id, str(r.status)) for r in reversed(container.run_history().recent())]

    def run_message(self, run_id: int) -> str:
        with self._container() as container:
            detail = container.run_history().detail(run_id)
            assert detail is not None
            return detail.run.error

    def status_line(self) -> str:
        """What the UI's status line would say now."""
        with self._container() as container:
            return container.status().current().describe()

    @contextmanager
    def _container(self) -> Iterator[Container]:
        environment = {k: v for k, v in self.env.items() if k.startswith("WORKBENCH_")}
        container = build_container(load_settings({}, env=environment, config_file=None))
        try:
            yield container
        finally:
            container.shutdown_resources()

    def _command(self, args: tuple[str, ...]) -> list[str]:
        return [sys.executable, "-m", "workbench.cli", *args]

    def _wait_for_marker(self, process: subprocess.Popen[str], point: str) -> None:
        # Polls for the marker the process writes: the wait ends on the code's signal, not a time.
        deadline = time.monotonic() + DEADLINE_S
        while not self.marker.exists():
            if process.poll() is not None:
                stdout, stderr = process.communicate()
                raise AssertionError(
                    f"the process ended (exit {process.returncode}) before pausing at "
                    f"{point!r}:\n{stdout}\n{stderr}"
                )
            if time.monotonic() > deadline:
                process.kill()
                raise AssertionError(f"the process never reached the fault point {point!r}")
            time.sleep(0.01)

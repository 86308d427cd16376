"""Unexpected failures leave their traceback in a log of their own, even within one second."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from workbench.failures import report_failure


def test_two_failures_in_the_same_second_get_two_logs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path))
    monkeypatch.setattr(time, "strftime", lambda *_: "20261204-235959")  # one second for both
    report_failure(RuntimeError("first"))
    report_failure(RuntimeError("second"))
    lines = capfd.readouterr().err.splitlines()

    logs = sorted(tmp_path.rglob("error-20261204-235959-*.log"))
    assert len(logs) == 2
    assert {log.read_text().strip().splitlines()[-1] for log in logs} == {
        "RuntimeError: first",
        "RuntimeError: second",
    }
    assert all(any(str(log) in line for line in lines) for log in logs)
    assert all(log.stat().st_mode & 0o077 == 0 for log in logs)  # private to the user

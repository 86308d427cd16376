"""A full disk is told as a full disk: where, and how much was free; never "check the export".

The disk is real: a tiny tmpfs mounted in a user namespace of its own (`unshare -rm`, no root
needed), so DuckDB, polars and the file system fail as they would on a full volume. The file
size limit (RLIMIT_FSIZE, `ulimit -f`) is the second real fault: writes past it fail with EFBIG.
"""

from __future__ import annotations

import os
import re
import resource
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from workbench import cli

MOUNT = 'mount -t tmpfs -o size=$0 tmpfs "$1" && shift && exec "$@"'


def _namespaces_work() -> bool:
    if shutil.which("unshare") is None:
        return False
    probe = subprocess.run(["unshare", "-rm", "true"], capture_output=True, check=False)
    return probe.returncode == 0


needs_namespace = pytest.mark.skipif(
    not _namespaces_work(), reason="unprivileged user namespaces are not available here"
)


def on_tiny_disk(size: str, mount: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run the workbench with `mount` a tmpfs of `size`, gone when the command ends."""
    mount.mkdir(parents=True, exist_ok=True)
    command = [sys.executable, "-m", "workbench.cli", *args]
    return subprocess.run(
        ["unshare", "-rm", "sh", "-c", MOUNT, size, str(mount), *command],
        capture_output=True,
        text=True,
        timeout=120,
        env=_env(mount.parent),
    )


def _env(home: Path) -> dict[str, str]:
    base = {k: v for k, v in os.environ.items() if not k.startswith("WORKBENCH_")}
    return {**base, "HOME": str(home), "XDG_STATE_HOME": str(home / "state")}


def last_line(stderr: str) -> str:
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert lines, "nothing on stderr"
    for line in lines:
        assert "unexpected" not in line and "Traceback" not in line, stderr
    return lines[-1]


@needs_namespace
def test_ingest_onto_a_full_disk_says_the_disk_is_full_and_where(
    small_source: Path, tmp_path: Path
) -> None:
    disk = tmp_path / "disk"
    metadata = tmp_path / "metadata.sqlite"  # on the roomy disk: the run is recorded
    result = on_tiny_disk(
        "600k", disk, "--data-dir", str(disk), "--sqlite-path", str(metadata),
        "ingest", str(small_source),
    )  # fmt: skip
    assert result.returncode == 2, result.stderr
    line = last_line(result.stderr)
    assert f"Writing the new warehouse in {disk}/.building failed: the disk is full" in line
    free = re.search(r"it needed more than the ([\d.]+) kB that were free there", line)
    assert free is not None and 0 < float(free[1]) <= 614.4, line  # 600k = 614.4 kB
    assert "Olist export" not in result.stderr

    runs = subprocess.run(
        [sys.executable, "-m", "workbench.cli", "--data-dir", str(tmp_path / "other"),
         "--sqlite-path", str(metadata), "runs", "--all"],
        capture_output=True, text=True, timeout=60, env=_env(tmp_path),
    )  # fmt: skip
    assert "failed" in runs.stdout and "the disk is full" in runs.stdout, runs.stdout


@needs_namespace
def test_generate_onto_a_full_disk_says_so(tmp_path: Path) -> None:
    disk = tmp_path / "disk"
    result = on_tiny_disk(
        "100k", disk, "generate", "--scale", "0.01", "--out", str(disk / "dataset")
    )
    assert result.returncode == 2, result.stderr
    line = last_line(result.stderr)
    assert f"Writing the generated dataset in {disk}/dataset failed: the disk is full" in line


@needs_namespace
def test_exports_onto_a_full_disk_say_so_and_leave_no_partial_file(
    small_source: Path, tmp_path: Path
) -> None:
    data = tmp_path / "data"
    assert cli.main(["--data-dir", str(data), "ingest", str(small_source)]) == 0
    disk = tmp_path / "disk"
    result = on_tiny_disk("40k", disk, "--data-dir", str(data), "--batch", "--out", str(disk))
    assert result.returncode == 2, result.stderr
    line = last_line(result.stderr)
    assert f"in {disk} failed: the disk is full" in line


def test_a_file_size_limit_is_told_as_such(small_source: Path, tmp_path: Path) -> None:
    """RLIMIT_FSIZE: the warehouse grows past it, the write fails with EFBIG."""
    limit = 2_000_000  # above the SQLite metadata file, below the warehouse

    def limit_file_size() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    result = subprocess.run(
        [sys.executable, "-m", "workbench.cli", "--data-dir", str(tmp_path / "data"),
         "ingest", str(small_source)],
        capture_output=True, text=True, timeout=120, env=_env(tmp_path),
        preexec_fn=limit_file_size,
    )  # fmt: skip
    assert result.returncode == 2, result.stderr
    line = last_line(result.stderr)
    assert "failed: a file reached the size limit (ulimit -f)" in line
    assert not list((tmp_path / "data" / ".building").glob("run-*"))

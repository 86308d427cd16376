"""A DSN password never shows: any characters, every form libpq accepts, every output.

The outputs checked are the ones a user or a log sees: `config show`, the one-line error of a
failed connection to a closed port, the traceback log of an unexpected failure, and the UI's
status line on a real PostgreSQL (trust auth ignores the password, so the store opens).
"""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from psycopg.conninfo import conninfo_to_dict, make_conninfo

from workbench import cli
from workbench.application.config import load_settings
from workbench.application.errors import ConfigError
from workbench.application.secrets import forget_secrets, mask, masked_dsn, remember_secrets
from workbench.failures import report_failure, user_message

# Any character a password can hold (a C string: no NUL; an environment value: no surrogates).
ANY_CHARACTER = st.characters(blacklist_characters="\x00", blacklist_categories=("Cs",))
PASSWORDS = st.text(ANY_CHARACTER, min_size=1, max_size=24)
# A URL's delimiters would make libpq read another host or path, not a password.
URL_TEXT = st.text(
    st.characters(blacklist_characters="\x00@/?#[]:", blacklist_categories=("Cs",)),
    min_size=1,
    max_size=24,
)


def _quoted(password: str) -> str:
    return "'" + password.replace("\\", "\\\\").replace("'", "\\'") + "'"


def _backslashed(password: str) -> str:
    return "".join("\\" + c if c in " \\'\t\n\r\f\v" else c for c in password)


# name -> (DSN for a password and a port, the password goes to PGPASSWORD instead)
FORMS: dict[str, Callable[[str, int], str]] = {
    "url %-escaped": lambda pw, port: f"postgresql://ana:{quote(pw, safe='')}@127.0.0.1:{port}/m",
    "url as typed": lambda pw, port: f"postgresql://ana:{pw}@127.0.0.1:{port}/m",
    "url ?password=": lambda pw, port: f"postgres://ana@127.0.0.1:{port}/m?password={quote(pw)}",
    "keywords quoted": lambda pw, port: (
        f"host=127.0.0.1 port={port} user=ana password={_quoted(pw)}"
    ),
    "keywords backslashed": lambda pw, port: (
        f"password={_backslashed(pw)} host=127.0.0.1 port={port} dbname=m"
    ),
    "PGPASSWORD": lambda pw, port: f"host=127.0.0.1 port={port} user=ana dbname=m",
}


@pytest.fixture(autouse=True)
def no_secrets_between_tests() -> Iterator[None]:
    """The masker learns secrets for the whole process: each test starts and ends without any."""
    forget_secrets()
    yield
    forget_secrets()


@pytest.fixture(scope="module")
def closed_port() -> int:
    """A local port nothing listens on: bound once by us, then released."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextlib.contextmanager
def environment(**values: str) -> Iterator[None]:
    saved = dict(os.environ)
    os.environ.update(values)
    try:
        yield
    finally:
        os.environ.clear()
        os.environ.update(saved)


def secret_of(core: str) -> str:
    """The generated characters between two markers no message holds by chance."""
    return f"Zq{core}9!"


def run_cli(args: list[str], capfd: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = cli.main(args)
    captured = capfd.readouterr()
    return code, captured.out + captured.err


@pytest.mark.parametrize("form", FORMS)
@settings(
    max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(core=PASSWORDS, url_core=URL_TEXT)
@example(core="' \\ %", url_core=" ")  # quotes, backslash, percent; a URL with a space
def test_no_output_holds_the_password(
    form: str,
    core: str,
    url_core: str,
    closed_port: int,
    tmp_path: Path,
    capfd: pytest.CaptureFixture[str],
) -> None:
    forget_secrets()
    secret = secret_of(url_core if form == "url as typed" else core)
    dsn = FORMS[form](secret, closed_port)
    env = {"WORKBENCH_METADATA_DSN": dsn, "XDG_STATE_HOME": str(tmp_path / "state")}
    if form == "PGPASSWORD":
        env["PGPASSWORD"] = secret
    data_dir = ["--data-dir", str(tmp_path / "data")]
    with environment(**env):
        shown_code, shown = run_cli(["config", "show", *data_dir], capfd)
        runs_code, runs = run_cli(["runs", *data_dir], capfd)
        # A DSN libpq cannot read stops the program at the configuration, before any driver
        # could echo it; one it reads is known to the masker, password and all.
        if shown_code == 0:
            report_failure(RuntimeError(f"a driver echoed {dsn} and {secret}"))
        else:
            assert "Invalid value for 'metadata_dsn'" in runs
        reported = capfd.readouterr().err
    logs = "".join(p.read_text() for p in (tmp_path / "state").rglob("*.log"))

    assert shown_code in (0, 2) and runs_code == 2  # 2: libpq cannot read it, or port closed
    for output in (shown, runs, reported, logs):
        assert secret not in output
    assert runs.count("\n") == 1, runs  # one line, whatever the password held


@given(password=PASSWORDS)
def test_the_masked_dsn_does_not_depend_on_the_password(password: str) -> None:
    """Whatever the password, the DSN shown is the same: nothing of it can leak."""
    for form in ("url %-escaped", "url ?password=", "keywords quoted", "keywords backslashed"):
        dsn, other = FORMS[form](password, 5432), FORMS[form]("x", 5432)
        assert conninfo_to_dict(dsn)["password"] == password  # libpq reads what we meant
        assert masked_dsn(dsn) == masked_dsn(other)


@given(password=PASSWORDS)
def test_every_spelling_of_a_remembered_password_is_masked(password: str) -> None:
    forget_secrets()
    secret = secret_of(password)
    remember_secrets(FORMS["url %-escaped"](secret, 5432), {})
    keyword_form = make_conninfo("", password=secret)
    for text in (secret, quote(secret, safe=""), quote(secret), keyword_form):
        assert secret not in mask(f"said: {text}.")


def test_the_real_command_line_masks_each_form_and_pgpassword(
    closed_port: int, tmp_path: Path
) -> None:
    """The workbench as a user runs it: a subprocess per form, stdout, stderr and its logs."""
    secret = "p@ss w'o\\rd%20é=;"
    base = {k: v for k, v in os.environ.items() if not k.startswith(("WORKBENCH_", "PG"))}
    for form, make in FORMS.items():
        typed = secret.replace("@", "").replace("/", "") if form == "url as typed" else secret
        env = {**base, "XDG_STATE_HOME": str(tmp_path / form), "HOME": str(tmp_path / form)}
        env["WORKBENCH_METADATA_DSN"] = make(typed, closed_port)
        if form == "PGPASSWORD":
            env["PGPASSWORD"] = typed
        for args in (["config", "show"], ["runs"]):
            result = subprocess.run(
                [sys.executable, "-m", "workbench.cli", *args, "--data-dir", str(tmp_path / "d")],
                capture_output=True,
                text=True,
                timeout=60,
                env=env,
            )
            assert typed not in result.stdout + result.stderr, (form, args)
            assert "Traceback" not in result.stderr
        assert not list((tmp_path / form).rglob("*.log")) or all(
            typed not in log.read_text() for log in (tmp_path / form).rglob("*.log")
        )


@pytest.mark.postgres
async def test_the_status_line_shows_the_store_without_its_password(
    pg_dsn: str, tmp_path: Path
) -> None:
    from textual.widgets import Static

    from workbench.app import WorkbenchApp
    from workbench.container import build_container

    secret = "S3cr3t p@ss'\\"
    options = conninfo_to_dict(pg_dsn)
    options["password"] = secret  # trust auth: the server ignores it, the store opens
    dsn = make_conninfo(**options)
    settings_ = load_settings({"data_dir": tmp_path, "metadata_dsn": dsn}, env={})
    container = build_container(settings_)
    try:
        app = WorkbenchApp(container)
        async with app.run_test(size=(400, 48)) as pilot:
            await pilot.app.workers.wait_for_complete()
            await pilot.pause()
            status = str(app.screen.query_one(".status-line", Static).render())
            assert "PostgreSQL" in status and "password=***" in status
            assert secret not in status
            error = user_message(RuntimeError(f"psycopg said: {dsn}"))  # what report_error shows
            assert secret not in error and "password=***" in error
    finally:
        container.shutdown_resources()


@pytest.mark.parametrize(
    ("dsn", "hidden"),
    [
        ("host=h hunter2", "hunter2"),
        ("host=h password=a b=hunter2", "hunter2"),
        ("postgresql://u:p%zzhunter2@h/db", "hunter2"),
        ("postgresql://u:hunter 2@h/db", "hunter 2"),
        ("postgresql://u:hunter2@[::1/db", "hunter2"),
        ("postgresql://u:pw@h/db?hunter2=1", "hunter2"),
    ],
)
def test_a_dsn_libpq_cannot_read_is_refused_without_quoting_it(
    dsn: str, hidden: str, tmp_path: Path
) -> None:
    forget_secrets()
    with pytest.raises(ConfigError) as refused:
        load_settings({"data_dir": tmp_path, "metadata_dsn": dsn}, env={})
    message = str(refused.value)
    assert hidden not in message and "metadata_dsn" in message and "\n" not in message
    assert masked_dsn(dsn) == "(a connection string libpq cannot read)"


def test_the_run_history_never_stores_a_password(tmp_path: Path) -> None:
    """A run's error goes to a store the whole team reads: it is masked before it is written."""
    from domain.entities.ingestion_run import RunStatus
    from infrastructure.metadata.sqlite_store import SqliteMetadataStore
    from workbench.application.run_record import RunRecord

    forget_secrets()
    secret = "Zq p@ss'w\\rd 9!"
    dsn = FORMS["keywords quoted"](secret, 5432)
    load_settings({"data_dir": tmp_path, "metadata_dsn": dsn}, env={})
    store = SqliteMetadataStore(tmp_path / "metadata.sqlite")
    try:
        record = RunRecord.start(store, tmp_path / "source")
        record.finished(RunStatus.FAILED, f"a driver echoed {dsn} and {secret}")
        stored = store.list_runs(1)[0].error or ""
    finally:
        store.close()
    assert secret not in stored and "password=***" in stored

"""`workbench serve` as a user meets it: a real server process, a real headless Chromium.

The page draws the terminal on a canvas (xterm.js), so its text is read from the terminal's own
buffer: a script installed before the page's scripts keeps the xterm Terminal the page creates,
and the test reads its rows as a person reads the screen. A screenshot of each step is saved
next to the test's tmp dir for a human to look at.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from workbench.cli import main

FIXTURE = Path(__file__).parents[2] / "fixtures" / "olist_small"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
SERVE = (sys.executable, "-m", "workbench.cli", "serve")
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"

# Keeps the page's xterm Terminal (assigned as `this.terminal = new Terminal(...)`) in a global.
KEEP_TERMINAL = """
Object.defineProperty(Object.prototype, 'terminal', {
  configurable: true,
  set(value) {
    window.__workbenchTerminal = value;
    Object.defineProperty(this, 'terminal', {
      value: value, writable: true, configurable: true, enumerable: true,
    });
  },
});
"""
SCREEN_TEXT = """
const terminal = window.__workbenchTerminal;
if (!terminal) { return ''; }
const buffer = terminal.buffer.active, rows = [];
for (let i = 0; i < terminal.rows; i++) {
  const line = buffer.getLine(buffer.viewportY + i);
  rows.push(line ? line.translateToString(true) : '');
}
return rows.join('\\n');
"""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port


def wait_for_port(port: int, process: subprocess.Popen[str], seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"workbench serve exited: {process.communicate()[0]}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.2)
    pytest.fail(f"workbench serve did not listen on {port} within {seconds} s")


def need_browser() -> None:
    missing = [path for path in (CHROMIUM, CHROMEDRIVER) if not Path(path).exists()]
    if missing:
        message = f"no {', '.join(missing)}: apt-get install -y chromium chromium-driver"
        if os.environ.get("CI") == "true":
            pytest.fail(message, pytrace=False)
        pytest.skip(message)


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("serve") / "data"
    assert main(["ingest", str(FIXTURE), "--data-dir", str(folder)]) == 0
    return folder


@pytest.fixture
def server(data_dir: Path) -> Iterator[tuple[int, subprocess.Popen[str]]]:
    port = free_port()
    process = subprocess.Popen(
        [*SERVE, "--port", str(port)],
        env={**os.environ, "WORKBENCH_DATA_DIR": str(data_dir)},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        wait_for_port(port, process)
        yield port, process
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture
def browser() -> Iterator[object]:
    need_browser()
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1280,800"):
        options.add_argument(argument)
    options.add_argument("--disable-dev-shm-usage")
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": KEEP_TERMINAL})
    try:
        yield driver
    finally:
        driver.quit()


def screen_showing(driver, *texts: str, seconds: float = 60) -> str:  # type: ignore[no-untyped-def]
    """The terminal's text once it shows every one of `texts` (fails with what it shows)."""
    deadline = time.monotonic() + seconds
    shown = ""
    while time.monotonic() < deadline:
        shown = driver.execute_script(SCREEN_TEXT) or ""
        if all(text in shown for text in texts):
            return shown
        time.sleep(0.5)
    pytest.fail(f"the page never showed {texts!r}; it shows:\n{shown}")


def test_the_browser_shows_the_ingestion_screen_and_keys_switch_screens(
    server, browser, tmp_path: Path
) -> None:
    port, _ = server
    browser.get(f"http://127.0.0.1:{port}/")
    # "succeeded": the run of the fixture's ingestion, read from the store after the first frame
    screen_showing(browser, "Run history", "Steps of run #1, succeeded", "1 Ingestion", "succeeded")
    browser.save_screenshot(str(tmp_path / "ingestion.png"))

    keyboard = browser.find_element("css selector", ".xterm-helper-textarea")
    keyboard.send_keys("4")  # the KPI screen: the views' bar and the executive tiles
    shown = screen_showing(browser, "x Executive", "c Categories", "GMV")
    assert "Run history" not in shown
    browser.save_screenshot(str(tmp_path / "kpis.png"))
    assert (tmp_path / "kpis.png").stat().st_size > 10_000  # a real rendering, not a blank page


def test_serve_says_where_to_reach_it(server) -> None:
    port, process = server
    process.terminate()
    output = process.communicate(timeout=15)[0]
    assert f"open http://127.0.0.1:{port}/ in a browser" in output
    assert "WARNING" not in output


def test_a_network_address_needs_allow_remote(capsys) -> None:
    assert main(["serve", "--host", "0.0.0.0", "--port", str(free_port())]) == 2
    error = capsys.readouterr().err
    assert "--host 0.0.0.0 is reachable from other machines" in error
    assert "--allow-remote" in error
    assert error.count("\n") == 1


def test_allow_remote_serves_with_a_warning(data_dir: Path) -> None:
    port = free_port()
    process = subprocess.Popen(
        [*SERVE, "--host", "0.0.0.0", "--port", str(port), "--allow-remote"],
        env={**os.environ, "WORKBENCH_DATA_DIR": str(data_dir)},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        wait_for_port(port, process)
    finally:
        process.terminate()
        output = process.communicate(timeout=15)[0]
    assert "WARNING: listening on 0.0.0.0" in output
    assert "WITHOUT authentication" in output


def test_a_taken_port_is_one_line(capsys) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        assert main(["serve", "--port", str(port)]) != 0
    error = capsys.readouterr().err
    assert f"cannot listen on 127.0.0.1:{port}" in error
    assert "Traceback" not in error


def test_configuration_reaches_the_tabs_by_environment_not_command_line(tmp_path: Path) -> None:
    """A metadata DSN may hold a password: textual-serve prints its command, `ps` shows it."""
    from workbench.cli import build_parser
    from workbench.web import app_command, app_environment

    dsn = "postgresql://analyst:s3cret@db.example/olist"
    args = build_parser().parse_args(
        ["serve", "--metadata-dsn", dsn, "--data-dir", str(tmp_path / "d")]
    )
    assert "s3cret" not in app_command()
    environment = app_environment(args)
    assert environment["WORKBENCH_METADATA_DSN"] == dsn
    assert environment["WORKBENCH_DATA_DIR"] == str((tmp_path / "d").resolve())

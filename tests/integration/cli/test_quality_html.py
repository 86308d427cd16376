"""`workbench quality --format html --out FILE`: one self-contained page, read back with
html.parser — every rule with a sparkline of one point per run, its history, the kept failing
rows, the reconciliation to the cent, nothing fetched from elsewhere, stored text escaped."""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import duckdb
import pytest

from domain.entities.quality import Severity
from domain.repositories.metadata_store import QualityRuleRecord
from workbench.application.config import load_settings
from workbench.cli import main
from workbench.container import build_container

FIXTURE = Path(__file__).parents[2] / "fixtures" / "olist_small"
HOSTILE = '<script src="https://evil.example/x.js"></script><b>'
HOSTILE_RULE = QualityRuleRecord(
    "test.hostile<i>",
    f"status is one no order has {HOSTILE}",
    "accepted_values",
    "fct_orders",
    {"column": "order_status", "values": [HOSTILE], "key": ["order_id"]},
    Severity.INFO,
)


@dataclass
class Table:
    rows: list[list[str]] = field(default_factory=list)
    circles: list[int] = field(default_factory=list)  # per row: points of its sparkline
    svgs: list[int] = field(default_factory=list)  # per row: sparklines in it


class Page(HTMLParser):
    """The page as a reader gets it: its tables (cell texts, sparklines per row), every tag with
    its attributes, and the headings."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: list[Table] = []
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.headings: list[str] = []
        self._heading: list[str] | None = None
        self._cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag == "table":
            self.tables.append(Table())
        elif tag == "tr":
            table = self.tables[-1]
            table.rows.append([])
            table.circles.append(0)
            table.svgs.append(0)
        elif tag in ("td", "th"):
            self._cell = []
        elif tag == "svg":
            self.tables[-1].svgs[-1] += 1
        elif tag == "circle":
            self.tables[-1].circles[-1] += 1
        elif tag in ("h1", "h2", "h3"):
            self._heading = []

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self._cell is not None:
            self.tables[-1].rows[-1].append("".join(self._cell).strip())
            self._cell = None
        elif tag in ("h1", "h2", "h3") and self._heading is not None:
            self.headings.append("".join(self._heading))
            self._heading = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)
        if self._heading is not None:
            self._heading.append(data)


def read(path: Path) -> Page:
    page = Page()
    page.feed(path.read_text(encoding="utf-8"))
    page.close()
    return page


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_the_html_report_holds_every_rule_trend_history_sample_and_reconciliation(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "data"
    container = build_container(load_settings({"data_dir": data}, env={}, config_file=None))
    container.metadata_store().save_rule(HOSTILE_RULE)
    rules = {rule.rule_id for rule in container.metadata_store().list_rules()}
    container.shutdown_resources()
    source = tmp_path / "source"
    shutil.copytree(FIXTURE, source)
    assert run(capsys, "--data-dir", str(data), "ingest", str(source))[0] == 0
    reviews = source / "olist_order_reviews_dataset.csv"
    lines = reviews.read_bytes().split(b"\n")
    reviews.write_bytes(b"\n".join(lines[:1] + lines[4:]))  # 3 of 13 reviews lost
    assert run(capsys, "--data-dir", str(data), "ingest", str(source))[0] == 0
    out = tmp_path / "report.html"

    code, printed, said = run(
        capsys, "--data-dir", str(data), "quality", "--format", "html", "--out", str(out)
    )

    assert (code, printed) == (0, "")
    assert f"quality report of run #2 written to {out}" in said
    page = read(out)
    rules_table, reconciliation, history = page.tables[0], page.tables[1], page.tables[2]
    assert rules_table.rows[0][:3] == ["rule", "severity", "status"]
    assert {row[0] for row in rules_table.rows[1:]} == rules
    assert rules_table.svgs[1:] == [1] * len(rules)
    assert rules_table.circles[1:] == [2] * len(rules)  # one point per run, runs #1 and #2
    shown = {row[0]: row for row in rules_table.rows[1:]}
    assert shown["reviews.volume"][2:4] == ["fail", "3"]
    assert history.rows[0] == ["rule", "#1", "#2"]
    assert {row[0]: row[1:] for row in history.rows[1:]}["reviews.volume"] == ["0", "3"]

    with duckdb.connect(str(data / "warehouse.duckdb"), read_only=True) as con:
        ((paid,),) = con.sql("select sum(payment_value) from fct_payments").fetchall()
    by_check = {row[0]: row for row in reconciliation.rows[1:]}
    assert by_check["payments: value total"][1:] == [
        "BRL",
        f"{paid:,.2f}",
        f"{paid:,.2f}",
        "0.00",
        "equal",
    ]
    assert len(by_check) == 10

    samples = page.headings[page.headings.index("Failing rows") + 1 :]  # one table each
    assert len(samples) == len(page.tables[3:])
    hostile = samples.index(f"{HOSTILE_RULE.rule_id}: {HOSTILE_RULE.description}")
    sample = page.tables[3 + hostile]
    assert sample.rows[0][:2] == ["order_id", "order_status"]
    assert len(sample.rows) - 1 == 15  # every order of the export fails it: 15 kept of 15

    assert not [tag for tag, _ in page.tags if tag in ("script", "link", "iframe", "img", "b")]
    for tag, attrs in page.tags:
        for name in ("src", "href"):
            assert not (attrs.get(name) or "").startswith(("http:", "https:", "//")), tag
    text = out.read_text(encoding="utf-8")
    assert "@import" not in text and "url(" not in text


def test_a_report_that_cannot_be_written_is_one_line_and_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "data"
    assert run(capsys, "--data-dir", str(data), "ingest", str(FIXTURE))[0] == 0
    out = tmp_path / "no-such-dir" / "report.html"
    code, printed, said = run(
        capsys, "--data-dir", str(data), "quality", "--format", "html", "--out", str(out)
    )
    assert (code, printed) == (2, "")
    assert said == (
        f"workbench: Cannot write the quality report to {out}: No such file or directory.\n"
    )
    code, _, said = run(capsys, "--data-dir", str(data), "quality", "suggest", "--format", "html")
    assert (code, said) == (2, "workbench: quality suggest prints md or json, not html.\n")

"""The quality document as one self-contained HTML file: inline CSS and SVG, no script, no
link out, so it can be attached to a ticket or mailed. Every stored text is escaped."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal
from functools import cache
from html import escape
from importlib import resources
from string import Template

from domain.entities.quality import FailingSample, RuleStatus
from domain.repositories.metadata_store import QualityResultRecord
from workbench.application.quality_document import QualityDocument, ReconciliationLine
from workbench.application.quality_report import SEVERITIES, STATUSES, RuleReport

STEP, HEIGHT, RADIUS = 14, 24, 3  # sparkline: pixels between runs, height, point radius


@cache
def _page() -> Template:
    text = resources.files(__package__).joinpath("quality_report.html").read_text("utf-8")
    return Template(text)


def quality_html(document: QualityDocument) -> str:
    """The whole page: rules with trends, flips, reconciliation, history, kept failing rows."""
    report = document.report
    rules = sorted(report.rules, key=_rank)
    counts = {status: sum(r.status == status for r in rules) for status in STATUSES}
    summary = ", ".join(f"{n} {status}" for status, n in counts.items() if n)
    runs = ", ".join(f"#{run}" for run in report.run_ids) or "none yet"
    meta = (
        f"{len(rules)} rules: {summary or 'none'}. Trend over runs {runs}. "
        f"Generated {document.generated_at:%Y-%m-%d %H:%M}."
    )
    body = [
        _rules_section(rules, report.run_ids),
        _flips_section(document),
        _reconciliation_section(document.reconciliation, document.reconciled_run),
        _history_section(rules, report.run_ids),
        _samples_section(rules, document),
    ]
    title = f"Quality report, run #{report.latest_run}" if report.run_ids else "Quality report"
    return _page().substitute(title=escape(title), meta=escape(meta), body="\n".join(body))


def _rank(rule: RuleReport) -> tuple[int, int, str]:
    """Failing and severe first, as the screen and the Markdown report order them."""
    return (STATUSES.index(rule.status), SEVERITIES.index(rule.rule.severity), rule.rule.rule_id)


def _cell(value: object, css: str = "") -> str:
    """One escaped table cell; None shows as an empty, marked cell."""
    if value is None:
        return '<td class="null">null</td>'
    shown = escape(str(value))
    return f'<td class="{css}">{shown}</td>' if css else f"<td>{shown}</td>"


def _table(head: Sequence[str], rows: Iterable[str]) -> str:
    header = "".join(f"<th>{escape(name)}</th>" for name in head)
    return f"<table>\n<tr>{header}</tr>\n" + "\n".join(rows) + "\n</table>"


def _css_status(status: str) -> str:
    return "status " + status.replace(" ", "-")


def _count(value: int | None) -> str:
    return "" if value is None else f"{value:,}"


# -- rules ----------------------------------------------------------------------------------------
def _rules_section(rules: Sequence[RuleReport], run_ids: Sequence[int]) -> str:
    rows = [
        "<tr>"
        + _cell(r.rule.rule_id)
        + _cell(r.rule.severity, f"sev-{r.rule.severity}")
        + _cell(r.status, _css_status(r.status))
        + _cell(_count(r.failing_count), "num")
        + _cell(f"{r.rule.threshold:g}", "num")
        + f"<td>{sparkline(r, run_ids)}</td>"
        + _cell(r.rule.model)
        + _cell(r.rule.description)
        + _cell(r.message)
        + "</tr>"
        for r in rules
    ]
    head = ("rule", "severity", "status", "failing", "threshold", "trend", "model", "check")
    return "<h2>Rules</h2>\n" + _table((*head, "message"), rows)


def sparkline(rule: RuleReport, run_ids: Sequence[int]) -> str:
    """An inline SVG with one point per run of the report: its height the failing rows (0 at
    the bottom), its colour the status; a run without a result of the rule is a hollow point.
    Each point's title says run, status and rows, shown on hover without any script."""
    counts = [r.failing_count for r in rule.results if r is not None]
    most = max(counts, default=0) or 1
    width = max(STEP, STEP * len(run_ids))
    points: list[str] = []
    line: list[str] = []
    for index, (run, result) in enumerate(zip(run_ids, rule.results, strict=True)):
        x = STEP // 2 + index * STEP
        failing = 0 if result is None else result.failing_count
        y = HEIGHT - RADIUS - 1 - round((HEIGHT - 2 * RADIUS - 2) * failing / most)
        css = "none" if result is None else str(result.status)
        points.append(
            f'<circle class="{css}" cx="{x}" cy="{y}" r="{RADIUS}">'
            f"<title>{escape(_point_title(run, result))}</title></circle>"
        )
        if result is not None:
            line.append(f"{x},{y}")
    polyline = f'<polyline points="{" ".join(line)}"/>' if len(line) > 1 else ""
    return (
        f'<svg class="spark" width="{width}" '
        f'height="{HEIGHT}" viewBox="0 0 {width} {HEIGHT}" role="img" '
        f'aria-label="failing rows over {len(run_ids)} runs">{polyline}{"".join(points)}</svg>'
    )


def _point_title(run: int, result: QualityResultRecord | None) -> str:
    if result is None:
        return f"run #{run}: not checked"
    return f"run #{run}: {result.status}, {result.failing_count:,} failing rows"


def _flips_section(document: QualityDocument) -> str:
    flips = document.report.flips
    if not flips:
        return ""
    items = "\n".join(
        f"<li>{escape(f.rule_id)} ({escape(f.severity)}, {f.failing_count:,} rows)</li>"
        for f in flips
    )
    title = f"<h2>Flipped from pass to fail since run #{flips[0].previous_run}</h2>"
    return f"{title}\n<ul>\n{items}\n</ul>"


# -- reconciliation -------------------------------------------------------------------------------
def _figure(value: Decimal, unit: str) -> str:
    return f"{value:,.0f}" if unit == "rows" else f"{value:,.2f}"


def _reconciliation_section(lines: Sequence[ReconciliationLine], run: int | None) -> str:
    title = "<h2>Source-to-warehouse reconciliation</h2>\n"
    if run is None:
        return title + "<p>No published warehouse: nothing to reconcile.</p>"
    rows = [
        "<tr>"
        + _cell(line.check)
        + _cell(line.unit)
        + _cell(_figure(line.source, line.unit), "num")
        + _cell(_figure(line.warehouse, line.unit), "num")
        + _cell(_figure(line.difference, line.unit), "num")
        + _cell("equal" if line.matches else "DIFFERS", "pass" if line.matches else "fail")
        + "</tr>"
        for line in lines
    ]
    equal = sum(line.matches for line in lines)
    note = (
        f"<p>Published run #{run}: {equal} of {len(lines)} checks equal, money to the cent "
        "(source files as staged, against the facts).</p>\n"
    )
    head = ("check", "unit", "source", "warehouse", "difference", "")
    return title + note + _table(head, rows)


# -- history --------------------------------------------------------------------------------------
def _history_section(rules: Sequence[RuleReport], run_ids: Sequence[int]) -> str:
    if not run_ids:
        return ""
    rows = []
    for rule in rules:
        cells = "".join(_history_cell(result) for result in rule.results)
        rows.append(f"<tr><td>{escape(rule.rule.rule_id)}</td>{cells}</tr>")
    head = ("rule", *(f"#{run}" for run in run_ids))
    return "<h2>History: failing rows per run</h2>\n" + _table(head, rows)


def _history_cell(result: QualityResultRecord | None) -> str:
    if result is None:
        return '<td class="num not-run">–</td>'
    shown = "error" if result.status == RuleStatus.ERROR else f"{result.failing_count:,}"
    return f'<td class="num {escape(result.status)}">{shown}</td>'


# -- kept failing rows ----------------------------------------------------------------------------
def _samples_section(rules: Sequence[RuleReport], document: QualityDocument) -> str:
    parts = []
    for rule in rules:
        sample = document.kept_failures.get(rule.rule.rule_id)
        if sample is None or rule.latest is None:
            continue
        parts.append(_sample(rule, rule.latest, sample))
    if not parts:
        return "<h2>Failing rows</h2>\n<p>No failing rows kept for the latest run.</p>"
    return "<h2>Failing rows</h2>\n" + "\n".join(parts)


def _sample(rule: RuleReport, latest: QualityResultRecord, sample: FailingSample) -> str:
    rows = ("<tr>" + "".join(_cell(value) for value in row) + "</tr>" for row in sample.rows)
    note = (
        f"<p>{len(sample.rows):,} of {latest.failing_count:,} failing rows, "
        f"kept by run #{latest.run_id}.</p>"
    )
    return (
        f"<h3>{escape(rule.rule.rule_id)}: {escape(rule.rule.description)}</h3>\n{note}\n"
        f'<div class="samples">{_table(sample.columns, rows)}</div>'
    )

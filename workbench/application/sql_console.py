"""The SQL console: run a user's query on the published snapshot, keep it in the history, export
its whole result, and know the warehouse's catalogue for completion and the catalogue panel.

The TUI's console screen and the headless `workbench sql` share this service; the SQL runs in
the infrastructure adapter behind the SqlRunner port (read-only, cancellable).
"""

from __future__ import annotations

import getpass
import json
import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from domain.cancellation import CancelToken
from domain.errors import Cancelled, SqlFailed, SqlRefused
from domain.repositories.query_history import QueryRecord, SavedQuery
from workbench.application.errors import UsageError
from workbench.application.ports import QueryHistory, ResultText, ResultWriter, SqlRunner
from workbench.application.table_queries import TableQuery

if TYPE_CHECKING:
    import pyarrow as pa

EXPORT_FORMATS = ("csv", "parquet", "json", "jsonl", "md", "arrow")
HISTORY_KEPT = 500  # what the console lists and searches (the store keeps every query)


@dataclass(frozen=True)
class QueryResult:
    sql: str
    table: pa.Table
    elapsed_s: float
    history_note: str = ""  # why the query could not be kept in the history, if it could not

    @property
    def total_rows(self) -> int:
        return int(self.table.num_rows)

    @property
    def columns(self) -> list[str]:
        return list(self.table.column_names)

    def head(self, rows: int) -> pa.Table:
        return self.table.slice(0, rows)

    def shown_text(self, shown_limit: int) -> str:
        """'showing 10,000 of 2,431,118 rows' — never a truncated total."""
        total = self.total_rows
        shown = min(total, shown_limit)
        noun = "row" if total == 1 else "rows"
        if shown < total:
            return f"showing {shown:,} of {total:,} {noun}"
        return f"{total:,} {noun}"


@dataclass(frozen=True)
class ColumnInfo:
    name: str
    data_type: str
    comment: str = ""


@dataclass(frozen=True)
class TableInfo:
    name: str
    kind: str  # table or view
    row_count: int | None
    comment: str = ""
    columns: tuple[ColumnInfo, ...] = ()


@dataclass(frozen=True)
class FunctionInfo:
    name: str
    kind: str  # scalar, aggregate, table, table_macro, macro, ...
    parameters: str = ""
    own: bool = False  # the warehouse's own (kpi_orders(...)), not a DuckDB built-in
    description: str = ""


@dataclass(frozen=True)
class Catalogue:
    tables: tuple[TableInfo, ...] = ()
    functions: tuple[FunctionInfo, ...] = ()
    keywords: tuple[str, ...] = ()
    by_name: dict[str, TableInfo] = field(default_factory=dict, compare=False)

    @property
    def table_macros(self) -> tuple[FunctionInfo, ...]:
        return tuple(f for f in self.functions if f.own and "macro" in f.kind)

    def table(self, name: str) -> TableInfo | None:
        return self.by_name.get(name.lower())


def catalogue_of(rows: dict[str, list[dict[str, Any]]]) -> Catalogue:
    columns: dict[str, list[ColumnInfo]] = {}
    for row in rows.get("columns", ()):
        columns.setdefault(row["table_name"], []).append(
            ColumnInfo(row["column_name"], str(row["data_type"]), row.get("comment") or "")
        )
    tables = tuple(
        TableInfo(
            row["name"],
            row["kind"],
            None if row.get("row_count") is None else int(row["row_count"]),
            row.get("comment") or "",
            tuple(columns.get(row["name"], ())),
        )
        for row in rows.get("tables", ())
    )
    functions = tuple(
        FunctionInfo(
            row["name"],
            row["kind"],
            row.get("parameters") or "",
            bool(row.get("own")),
            row.get("description") or "",
        )
        for row in rows.get("functions", ())
    )
    by_name = {t.name.lower(): t for t in tables}
    macro_columns: dict[str, list[ColumnInfo]] = {}
    for row in rows.get("macro_columns", ()):
        macro_columns.setdefault(row["table_name"], []).append(
            ColumnInfo(row["column_name"], str(row["data_type"]))
        )
    for function in functions:  # a macro's columns complete after `kpi_orders(...) o.`
        if function.name in macro_columns:
            by_name.setdefault(
                function.name.lower(),
                TableInfo(function.name, "macro", None, "", tuple(macro_columns[function.name])),
            )
    keywords = tuple(str(row["name"]) for row in rows.get("keywords", ()))
    return Catalogue(tables, functions, keywords, by_name)


class SqlConsoleService:
    def __init__(
        self,
        runner: SqlRunner,
        history: QueryHistory,
        write: ResultWriter,
        text: ResultText,
        warehouse_id: str = "",
        user: str | None = None,
    ) -> None:
        self._runner = runner
        self._history = history
        self._write = write
        self._text = text
        self._warehouse_id = warehouse_id
        self._user = user if user is not None else _user()
        self._lock = threading.Lock()
        self._catalogue: tuple[int, Catalogue] | None = None

    # -- running ---------------------------------------------------------------------------------
    def run(
        self,
        sql: str,
        *,
        cancel: CancelToken | None = None,
        on_first: Callable[[pa.Table], None] | None = None,
        first_rows: int = 10_000,
    ) -> QueryResult:
        """Run `sql` (whole result), keeping it in the history: rows, error or cancel.
        `on_first` gets the first `first_rows` rows while the rest is still read."""
        started = time.perf_counter()
        ran_at = datetime.now()
        try:
            table = self._runner.run(sql, cancel=cancel, on_first=on_first, first_rows=first_rows)
        except Cancelled:
            self._keep(sql, ran_at, started, None, "cancelled")
            raise
        except (SqlFailed, SqlRefused) as error:
            self._keep(sql, ran_at, started, None, str(error))
            raise
        elapsed = time.perf_counter() - started
        note = self._keep(sql, ran_at, started, int(table.num_rows), "")
        return QueryResult(sql, table, elapsed, note)

    def _keep(
        self, sql: str, ran_at: datetime, started: float, rows: int | None, error: str
    ) -> str:
        """Record the query; a store that cannot record it never costs the user the result."""
        record = QueryRecord(
            sql=sql,
            ran_at=ran_at,
            ran_by=self._user,
            duration_ms=(time.perf_counter() - started) * 1000,
            rows=rows,
            error=error,
            warehouse_id=self._warehouse_id,
        )
        try:
            self._history.record(record)
        except Exception as failure:  # told beside the result, never instead of it
            lines = str(failure).strip().splitlines()
            return f"not kept in the history: {lines[0] if lines else type(failure).__name__}"
        return ""

    # -- exports ---------------------------------------------------------------------------------
    def export(self, result: QueryResult, fmt: str, path: Path) -> Path:
        """Every row of the result (not only those shown) to `path`."""
        if fmt not in EXPORT_FORMATS:
            raise UsageError(f"Unknown export format {fmt!r}: use {', '.join(EXPORT_FORMATS)}.")
        return self._write(result.table, path, fmt)

    def export_table(self, table: pa.Table, fmt: str, path: Path) -> Path:
        """`table` (a result or its first rows, as asked) to `path`; `table` as text there."""
        if fmt == "table":
            path.write_text(self._text(table, fmt), encoding="utf-8")
            return path
        if fmt not in EXPORT_FORMATS:
            raise UsageError(f"Unknown export format {fmt!r}: use {', '.join(EXPORT_FORMATS)}.")
        return self._write(table, path, fmt)

    def text(self, table: pa.Table, fmt: str) -> str:
        return self._text(table, fmt)

    # -- catalogue -------------------------------------------------------------------------------
    def catalogue(self, generation: int = 0, *, cancel: CancelToken | None = None) -> Catalogue:
        """The warehouse's catalogue, loaded once per snapshot `generation`."""
        with self._lock:
            if self._catalogue is not None and self._catalogue[0] == generation:
                return self._catalogue[1]
        loaded = catalogue_of(self._runner.catalogue(cancel=cancel))
        with self._lock:
            self._catalogue = (generation, loaded)
        return loaded

    def query_behind(self, table: str, query: TableQuery) -> str:
        """The statement behind a table of another screen, its bound values written in as
        literals, ready to change and run here."""
        sql = self._runner.inline(query.sql, query.params).strip().rstrip(";").strip()
        return f"-- the query behind {table}, its filters written in as values\n{sql}\n"

    def count_rows(self, table: str, *, cancel: CancelToken | None = None) -> int:
        return self._runner.count_rows(table, cancel=cancel)

    # -- history and saved queries ---------------------------------------------------------------
    def history(self, search: str = "", limit: int = HISTORY_KEPT) -> list[QueryRecord]:
        return self._history.search(search.strip(), limit, self._warehouse_id)

    def save_query(self, name: str, sql: str) -> SavedQuery:
        name = name.strip()
        if not name:
            raise UsageError("A saved query needs a name.")
        if not sql.strip():
            raise UsageError("There is no SQL to save.")
        saved = SavedQuery(name, sql, self._user, datetime.now())
        self._history.save(saved)
        return saved

    def saved_queries(self) -> list[SavedQuery]:
        return self._history.saved()

    def saved_query(self, name: str) -> SavedQuery:
        for saved in self._history.saved():
            if saved.name == name:
                return saved
        raise UsageError(f"There is no saved query named {name!r}.")

    def delete_saved(self, name: str) -> bool:
        return self._history.delete(name)


def _user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return ""


_STATEMENT_TOKENS = re.compile(r"'(?:[^']|'')*'|\"(?:[^\"]|\"\")*\"|--[^\n]*|/\*.*?\*/|;", re.S)


def statement_at(text: str, offset: int) -> tuple[int, int]:
    """The start and end of the statement under the cursor at `offset` (split at `;` outside
    quotes and comments); a cursor just after a `;` is in the statement it ends."""
    bounds: list[tuple[int, int]] = []
    start = 0
    for match in _STATEMENT_TOKENS.finditer(text):
        if match[0] == ";":
            bounds.append((start, match.end()))
            start = match.end()
    bounds.append((start, len(text)))
    candidates = [(s, e) for s, e in bounds if text[s:e].strip(" \t\n;")]
    if not candidates:
        return (0, 0)
    for s, e in candidates:
        if s <= offset <= e:
            return (s, e)
    before = [b for b in candidates if b[1] <= offset]
    return before[-1] if before else candidates[0]


def sql_text(query: str | None, file: Path | None, stdin: TextIO) -> str:
    """The SQL of `workbench sql`: the argument, the --file, or stdin for "-"."""
    if query is not None and file is not None:
        raise UsageError("Give the SQL as an argument or with --file, not both.")
    if file is not None:
        try:
            return file.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            reason = getattr(error, "strerror", None) or str(error)
            raise UsageError(f"--file {file}: {reason}.") from None
    if query is None:
        raise UsageError('Give the SQL to run: workbench sql "select ...", --file q.sql, or -.')
    return stdin.read() if query == "-" else query


BINARY_FORMATS = ("parquet", "arrow")
SUFFIX_FORMATS = {
    ".csv": "csv",
    ".parquet": "parquet",
    ".json": "json",
    ".jsonl": "jsonl",
    ".md": "md",
    ".arrow": "arrow",
    ".feather": "arrow",
    ".txt": "table",
}


def sql_output_format(fmt: str | None, out: Path | None) -> str:
    """The format asked, else the --out file's extension's, else an aligned table."""
    if fmt is None:
        fmt = SUFFIX_FORMATS.get(out.suffix.lower(), "csv") if out is not None else "table"
    if out is None and fmt in BINARY_FORMATS:
        raise UsageError(f"{fmt} is binary: give --out FILE to write it.")
    return fmt


TABS_FILE = "sql-console-tabs.json"


class SqlTabs:
    """The console's query tabs (their text, and which one is open), kept between sessions in
    the data directory for this user; an unreadable file is simply forgotten."""

    def __init__(self, data_dir: Path) -> None:
        self.path = data_dir / TABS_FILE

    def load(self) -> tuple[list[str], int]:
        try:
            state = json.loads(self.path.read_text(encoding="utf-8"))
            texts = [str(text) for text in state["tabs"]]
            active = int(state["active"])
        except (OSError, ValueError, KeyError, TypeError):
            return [""], 0
        if not texts:
            return [""], 0
        return texts, min(max(active, 0), len(texts) - 1)

    def save(self, texts: list[str], active: int) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        temporary = self.path.with_suffix(".tmp")
        temporary.write_text(json.dumps({"tabs": texts, "active": active}), encoding="utf-8")
        temporary.replace(self.path)


_CLAUSES = (
    "select", "from", "where", "group by", "having", "qualify", "window", "order by", "limit",
    "offset", "union all", "union", "except", "intersect", "left join", "right join",
    "full join", "inner join", "cross join", "join", "with",
)  # fmt: skip
_JOINS_WITH = {"LEFT", "RIGHT", "FULL", "INNER", "CROSS", "OUTER", "NATURAL", "UNION", "ASOF"}
_FORMAT_TOKENS = re.compile(
    r"'(?:[^']|'')*'|\"(?:[^\"]|\"\")*\"|--[^\n]*|/\*.*?\*/|\b[A-Za-z_]\w*\b", re.S
)


def format_sql(text: str, keywords: tuple[str, ...] | frozenset[str] = ()) -> str:
    """Keywords in upper case and each main clause on a line of its own; quoted text and
    comments are left exactly as they are."""
    known = {k.lower() for k in keywords} | {w for c in _CLAUSES for w in c.split()}

    def upper(match: re.Match[str]) -> str:
        token = match[0]
        return token.upper() if token.lower() in known else token

    cased = _FORMAT_TOKENS.sub(upper, text)
    pieces: list[str] = []
    position = 0
    clause = re.compile(
        r"'(?:[^']|'')*'|\"(?:[^\"]|\"\")*\"|--[^\n]*|/\*.*?\*/|\s+(?="
        + "|".join(c.upper().replace(" ", r"\s+") + r"\b" for c in _CLAUSES)
        + ")",
        re.S,
    )
    for match in clause.finditer(cased):
        if match[0].strip():
            continue
        words = cased[: match.start()].split()
        if words and words[-1].upper() in _JOINS_WITH:  # LEFT JOIN stays one clause
            continue
        pieces.append(cased[position : match.start()])
        pieces.append("\n")
        position = match.end()
    pieces.append(cased[position:])
    return "".join(pieces).strip() + ("\n" if text.endswith("\n") else "")


CHART_KINDS = ("bar", "line", "scatter", "histogram")
_NUMERIC = ("int", "float", "double", "decimal", "uint", "halffloat")
_TEMPORAL = ("date", "time")


@dataclass(frozen=True)
class ChartChoice:
    kind: str
    x: str | None  # None for a histogram
    y: str


def column_kind(type_name: str) -> str:
    """number, time or category, from an Arrow type's name."""
    lowered = type_name.lower()
    if lowered.startswith(_TEMPORAL):
        return "time"
    if lowered.startswith(_NUMERIC):
        return "number"
    return "category"


def chart_choice(columns: list[tuple[str, str]]) -> ChartChoice | None:
    """The chart a result asks for, from its columns' (name, Arrow type) in order: a time or a
    category with a number is a line or a bar, two numbers a scatter, one number a histogram."""
    kinds = [(name, column_kind(type_name)) for name, type_name in columns]
    numbers = [name for name, kind in kinds if kind == "number"]
    if not numbers:
        return None
    times = [name for name, kind in kinds if kind == "time"]
    categories = [name for name, kind in kinds if kind == "category"]
    if times:
        return ChartChoice("line", times[0], numbers[0])
    if categories:
        return ChartChoice("bar", categories[0], numbers[0])
    if len(numbers) >= 2:
        return ChartChoice("scatter", numbers[0], numbers[1])
    return ChartChoice("histogram", None, numbers[0])

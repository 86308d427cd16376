"""Completion for the SQL console, from the warehouse's own catalogue (never a fixed word list
of tables): tables and views, columns after a table name or an alias (`o.` in `from fct_orders
o`), the warehouse's table macros (`kpi_orders(...)`), DuckDB's functions and its own
keywords (duckdb_keywords()).

Matching is fuzzy in Harlequin's manner: a prefix match ranks first, then a match at a word
start inside the name (`ord` finds `fct_orders`), then the letters in order (`fo` finds
`fct_orders`). Pure Python over a few thousand names: well under a millisecond a keystroke
(benchmarks/console.py measures it), so it runs on the keystroke itself.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from workbench.application.sql_console import Catalogue

_WORD = re.compile(r"([A-Za-z_][\w$]*)\.([A-Za-z_][\w$]*)?$|([A-Za-z_][\w$]*)$")
# `from|join <name>[(...)] [as] <alias>`: what an alias stands for in the statement.
_SOURCE = re.compile(
    r"\b(?:from|join)\s+(\"[^\"]+\"|[A-Za-z_][\w$]*)\s*(\([^()]*\))?\s*(?:as\s+)?"
    r"(?!(?:where|join|left|right|full|inner|outer|cross|on|using|group|order|limit|natural|"
    r"union|qualify|having|window|positional|asof|anti|semi)\b)([A-Za-z_][\w$]*)?",
    re.I,
)


@dataclass(frozen=True)
class Suggestion:
    text: str  # what replaces the word being typed
    kind: str  # table, view, column, macro, function, keyword
    detail: str = ""  # a column's type, a macro's parameters, a description


@dataclass(frozen=True)
class Completion:
    start: int  # offset in the text of the word the suggestions replace
    end: int
    suggestions: tuple[Suggestion, ...]


def sources(statement: str) -> dict[str, str]:
    """The tables (and macros) a statement reads, by alias and by their own name (lower case)."""
    found: dict[str, str] = {}
    for match in _SOURCE.finditer(statement):
        name = match[1].strip('"')
        found.setdefault(name.lower(), name)
        if match[3]:
            found[match[3].lower()] = name
    return found


def _score(name: str, typed: str) -> int | None:
    """Lower is better; None: no match."""
    lowered = name.lower()
    if not typed:
        return 3
    if lowered.startswith(typed):
        return 0
    if re.search(r"(?:^|_)" + re.escape(typed), lowered):
        return 1
    position = 0
    for letter in typed:
        position = lowered.find(letter, position) + 1
        if position == 0:
            return None
    return 2


def complete(
    text: str, offset: int, catalogue: Catalogue, statement: str = "", limit: int = 40
) -> Completion:
    """What may replace the word before `offset` in `text`; `statement` is the statement around
    the cursor (its FROM tells which columns come first and what an alias stands for)."""
    before = text[:offset]
    match = _WORD.search(before)
    context = statement or text
    if match is None:
        return Completion(offset, offset, ())
    if match[1] is not None:  # qualifier.column
        typed = (match[2] or "").lower()
        start = offset - len(match[2] or "")
        table_name = sources(context).get(match[1].lower(), match[1])
        table = catalogue.table(table_name)
        columns = table.columns if table is not None else ()
        matching = sorted(
            (score, index, column)
            for index, column in enumerate(columns)
            if (score := _score(column.name, typed)) is not None
        )
        suggestions = tuple(
            Suggestion(column.name, "column", column.data_type) for _, _, column in matching
        )
        return Completion(start, offset, suggestions[:limit])
    typed = match[3].lower()
    start = offset - len(match[3])
    candidates: list[tuple[int, int, Suggestion]] = []
    read = {name.lower() for name in sources(context).values()}
    for table in catalogue.tables:
        if table.name.lower() in read:
            for column in table.columns:
                candidates.append((0, 0, Suggestion(column.name, "column", column.data_type)))
        candidates.append((1, 0, Suggestion(table.name, table.kind, _rows(table.row_count))))
    for macro in catalogue.table_macros:
        candidates.append((1, 0, Suggestion(f"{macro.name}(", "macro", macro.parameters)))
    for keyword in catalogue.keywords:
        candidates.append((2, 0, Suggestion(keyword, "keyword")))
    for function in catalogue.functions:
        if not function.own:
            candidates.append((3, 0, Suggestion(f"{function.name}(", "function", function.kind)))
    ranked: list[tuple[int, int, int, Suggestion]] = []
    seen: set[str] = set()
    for group, _, suggestion in candidates:
        score = _score(suggestion.text.rstrip("("), typed)
        if score is None or suggestion.text in seen or suggestion.text.lower() == typed:
            continue
        seen.add(suggestion.text)
        ranked.append((score, group, len(ranked), suggestion))
    ranked.sort(key=lambda item: item[:3])
    return Completion(start, offset, tuple(item[3] for item in ranked[:limit]))


def _rows(count: int | None) -> str:
    return "" if count is None else f"{count:,} rows"

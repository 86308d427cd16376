"""Cheap checks on the first bytes of a source file: empty, encoding, delimiter, header columns."""

from __future__ import annotations

from pathlib import Path

from infrastructure.source.contract import SourceFile
from infrastructure.source.encoding import describe_bad_utf8
from infrastructure.source.errors import SourceError

_HEAD_BYTES = 64 * 1024
_UTF8_BOM = b"\xef\xbb\xbf"
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
_OTHER_DELIMITERS = {";": "semicolon ';'", "\t": "tab", "|": "pipe '|'"}


def check_header(path: Path, source: SourceFile) -> None:
    """Raise SourceError unless the file starts with exactly the contract's header, in UTF-8."""
    name = source.file_name
    with path.open("rb") as f:
        head = f.read(_HEAD_BYTES)
        has_more = bool(f.read(1))
    if head.startswith(_UTF16_BOMS):
        raise SourceError(
            f"{name} is UTF-16 encoded; expected UTF-8. Re-save the file as UTF-8 (CSV UTF-8).",
            file_name=name,
            line=1,
        )
    body = head.removeprefix(_UTF8_BOM)
    if not body.strip():
        raise SourceError(
            f"{name} is empty; expected a header line and data rows. "
            "Re-download or re-export the file.",
            file_name=name,
        )
    header_bytes, newline, rest = body.partition(b"\n")
    if not newline and has_more:
        raise SourceError(
            f"{name}: the first line is longer than {_HEAD_BYTES:,} bytes, so it is not the "
            f"expected header. Check that this is the Olist file {name}.",
            file_name=name,
            line=1,
        )
    try:
        header = header_bytes.rstrip(b"\r").decode("utf-8")
    except UnicodeDecodeError as exc:
        raise SourceError(
            f"{name}, line 1: {describe_bad_utf8(header_bytes, exc)}",
            file_name=name,
            line=1,
        ) from exc
    _check_columns(name, header, source)
    if not rest.strip() and not has_more:
        raise SourceError(
            f"{name} has a header but no data rows. Re-download or re-export the file.",
            file_name=name,
        )


def _check_columns(name: str, header: str, source: SourceFile) -> None:
    expected = list(source.column_names)
    if "," not in header:
        for delimiter, label in _OTHER_DELIMITERS.items():
            if delimiter in header:
                raise SourceError(
                    f"{name}, line 1: columns are separated by {label}; expected comma ','. "
                    "Re-export the file as comma-separated CSV.",
                    file_name=name,
                    line=1,
                    value=header,
                )
    found = [column.strip().strip('"') for column in header.split(",")]
    if found == expected:
        return
    missing = [c for c in expected if c not in found]
    unexpected = [c for c in found if c not in expected]
    duplicated = sorted({c for c in found if found.count(c) > 1})
    problems = []
    if missing:
        problems.append(f"missing column(s) {', '.join(missing)}")
    if unexpected:
        problems.append(f"unexpected column(s) {', '.join(repr(c) for c in unexpected)}")
    if duplicated:
        problems.append(f"repeated column(s) {', '.join(duplicated)}")
    if not problems:
        problems.append(f"columns in the wrong order ({', '.join(found)})")
    raise SourceError(
        f"{name}, line 1: the header does not match the Olist format: {'; '.join(problems)}. "
        f"Expected: {','.join(expected)}. Fix the header or re-export the file.",
        file_name=name,
        line=1,
        column=(missing or unexpected or [""])[0] or None,
        value=header,
    )

"""Compact encoding of a run's customer → segment assignment (about 16.3 bytes per customer).

Ids are 32-char hex in the Olist format, so they pack into 16 bytes each, stored as they are
(random ids do not compress: zlib spent ~1 s on 16 MB at scale 10 and saved nothing); the
segments follow as a zlib-compressed column of 1-byte indexes into a name table (a few hundred
bytes per million customers). Any other id format falls back to compressed text lines. Earlier
payloads (interleaved records, all zlib) still decode.
"""

from __future__ import annotations

import json
import struct
import zlib
from collections.abc import Sequence

from domain.repositories.metadata_store import PackedAssignments

COLUMNS = "hex16-cols-v2"
BINARY = "hex16-zlib-v1"
TEXT = "tsv-zlib-v1"
ID_BYTES = 16


def encode(assignments: Sequence[tuple[str, str]]) -> tuple[str, bytes]:
    try:
        return COLUMNS, _encode_columns(assignments)
    except ValueError:
        lines = "\n".join(f"{customer}\t{segment}" for customer, segment in assignments)
        return TEXT, zlib.compress(lines.encode("utf-8"), 6)


def decode(encoding: str, payload: bytes) -> dict[str, str]:
    if encoding == COLUMNS:
        return _decode_columns(payload)
    raw = zlib.decompress(payload)
    if encoding == TEXT:
        text = raw.decode("utf-8")
        return dict(line.split("\t", 1) for line in text.split("\n")) if text else {}
    if encoding != BINARY:
        raise ValueError(f"unknown segment assignment encoding {encoding!r}")
    (header_len,) = struct.unpack_from(">I", raw)
    names = json.loads(raw[4 : 4 + header_len])
    records = memoryview(raw)[4 + header_len :]
    width = ID_BYTES + 1
    ids = b"".join(records[i : i + ID_BYTES] for i in range(0, len(records), width))
    return _assignments(ids, bytes(records[ID_BYTES::width]), names)


def packed(encoding: str, payload: bytes) -> PackedAssignments | None:
    """The column encoding's ids and codes as they are (None for the older encodings)."""
    if encoding != COLUMNS:
        return None
    header_len, count = struct.unpack_from(">II", payload)
    names = json.loads(payload[8 : 8 + header_len])
    start = 8 + header_len
    ids = payload[start : start + count * ID_BYTES]
    codes = zlib.decompress(payload[start + count * ID_BYTES :])
    return PackedAssignments(ids, ID_BYTES, codes, tuple(names))


def _encode_columns(assignments: Sequence[tuple[str, str]]) -> bytes:
    customers = [customer for customer, _ in assignments]
    segments = [segment for _, segment in assignments]
    names = sorted(set(segments))
    if len(names) > 255:
        raise ValueError("too many segments for a 1-byte code")
    joined = "".join(customers)
    packed = bytes.fromhex(joined)  # ValueError on anything but hex digits (and spaces)
    if set(map(len, customers)) - {2 * ID_BYTES} or packed.hex() != joined:
        raise ValueError("not lowercase 32-char hex ids")
    code = {name: i for i, name in enumerate(names)}
    codes = bytes(code[segment] for segment in segments)
    header = json.dumps(names).encode("utf-8")
    counts = struct.pack(">II", len(header), len(customers))
    return counts + header + packed + zlib.compress(codes, 1)


def _decode_columns(payload: bytes) -> dict[str, str]:
    columns = packed(COLUMNS, payload)
    assert columns is not None
    return _assignments(columns.ids, columns.codes, list(columns.names))


def _assignments(ids: bytes, codes: bytes, names: list[str]) -> dict[str, str]:
    """Packed 16-byte ids and one segment code per id, back to hex id → segment name."""
    hexed = ids.hex()
    width = 2 * ID_BYTES
    customers = [hexed[i : i + width] for i in range(0, len(hexed), width)]
    return dict(zip(customers, [names[code] for code in codes], strict=True))

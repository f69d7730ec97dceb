"""Output files of a job: JSON Lines (one record per line, exactly as ``newsgraph extract``
prints them) or Parquet (one row per record, the record's fields as proper nested types).

The Parquet schema mirrors the record (docs/record.md): spans are structs
``{start, end, text}``, ``entities``/``quotes``/``events`` lists of structs, ``source`` a
struct. A row read back (``read_records``) is the same record: ``to_json()`` gives the line
the JSON Lines output holds.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from pathlib import Path
from types import TracebackType
from typing import IO, Any

from newsgraph.record import Document

OUTPUT_FORMATS = ("jsonl", "parquet")
PARQUET_ROWS = 1000  # records per row group
PARQUET_COMPRESSION = "zstd"


def arrow_schema() -> Any:
    """The Parquet/Arrow schema of a record."""
    import pyarrow as pa

    s, i = pa.string(), pa.int64()
    span = pa.struct([("start", i), ("end", i), ("text", s)])
    role = pa.struct([("title", s), ("org", s), ("place", s), ("start", i), ("end", i)])
    entity = pa.struct([("id", s), ("type", s), ("name", s), ("mentions", pa.list_(span)),
                        ("roles", pa.list_(role)), ("gender", s), ("gender_evidence", s)])
    quote = pa.struct([("id", s), ("type", s), ("content", span), ("cue", span),
                       ("speaker", span), ("speaker_entity", s), ("speaker_name", s),
                       ("kind", s), ("group", s)])
    event = pa.struct([("id", s), ("type", s), ("trigger", span),
                       ("participants", pa.list_(s)), ("place", s), ("date", s),
                       ("status", s), ("code", s)])
    source = pa.struct([("path", s), ("url", s), ("format", s), ("offset", i)])
    return pa.schema([
        ("schema", s), ("id", s), ("source", source), ("text", s), ("title", s),
        ("published", s), ("authors", pa.list_(s)), ("site", s), ("language", s),
        ("entities", pa.list_(entity)), ("quotes", pa.list_(quote)),
        ("events", pa.list_(event)), ("errors", pa.list_(s)),
    ])  # fmt: skip


class RecordWriter:
    """Writes records to ``path`` in one output format; ``sha256`` and ``size`` after close."""

    def __init__(self, path: Path, fmt: str) -> None:
        if fmt not in OUTPUT_FORMATS:
            raise ValueError(f"unknown output format {fmt!r}: {', '.join(OUTPUT_FORMATS)}")
        self.path = path
        self.fmt = fmt
        self.count = 0
        self.sha256 = ""
        self.size = 0
        self._file: IO[bytes] | None = None
        self._parquet: Any = None
        self._rows: list[dict[str, Any]] = []

    def __enter__(self) -> RecordWriter:
        if self.fmt == "jsonl":
            self._file = open(self.path, "wb")  # noqa: SIM115 -- closed in __exit__
        else:
            import pyarrow.parquet as pq

            self._parquet = pq.ParquetWriter(
                str(self.path), arrow_schema(), compression=PARQUET_COMPRESSION
            )
        return self

    def write(self, rec: Document) -> None:
        self.count += 1
        if self._file is not None:
            self._file.write((rec.to_json() + "\n").encode("utf-8"))
            return
        self._rows.append(rec.to_dict())
        if len(self._rows) >= PARQUET_ROWS:
            self._flush_rows()

    def _flush_rows(self) -> None:
        import pyarrow as pa

        if self._rows:
            self._parquet.write_table(pa.Table.from_pylist(self._rows, schema=arrow_schema()))
            self._rows = []

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self._file is not None:
            self._file.close()
        if self._parquet is not None:
            try:
                if exc_type is None:
                    self._flush_rows()
            finally:
                self._parquet.close()
        if exc_type is None:
            self.sha256, self.size = file_digest(self.path)


def file_digest(path: Path) -> tuple[str, int]:
    """(sha256 hex, size) of a file."""
    h = hashlib.sha256()
    size = 0
    with open(path, "rb") as f:
        while block := f.read(1 << 20):
            h.update(block)
            size += len(block)
    return h.hexdigest(), size


def read_records(path: str | Path) -> Iterator[Document]:
    """The records of one output file (``.jsonl`` or ``.parquet``), in order."""
    path = Path(path)
    if path.suffix == ".parquet":
        import pyarrow.parquet as pq

        pf = pq.ParquetFile(str(path))
        for batch in pf.iter_batches(batch_size=PARQUET_ROWS):
            for row in batch.to_pylist():
                yield Document.from_dict(row)
        return
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                yield Document.from_dict(json.loads(line))

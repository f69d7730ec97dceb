"""What `newsgraph ingest` reads: records files (JSON Lines, optionally gzipped; Parquet as
``newsgraph extract --output-format parquet`` writes it), the output directories of
``newsgraph extract -o DIR/`` jobs, and raw inputs (HTML, WARC, text, directories), the
latter through ``newsgraph.pipeline``."""

from __future__ import annotations

import gzip
import io
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from newsgraph.record import SCHEMA
from newsgraph.store.report import Incoming

RECORD_SUFFIXES = (".jsonl", ".jsonl.gz", ".ndjson", ".ndjson.gz", ".json", ".json.gz")
PARQUET_SUFFIX = ".parquet"  # always records: raw inputs are never Parquet
JOB_MANIFEST = "_manifest.jsonl"  # newsgraph.jobs.MANIFEST (not imported: keeps this light)


class InputError(Exception):
    """An input that cannot be opened at all (missing file, no extractor for raw input)."""


def _open_text(path: str) -> IO[str]:
    if path == "-":
        return io.TextIOWrapper(sys.stdin.buffer, encoding="utf-8", errors="replace")
    p = Path(path)
    if p.suffix == ".gz":
        return gzip.open(p, "rt", encoding="utf-8", errors="replace")
    return open(p, encoding="utf-8", errors="replace")


def is_records_file(path: str) -> bool:
    """A file of newsgraph/1 records: its first non-empty line is one (a JSON Lines dump of
    something else is a raw input for the extractor)."""
    if path == "-":
        return True
    p = Path(path)
    if p.is_file() and p.name.lower().endswith(PARQUET_SUFFIX):
        return True
    if not p.is_file() or not p.name.lower().endswith(RECORD_SUFFIXES):
        return False
    try:
        with _open_text(path) as f:
            for line in f:
                if line.strip():
                    obj = json.loads(line)
                    return isinstance(obj, dict) and obj.get("schema") == SCHEMA
    except RecursionError:  # a first line nested thousands deep: no record
        return False
    except (OSError, ValueError, EOFError):
        return True  # unreadable: let read_records report it line by line
    return True  # empty file: nothing to ingest, nothing to extract


def is_job_dir(path: str) -> bool:
    """The output directory of a ``newsgraph extract -o DIR/`` job (it has the manifest)."""
    p = Path(path)
    return p.is_dir() and (p / JOB_MANIFEST).is_file()


def read_job_dir(path: str) -> Iterator[Incoming]:
    """The records of a job's output directory: each output file its manifest lists as done
    (complete by construction), in input order, JSON Lines or Parquet. The manifest is not
    read as records; other files there (partial outputs of a killed run) are left alone. An
    input the job failed on has no output: it is reported (run the job again), not skipped
    silently."""
    from newsgraph.jobs.manifest import Manifest

    manifest = Manifest(path)
    for inp, entry in sorted(manifest.entries.items()):
        output = entry.get("output")
        if entry.get("status") != "done" or not isinstance(output, str):
            why = entry.get("error") or f"status {entry.get('status')!r}"
            yield Incoming(None, f"{manifest.path}: {inp}",
                           f"the extraction job has no output for this input ({why}); "
                           "run the job again")
            continue
        out = str(Path(path) / output)
        if not Path(out).is_file():
            yield Incoming(None, out, "listed as done in the job's manifest but missing")
        elif out.lower().endswith(PARQUET_SUFFIX):
            yield from read_parquet(out)
        else:
            yield from read_records(out)


def read_parquet(path: str) -> Iterator[Incoming]:
    """One ``Incoming`` per row of a Parquet records file, with ``path:row`` as origin."""
    try:
        import pyarrow.parquet as pq

        pf = pq.ParquetFile(path)
    except ImportError as exc:
        raise InputError(f"{path}: reading Parquet needs pyarrow: {exc}") from None
    except OSError as exc:
        raise InputError(f"{path}: {exc}") from None
    except Exception as exc:  # noqa: BLE001 - pyarrow's errors for a file that is not Parquet
        yield Incoming(None, path, f"not a Parquet file: {exc}")
        return
    n = 0
    try:
        for batch in pf.iter_batches(batch_size=1000):
            for row in batch.to_pylist():
                n += 1
                yield Incoming(row, f"{path}:{n}")
    except Exception as exc:  # noqa: BLE001 - e.g. a truncated file
        yield Incoming(None, path, f"cannot read further: {exc}")


def read_records(path: str) -> Iterator[Incoming]:
    """One ``Incoming`` per line, with ``path:line`` as origin; bad JSON becomes an error item."""
    if path.lower().endswith(PARQUET_SUFFIX):
        yield from read_parquet(path)
        return
    label = "<stdin>" if path == "-" else path
    try:
        f = _open_text(path)
    except OSError as exc:
        raise InputError(f"{label}: {exc.strerror or exc}") from None
    with f:
        try:
            for n, line in enumerate(f, 1):
                if line.isspace() or not line:  # (strip() would copy every line)
                    continue
                origin = f"{label}:{n}"
                try:
                    obj: Any = json.loads(line)
                except ValueError as exc:
                    yield Incoming(None, origin, f"invalid JSON: {exc}")
                    continue
                except RecursionError:
                    yield Incoming(None, origin, "invalid JSON: nested too deeply to read")
                    continue
                if not isinstance(obj, dict):
                    yield Incoming(None, origin, "not a JSON object")
                    continue
                yield Incoming(obj, origin)
        except (OSError, EOFError) as exc:  # e.g. a truncated .gz
            yield Incoming(None, label, f"cannot read further: {exc}")


def extract_raw(paths: list[str], workers: int = 1, **options: Any) -> Iterator[Incoming]:
    """Run the extractor over raw inputs (imported lazily: it needs spaCy)."""
    try:
        from newsgraph.pipeline import extract_many
    except ImportError as exc:
        raise InputError(f"raw inputs ({', '.join(paths[:3])}{'…' if len(paths) > 3 else ''}) "
                         f"need the extractor (newsgraph.pipeline.extract_many), which is not "
                         f"available: {exc}") from None
    try:
        for doc in extract_many(paths, workers=workers, **options):
            src = doc.source
            origin = src.path or src.url or doc.id
            if src.offset is not None:
                origin = f"{origin}@{src.offset}"
            yield Incoming(doc, origin)
    except ImportError as exc:  # a missing optional part of the extractor (model, library)
        raise InputError(f"the extractor cannot run: {exc}") from None


def iter_inputs(paths: list[str], workers: int = 1, **options: Any) -> Iterator[Incoming]:
    """Records files and job output directories are read directly; consecutive raw inputs go
    to the extractor together."""
    for p in paths:
        if p != "-" and not Path(p).exists():
            raise InputError(f"{p}: no such file or directory")
    raw: list[str] = []
    for p in _expand_dirs(paths):
        job = is_job_dir(p)
        if job or is_records_file(p):
            if raw:
                yield from extract_raw(raw, workers, **options)
                raw = []
            yield from read_job_dir(p) if job else read_records(p)
        else:
            raw.append(p)
    if raw:
        yield from extract_raw(raw, workers, **options)


def _expand_dirs(paths: list[str]) -> list[str]:
    """A directory that holds records files or job outputs is read file by file, so that
    records are ingested as records and only the raw files go to the extractor; any other
    directory goes to the extractor whole (it walks it itself)."""
    out: list[str] = []
    for p in paths:
        if p == "-" or not Path(p).is_dir() or is_job_dir(p):
            out.append(p)
            continue
        files = [str(f) for f in _walk(Path(p))]
        records = {f for f in files if is_job_dir(f) or is_records_file(f)}
        if records:
            from newsgraph.read.sniff import format_from_name

            # files of no known format are skipped, as the reader skips them
            out.extend(f for f in files if f in records or format_from_name(f))
        else:
            out.append(p)
    return out


def _walk(top: Path) -> Iterator[Path]:
    """Files and job directories under ``top`` in name order; hidden entries and symlinked
    directories are left out, as the extractor's reader does."""
    try:
        entries = sorted(top.iterdir(), key=lambda e: e.name)
    except OSError:
        yield top  # let the reader report it
        return
    for e in entries:
        if e.name.startswith("."):
            continue
        if e.is_dir() and not e.is_symlink():
            if is_job_dir(str(e)):
                yield e
            else:
                yield from _walk(e)
        elif e.is_file():
            yield e

"""The job manifest, ``DIR/_manifest.jsonl``: one JSON object per finished input.

An entry is appended (and fsynced) only after its output file was renamed into place, so an
entry never describes a partial output. The file is rewritten atomically, one entry per
input (the latest), at the start and end of each run; a line torn by a kill is dropped then.
The leading underscore keeps it out of pyarrow datasets and Spark reads of the directory.

Entry fields: ``input``, ``input_stamp`` (size, mtime_ns; null for remote inputs, taken as
immutable), ``output`` (relative to DIR), ``status`` (done | failed), ``records``,
``failed`` (documents with ``text: null``), ``output_bytes``, ``output_sha256``,
``options`` (what shapes the output: model, raw, published, format, output_format,
newsgraph version), ``completed`` (UTC), ``seconds``, ``worker``, ``error``.

An input whose file name is not valid UTF-8 is held in ``input`` (and ``output``) with the
JSON escape of each undecodable byte's surrogate (``"odd\\udcff.html"``): the file stays UTF-8
and reading it back gives the very name that opens the file.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from newsgraph.jobs.atomic import fsync_dir, write_atomic
from newsgraph.jobs.plan import Task
from newsgraph.outputs import ENCODE_ERRORS

MANIFEST = "_manifest.jsonl"
SCHEMA = "newsgraph-manifest/1"


class Manifest:
    """The entries of one output directory, by input."""

    def __init__(self, out_dir: str | Path) -> None:
        self.path = Path(out_dir) / MANIFEST
        self.entries: dict[str, dict[str, Any]] = self._load()

    def _load(self) -> dict[str, dict[str, Any]]:
        entries: dict[str, dict[str, Any]] = {}
        try:
            with open(self.path, encoding="utf-8") as f:
                for line in f:
                    try:
                        e = json.loads(line)
                    except ValueError:
                        continue  # a line torn by a kill
                    if isinstance(e, dict) and isinstance(e.get("input"), str):
                        entries[e["input"]] = e
        except FileNotFoundError:
            pass
        return entries

    def compact(self) -> None:
        """Rewrite the file atomically: the latest entry per input, sorted by input."""
        if not self.entries and not self.path.exists():
            return
        lines = [json.dumps(self.entries[k], ensure_ascii=False) + "\n"
                 for k in sorted(self.entries)]
        write_atomic(self.path, "".join(lines).encode("utf-8", ENCODE_ERRORS))

    def append(self, entry: dict[str, Any]) -> None:
        """Add an entry durably (after its output file is in place)."""
        new = not self.path.exists()
        with open(self.path, "a", encoding="utf-8", errors=ENCODE_ERRORS) as f:
            f.write(json.dumps(entry, ensure_ascii=False) + "\n")
            f.flush()
            os.fsync(f.fileno())
        if new:
            fsync_dir(self.path.parent)
        self.entries[entry["input"]] = entry

    def complete(self, task: Task, options: dict[str, Any]) -> dict[str, Any] | None:
        """The entry of ``task`` if its output is complete and current: done with the same
        input (stamp), options and output name, and the output file there at its size."""
        e = self.entries.get(task.input)
        if (
            e is None
            or e.get("status") != "done"
            or e.get("input_stamp") != task.stamp
            or e.get("options") != options
            or e.get("output") != task.output
        ):
            return None
        try:
            size = (Path(task.out_dir) / task.output).stat().st_size
        except OSError:
            return None
        return e if size == e.get("output_bytes") else None

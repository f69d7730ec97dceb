"""PolNeAR (Newell, Margolin & Ruths, LREC 2018): attribution relations in brat standoff.

A split directory holds ``text/<stem>.txt`` and ``attributions/<stem>_<annotator>.ann``.
The reading follows the referee (``shared/referee/score.py``) exactly:

* one annotator per article: the first ``.ann`` file by name;
* ``T`` lines define spans, possibly several ranges (``Cue 10 15;20 23``), and may come
  after the ``E`` lines that reference them (two passes);
* each ``E`` line is one attribution; its ``Source``, ``Cue`` and ``Content`` arguments
  become lists of character ranges (an argument naming an undefined span is dropped; other
  roles, such as ``Content2``, are ignored).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

Range = tuple[int, int]
ROLES = ("Source", "Cue", "Content")


@dataclass(slots=True)
class Attribution:
    """One attribution relation; each role is a list of (start, end) character ranges."""

    source: list[Range] = field(default_factory=list)
    cue: list[Range] = field(default_factory=list)
    content: list[Range] = field(default_factory=list)
    label: str = "Attribution"  # the event type: "Attribution" or "Attribution-no-source"


@dataclass(slots=True)
class Article:
    stem: str
    text: str
    attributions: list[Attribution]
    ann_path: Path | None = None


def _ranges(locs: str) -> list[Range]:
    out: list[Range] = []
    for seg in locs.split(";"):
        nums = seg.split()
        if len(nums) == 2:
            out.append((int(nums[0]), int(nums[1])))
    return out


def read_ann(path: str | Path) -> list[Attribution]:
    """The attributions of one brat ``.ann`` file, in file order of their ``E`` lines."""
    spans: dict[str, list[Range]] = {}
    events: list[tuple[str, dict[str, list[str]]]] = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            parts = line.rstrip("\n").split("\t")
            if not parts[0] or len(parts) < 2:
                continue
            if parts[0].startswith("T"):
                _label, _, locs = parts[1].partition(" ")
                try:
                    spans[parts[0]] = _ranges(locs)
                except ValueError:  # a stray line of span text, not a definition
                    continue
            elif parts[0].startswith("E"):
                args: dict[str, list[str]] = {}
                for arg in parts[1].split():
                    k, _, v = arg.partition(":")
                    args.setdefault(k, []).append(v)
                kind = parts[1].split(":", 1)[0]
                events.append((kind, args))
    out: list[Attribution] = []
    for kind, args in events:
        roles = {
            role: [r for t in args.get(role, []) if t in spans for r in spans[t]] for role in ROLES
        }
        out.append(Attribution(roles["Source"], roles["Cue"], roles["Content"], label=kind))
    return out


def annotation_files(split_dir: str | Path) -> dict[str, Path]:
    """stem -> the ``.ann`` file used for it (the first by name, as the referee does)."""
    chosen: dict[str, Path] = {}
    for ann in sorted((Path(split_dir) / "attributions").glob("*.ann")):
        chosen.setdefault(ann.stem.rsplit("_", 1)[0], ann)
    return chosen


def load_split(split_dir: str | Path) -> list[Article]:
    """Every annotated article of a split, sorted by stem."""
    root = Path(split_dir)
    out: list[Article] = []
    for stem, ann in sorted(annotation_files(root).items()):
        text = (root / "text" / f"{stem}.txt").read_text(encoding="utf-8")
        out.append(Article(stem, text, read_ann(ann), ann))
    return out


__all__ = ["Article", "Attribution", "annotation_files", "load_split", "read_ann"]

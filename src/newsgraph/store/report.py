"""What an ingest did: counts and the records it could not store (JSON-serialisable)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from newsgraph.record import Document


@dataclass(slots=True)
class Incoming:
    """One input item with where it came from (``file:line``), or why it could not be read."""

    record: Document | dict[str, Any] | None
    origin: str
    error: str | None = None


@dataclass(slots=True)
class Problem:
    origin: str
    reason: str
    record_id: str | None = None


@dataclass(slots=True)
class IngestReport:
    records: int = 0  # items read
    articles_new: int = 0
    articles_duplicate: int = 0  # already stored (same id, or same text under another URL)
    articles_failed: int = 0
    quotes_new: int = 0
    quotes_merged: int = 0  # statements already stored from another copy of the story
    people_new: int = 0
    elapsed_s: float = 0.0
    problems: list[Problem] = field(default_factory=list)
    # SQLite bulk loads: seconds spent building the deferred indexes at the end (included
    # in elapsed_s; see store/bulk.py).
    index_build_s: float = 0.0

    def fail(self, origin: str, reason: str, record_id: str | None = None) -> None:
        self.articles_failed += 1
        self.problems.append(Problem(origin, reason, record_id))

    @property
    def ok(self) -> bool:
        return self.articles_failed == 0

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

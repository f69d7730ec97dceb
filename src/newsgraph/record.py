"""The document record (`newsgraph/1`): the data model every stage speaks, and its JSON form.

See SCHEMA.md in the project docs. Offsets are Python ``str`` indices into ``Document.text``,
end exclusive, so ``text[span.start:span.end] == span.text`` always holds.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field
from typing import Any

SCHEMA = "newsgraph/1"


@dataclass(slots=True)
class Span:
    start: int
    end: int
    text: str

    @classmethod
    def of(cls, text: str, start: int, end: int) -> Span:
        return cls(start, end, text[start:end])


@dataclass(slots=True)
class Role:
    """A title, organisation and/or place a person holds, as written in the article."""

    title: str | None = None
    org: str | None = None
    place: str | None = None
    start: int | None = None
    end: int | None = None


@dataclass(slots=True)
class Entity:
    id: str
    type: str
    name: str
    mentions: list[Span] = field(default_factory=list)
    roles: list[Role] = field(default_factory=list)
    # PERSON only: female | male | unknown, and the evidence that decided it (honorific |
    # noun | pronoun | given_name); None (left out of the JSON) for other entities
    gender: str | None = None
    gender_evidence: str | None = None


@dataclass(slots=True)
class Quote:
    id: str
    type: str  # direct | indirect | mixed
    content: Span
    cue: Span | None = None
    speaker: Span | None = None
    speaker_entity: str | None = None
    speaker_name: str | None = None
    kind: str = "speech"  # speech | belief | stance | intention | evidence
    group: str | None = None  # pieces of one split attribution share a group


@dataclass(slots=True)
class Event:
    id: str
    type: str  # meeting | visit | talks | agreement | election | sanction | protest | ...
    trigger: Span
    participants: list[str] = field(default_factory=list)  # entity ids
    place: str | None = None
    date: str | None = None  # ISO, or partial: "2019-04", "XXXX-04-25"
    status: str = "occurred"  # occurred | planned | failed
    code: str | None = None  # PLOVER category / CAMEO code of the type: "CONSULT/04"


@dataclass(slots=True)
class Source:
    path: str | None = None
    url: str | None = None
    format: str | None = None  # html | text | warc | wet | jsonl
    offset: int | None = None  # byte offset of the record inside a WARC/WET file, or line number


@dataclass(slots=True)
class Document:
    id: str
    source: Source
    text: str | None
    title: str | None = None
    published: str | None = None
    authors: list[str] = field(default_factory=list)
    site: str | None = None
    language: str | None = "en"
    entities: list[Entity] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    schema: str = SCHEMA

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        ordered = {"schema": d.pop("schema"), "id": d.pop("id"), "source": d.pop("source")}
        ordered.update(d)
        for e in ordered["entities"]:
            if e["gender"] is None:  # not a person: no gender fields at all
                del e["gender"], e["gender_evidence"]
        return ordered

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Document:
        """Rebuild a Document from its JSON form; unknown fields are ignored."""

        def span(x: Any) -> Span | None:
            return Span(x["start"], x["end"], x["text"]) if isinstance(x, dict) else None

        src = d.get("source") or {}
        return cls(
            id=d["id"],
            source=Source(src.get("path"), src.get("url"), src.get("format"), src.get("offset")),
            text=d.get("text"),
            title=d.get("title"),
            published=d.get("published"),
            authors=list(d.get("authors") or []),
            site=d.get("site"),
            language=d.get("language"),
            entities=[
                Entity(
                    e["id"],
                    e["type"],
                    e["name"],
                    [Span(m["start"], m["end"], m["text"]) for m in e.get("mentions", [])],
                    [
                        Role(**{k: r.get(k) for k in ("title", "org", "place", "start", "end")})
                        for r in e.get("roles", [])
                    ],
                    e.get("gender"),
                    e.get("gender_evidence"),
                )
                for e in d.get("entities") or []
            ],
            quotes=[
                Quote(
                    q["id"],
                    q["type"],
                    span(q["content"]),
                    span(q.get("cue")),
                    span(q.get("speaker")),
                    q.get("speaker_entity"),
                    q.get("speaker_name"),
                    q.get("kind") or "speech",
                    q.get("group"),
                )
                for q in d.get("quotes") or []
            ],
            events=[
                Event(
                    v["id"],
                    v["type"],
                    span(v["trigger"]),
                    list(v.get("participants") or []),
                    v.get("place"),
                    v.get("date"),
                    v.get("status") or "occurred",
                    v.get("code"),
                )
                for v in d.get("events") or []
            ],
            errors=list(d.get("errors") or []),
            schema=d.get("schema", SCHEMA),
        )


def document_id(url: str | None, raw: bytes | str) -> str:
    """Stable id: sha1 of the URL when known, else of the raw input bytes."""
    if url:
        data = url.encode("utf-8")
    elif isinstance(raw, str):
        data = raw.encode("utf-8", "surrogatepass")
    else:
        data = raw
    return hashlib.sha1(data).hexdigest()

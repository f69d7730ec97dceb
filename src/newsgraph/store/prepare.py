"""Validate one newsgraph/1 record and reduce it to the plain values the ingest needs.

Pure Python, no database: everything here is per record and cheap. A record that cannot be
used raises ``BadRecord`` with a reason a person can act on; the ingest reports it and goes on.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from newsgraph.record import SCHEMA, Document
from newsgraph.store.keys import article_text_hash
from newsgraph.store.names import name_key

# No circular-reference bookkeeping (13% of the encoding time): a record parsed from JSON or
# made by Document.to_dict cannot be circular, and one that is fails as RecursionError.
_JSON = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), check_circular=False)
_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
EVENT_STATUSES = ("occurred", "planned", "failed")
GENDERS = ("female", "male", "unknown")
QUOTE_KINDS = ("speech", "belief", "stance", "intention", "evidence")  # docs/record.md


class BadRecord(ValueError):
    """A record that cannot be stored; the message says why."""


@dataclass(slots=True)
class PEntity:
    local_id: str
    type: str
    name: str
    key: str
    mentions: list[str]
    roles: list[tuple[str | None, str | None, str | None]]  # (title, org, place)
    gender: str | None = None  # female | male | unknown (PERSON entities of newer records)
    gender_evidence: str | None = None


@dataclass(slots=True)
class PQuote:
    local_id: str
    type: str
    content: str
    content_start: int | None
    content_end: int | None
    cue: str | None
    speaker_text: str | None
    speaker_entity: str | None
    speaker_name: str | None
    kind: str = "speech"
    group: str | None = None  # pieces of one split attribution share it (in this article)


@dataclass(slots=True)
class PEvent:
    local_id: str
    type: str
    trigger: str | None
    participants: list[str]
    place: str | None
    date: str | None
    status: str = "occurred"
    code: str | None = None


@dataclass(slots=True)
class Prepared:
    id: str
    text: str
    text_hash: int
    title: str | None
    published: str | None
    site: str | None  # as the record gives it, for display ("ABC7 New York")
    site_key: str | None  # lower-cased, what site filters match
    language: str | None
    url: str | None
    path: str | None
    format: str | None
    offset: int | None
    record_json: str
    entities: list[PEntity] = field(default_factory=list)
    quotes: list[PQuote] = field(default_factory=list)
    events: list[PEvent] = field(default_factory=list)


def as_dict(record: Document | dict[str, Any]) -> dict[str, Any]:
    if isinstance(record, Document):
        return record.to_dict()
    if isinstance(record, dict):
        return record
    raise BadRecord(f"not a record: {type(record).__name__}")


def normalise_date(value: Any) -> str | None:
    """``2019-04-26``, ``2019-04-26T10:00:00Z`` -> ``2019-04-26``; ``2019-04`` stays; else None."""
    if not isinstance(value, str):
        return None
    m = _DATE.match(value.strip())
    if not m:
        return None
    y, mo, d = m.groups()
    try:  # a day that exists in that month (2019-02-30 does not)
        date(int(y), int(mo or 1), int(d or 1))
    except ValueError:
        return None
    return "-".join(p for p in (y, mo, d) if p)


def _str(x: Any) -> str | None:
    return x if isinstance(x, str) and x.strip() else None


def _span(x: Any, text: str, what: str,
          ident: Any) -> tuple[str | None, int | None, int | None, Any]:
    """(text, start, end, compact form) of a span; the compact form drops a restorable text.

    A span must index into the text (``text[start:end] == span.text``, the schema's rule):
    the article page highlights spans by their offsets while search reads their text, so a
    span that breaks the rule would show in one and not the other. ``what.format(ident)``
    names the span in the error (formatted only then).
    """
    if x is None:
        return None, None, None, None
    if not isinstance(x, dict) or not isinstance(x.get("text"), str):
        raise BadRecord(f"{what.format(ident)} is not a span with text")
    t, start, end = x["text"], x.get("start"), x.get("end")
    if type(start) is not int or type(end) is not int:
        raise BadRecord(f"{what.format(ident)} has no integer start and end offsets")
    if not 0 <= start <= end <= len(text):
        raise BadRecord(f"{what.format(ident)} offsets {start}-{end} are outside the text "
                        f"({len(text):,} characters)")
    if text[start:end] != t:
        raise BadRecord(f"{what.format(ident)} text {_short(t)} is not the text at its offsets "
                        f"{start}-{end} ({_short(text[start:end])})")
    if len(x) == 3:
        return t, start, end, {"start": start, "end": end}
    return t, start, end, {k: v for k, v in x.items() if k != "text"}


def _short(s: str, n: int = 40) -> str:
    return repr(s if len(s) <= n else s[:n] + "...")


def prepare(d: dict[str, Any]) -> Prepared:
    """Check a record's shape and extract what the knowledge base stores.

    One pass over the record also builds its compact stored form (see ``compact.py``):
    the record minus ``text``, with span texts that the text restores left out.
    """
    if d.get("schema") != SCHEMA:
        raise BadRecord(f"not a {SCHEMA} record (schema={d.get('schema')!r})")
    rid = d.get("id")
    if not isinstance(rid, str) or not rid.strip() or len(rid) > 64:
        raise BadRecord("missing or invalid id")
    text = d.get("text")
    if text is None:
        errors = d.get("errors") or []
        why = "; ".join(str(e) for e in errors) if errors else "no reason given"
        raise BadRecord(f"extraction failed (text is null): {why}")
    if not isinstance(text, str):
        raise BadRecord("text is not a string")
    if not text.strip():
        raise BadRecord("empty text")
    src = d.get("source") or {}
    if not isinstance(src, dict):
        raise BadRecord("source is not an object")
    offset = src.get("offset")
    stored = {k: v for k, v in d.items() if k != "text"}

    entities: list[PEntity] = []
    stored_ents: list[Any] = []
    for e in d.get("entities") or []:
        try:
            name = e["name"]
            if not isinstance(name, str):
                raise TypeError
            roles = [(_str(r.get("title")), _str(r.get("org")), _str(r.get("place")))
                     for r in e.get("roles") or ()]
            mentions: list[str] = []
            stored_m: list[Any] = []
            for m in e.get("mentions") or ():
                mt, _, _, mc = _span(m, text, "a mention of entity {}", e["id"])
                mentions.append(mt)  # type: ignore[arg-type]
                stored_m.append(mc)
            gender = e.get("gender")
            if gender is not None and gender not in GENDERS:
                raise BadRecord(f"entity {e['id']} has gender {_short(str(gender))}: expected "
                                f"one of {', '.join(GENDERS)}")
            evidence = _str(e.get("gender_evidence"))
            entities.append(PEntity(str(e["id"]), str(e["type"]), name, name_key(name),
                                    mentions, roles, gender, evidence[:16] if evidence else None))
            stored_ents.append({**e, "mentions": stored_m} if "mentions" in e else e)
        except (KeyError, TypeError, AttributeError):
            eid = e.get("id") if isinstance(e, dict) else e
            raise BadRecord(f"malformed entity {eid!r}") from None
    if "entities" in d:
        stored["entities"] = stored_ents

    quotes: list[PQuote] = []
    stored_q: list[Any] = []
    for q in d.get("quotes") or ():
        if not isinstance(q, dict) or "id" not in q:
            raise BadRecord("malformed quote (no id)")
        qid = q["id"]
        content, cstart, cend, cc = _span(q.get("content"), text, "quote {} content", qid)
        if not content or not content.strip():
            raise BadRecord(f"quote {qid} has no content")
        cue, _, _, cuec = _span(q.get("cue"), text, "quote {} cue", qid)
        speaker, _, _, spc = _span(q.get("speaker"), text, "quote {} speaker", qid)
        kind = q.get("kind") or "speech"
        if kind not in QUOTE_KINDS:
            raise BadRecord(f"quote {qid} has kind {_short(str(kind))}: expected one of "
                            f"{', '.join(QUOTE_KINDS)}")
        group = q.get("group")
        if group is not None and not isinstance(group, (str, int)):
            raise BadRecord(f"quote {qid} has a group that is not a string")
        if group is not None:
            group = str(group).strip()[:64] or None
        quotes.append(PQuote(str(qid), str(q.get("type") or "direct"), content, cstart, cend,
                             cue, speaker, _str(q.get("speaker_entity")),
                             _str(q.get("speaker_name")), kind, group))
        qc = dict(q)
        qc["content"] = cc
        if "cue" in q:
            qc["cue"] = cuec
        if "speaker" in q:
            qc["speaker"] = spc
        stored_q.append(qc)
    if "quotes" in d:
        stored["quotes"] = stored_q

    events: list[PEvent] = []
    stored_v: list[Any] = []
    for v in d.get("events") or ():
        if not isinstance(v, dict) or "id" not in v:
            raise BadRecord("malformed event (no id)")
        trig, _, _, tc = _span(v.get("trigger"), text, "event {} trigger", v["id"])
        status = v.get("status") or "occurred"
        if status not in EVENT_STATUSES:
            raise BadRecord(f"event {v['id']} has status {_short(str(status))}: expected one "
                            f"of {', '.join(EVENT_STATUSES)}")
        events.append(PEvent(str(v["id"]), str(v.get("type") or "event"), trig,
                             [str(p) for p in v.get("participants") or ()],
                             _str(v.get("place")), _str(v.get("date")), status,
                             _str(v.get("code"))))
        stored_v.append({**v, "trigger": tc} if "trigger" in v else v)
    if "events" in d:
        stored["events"] = stored_v

    site = (_str(d.get("site")) or "").strip() or None
    try:
        record_json = _JSON.encode(stored)
    except (TypeError, ValueError, RecursionError) as exc:
        raise BadRecord(f"record is not JSON-serialisable: {exc}") from None
    return Prepared(
        id=rid,
        text=text,
        text_hash=article_text_hash(text),
        title=_str(d.get("title")),
        published=normalise_date(d.get("published")),
        site=site,
        site_key=site.lower() if site else None,
        language=_str(d.get("language")),
        url=_str(src.get("url")),
        path=_str(src.get("path")),
        format=_str(src.get("format")),
        offset=offset if isinstance(offset, int) else None,
        record_json=record_json,
        entities=entities,
        quotes=quotes,
        events=events,
    )

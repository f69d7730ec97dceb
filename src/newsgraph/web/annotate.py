"""A newsgraph/1 record as an annotated page: highlighted text, statements, events.

Used for stored articles (names linked to profiles) and for "Try it" (nothing stored, so
nothing linked). Works on the record's JSON form, so both paths share it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from markupsafe import Markup

from newsgraph.web import urls
from newsgraph.web.highlight import Mark, render
from newsgraph.web.urls import event_anchor, statement_anchor

# entity id, type, canonical name -> a URL, or None for no link
Linker = Callable[[str, str, str], str | None]


@dataclass(slots=True)
class Statement:
    local_id: str
    type: str
    content: str
    cue: str | None
    speaker_text: str | None
    speaker_name: str | None
    speaker_href: str | None
    anchor: str | None  # None when its offsets do not fit the text (not highlighted)
    sources: int = 1
    kind: str = "speech"  # speech | belief | stance | intention | evidence (record.md)


@dataclass(slots=True)
class Participant:
    name: str
    href: str | None


@dataclass(slots=True)
class EventView:
    type: str
    trigger: str | None
    participants: list[Participant]
    place: str | None
    date: str | None
    status: str = "occurred"
    code: str | None = None
    local_id: str | None = None
    anchor: str | None = None  # None when its trigger's offsets do not fit the text


@dataclass(slots=True)
class EntityView:
    type: str
    name: str
    href: str | None
    mentions: int


@dataclass(slots=True)
class Annotated:
    body: Markup
    statements: list[Statement]
    events: list[EventView]
    entities: list[EntityView] = field(default_factory=list)


def _span(x: Any, text: str) -> tuple[int, int, str] | None:
    """(start, end, covered text) of a span dict whose offsets fit ``text``."""
    if not isinstance(x, dict):
        return None
    s, e = x.get("start"), x.get("end")
    if not (isinstance(s, int) and isinstance(e, int) and 0 <= s < e <= len(text)):
        return None
    return s, e, text[s:e]


def _no_links(_eid: str, _type: str, _name: str) -> str | None:
    return None


def annotate(record: dict[str, Any], link: Linker | None = None,
             sources: dict[str, int] | None = None) -> Annotated:
    """Build the page parts for a record; ``sources`` counts the copies of each statement."""
    stored = link is not None  # a stored article: names link to the knowledge base
    link = link or _no_links
    text = record.get("text") or ""
    entities = [e for e in record.get("entities") or [] if isinstance(e, dict)]
    by_id = {str(e.get("id")): e for e in entities}
    hrefs = {eid: link(eid, str(e.get("type") or ""), str(e.get("name") or ""))
             for eid, e in by_id.items()}
    marks: list[Mark] = []
    views: list[EntityView] = []
    for eid, e in by_id.items():
        etype = str(e.get("type") or "OTHER")
        name = str(e.get("name") or "")
        spans = [s for s in (_span(m, text) for m in e.get("mentions") or []) if s]
        for s, end, _ in spans:
            marks.append(Mark(s, end, "entity", f"hl-ent ent-{_css(etype)}", hrefs[eid],
                              f"{etype}: {name}"))
        views.append(EntityView(etype, name, hrefs[eid], len(spans)))

    statements = []
    for q in record.get("quotes") or []:
        if not isinstance(q, dict):
            continue
        local_id = str(q.get("id") or f"Q{len(statements) + 1}")
        qtype = str(q.get("type") or "direct")
        kind = str(q.get("kind") or "speech")
        eid = q.get("speaker_entity")
        href = hrefs.get(str(eid)) if eid is not None else None
        content = _span(q.get("content"), text)
        if content is None:  # listed, not highlighted: the API and search have it too
            said = q.get("content")
            if isinstance(said, dict) and isinstance(said.get("text"), str) and said["text"]:
                speaker_text = q.get("speaker")
                statements.append(Statement(
                    local_id, qtype, said["text"], None,
                    speaker_text.get("text") if isinstance(speaker_text, dict) else None,
                    q.get("speaker_name"), href, None, (sources or {}).get(local_id, 1), kind))
            continue
        anchor = statement_anchor(local_id)
        who = q.get("speaker_name") or (q.get("speaker") or {}).get("text")
        marks.append(Mark(content[0], content[1], "content", f"hl-content qt-{_css(qtype)}",
                          None, f"{qtype} statement" + (f" ({kind})" if kind != "speech" else "")
                          + (f" by {who}" if who else ""), anchor))
        cue = _span(q.get("cue"), text)
        if cue:
            marks.append(Mark(cue[0], cue[1], "cue", "hl-cue", None, "cue"))
        speaker = _span(q.get("speaker"), text)
        if speaker:
            marks.append(Mark(speaker[0], speaker[1], "speaker", "hl-speaker", href,
                              f"speaker: {q.get('speaker_name') or speaker[2]}"))
        statements.append(Statement(
            local_id, qtype, text[content[0]:content[1]], cue[2] if cue else None,
            speaker[2] if speaker else None, q.get("speaker_name"), href, anchor,
            (sources or {}).get(local_id, 1), kind))

    events = []
    for v in record.get("events") or []:
        if not isinstance(v, dict):
            continue
        trig = _span(v.get("trigger"), text)
        people = [Participant(str(by_id[p].get("name")),
                              _participant_href(by_id[p], hrefs.get(p)) if stored else None)
                  for p in v.get("participants") or [] if p in by_id]
        local_id = str(v.get("id") or f"V{len(events) + 1}")
        etype = str(v.get("type") or "event")
        status = str(v.get("status") or "occurred")
        anchor = event_anchor(local_id) if trig else None
        if trig:
            what = etype + (f" ({status})" if status != "occurred" else "")
            who = ", ".join(p.name for p in people)
            marks.append(Mark(trig[0], trig[1], "event", f"hl-event ev-{_css(etype)}", None,
                              what + (f": {who}" if who else ""), anchor))
        events.append(EventView(etype, trig[2] if trig else None, people, v.get("place"),
                                v.get("date"), status, v.get("code"), local_id, anchor))
    views.sort(key=lambda v: (v.type != "PERSON", -v.mentions, v.name))
    return Annotated(render(text, marks), statements, events, views)


def _participant_href(entity: dict[str, Any], profile: str | None) -> str | None:
    """A person's profile; an organisation's or a country's events across articles."""
    if str(entity.get("type")) == "PERSON":
        return profile
    name = str(entity.get("name") or "").strip()
    return urls.events(participant=name[:200]) if name else None


def _css(s: str) -> str:
    return "".join(c for c in s.lower() if c.isalnum()) or "other"

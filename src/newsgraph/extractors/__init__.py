"""Extraction: pure functions from a parsed spaCy ``Doc`` to entities, quotes and events."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc

from newsgraph.extractors.attribution import Attribution, QuoteContext
from newsgraph.extractors.entities import Cluster, EntityIndex, build_entities
from newsgraph.extractors.events import find_events
from newsgraph.extractors.gender import assign_genders
from newsgraph.extractors.quotes import find_attributions
from newsgraph.extractors.roles import RoleSpan, find_roles
from newsgraph.extractors.speakers import SpeakerResolver
from newsgraph.record import Entity, Event, Quote, Role, Span


@dataclass(slots=True)
class Extraction:
    entities: list[Entity]
    quotes: list[Quote]
    events: list[Event]


def extract_doc(doc: Doc, published: str | None = None) -> Extraction:
    """Entities with roles, attributed statements and events of one parsed article."""
    index = build_entities(doc)
    roles = find_roles(doc, index)
    ctx = QuoteContext(doc)
    assign_genders(doc, index, ctx.quote_of_token)
    atts = find_attributions(doc, ctx)
    resolver = SpeakerResolver(doc, index, roles, ctx.quote_of_token)
    speakers = resolver.resolve(atts)
    text = ctx.text
    quotes = [
        _quote(doc, text, n, a, c) for n, (a, c) in enumerate(zip(atts, speakers, strict=True), 1)
    ]
    events = find_events(doc, index, roles, published, resolver)
    return Extraction(_entities(doc, text, index, roles), quotes, events)


def _chars(doc: Doc, text: str, start: int, end: int) -> Span:
    """Character span of tokens [start, end). ``text`` is ``doc.text``, which spaCy
    rebuilds on every access: callers pass it in."""
    s, e = doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text)
    return Span(s, e, text[s:e])


def _entities(
    doc: Doc, text: str, index: EntityIndex, roles: dict[str, list[RoleSpan]]
) -> list[Entity]:
    out = []
    for c in index.clusters:
        ent = Entity(c.id, c.type, c.name, [_chars(doc, text, s, e) for s, e in sorted(c.mentions)])
        for r in roles.get(c.id, []):
            span = _chars(doc, text, r.start, r.end)
            ent.roles.append(Role(r.title, r.org, r.place, span.start, span.end))
        out.append(ent)
    return out


def _quote(doc: Doc, text: str, n: int, a: Attribution, c: Cluster | None) -> Quote:
    s, e = a.content
    cue = Span(a.cue[0], a.cue[1], text[a.cue[0] : a.cue[1]]) if a.cue else None
    speaker = _chars(doc, text, *a.speaker) if a.speaker and a.speaker[1] > a.speaker[0] else None
    return Quote(
        id=f"Q{n}",
        type=a.type,
        content=Span(s, e, text[s:e]),
        cue=cue,
        speaker=speaker,
        speaker_entity=c.id if c else None,
        speaker_name=c.name if c else None,
    )


__all__ = ["Extraction", "extract_doc", "Cluster"]

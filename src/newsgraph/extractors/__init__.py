"""Extraction: pure functions from a parsed spaCy ``Doc`` to entities, quotes and events."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc

from newsgraph.extractors.attribution import Attribution
from newsgraph.extractors.entities import Cluster, EntityIndex
from newsgraph.extractors.learned import Models
from newsgraph.extractors.passes import run_passes
from newsgraph.extractors.quote_spans import head_phrase
from newsgraph.extractors.roles import RoleSpan
from newsgraph.extractors.source_gender import GenderCall
from newsgraph.extractors.state import DocState
from newsgraph.record import Entity, Event, Quote, Role, Span


@dataclass(slots=True)
class Extraction:
    entities: list[Entity]
    quotes: list[Quote]
    events: list[Event]


def analyse(doc: Doc, published: str | None = None, models: Models | None = None) -> DocState:
    """Run every extraction pass over one parsed article; the state holds what each found.
    ``models``: learned parts other than the shipped ones (cross-validation)."""
    state = DocState(doc, published) if models is None else DocState(doc, published, models)
    return run_passes(state)


def extract_doc(
    doc: Doc, published: str | None = None, models: Models | None = None
) -> Extraction:
    """Entities with roles, attributed statements and events of one parsed article."""
    state = analyse(doc, published, models)
    text = state.need("context").text
    index = state.index
    atts = state.need("attributions")
    quotes = [
        _quote(doc, text, n, a, c)
        for n, (a, c) in enumerate(zip(atts, state.need("speakers"), strict=True), 1)
    ]
    _group_pieces(atts, quotes)
    entities = _entities(doc, text, index, state.need("roles"), state.need("source_genders"))
    return Extraction(entities, quotes, state.need("events"))


def _chars(doc: Doc, text: str, start: int, end: int) -> Span:
    """Character span of tokens [start, end). ``text`` is ``doc.text``, which spaCy
    rebuilds on every access: callers pass it in."""
    s, e = doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text)
    return Span(s, e, text[s:e])


def _entities(
    doc: Doc,
    text: str,
    index: EntityIndex,
    roles: dict[str, list[RoleSpan]],
    genders: dict[str, GenderCall],
) -> list[Entity]:
    out = []
    for c in index.clusters:
        ent = Entity(c.id, c.type, c.name, [_chars(doc, text, s, e) for s, e in sorted(c.mentions)])
        for r in roles.get(c.id, []):
            span = _chars(doc, text, r.start, r.end)
            ent.roles.append(Role(r.title, r.org, r.place, span.start, span.end))
        call = genders.get(c.id)
        if call is not None:
            ent.gender, ent.gender_evidence = call.gender, call.evidence
        out.append(ent)
    return out


def _quote(doc: Doc, text: str, n: int, a: Attribution, c: Cluster | None) -> Quote:
    s, e = a.content
    cue = Span(a.cue[0], a.cue[1], text[a.cue[0] : a.cue[1]]) if a.cue else None
    speaker = None
    if a.speaker and a.speaker[1] > a.speaker[0]:
        # a speaker no entity stands for is named by its head phrase: "a person familiar
        # with the talks" (not "... but unauthorized to speak"), "Will Yates" (not "Will
        # Yates, a mechanic based in Ohio")
        span = a.speaker if c is not None else head_phrase(doc, *a.speaker, a.speaker_head)
        speaker = _chars(doc, text, *span)
    return Quote(
        id=f"Q{n}",
        type=a.type,
        content=Span(s, e, text[s:e]),
        cue=cue,
        speaker=speaker,
        speaker_entity=c.id if c else None,
        speaker_name=c.name if c else None,
        kind=a.kind,
    )


def _group_pieces(atts: list[Attribution], quotes: list[Quote]) -> None:
    """Quotes that are pieces of one attribution share a group: the id of the first."""
    for a, q in zip(atts, quotes, strict=True):
        if a.piece_of is not None:
            head = quotes[a.piece_of]
            head.group = head.group or head.id
            q.group = head.group


__all__ = ["Extraction", "analyse", "extract_doc", "Cluster", "DocState"]

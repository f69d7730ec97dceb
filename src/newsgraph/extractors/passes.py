"""The extraction passes, in the one order they run, each declaring what it reads
(``requires``) and what it writes (``assigns``) on the per-document state, as spaCy's
components declare theirs. ``check_order`` proves once, at import, that every field is
written by exactly one pass before any pass reads it.

    context -> mentions -> entities -> roles, genders -> statements -> speakers -> events
            -> source genders

Entities are final once ``entities`` has run: later passes look them up and resolve
pronouns and descriptions to them, but never create or re-key one.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, fields

from newsgraph.extractors.state import DocState, PassOrderError

GIVEN = ("doc", "published", "models")  # what the caller supplies


@dataclass(frozen=True, slots=True)
class Pass:
    name: str
    requires: tuple[str, ...]
    assigns: tuple[str, ...]
    run: Callable[[DocState], None]


def _context(s: DocState) -> None:
    from newsgraph.extractors.attribution import QuoteContext

    s.context = QuoteContext(s.doc)


def _mentions(s: DocState) -> None:
    from newsgraph.extractors.mentions import find_mentions

    s.mentions = find_mentions(s.doc, s.need("context"))


def _entities(s: DocState) -> None:
    from newsgraph.extractors.entities import build_entities

    s.entities = build_entities(s.doc, s.need("mentions"), s.models.entity_types)


def _roles(s: DocState) -> None:
    from newsgraph.extractors.roles import find_roles

    s.roles = find_roles(s.doc, s.index)


def _genders(s: DocState) -> None:
    from newsgraph.extractors.gender import assign_genders

    s.genders = assign_genders(s.doc, s.index, s.need("context").quote_of_token)


def _statements(s: DocState) -> None:
    from newsgraph.extractors.quotes import find_attributions

    s.attributions = find_attributions(s.doc, s.need("context"))


def _speakers(s: DocState) -> None:
    from newsgraph.extractors.speakers import SpeakerResolver

    ctx = s.need("context")
    resolver = SpeakerResolver(
        s.doc,
        s.index,
        s.need("roles"),
        ctx.quote_of_token,
        s.need("genders"),
        s.models.antecedents,
        ctx,
    )
    s.speakers = resolver.resolve(s.need("attributions"))
    s.resolver = resolver


def _events(s: DocState) -> None:
    from newsgraph.extractors.events import find_events

    s.events = find_events(
        s.doc, s.index, s.need("roles"), s.published, s.need("resolver"), s.need("context")
    )


def _source_genders(s: DocState) -> None:
    from newsgraph.extractors.source_gender import source_genders

    resolver = s.need("resolver")
    s.source_genders = source_genders(
        s.doc,
        s.index,
        s.need("roles"),
        s.need("context").quote_of_token,
        {**resolver.subject_at, **resolver.speaker_at},
    )


PIPELINE: tuple[Pass, ...] = (
    Pass("context", ("doc",), ("context",), _context),
    Pass("mentions", ("doc", "context"), ("mentions",), _mentions),
    Pass("entities", ("doc", "mentions", "models"), ("entities",), _entities),
    Pass("roles", ("doc", "entities"), ("roles",), _roles),
    Pass("genders", ("doc", "entities", "context"), ("genders",), _genders),
    Pass("statements", ("doc", "context"), ("attributions",), _statements),
    Pass(
        "speakers",
        ("doc", "entities", "roles", "genders", "context", "attributions", "models"),
        ("speakers", "resolver"),
        _speakers,
    ),
    Pass(
        "events",
        ("doc", "entities", "roles", "context", "published", "resolver"),
        ("events",),
        _events,
    ),
    Pass(
        "source_genders",
        ("doc", "entities", "roles", "context", "resolver"),
        ("source_genders",),
        _source_genders,
    ),
)


def check_order(passes: Sequence[Pass]) -> None:
    """Every field read is assigned by an earlier pass (or given); none is assigned twice;
    every field named exists on the state."""
    known = {f.name for f in fields(DocState)}
    have = set(GIVEN)
    for p in passes:
        for name in (*p.requires, *p.assigns):
            if name not in known:
                raise PassOrderError(f"pass {p.name!r} names {name!r}, which DocState lacks")
        missing = [r for r in p.requires if r not in have]
        if missing:
            raise PassOrderError(f"pass {p.name!r} reads {missing} before any pass assigns it")
        again = [a for a in p.assigns if a in have]
        if again:
            raise PassOrderError(f"pass {p.name!r} assigns {again}, already assigned before it")
        have.update(p.assigns)


def run_passes(state: DocState, passes: Sequence[Pass] = PIPELINE) -> DocState:
    for p in passes:
        p.run(state)
        for a in p.assigns:
            state.need(a)  # a pass that forgot to assign is caught here, not downstream
    return state


check_order(PIPELINE)

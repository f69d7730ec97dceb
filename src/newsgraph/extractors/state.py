"""What the extraction passes know about one document, filled in pass by pass.

Each field is None until the pass that assigns it has run (``passes.py`` declares which
pass assigns and which passes read each one); reading a field before then is a bug in the
declared order, and ``need`` says so instead of failing later with a confusing None.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from spacy.tokens import Doc

from newsgraph.extractors.learned import Models, shipped

if TYPE_CHECKING:
    from newsgraph.extractors.attribution import Attribution, QuoteContext
    from newsgraph.extractors.entities import Cluster, EntityIndex
    from newsgraph.extractors.mentions import NameMention
    from newsgraph.extractors.roles import RoleSpan
    from newsgraph.extractors.source_gender import GenderCall
    from newsgraph.extractors.speakers import SpeakerResolver
    from newsgraph.record import Event


class PassOrderError(RuntimeError):
    """A pass read a field that no earlier pass assigned."""


@dataclass(slots=True)
class DocState:
    doc: Doc
    published: str | None = None
    models: Models = field(default_factory=shipped)  # the learned parts
    context: QuoteContext | None = None  # quotation marks, lines, paragraphs
    mentions: list[NameMention] | None = None  # name mentions, before typing and clustering
    entities: EntityIndex | None = None  # typed entities, final once assigned
    roles: dict[str, list[RoleSpan]] | None = None  # per PERSON entity id
    genders: dict[str, str] | None = None  # entity id -> "m" | "f", where evidence allows
    attributions: list[Attribution] | None = None  # statements before resolution
    resolver: SpeakerResolver | None = None  # pronoun, nominal and name resolution
    speakers: list[Cluster | None] | None = None  # the entity of each attribution
    events: list[Event] | None = None
    source_genders: dict[str, GenderCall] | None = None  # PERSON id -> gender and evidence

    def need(self, name: str) -> Any:
        value = getattr(self, name)
        if value is None:
            raise PassOrderError(f"{name!r} is read before any pass assigned it")
        return value

    @property
    def index(self) -> EntityIndex:
        index: EntityIndex = self.need("entities")
        return index

    def refer(self, start: int, end: int) -> Cluster | None:
        """The entity a mention (tokens [start, end)) refers to: a name's entity, a
        pronoun's or a description's antecedent. Creates nothing."""
        resolver: SpeakerResolver = self.need("resolver")
        return resolver.refer(start, end)

"""The learned parts the passes use, loaded once per process from ``models/``. A caller
(cross-validation, a user's own training) can hand in others through ``DocState.models``."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from newsgraph.extractors.linear import MODELS, LinearModel

ENTITY_TYPES = MODELS / "entities.json"
ANTECEDENTS = MODELS / "antecedents.json"


@dataclass(slots=True, frozen=True)
class Models:
    entity_types: LinearModel  # is this name a person? (entity_types.py)
    antecedents: LinearModel | None = None  # which entity a pronoun or description means


@lru_cache(maxsize=1)
def shipped() -> Models:
    """The models shipped with the package; hand-set weights where a file is missing."""
    from newsgraph.extractors.entity_types import PRIOR

    types = (
        LinearModel.load(ENTITY_TYPES, "entity-types")
        if ENTITY_TYPES.exists()
        else LinearModel("entity-types", dict(PRIOR), {"source": "hand-set prior"})
    )
    ante = LinearModel.load(ANTECEDENTS, "antecedents") if ANTECEDENTS.exists() else None
    return Models(types, ante)

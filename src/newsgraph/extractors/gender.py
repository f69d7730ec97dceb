"""Grammatical gender of the people in an article, for resolving "he" and "she".

Evidence, strongest first: an honorific in front of a name (Mr, Ms), the pronouns that
follow a person when they are the only one in view (the article's own usage), then a short
list of common given names. Unknown stays unknown: the resolver then accepts either pronoun.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc, Token

from newsgraph.extractors.entities import EntityIndex
from newsgraph.extractors.given_names import FEMALE_NAMES, MALE_NAMES
from newsgraph.extractors.lexicon import PRONOUN_GENDER

HONORIFICS = {
    "mr": "m",
    "mr.": "m",
    "mrs": "f",
    "mrs.": "f",
    "ms": "f",
    "ms.": "f",
    "miss": "f",
    "sir": "m",
    "dame": "f",
    "lord": "m",
    "lady": "f",
}


HONORIFIC_WEIGHT = 5.0  # "Mr", "Ms": explicit
GIVEN_NAME_WEIGHT = 3.0  # a common given name: strong, but names cross genders
PRONOUN_WEIGHT = 1.0  # each pronoun in a sentence where the person is the only one in view


def assign_genders(
    doc: Doc, index: EntityIndex, quoted_token: list[int | None]
) -> dict[str, str]:
    """The grammatical gender ("m" or "f") of each person of the document where evidence
    allows, by entity id."""
    people = [c for c in index.clusters if c.type == "PERSON"]
    votes: dict[str, dict[str, float]] = {c.id: {"m": 0.0, "f": 0.0} for c in people}
    for c in people:
        for s, _ in c.mentions:
            if s > 0 and doc[s - 1].lower_ in HONORIFICS:
                votes[c.id][HONORIFICS[doc[s - 1].lower_]] += HONORIFIC_WEIGHT
        first = c.words[0] if len(c.words) > 1 else None
        if first in MALE_NAMES:
            votes[c.id]["m"] += GIVEN_NAME_WEIGHT
        elif first in FEMALE_NAMES:
            votes[c.id]["f"] += GIVEN_NAME_WEIGHT
    # the article's own pronouns, in sentences where one person is in view
    for only, t in pronouns_of_sole_person(doc, index, quoted_token):
        votes[only][PRONOUN_GENDER[t.lower_]] += PRONOUN_WEIGHT
    out: dict[str, str] = {}
    for c in people:
        m, f = votes[c.id]["m"], votes[c.id]["f"]
        if m > 2 * f:
            out[c.id] = "m"
        elif f > 2 * m:
            out[c.id] = "f"
    return out


def pronouns_of_sole_person(
    doc: Doc, index: EntityIndex, quoted_token: list[int | None]
) -> Iterator[tuple[str, Token]]:
    """(entity id, pronoun) for the gendered pronouns outside quotations in sentences where
    one person alone is named (outside quotations): they most likely refer to that person."""
    for sent in doc.sents:
        persons = {
            e.id
            for i in range(sent.start, sent.end)
            if (e := index.at(i)) is not None and e.type == "PERSON" and quoted_token[i] is None
        }
        if len(persons) != 1:
            continue
        (only,) = persons
        for t in sent:
            if t.lower_ in PRONOUN_GENDER and quoted_token[t.i] is None:
                yield only, t

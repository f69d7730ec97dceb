"""Grammatical gender of the people in an article, for resolving "he" and "she".

Evidence, strongest first: an honorific in front of a name (Mr, Ms), the pronouns that
follow a person when they are the only one in view (the article's own usage), then a short
list of common given names. Unknown stays unknown: the resolver then accepts either pronoun.
"""

from __future__ import annotations

from collections import Counter

from spacy.tokens import Doc

from newsgraph.extract.entities import EntityIndex
from newsgraph.extract.given_names import FEMALE_NAMES, MALE_NAMES
from newsgraph.extract.lexicon import PRONOUN_GENDER

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


def assign_genders(doc: Doc, index: EntityIndex, quoted_token: list[int | None]) -> None:
    """Set ``Cluster.gender`` for the people of the document where evidence allows."""
    votes: dict[str, Counter[str]] = {}
    people = [c for c in index.clusters if c.type == "PERSON"]
    for c in people:
        for s, _ in c.mentions:
            if s > 0 and doc[s - 1].lower_ in HONORIFICS:
                votes.setdefault(c.id, Counter())[HONORIFICS[doc[s - 1].lower_]] += 5
    # the article's own pronouns: in a sentence with one person, and in the next sentence
    # when that one names nobody
    sents = list(doc.sents)
    prev_only = None
    for sent in sents:
        persons = {
            index.at(i).id
            for i in range(sent.start, sent.end)
            if index.at(i) is not None and index.at(i).type == "PERSON" and quoted_token[i] is None
        }
        pronouns = Counter(
            PRONOUN_GENDER[t.lower_]
            for t in sent
            if t.lower_ in PRONOUN_GENDER and quoted_token[t.i] is None
        )
        only = next(iter(persons)) if len(persons) == 1 else None
        target = only or (prev_only if not persons else None)
        if target is not None and pronouns:
            votes.setdefault(target, Counter()).update(pronouns)
        prev_only = only if persons else prev_only if not persons else None
    for c in people:
        v = votes.get(c.id)
        if v:
            (g, n), *rest = v.most_common(2) + [("", 0)]
            if n >= 2 * rest[0][1] and n >= 1:
                c.gender = g
                continue
        first = c.words[0] if len(c.words) > 1 else None
        if first in MALE_NAMES:
            c.gender = "m"
        elif first in FEMALE_NAMES:
            c.gender = "f"

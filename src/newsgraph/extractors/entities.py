"""Entities: the name mentions of a document grouped into referents, each typed once.

Grouping comes first and ignores the tagger's labels, which the small English model gets
wrong for surnames and unusual names ("Asmolov said" -> ORG, "Valeska Paris" -> GPE): a
shorter name joins the fuller person-like name it is part of ("Marsh", "Marsh's" and "Ian
Marsh"; "Kim" and "Kim Jong-un"), whichever comes first, also from a headline or a dek. A
one-word place in a place slot ("in Washington") stays apart from a person of that name.

Then each group is typed by one vote over all its mentions (``entity_types.py``): PERSON,
or the label the tagger gave most often. Bare surnames the tagger missed join their person;
acronyms join their organisation ("PBO"). Entities are final when this pass is done: ids
are assigned in order of first mention.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from spacy.tokens import Doc

from newsgraph.extractors.entity_types import group_features
from newsgraph.extractors.given_names import COMMON_NAME_COUNT, given_name_count
from newsgraph.extractors.lexicon import INSTITUTION_WORDS, ORG_HEAD_WORDS, PLACE_PREPS
from newsgraph.extractors.linear import LinearModel
from newsgraph.extractors.mentions import NameMention
from newsgraph.extractors.names import clean_name, fold, is_subsequence, strip_possessive

# Readings of a name that a speaker's verb does not override.
FIRM_TYPES = frozenset({"PERSON", "ORG", "GPE", "NORP"})
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
ACRONYM_SKIP = frozenset({"of", "and", "the", "for", "on", "in", "&"})


@dataclass(slots=True)
class Cluster:
    """One real-world referent and its mentions (token spans ``[start, end)``)."""

    id: str
    type: str
    name: str
    words: list[str]  # folded name words of the canonical name
    mentions: list[tuple[int, int]] = field(default_factory=list)

    def last_token_before(self, i: int) -> int | None:
        before = [s for s, _ in self.mentions if s < i]
        return max(before) if before else None

    @property
    def first(self) -> int:
        return self.mentions[0][0]


@dataclass(slots=True)
class EntityIndex:
    """All entities of a document, with a token -> entity lookup."""

    clusters: list[Cluster]
    by_token: dict[int, Cluster]
    _ids: dict[str, Cluster] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._ids = {c.id: c for c in self.clusters}

    def at(self, i: int) -> Cluster | None:
        return self.by_token.get(i)

    def in_span(self, start: int, end: int) -> list[Cluster]:
        seen: dict[str, Cluster] = {}
        for i in range(start, end):
            c = self.by_token.get(i)
            if c is not None and c.id not in seen:
                seen[c.id] = c
        return list(seen.values())

    def by_id(self, cid: str) -> Cluster | None:
        return self._ids.get(cid)


@dataclass(slots=True)
class _Group:
    words: list[str]  # the fullest form's words
    mentions: list[NameMention] = field(default_factory=list)
    person_like: bool = False  # may take in the shorter forms of its name

    def last_before(self, i: int) -> int:
        before = [m.start for m in self.mentions if m.start < i]
        return max(before) if before else -1


def build_entities(doc: Doc, mentions: list[NameMention], types: LinearModel) -> EntityIndex:
    """Group, type (``types``: the person vote) and index the document's name mentions."""
    groups = _group(doc, mentions)
    surnames = family_names(doc, groups)
    typed: list[tuple[_Group, str]] = []
    for g in groups:
        t = _type(doc, g, group_kin(g, surnames), types)
        if t is not None:
            typed.append((g, t))
    typed = [(g, t) for g, t in typed if not (t == "PERSON" and _page_furniture_only(g))]
    typed = [(g, t) for g, t in typed if not (t == "PERSON" and _common_word(doc, g))]
    clusters: list[Cluster] = []
    by_token: dict[int, Cluster] = {}
    for g, t in typed:
        c = Cluster("", t, _canonical_name(doc, g), list(g.words))
        for m in g.mentions:
            c.mentions.append((m.start, m.end))
            for i in range(m.start, m.end):
                by_token[i] = c
        clusters.append(c)
    _join_bare_surnames(doc, clusters, by_token, mentions)
    _merge_acronyms(clusters, by_token)
    for c in clusters:
        c.mentions.sort()
    clusters.sort(key=lambda c: c.first)
    for n, c in enumerate(clusters, 1):
        c.id = f"E{n}"
    return EntityIndex(clusters, by_token)


# ---------------------------------------------------------------- grouping


def _group(doc: Doc, mentions: list[NameMention]) -> list[_Group]:
    forms: dict[tuple[str, ...], list[NameMention]] = {}
    for m in mentions:
        forms.setdefault(tuple(m.words), []).append(m)
    groups: list[_Group] = []
    # fullest names first, so that a shorter name finds the full one to join
    for words, ms in sorted(forms.items(), key=lambda kv: (-len(kv[0]), kv[1][0].start)):
        targets = [g for g in groups if g.person_like and _sub_name(list(words), g.words)]
        named_after = any(
            len(other) >= 2 and len(other) < len(words) and words[: len(other)] == other
            for other in forms
        )  # "Mindy Weiss Party Consultants": a company named after "Mindy Weiss"
        own = _Group(list(words), person_like=not named_after and _person_like(doc, ms))
        for m in ms:
            joins = targets and not _place_use(doc, m)
            target = _choose(targets, list(words), m) if joins else None
            (target or own).mentions.append(m)
        if own.mentions:
            groups.append(own)
    return groups


def _sub_name(short: list[str], full: list[str]) -> bool:
    """A first or last part of a fuller name: "Kim" of "Kim Jong Un", "Marsh" of "Ian
    Marsh", "Jong Un" of "Kim Jong Un"."""
    return (
        len(short) < len(full)
        and is_subsequence(short, full)
        and (short[0] == full[0] or short[-1] == full[-1])
    )


def _choose(targets: list[_Group], words: list[str], m: NameMention) -> _Group:
    """The name a shorter mention belongs to: the only one, else a surname match, then the
    one mentioned last before it (or first after it)."""
    if len(targets) == 1:
        return targets[0]

    def rank(g: _Group) -> tuple[bool, int, int]:
        last = g.last_before(m.start)
        first_after = min((x.start for x in g.mentions), default=10**9)
        return (words[-1] == g.words[-1], last, -first_after)

    return max(targets, key=rank)


def _person_like(doc: Doc, ms: list[NameMention]) -> bool:
    """A name whose shorter forms may be a person's: two to four capitalised words with no
    organisation word, or a name the tagger called a person or that starts with a given
    name."""
    words = ms[0].words
    if len(words) < 2 or len(words) > 4 or words[-1] in ORG_HEAD_WORDS:
        return False
    if any(m.label == "PERSON" for m in ms) or given_name_count(words[0]) >= COMMON_NAME_COUNT:
        return True
    return len(words) <= 4 and all(
        t.is_alpha and t.text[:1].isupper() for m in ms[:1] for t in doc[m.start : m.end]
        if t.text not in ("-",)
    )


def _place_use(doc: Doc, m: NameMention) -> bool:
    """A one-word place name used as a place ("in Washington"): not the person who shares
    the name."""
    if len(m.words) != 1 or m.label not in PLACE_LABELS:
        return False
    t = doc[m.end - 1]
    return t.dep_ == "pobj" and t.head.lower_ in PLACE_PREPS


# ---------------------------------------------------------------- typing


def family_names(doc: Doc, groups: list[_Group]) -> Counter[str]:
    """Surnames of the names the tagger called a person that start with a common given
    name ("Khaled Belkacemi"), counted over the distinct full names; not a word the text
    also uses in lower case ("Hill", "Box", "Model": words before they are names)."""
    common = {t.lower_ for t in doc if t.is_lower and t.is_alpha}
    return Counter(
        g.words[-1]
        for g in groups
        if g.person_like
        and len(g.words) > 1
        and g.words[-1] not in common
        and any(m.label == "PERSON" for m in g.mentions)
        and given_name_count(g.words[0]) >= COMMON_NAME_COUNT
    )


def group_kin(g: _Group, surnames: Counter[str]) -> bool:
    """A person-like full name sharing its surname with someone else's ("Megda" beside
    "Khaled Belkacemi"): family, a sign it is a person's name too."""
    if len(g.words) < 2 or not g.person_like:
        return False
    own = 1 if g.words[-1] in surnames and any(m.label == "PERSON" for m in g.mentions) and (
        given_name_count(g.words[0]) >= COMMON_NAME_COUNT
    ) else 0
    return surnames[g.words[-1]] - own >= 1


def _type(doc: Doc, g: _Group, kin: bool, types: LinearModel) -> str | None:
    """PERSON when the vote says so; else the tagger's most frequent other label; None
    for a name only we proposed (no label) that the vote rejects."""
    institution = any(m.words[-1] in INSTITUTION_WORDS for m in g.mentions if len(m.words) > 1)
    if not institution and types.score(group_features(doc, g.mentions, kin)) > 0:
        return "PERSON"
    labels = Counter(m.label for m in g.mentions if m.label and m.label != "PERSON")
    if labels:
        return labels.most_common(1)[0][0]
    if any(m.label == "PERSON" for m in g.mentions):
        # the tagger's person, outvoted: a place when it stands as one, else a name of
        # something ("Twitter", "Chrome")
        return "GPE" if any(_place_use_any(doc, m) for m in g.mentions) else "ORG"
    return None


def _place_use_any(doc: Doc, m: NameMention) -> bool:
    t = doc[m.end - 1]
    return (t.dep_ == "pobj" and t.head.lower_ in PLACE_PREPS) or (
        t.dep_ == "dobj" and t.head.lemma_.lower() in ("visit", "leave", "reach", "tour")
    )


def _page_furniture_only(g: _Group) -> bool:
    """Named only on headline, caption, credit or link lines: introduces nobody."""
    return all(m.furniture for m in g.mentions)


def _common_word(doc: Doc, g: _Group) -> bool:
    """A one-word 'person' whose word the article also uses in lower case is page
    furniture or a mis-tag ('Story continues below advertisement'), not a name."""
    if len(g.words) != 1 or any(m.end - m.start != 1 for m in g.mentions):
        return False
    return any(t.text == g.words[0] for t in doc if t.is_lower)


# ---------------------------------------------------------------- after typing


def _join_bare_surnames(
    doc: Doc, clusters: list[Cluster], by_token: dict[int, Cluster], mentions: list[NameMention]
) -> None:
    """A capitalised proper noun no mention holds that is the surname of exactly one person
    with a full name: that person ("Horvat said", the tagger having missed it)."""
    owners: dict[str, list[Cluster]] = {}
    for c in clusters:
        if c.type == "PERSON" and len(c.words) > 1:
            owners.setdefault(c.words[-1], []).append(c)
    if not owners:
        return
    in_mention = {i for m in mentions for i in range(m.start, m.end)}
    for t in doc:
        if t.i in by_token or t.i in in_mention or t.pos_ != "PROPN" or not t.text[:1].isupper():
            continue
        nxt = t.i + 1
        if nxt < len(doc) and doc[nxt].pos_ == "PROPN" and nxt not in by_token:
            continue  # the first word of a longer name
        people = owners.get(fold(strip_possessive(t.text)))
        if people is not None and len(people) == 1:
            people[0].mentions.append((t.i, t.i + 1))
            by_token[t.i] = people[0]


def _initials(words: list[str]) -> str:
    return "".join(w[0] for w in words if w not in ACRONYM_SKIP)


def _merge_acronyms(clusters: list[Cluster], by_token: dict[int, Cluster]) -> None:
    """'PBO' and 'Parliamentary Budget Officer' are one organisation, named in full."""
    full: dict[str, Cluster] = {}
    for c in clusters:
        if c.type == "ORG" and len(c.words) >= 2:
            full.setdefault(_initials(c.words), c)
    for c in list(clusters):
        short = c.name.replace(".", "")
        if len(c.words) != 1 or not (2 <= len(short) <= 6) or not short.isupper():
            continue
        target = full.get(short.lower())
        if target is None or target is c:
            continue
        target.mentions.extend(c.mentions)
        for s, e in c.mentions:
            for i in range(s, e):
                by_token[i] = target
        clusters.remove(c)


def _canonical(text: str) -> str:
    text = strip_possessive(clean_name(text))
    if text[:4].lower() == "the ":
        text = text[4:]
    return text


def _canonical_name(doc: Doc, g: _Group) -> str:
    """The fullest form used, a headline's or a dek's too ("Ian Marsh cleared to play",
    then "Marsh said" in the body)."""
    best = max(g.mentions, key=lambda m: (len(m.words), not m.furniture, -m.start))
    return _canonical(doc[best.start : best.end].text)


__all__ = ["Cluster", "EntityIndex", "FIRM_TYPES", "build_entities"]

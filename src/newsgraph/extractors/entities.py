"""Entities: spaCy's named entities, repaired and grouped into one entity per referent.

spaCy's small English model tags well but not perfectly: it takes a surname alone for an
organisation ("Asmolov said" -> ORG), glues possessives and titles onto names, and runs
entities across paragraph breaks. This module repairs those spans, then clusters the
mentions: "Kim Jong-Un", "Kim" and "Kim's" become one PERSON whose canonical name is the
fullest form used.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from newsgraph.extractors.given_names import GIVEN_NAMES
from newsgraph.extractors.lexicon import HONORIFIC_GENDER, NOT_NAME_START, PERSON_NOUNS, TITLE_WORDS
from newsgraph.extractors.lines import Lines
from newsgraph.extractors.names import (
    clean_name,
    fold,
    is_subsequence,
    name_tokens,
    strip_possessive,
)

KEPT_TYPES = frozenset(
    """
    PERSON ORG GPE LOC NORP FAC EVENT PRODUCT WORK_OF_ART LAW LANGUAGE
""".split()
)
# Weekdays end a name ("Trump Tuesday"); months don't (Theresa May, April Ryan).
# Readings of a name that a speaker's verb does not override.
FIRM_TYPES = frozenset({"PERSON", "ORG", "GPE", "NORP"})
CALENDAR_WORDS = frozenset(
    """
    monday tuesday wednesday thursday friday saturday sunday
""".split()
)
NAME_PARTICLES = frozenset(
    """
    de da di del della der van von bin ibn al el la le du dos das
""".split()
)


@dataclass(slots=True)
class Cluster:
    """One real-world referent and its mentions (token spans ``[start, end)``)."""

    id: str
    type: str
    name: str
    words: list[str]  # folded name words of the canonical name
    mentions: list[tuple[int, int]] = field(default_factory=list)
    gender: str | None = None  # m | f | None, from honorifics and pronoun evidence

    def last_token_before(self, i: int) -> int | None:
        before = [s for s, _ in self.mentions if s < i]
        return max(before) if before else None


@dataclass(slots=True)
class EntityIndex:
    """All clusters of a document, with a token -> cluster lookup."""

    clusters: list[Cluster]
    by_token: dict[int, Cluster]

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
        for c in self.clusters:
            if c.id == cid:
                return c
        return None

    def add_person(self, doc: Doc, start: int, end: int) -> Cluster | None:
        """A name the tagger missed (found as a speaker): join the person it names or make
        a new one. Tokens [start, end) must be capitalised name words."""
        words = name_tokens(doc[start:end].text)
        if not words or any(
            (c := self.by_token.get(i)) is not None and c.type in FIRM_TYPES
            for i in range(start, end)
        ):
            return None
        for i in range(start, end):  # take the words from a weaker reading ("WORK_OF_ART")
            old = self.by_token.pop(i, None)
            if old is not None:
                old.mentions = [m for m in old.mentions if not (m[0] <= i < m[1])]
        self.clusters = [c for c in self.clusters if c.mentions]
        people = [c for c in self.clusters if c.type == "PERSON"]
        cluster = _match_person(people, words, start)
        if cluster is None:
            next_id = 1 + max((int(c.id[1:]) for c in self.clusters), default=0)
            cluster = Cluster(f"E{next_id}", "PERSON", doc[start:end].text, words)
            self.clusters.append(cluster)
        cluster.mentions.append((start, end))
        for i in range(start, end):
            self.by_token[i] = cluster
        if len(cluster.words) > 1:
            self._join_surname(doc, cluster)
        cluster.mentions.sort()
        return cluster

    def _join_surname(self, doc: Doc, cluster: Cluster) -> None:
        """The bare surname of a person found late ("Horvat said" after "Vancouver's Bo
        Horvat", which the tagger read as a title) names that person."""
        surname = cluster.words[-1]
        if any(c is not cluster and c.type == "PERSON" and c.words[-1] == surname
               and len(c.words) > 1 for c in self.clusters):
            return  # two people share it: leave the bare surname alone
        for t in doc:
            if _bare_surname(doc, t, self.by_token) == surname:
                cluster.mentions.append((t.i, t.i + 1))
                self.by_token[t.i] = cluster


def _bare_surname(doc: Doc, t: Token, by_token: dict[int, Cluster]) -> str | None:
    """The folded word of a capitalised proper noun no entity holds, standing alone (not
    the first word of a longer unclaimed name): a candidate bare surname."""
    if t.i in by_token or t.pos_ != "PROPN" or not t.text[:1].isupper():
        return None
    nxt = t.i + 1
    if nxt < len(doc) and doc[nxt].pos_ == "PROPN" and nxt not in by_token:
        return None
    return fold(strip_possessive(t.text))


def _trim(doc: Doc, start: int, end: int, label: str) -> tuple[int, int] | None:
    """Repair an entity's token span; None when nothing name-like is left."""
    # Never cross a line break: page junk glued to a name ("0:00\n\nPutin told").
    for i in range(start, end):
        if "\n" in doc[i].text or "\n" in doc[i].whitespace_:
            if i - start >= end - i - 1 and i > start:
                end = i + (0 if "\n" in doc[i].text else 1)
            else:
                start = i + 1
            break
    while start < end and (
        doc[start].is_punct or doc[start].is_space or doc[start].lower_ == "the"
    ):
        start += 1
    while end > start and (
        doc[end - 1].is_punct
        or doc[end - 1].is_space
        or doc[end - 1].lower_ in ("'s", "’s", "'", "’")
    ):
        end -= 1
    if label == "PERSON":
        while start < end - 1 and (
            doc[start].lower_ in NOT_NAME_START or doc[start].lower_ in TITLE_WORDS
        ):
            start += 1
        # A person's name is capitalised words (and particles); a lower-case word means
        # the tagger ran into the sentence ("Putin Want" is fine, "Putin said" is not).
        for i in range(start, end):
            t = doc[i]
            if (t.text[:1].islower() and t.lower_ not in NAME_PARTICLES and not t.is_punct) or (
                t.lower_ in ("'s", "’s") or t.lower_ in CALENDAR_WORDS
            ):
                end = i
                break
        if start < end and doc[start].text[:1].islower():
            return None
    if start >= end:
        return None
    if label == "WORK_OF_ART" and not _mostly_capitalised(doc, start, end):
        return None
    if not any(doc[i].text[:1].isupper() or doc[i].text[:1].isdigit() for i in range(start, end)):
        return None
    return start, end


ORG_WORDS = frozenset(
    """
    inc corp corporation co company group foundation institute university college center
    centre bank fund association council committee party union hospital school church
    agency department ministry office board club league network news times post
    """.split()
)


def _person_inside(doc: Doc, start: int, end: int, label: str) -> tuple[int, str]:
    """A person's name the tagger typed as something else: "Vancouver's Bo Horvat"
    (WORK_OF_ART), "Nino Niederreiter" (GPE). Returns the start and label to use."""
    for i in range(start, end - 1):
        if doc[i].lower_ in ("'s", "’s"):
            start = i + 1  # the name after a possessive
    words = [t for t in doc[start:end] if not t.is_punct]
    if not 2 <= len(words) <= 3 or not all(t.text[:1].isupper() for t in words):
        return start, label
    if words[0].lower_ in GIVEN_NAMES and words[-1].lower_ not in ORG_WORDS:
        return start, "PERSON"
    return start, label


def _given_name_before(doc: Doc, start: int) -> int:
    """Where a one-word person's name really starts: the tagger sometimes leaves an unusual
    given name out ("Mamadou Dia was", tagged "Dia"). A capitalised proper noun right before,
    outside every entity, on the same line, that is no title or honorific, is the given name."""
    if start == 0:
        return start
    t = doc[start - 1]
    if (
        t.pos_ == "PROPN"
        and t.is_alpha
        and t.text[:1].isupper()
        and not t.is_upper
        and t.ent_iob_ == "O"
        and "\n" not in t.whitespace_
        and t.lower_ not in TITLE_WORDS
        and t.lower_ not in NOT_NAME_START
        and t.lower_ not in HONORIFIC_GENDER
        and t.lower_ not in PERSON_NOUNS
        and t.lower_ not in CALENDAR_WORDS
        and not (t.i > 0 and doc[t.i - 1].pos_ == "PROPN" and "\n" not in doc[t.i - 1].whitespace_)
    ):
        return start - 1
    return start


def _plain_name(doc: Doc, start: int, end: int, words: list[str]) -> bool:
    """Two or three plain capitalised words with no organisation word: a person's name
    shape ("Megda Belkacemi", not "Instagram/Darian Lonechild" or "Smith Foundation")."""
    if not 2 <= len(words) <= 3 or words[0] in ORG_WORDS or words[-1] in ORG_WORDS:
        return False
    return all(doc[i].is_alpha and doc[i].text[:1].isupper() for i in range(start, end))


def _full_name_of(
    doc: Doc, start: int, end: int, words: list[str], people: list[Cluster]
) -> Cluster | None:
    """The one-word person whose full name this is: a two- or three-word name of plain
    capitalised words the tagger typed as something else, ending in that word, when no
    other person has that surname."""
    if not _plain_name(doc, start, end, words):
        return None
    if any(len(c.words) > 1 and c.words[-1] == words[-1] for c in people):
        return None
    single = [c for c in people if c.words == [words[-1]]]
    return single[0] if len(single) == 1 else None


def _relative(
    doc: Doc, start: int, end: int, words: list[str], people: list[Cluster]
) -> bool:
    """A two- or three-word name the tagger typed as something else, that ends in the
    surname of a person with a full name in the article: a relative, not a company."""
    if not _plain_name(doc, start, end, words):
        return False
    surnames = {c.words[-1] for c in people if len(c.words) > 1}
    return words[-1] in surnames and not any(c.words == words for c in people)


def _mostly_capitalised(doc: Doc, start: int, end: int) -> bool:
    words = [t for t in doc[start:end] if t.is_alpha and not t.is_stop]
    return bool(words) and sum(t.text[0].isupper() for t in words) * 2 > len(words)


def build_entities(doc: Doc) -> EntityIndex:
    """Cluster the document's named-entity mentions into entities."""
    spans: list[tuple[int, int, str]] = []
    lines = Lines(doc.text)
    for ent in doc.ents:
        if ent.label_ not in KEPT_TYPES:
            continue
        start, label = ent.start, ent.label_
        if label != "PERSON":
            start, label = _person_inside(doc, ent.start, ent.end, label)
        fixed = _trim(doc, start, ent.end, label)
        if fixed is None:
            continue
        if label == "PERSON" and lines.furniture_at(doc[fixed[0]].idx):
            continue  # a caption, credit or link line introduces nobody
        if label == "PERSON" and fixed[1] - fixed[0] == 1:
            fixed = (_given_name_before(doc, fixed[0]), fixed[1])
        if (
            label == "PERSON"
            and fixed[0] > 0
            and doc[fixed[0] - 1].lower_ == "the"
            and not (fixed[1] - fixed[0] > 1 and doc[fixed[0]].lower_ in GIVEN_NAMES)
        ):
            label = "ORG"  # "told the Gazette"; but "the Larry Ellison view" is a person
        spans.append((fixed[0], fixed[1], label))

    persons = [s for s in spans if s[2] == "PERSON"]
    others = [s for s in spans if s[2] != "PERSON"]
    clusters: list[Cluster] = []
    by_token: dict[int, Cluster] = {}

    def add(cluster: Cluster, start: int, end: int) -> None:
        cluster.mentions.append((start, end))
        for i in range(start, end):
            by_token[i] = cluster

    person_clusters: list[Cluster] = []
    # Full names first, so that a later "Kim" finds "Kim Jong-Un" to join.
    for start, end, _ in sorted(persons, key=lambda s: (-len(name_tokens(_text(doc, s))), s[0])):
        words = name_tokens(_text(doc, (start, end)))
        if not words:
            continue
        target = _match_person(person_clusters, words, start)
        if target is None:
            target = Cluster("", "PERSON", strip_possessive(_text(doc, (start, end))), words)
            person_clusters.append(target)
        add(target, start, end)

    # A one-word "person" that is only ever a destination or location is a place
    # ("promised to visit Vladivostok again").
    for c in list(person_clusters):
        if len(c.words) == 1 and all(_is_place_slot(doc, s, e) for s, e in c.mentions):
            person_clusters.remove(c)
            others.extend((s, e, "GPE") for s, e in c.mentions)
            for s, e in c.mentions:
                for i in range(s, e):
                    by_token.pop(i, None)

    # Single words the tagger typed wrong: a surname tagged ORG/GPE is the person.
    remaining: list[tuple[int, int, str]] = []
    for start, end, label in others:
        words = name_tokens(_text(doc, (start, end)))
        # one word, or one hyphenated surname ("Wilson-Raybould")
        one_word = len(words) == 1 or (len(words) == 2 and " " not in _text(doc, (start, end)))
        hit = _match_person(person_clusters, words, start) if one_word else None
        if hit is not None and hit.words[-len(words):] == words:
            add(hit, start, end)
        elif (whole := _full_name_of(doc, start, end, words, person_clusters)) is not None:
            # "Nino Niederreiter" (typed GPE), then "Niederreiter" as a person
            whole.words = words
            add(whole, start, end)
        elif _relative(doc, start, end, words, person_clusters):
            # "Megda Belkacemi" (typed ORG) beside "Khaled Belkacemi": another person
            relative = Cluster("", "PERSON", strip_possessive(_text(doc, (start, end))), words)
            person_clusters.append(relative)
            add(relative, start, end)
        else:
            remaining.append((start, end, label))

    # Surnames the tagger missed altogether.
    if person_clusters:
        surnames = {c.words[-1]: c for c in person_clusters if len(c.words) > 1}
        for t in doc:
            key = _bare_surname(doc, t, by_token)
            if key in surnames:
                cluster = _match_person(person_clusters, [key], t.i)
                if cluster is not None:
                    add(cluster, t.i, t.i + 1)

    other_clusters: dict[tuple[str, str], Cluster] = {}
    for start, end, label in remaining:
        words = name_tokens(_text(doc, (start, end)))
        if not words:
            continue
        key = (_type_family(label), " ".join(words))
        cluster = other_clusters.get(key)
        if cluster is None:
            cluster = Cluster("", label, _canonical(_text(doc, (start, end))), words)
            other_clusters[key] = cluster
        add(cluster, start, end)

    _merge_acronyms(other_clusters, by_token)
    _drop_common_words(doc, person_clusters, by_token)
    for c in person_clusters:
        c.mentions.sort()
        c.name = _fullest_name(doc, c)
    clusters = sorted(
        person_clusters + list(other_clusters.values()), key=lambda c: min(c.mentions)
    )
    for n, c in enumerate(clusters, 1):
        c.id = f"E{n}"
    return EntityIndex(clusters, by_token)


PLACE_PREPS = frozenset(
    """
    in to from at near across throughout outside inside into via
""".split()
)
PLACE_VERBS = frozenset(
    """
    visit leave reach tour enter revisit
""".split()
)


def _is_place_slot(doc: Doc, start: int, end: int) -> bool:
    """The mention is the object of a place preposition or of a travel verb."""
    t = doc[end - 1]
    if t.dep_ == "pobj" and t.head.lower_ in PLACE_PREPS:
        return True
    return t.dep_ == "dobj" and t.head.lemma_ in PLACE_VERBS


ACRONYM_SKIP = frozenset({"of", "and", "the", "for", "on", "in", "&"})


def _initials(words: list[str]) -> str:
    return "".join(w[0] for w in words if w not in ACRONYM_SKIP)


def _merge_acronyms(clusters: dict[tuple[str, str], Cluster], by_token: dict[int, Cluster]) -> None:
    """'PBO' and 'Parliamentary Budget Officer' are one organisation, named in full."""
    full = {}
    for c in clusters.values():
        if c.type == "ORG" and len(c.words) >= 2:
            full.setdefault(_initials(c.words), c)
    for key, c in list(clusters.items()):
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
        del clusters[key]


def _drop_common_words(doc: Doc, people: list[Cluster], by_token: dict[int, Cluster]) -> None:
    """A one-word 'person' whose word the article also uses in lower case is page furniture
    or a mis-tag ('Story continues below advertisement'), not a name."""
    lower_words = {t.text for t in doc if t.is_alpha and t.text.islower()}
    for c in list(people):
        if (
            len(c.words) == 1
            and all(e - s == 1 for s, e in c.mentions)
            and (c.words[0] in lower_words)
        ):
            people.remove(c)
            for s, e in c.mentions:
                for i in range(s, e):
                    by_token.pop(i, None)


def _type_family(label: str) -> str:
    return "PLACE" if label in ("GPE", "LOC", "FAC") else label


def _text(doc: Doc, span: tuple[int, int] | Span) -> str:
    if isinstance(span, Span):
        return span.text
    return doc[span[0] : span[1]].text


def _canonical(text: str) -> str:
    text = strip_possessive(clean_name(text))
    if text[:4].lower() == "the ":
        text = text[4:]
    return text


def _fullest_name(doc: Doc, c: Cluster) -> str:
    best = max(c.mentions, key=lambda m: (len(name_tokens(_text(doc, m))), -m[0]))
    return _canonical(_text(doc, best))


def _match_person(clusters: list[Cluster], words: list[str], at: int) -> Cluster | None:
    """The cluster a (possibly partial) name belongs to: the same name, or a first or last
    name of a fuller one. Ambiguity goes to the cluster mentioned most recently before."""
    candidates = []
    for c in clusters:
        if words == c.words:
            return c
        if (
            len(words) < len(c.words)
            and is_subsequence(words, c.words)
            and (words[0] == c.words[0] or words[-1] == c.words[-1])
        ):
            candidates.append(c)
    if not candidates:
        return None
    if len(candidates) == 1:
        return candidates[0]

    # Prefer surname matches, then the most recent mention before ``at``.
    def rank(c: Cluster) -> tuple[int, int]:
        last = c.last_token_before(at)
        return (words[-1] == c.words[-1], last if last is not None else -1)

    return max(candidates, key=rank)

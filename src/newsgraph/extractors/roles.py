"""Roles: the titles, organisations and places written around a person's name.

Three constructions cover most of news writing:
- pre-modifiers: "Transportation Minister Yevgeny Ditrikh", "Seoul-based NK News analyst
  Fyodor Tertitsky", "Russian Railways General Director Oleg Belozerov";
- appositions: "Konstantin Asmolov, a senior research fellow at the Center for ...";
- "head of ... at ...": "Aleksei Maslov, head of the economics faculty at the ... School".
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Token

from newsgraph.extractors.entities import Cluster, EntityIndex
from newsgraph.extractors.lexicon import HONORIFIC_GENDER, NOT_NAME_START, TITLE_WORDS

# Title heads whose pre-modifying organisation names a portfolio, part of the title itself
# ("Energy Minister", "Transportation Secretary", "Health Commissioner").
PORTFOLIO_TITLES = frozenset(
    """
    minister secretary commissioner ministry czar tsar
""".split()
)
MODIFIER_DEPS = frozenset(
    """
    compound amod nmod npadvmod punct nummod poss
""".split()
)
ORG_PREPS = frozenset(
    """
    at of with for in from
""".split()
)
# Words in front of a name that are not part of a title.
NOT_TITLE = frozenset(
    set(HONORIFIC_GENDER)
    | {"former", "late", "then", "now", "current", "incoming", "outgoing", "acting", "interim"}
)


@dataclass(slots=True)
class RoleSpan:
    title: str | None
    org: str | None
    place: str | None
    start: int  # token indices
    end: int


def find_roles(doc: Doc, index: EntityIndex) -> dict[str, list[RoleSpan]]:
    """Roles per PERSON cluster id, de-duplicated, in order of first appearance."""
    out: dict[str, list[RoleSpan]] = {}
    for c in index.clusters:
        if c.type != "PERSON":
            continue
        roles: list[RoleSpan] = []
        for start, end in c.mentions:
            for role in (
                _premodifier_role(doc, index, start, end),
                _appositive_role(doc, index, c, start, end),
            ):
                if role and not any(_same(role, r) for r in roles):
                    roles.append(role)
        if roles:
            out[c.id] = roles
    return out


def _same(a: RoleSpan, b: RoleSpan) -> bool:
    return (
        (a.title or "").lower() == (b.title or "").lower() and a.org == b.org and a.place == b.place
    )


def name_head(doc: Doc, start: int, end: int) -> Token:
    """The syntactic head of a name span: the token whose head lies outside it."""
    for i in range(end - 1, start - 1, -1):
        h = doc[i].head
        if not (start <= h.i < end) or h.i == i:
            return doc[i]
    return doc[end - 1]


STOP_ENT_TYPES = frozenset(
    """
    DATE TIME CARDINAL ORDINAL MONEY PERCENT QUANTITY
""".split()
)


def _premodifier_role(doc: Doc, index: EntityIndex, start: int, end: int) -> RoleSpan | None:
    """Words before the name inside its noun phrase."""
    i = start - 1
    first = start
    while i >= 0:
        t = doc[i]
        if "\n" in t.whitespace_ or t.is_space or t.ent_type_ in STOP_ENT_TYPES:
            break
        other = index.at(i)
        if other is not None:
            if other.type == "PERSON":
                break
            # a named organisation or place inside the phrase: take it whole
            first = _mention_at(other, i)[0]
            i = first - 1
            continue
        if t.lower_ == "of" and i > 0 and _is_title_word(doc[i - 1]) and first < start:
            first, i = i, i - 1  # "Secretary of State John Kerry"
            continue
        if t.lower_ == "based" and i > 1 and doc[i - 1].text == "-":
            first, i = i - 1, i - 2  # "Seoul-based"
            continue
        if t.lower_ not in NOT_TITLE:
            if t.is_punct or t.pos_ not in ("NOUN", "PROPN", "ADJ", "NUM"):
                break
            # it must modify the phrase (point rightwards into it), or be a title word
            if not (i < t.head.i < end) and t.lower_ not in TITLE_WORDS:
                break
        first = i
        i -= 1
    if first >= start:
        return None
    return _split_modifiers(doc, index, first, start)


def _split_modifiers(doc: Doc, index: EntityIndex, first: int, stop: int) -> RoleSpan | None:
    """Split "Seoul-based NK News analyst" into place, organisation and title."""
    # segments: (kind, start, end) with kind "org", "place" or "word"
    segments: list[tuple[str, int, int]] = []
    i = first
    while i < stop:
        ent = index.at(i)
        if ent is not None and ent.type != "PERSON":
            s, e = _mention_at(ent, i)
            e = min(e, stop)
            kind = "place" if ent.type in ("GPE", "LOC", "NORP", "FAC") else "org"
            segments.append((kind, i, e))
            i = e
        elif (
            doc[i].lower_ in NOT_TITLE
            or (doc[i].is_punct and doc[i].text != "-")
            or doc[i].text == "-"
            or doc[i].lower_ == "based"
        ):
            i += 1
        else:
            segments.append(("word", i, i + 1))
            i += 1
    # The title: the trailing run of words, taking in an organisation that names a
    # portfolio ("Energy Minister") or follows "of" ("Secretary of State").
    t_first = len(segments)
    for k in range(len(segments) - 1, -1, -1):
        kind, s, e = segments[k]
        if kind == "word":
            t_first = k
            continue
        portfolio = e < stop and doc[e].lower_ in PORTFOLIO_TITLES
        after_of = s > 1 and doc[s - 1].lower_ == "of" and _is_title_word(doc[s - 2])
        if kind == "org" and (portfolio or after_of) and (t_first == k + 1 or after_of):
            t_first = k
            continue
        break
    title = None
    last = doc[segments[-1][2] - 1] if segments else None
    if (
        t_first < len(segments)
        and last is not None
        and (_is_title_word(last) or segments[-1][0] == "org")
    ):
        title = doc[segments[t_first][1] : segments[-1][2]].text
    place = next((doc[s:e].text for kind, s, e in segments[:t_first] if kind == "place"), None)
    org = next((doc[s:e].text for kind, s, e in segments[:t_first] if kind == "org"), None)
    if title is None:
        return None
    return RoleSpan(title, org, place, first, stop)


def _is_title_word(t: Token) -> bool:
    low = t.lower_
    if low in TITLE_WORDS or low.rstrip(".") in TITLE_WORDS:
        return True
    # any common noun works as a title in this slot ("actress", "billionaire", "economist")
    return t.pos_ == "NOUN" and low not in NOT_NAME_START and t.is_alpha


def _mention_at(c: Cluster, i: int) -> tuple[int, int]:
    for s, e in c.mentions:
        if s <= i < e:
            return s, e
    return i, i + 1


def _appositive_role(
    doc: Doc, index: EntityIndex, c: Cluster, start: int, end: int
) -> RoleSpan | None:
    """ "Name, a senior fellow at X" and "Name, head of Y at X"."""
    head = name_head(doc, start, end)
    appos = [t for t in head.children if t.dep_ == "appos" and t.i >= end]
    if not appos:
        return None
    a = appos[0]
    named = index.at(a.i)
    if a.pos_ not in ("NOUN", "PROPN") or (named is not None and named.type == "PERSON"):
        return None
    if a.pos_ == "PROPN" and not _is_title_word(a) and a.lower_ not in TITLE_WORDS:
        return None
    # title: the head noun with its left modifiers, without determiners
    left = [t for t in a.lefts if t.dep_ not in ("det", "poss", "punct", "predet")]
    t_start = min([t.left_edge.i for t in left] + [a.i])
    title_end = a.i + 1
    place = org = None
    # "head of the international economics faculty": an "of" phrase that is not an
    # organisation belongs to the title.
    preps = [p for p in a.rights if p.dep_ == "prep" and p.lower_ in ORG_PREPS]
    chain = list(preps)
    for p in preps:
        pobj = next((x for x in p.children if x.dep_ == "pobj"), None)
        if pobj is None:
            continue
        if p.lower_ == "of" and not _has_org(index, _np_tokens(pobj)) and p is chain[0]:
            # the of-phrase is part of the title; its own prepositions may name the org
            title_end = _np_end(pobj)
            chain.extend(x for x in pobj.rights if x.dep_ == "prep" and x.lower_ in ORG_PREPS)
    for p in chain:
        pobj = next((x for x in p.children if x.dep_ == "pobj"), None)
        if pobj is None or pobj.i < title_end:
            continue
        kind, text, p_place = _org_phrase(doc, index, pobj)
        if kind == "place":
            place = place or text
        elif kind == "org":
            org = org or text
            place = place or p_place
        if org:
            break
    title = doc[t_start:title_end].text.strip(" ,")
    if not title:
        return None
    end_tok = max(a.right_edge.i + 1, title_end)
    return RoleSpan(title, org, place, t_start, end_tok)


def _np_tokens(t: Token) -> list[Token]:
    """A noun phrase without its prepositional and clausal attachments."""
    out = [t]
    for c in t.children:
        if c.dep_ not in ("prep", "relcl", "acl", "appos", "punct", "cc", "conj"):
            out.extend(c.subtree)
    return out


def _np_end(t: Token) -> int:
    return max(x.i for x in _np_tokens(t)) + 1


def _has_org(index: EntityIndex, tokens: list[Token]) -> bool:
    return any((c := index.at(x.i)) is not None and c.type in ("ORG", "FAC") for x in tokens)


def _org_phrase(doc: Doc, index: EntityIndex, pobj: Token) -> tuple[str | None, str, str | None]:
    """("org" | "place" | None, text, place) for the object of "at"/"of"/"with"."""
    start, end = pobj.left_edge.i, pobj.right_edge.i + 1
    # not across a comma: "the Alder Harbour Company, which runs the terminal"
    for i in range(pobj.i, end):
        if doc[i].text in (",", ";", "(", "—", "–"):
            end = i
            break
    while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    place = None
    while start < end and doc[start].dep_ in ("det",) or (start < end and doc[start].is_punct):
        start += 1
    # "the Moscow-based Higher School": the place goes to the place slot
    if start + 2 < end and doc[start + 1].text == "-" and doc[start + 2].lower_ == "based":
        place = doc[start].text
        start += 3
    ents = index.in_span(start, end)
    for e in ents:
        if e.type in ("ORG", "FAC"):
            end = max(
                end,
                max(me for ms, me in e.mentions if start <= ms < end)
                if any(start <= ms < end for ms, _ in e.mentions)
                else end,
            )
    if any(e.type in ("ORG", "FAC") for e in ents):
        return "org", doc[start:end].text, place
    if ents and all(e.type in ("GPE", "LOC") for e in ents):
        return "place", doc[start:end].text, place
    if doc[start:end].text[:1].isupper():
        return "org", doc[start:end].text, place
    return None, doc[start:end].text, place

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
from newsgraph.extractors.lexicon import (
    HONORIFIC_GENDER,
    NOT_NAME_START,
    ROLE_NOUNS,
    ROLE_VERBS,
    TITLE_WORDS,
    is_listed_role,
    is_role_word,
)

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
            found = [
                *_split_coordinated(doc, _premodifier_role(doc, index, start, end)),
                *_party_label(doc, end),
                *_appositive_roles(doc, index, c, start, end),
                *_shared_title(doc, index, start, end),
                *_predicate_roles(doc, index, start, end),
            ]
            for role in found:
                if not any(_same(role, r) for r in roles):
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
        if t.text == "-" and i > 0 and not t.whitespace_ and not doc[i - 1].whitespace_:
            first, i = i - 1, i - 2  # "Co-Owner": one word
            continue
        if (
            t.lower_ in ("and", "&")
            and i > 0
            and first < start
            and any(_is_title_word(x) for x in doc[first:start])
            and index.at(i - 1) is None
            and (_is_title_word(doc[i - 1]) or is_role_word(doc[i - 1].lower_))
        ):
            first, i = i, i - 1  # "Co-Owner and Lead Planner Erica Vanco"
            continue
        if t.lower_ not in NOT_TITLE:
            if t.is_punct or t.pos_ not in ("NOUN", "PROPN", "ADJ", "NUM"):
                break
            # it must modify the phrase (point rightwards into it), or be a title word
            if (
                not (i < t.head.i < end)
                and t.lower_ not in TITLE_WORDS
                and not (i == start - 1 and is_listed_role(t.lower_))  # "the philosopher X"
            ):
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
    if low in TITLE_WORDS or low.rstrip(".") in TITLE_WORDS or low in ROLE_NOUNS:
        return True
    if t.pos_ == "PROPN" and is_role_word(low):
        return True  # "Quarterback Tom Brady", "Lead Planner"
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


# ---------------------------------------------------------------- more constructions


def _split_coordinated(doc: Doc, role: RoleSpan | None) -> list[RoleSpan]:
    """"Co-Owner and Lead Planner": two titles, each with the role's organisation and place."""
    if role is None:
        return []
    if role.title is None or " and " not in role.title and " & " not in role.title:
        return [role]
    parts = [p.strip() for p in role.title.replace(" & ", " and ").split(" and ") if p.strip()]
    return [RoleSpan(p, role.org, role.place, role.start, role.end) for p in parts]


def _glued_end(doc: Doc, i: int) -> int:
    """The end of the hyphenated word token ``i`` starts ("co" -> "co-author")."""
    j = i + 1
    while j + 1 < len(doc) and doc[j].text == "-" and not doc[j - 1].whitespace_ and not (
        doc[j].whitespace_
    ):
        j += 2
    return j


def _appositive_roles(
    doc: Doc, index: EntityIndex, c: Cluster, start: int, end: int
) -> list[RoleSpan]:
    """"Name, a senior fellow at X", "Name, founder and former CEO of X", "Name, a
    co-author of the paper": read off the words between the commas, not the parse (which
    splits hyphenated titles and coordinations apart); the parse's apposition otherwise."""
    surface = _surface_apposition(doc, index, end)
    if surface:
        return surface
    role = _appositive_role(doc, index, c, start, end)
    return [role] if role is not None and role.title and _title_head_ok(role.title) else []


APPOS_STOP = frozenset({",", ";", ".", "(", ")", "—", "–", "“", "”", '"', ":", "!", "?"})
APPOS_LEAD = frozenset({"a", "an", "the", "now", "then", "also", "currently", "formerly"})
APPOS_PREPS = frozenset({"of", "at", "for", "with", "in", "from", "on"})


def _surface_apposition(doc: Doc, index: EntityIndex, end: int) -> list[RoleSpan]:
    n = len(doc)
    if end >= n or doc[end].text != "," or "\n" in doc[end].whitespace_:
        return []
    i = end + 1
    while _credential(doc, i):  # "Lauren Slayton, MS, RD, registered dietitian ..."
        i = _credential(doc, i)
    stop = i
    while stop < n and doc[stop].text not in APPOS_STOP and "\n" not in doc[stop].text:
        t = doc[stop]
        if t.lower_ in ("who", "which", "whose") or (t.pos_ in ("VERB", "AUX") and t.tag_ != "VBN"):
            return []  # a clause, not a title: "Ana Ruiz, who ..."; "X, said Y"
        if "\n" in t.whitespace_:
            stop += 1
            break
        stop += 1
    while i < stop and doc[i].lower_ in APPOS_LEAD:
        i += 1
    if i >= stop or stop - i > 30:
        return []
    first = index.at(i)
    if first is not None and first.type == "PERSON":
        return []  # "Ana, Bo and Cy": a list of people
    # "a professor of nutrition at X and a co-author of related research": two appositions
    for k in range(i + 1, stop - 1):
        if doc[k].lower_ == "and" and doc[k + 1].lower_ in ("a", "an", "the"):
            left = _appositive_phrase(doc, index, i, k)
            right = _appositive_phrase(doc, index, k + 2, stop)
            return left + right if left and right else []
    return _appositive_phrase(doc, index, i, stop)


def _appositive_phrase(doc: Doc, index: EntityIndex, i: int, stop: int) -> list[RoleSpan]:
    """The roles of one apposition's words, tokens [i, stop)."""
    while i < stop and doc[i].lower_ in APPOS_LEAD:
        i += 1
    if i >= stop or stop - i > 14:
        return []
    # titles before the first preposition whose object names an organisation or a place
    org = place = None
    title_end = stop
    preps = [k for k in range(i + 1, stop) if doc[k].lower_ in APPOS_PREPS] + [stop]
    for k, nxt in zip(preps, preps[1:], strict=False):
        named = [e for e in index.in_span(k + 1, nxt) if e.type != "PERSON" or e.first > k]
        capital = any(t.text[:1].isupper() for t in doc[k + 1 : nxt] if t.is_alpha)
        if named or capital:
            title_end = k
            obj = doc[k + 1 : stop].text.strip()
            obj = obj[4:] if obj.lower().startswith("the ") else obj
            if named and all(e.type in ("GPE", "LOC") for e in named):
                place = obj
            else:
                org = obj
            break
    title = doc[i:title_end].text.strip()
    parts = [p.strip() for p in title.replace(" & ", " and ").split(" and ") if p.strip()]
    roles = [RoleSpan(p, org, place, i, stop) for p in parts if _title_head_ok(p)]
    return roles if len(roles) == len(parts) else []


def _title_head_ok(title: str) -> bool:
    """The title's head (its last word before a preposition) is a word for a person's
    role, not "novel" or "maverick"."""
    words = title.lower().split()
    head = []
    for w in words:
        if w in APPOS_PREPS:
            break
        head.append(w)
    return bool(head) and is_role_word(head[-1].strip(".,"))


def _shared_title(doc: Doc, index: EntityIndex, start: int, end: int) -> list[RoleSpan]:
    """"Pop singers Sabrina Carpenter and Olivia Rodrigo", "singers like A and B", "Study
    co-authors include A, B and C": a plural role noun gives each of the names it
    introduces the singular title."""
    head = name_head(doc, start, end)
    while head.dep_ in ("conj", "appos") and head.head.i < head.i and (
        head.head.pos_ == "PROPN"
    ):
        head = head.head  # the first of a list of names
    noun = head
    if head.dep_ == "appos":
        noun = head.head  # "singers, Sabrina Carpenter and ..."
    elif head.dep_ == "pobj" and head.head.lower_ in ("like", "including", "as"):
        noun = head.head.head  # "singers like A and B", "experts such as A"
    elif head.dep_ == "dobj" and head.head.lemma_.lower() in ("include", "be"):
        subjects = [  # "co-authors include A, B and C"
            c for c in head.head.children if c.dep_ == "nsubj" and c.tag_ == "NNS" and c.is_alpha
        ]
        noun = subjects[-1] if subjects else head
    else:  # "Pop singers Sabrina Carpenter and Olivia Rodrigo": a plural premodifier
        noun = next((c for c in head.lefts if c.tag_ == "NNS" and c.dep_ == "compound"), head)
    if noun.i >= start or noun.tag_ != "NNS" or not is_role_word(noun.lemma_.lower()):
        return []
    mods = [t for t in noun.lefts if t.dep_ in ("compound", "amod") and t.lower_ != "study"]
    first = min([t.left_edge.i for t in mods] + [noun.i])
    while first > 0 and doc[first - 1].text == "-" and not doc[first - 1].whitespace_:
        first = max(first - 2, 0)  # "co-authors"
    words = doc[first : noun.i].text.split() if first < noun.i else []
    lemma = noun.lemma_ if noun.lemma_ != noun.text else noun.text.rstrip("s")
    words.append(lemma)
    text = " ".join(words).replace(" - ", "-").replace("- ", "-")
    return [RoleSpan(text, None, None, first, noun.i + 1)]


def _predicate_roles(doc: Doc, index: EntityIndex, start: int, end: int) -> list[RoleSpan]:
    """"X is/was/has been a consultant for Y", "X serves as chief of staff", "X, who heads
    the Y Group": the title said of the person in a clause."""
    head = name_head(doc, start, end)
    out: list[RoleSpan] = []
    verb = head.head if head.dep_ in ("nsubj", "nsubjpass") else None
    if verb is not None:
        out.extend(_clause_title(doc, index, verb))
    for rel in head.children:
        if rel.dep_ == "relcl" and any(
            c.dep_ == "nsubj" and c.lower_ in ("who", "that") for c in rel.children
        ):
            out.extend(_clause_title(doc, index, rel))
    return out


def _clause_title(doc: Doc, index: EntityIndex, verb: Token) -> list[RoleSpan]:
    lemma = verb.lemma_.lower()
    if lemma == "be":
        attrs = [c for c in verb.children if c.dep_ == "attr" and c.pos_ == "NOUN"]
        attr = attrs[-1] if attrs else None  # "is co - owner": the parse's last piece
    elif lemma in ("serve", "work"):
        prep = next((c for c in verb.children if c.dep_ == "prep" and c.lower_ == "as"), None)
        attr = next((c for c in prep.children if c.dep_ == "pobj"), None) if prep else None
    elif lemma in ROLE_VERBS:
        obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
        if obj is None:
            return []
        kind, text, place = _org_phrase(doc, index, obj)
        if kind != "org":
            return []
        return [RoleSpan(ROLE_VERBS[lemma], text, place, verb.i, obj.right_edge.i + 1)]
    else:
        return []
    if attr is None or attr.tag_ != "NN" or not is_role_word(attr.lower_):
        return []
    left = [t for t in attr.lefts if t.dep_ in ("compound", "amod", "nmod")]
    t_start = min([t.left_edge.i for t in left] + [attr.i])
    while t_start > 1 and doc[t_start - 1].text == "-" and not doc[t_start - 1].whitespace_ and (
        not doc[t_start - 2].whitespace_
    ):
        t_start -= 2  # "co-owner"
    title = doc[t_start : _glued_end(doc, attr.i)].text
    org = place = None
    for p in [*attr.rights, *verb.rights]:
        if p.dep_ != "prep" or p.lower_ not in ("of", "at", "for", "with"):
            continue
        pobj = next((x for x in p.children if x.dep_ == "pobj"), None)
        if pobj is None:
            continue
        kind, text, p_place = _org_phrase(doc, index, pobj)
        if kind == "org":
            org, place = text, p_place
            break
    return [RoleSpan(title, org, place, t_start, attr.i + 1)]


PARTIES = {"r": "Republican", "d": "Democrat", "i": "independent"}


def _party_label(doc: Doc, end: int) -> list[RoleSpan]:
    """"Sen. John Smith (R)", "(D-N.Y.)", "(R-Texas)": the party, and the state as place."""
    n = len(doc)
    if end + 2 >= n or doc[end].text != "(":
        return []
    close = next((k for k in range(end + 1, min(end + 8, n)) if doc[k].text == ")"), None)
    if close is None:
        return []
    inside = doc[end + 1 : close].text.replace(" ", "")
    party, _, state = inside.partition("-")
    title = PARTIES.get(party.lower().rstrip("."))
    if title is None or not (party[:1].isupper() and len(party.rstrip(".")) == 1):
        return []
    return [RoleSpan(title, None, state or None, end, close + 1)]


def _credential(doc: Doc, i: int) -> int:
    """Where the words after a degree or licence between commas go on ("MS, ", "R.D., ",
    "PhD, "); 0 when ``i`` starts none."""
    j = i
    while j < len(doc) and doc[j].text != "," and j - i < 3:
        t = doc[j].text.replace(".", "")
        if not (t.isalpha() and (t.isupper() or t in ("PhD", "EdD", "DPhil")) and len(t) <= 5):
            return 0
        j += 1
    return j + 1 if j > i and j < len(doc) and doc[j].text == "," else 0

"""The gender of each person in an article, with the evidence it rests on (issue 16).

Unlike ``gender.py`` (a working guess for resolving "he" and "she", which may lean on a
short list of names), this is what a researcher counts, so it goes no further than the
evidence, in this order:

1. the article's own words about the person: honorifics in front of their name ("Ms
   Ruiz"), pronouns referring to them (as the speaker resolver resolved them, and in
   sentences where they are the only person in view outside quotations), gendered nouns
   said of them ("spokeswoman Ana Ruiz", "his wife, Ana Ruiz", "the mother said" resolved
   to her); weighed, one side must clearly outweigh the other;
2. else their given name, when the SSA table gives it to one sex overwhelmingly (share and
   count thresholds in ``lexicon.py``);
3. else unknown.

Word lists and thresholds are data in ``lexicon.py``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from newsgraph.extractors.entities import Cluster, EntityIndex
from newsgraph.extractors.gender import pronouns_of_sole_person
from newsgraph.extractors.given_names import FEMALE_NAMES, MALE_NAMES, name_counts
from newsgraph.extractors.lexicon import (
    FEMALE_NOUNS,
    GENDER_MARGIN,
    GENDER_WEIGHTS,
    GIVEN_NAME_MIN_COUNT,
    GIVEN_NAME_MIN_SHARE,
    HONORIFIC_GENDER,
    MALE_NOUNS,
    PRONOUN_GENDER,
)
from newsgraph.extractors.roles import RoleSpan, name_head

FEMALE, MALE, UNKNOWN = "female", "male", "unknown"
_SEX = {"f": FEMALE, "m": MALE}
TEXT_KINDS = ("honorific", "noun", "pronoun")  # strongest first
NOUN_LINKS = frozenset({"appos", "compound", "attr"})  # how a noun is said of a name


@dataclass(slots=True)
class GenderCall:
    """A person's gender in one article: female | male | unknown, the kind of evidence
    that decided it (honorific | noun | pronoun | given_name | None), and the evidence
    counted per kind and side ({"pronoun": {"f": 3, "m": 0}, ...})."""

    gender: str = UNKNOWN
    evidence: str | None = None
    counts: dict[str, dict[str, int]] = field(default_factory=dict)

    def add(self, kind: str, sex: str) -> None:
        side = self.counts.setdefault(kind, {"f": 0, "m": 0})
        side[sex] += 1


def gendered_noun(word: str) -> str | None:
    """"f" or "m" for a noun that says a person's sex; None otherwise."""
    low = word.lower()
    return "f" if low in FEMALE_NOUNS else "m" if low in MALE_NOUNS else None


def given_name_gender(first: str) -> str | None:
    """"f" or "m" when the given name ``first`` (any case) is borne overwhelmingly by one
    sex and by enough people in the SSA table (the thresholds in ``lexicon.py``); a name
    too rare in the US for the table to say (Konstantin, Oleg) counts when it is in the
    hand-written lists of common single-sex names in news and the table does not
    contradict them. None otherwise."""
    low = first.lower()
    fem, male = name_counts().get(low, (0, 0))
    total = fem + male
    share = GIVEN_NAME_MIN_SHARE * total
    if total >= GIVEN_NAME_MIN_COUNT:
        return "f" if fem >= share else "m" if male >= share else None
    if low in FEMALE_NAMES and fem >= share:
        return "f"
    if low in MALE_NAMES and male >= share:
        return "m"
    return None


def source_genders(
    doc: Doc,
    index: EntityIndex,
    roles: dict[str, list[RoleSpan]],
    quoted_token: list[int | None],
    resolved: dict[int, Cluster],
) -> dict[str, GenderCall]:
    """The gender of every PERSON entity, by entity id. ``resolved``: token -> entity for
    the pronouns and descriptions the speaker resolver resolved (speakers and subjects)."""
    people = [c for c in index.clusters if c.type == "PERSON"]
    calls = {c.id: GenderCall() for c in people}
    counted: set[int] = set()  # pronoun tokens already counted
    for i, c in resolved.items():
        call = calls.get(c.id)
        if call is None:
            continue
        low = doc[i].lower_
        if low in PRONOUN_GENDER:
            call.add("pronoun", PRONOUN_GENDER[low])
            counted.add(i)
        elif (sex := gendered_noun(low)) is not None and index.at(i) is None:
            call.add("noun", sex)  # "the mother said", resolved to her
    for c in people:
        _name_evidence(doc, c, roles.get(c.id, ()), calls[c.id])
    _pronouns_in_view(doc, index, quoted_token, counted, calls)
    for c in people:
        _decide(c, calls[c.id])
    return calls


def _name_evidence(doc: Doc, c: Cluster, roles: list[RoleSpan] | tuple[()],
                   call: GenderCall) -> None:
    """Honorifics in front of the person's name and gendered nouns said of them."""
    nouns: set[int] = set()  # token positions, each counted once
    for s, e in c.mentions:
        if s > 0 and (sex := HONORIFIC_GENDER.get(doc[s - 1].lower_)) is not None:
            call.add("honorific", sex)
        head = name_head(doc, s, e)
        for t in _said_of(head):
            sex = gendered_noun(t.lower_)
            if sex is not None and t.i not in nouns and not (s <= t.i < e):
                nouns.add(t.i)
                call.add("noun", sex)
    for r in roles:
        for t in doc[r.start : r.end]:
            sex = gendered_noun(t.lower_)
            if sex is not None and t.i not in nouns and t.pos_ == "NOUN":
                nouns.add(t.i)
                call.add("noun", sex)


def _said_of(head: Token) -> list[Token]:
    """Nouns said of a name: its appositions and compounds ("Ana Ruiz, a mother of two",
    "spokeswoman Ana Ruiz"), the noun it is in apposition to ("his wife, Ana Ruiz"), and
    a copula's complement ("Ruiz is a grandmother")."""
    out = [t for t in head.children if t.dep_ in NOUN_LINKS and t.pos_ == "NOUN"]
    if head.dep_ == "appos" and head.head.pos_ == "NOUN":
        out.append(head.head)
    if head.dep_ == "nsubj" and head.head.lemma_ == "be":
        out.extend(t for t in head.head.children if t.dep_ == "attr" and t.pos_ == "NOUN")
    return out


def _pronouns_in_view(
    doc: Doc,
    index: EntityIndex,
    quoted_token: list[int | None],
    counted: set[int],
    calls: dict[str, GenderCall],
) -> None:
    """Pronouns outside quotations in sentences where one person alone is named (outside
    quotations): they most likely refer to that person."""
    for only, t in pronouns_of_sole_person(doc, index, quoted_token):
        if t.i not in counted:
            counted.add(t.i)
            calls[only].add("pronoun", PRONOUN_GENDER[t.lower_])


def _decide(c: Cluster, call: GenderCall) -> None:
    f = m = 0.0
    for kind in TEXT_KINDS:
        side = call.counts.get(kind)
        if side:
            f += GENDER_WEIGHTS[kind] * side["f"]
            m += GENDER_WEIGHTS[kind] * side["m"]
    if f or m:
        won = "f" if f > GENDER_MARGIN * m else "m" if m > GENDER_MARGIN * f else None
        if won is not None:
            call.gender = _SEX[won]
            call.evidence = next(k for k in TEXT_KINDS if call.counts.get(k, {}).get(won))
            return
    if len(c.words) > 1 and (sex := given_name_gender(c.words[0])) is not None:
        call.add("given_name", sex)
        call.gender, call.evidence = _SEX[sex], "given_name"

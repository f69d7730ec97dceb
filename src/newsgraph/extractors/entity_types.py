"""Is this name a person? Decided once per document for all the mentions of a name, by a
linear vote over what the text says around each mention.

The evidence of one mention (``mention_features``): the tagger's label; an honorific or a
job title in front ("Mr. Byron", "analyst Fyodor Tertitsky"); a person noun in apposition
("X, a professor at ..."); being the subject of a reporting verb; a given name first; an
organisation word last ("Dana Hill High School", "Davis Cup"); a place slot ("in Paris",
"visited Vladivostok"); "the" in front ("the Gazette"); a digit; a page-furniture line. A
name's features are the sums over its mentions, plus its shape (``group_features``).

The weights (``models/entities.json``, a ``linear.py`` model) are learned by ``newsgraph
train entities`` from GUM's typed mentions (``train_entities.py``); without the file,
hand-set weights of the same features are used (``PRIOR``).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable

from spacy.tokens import Doc, Token

from newsgraph.extractors.given_names import COMMON_NAME_COUNT, given_name_count
from newsgraph.extractors.lexicon import (
    AGENT_ENDINGS,
    EPONYM_NOUNS,
    HONORIFIC_GENDER,
    ORG_HEAD_WORDS,
    PERSON_NOUNS,
    PLACE_PREPS,
    PLACE_VERBS,
    PLATFORMS,
    SPEAKING_VERBS,
    TITLE_WORDS,
)
from newsgraph.extractors.mentions import NameMention

Features = Counter[str]  # feature -> value (1 for a flag, a share, a log count)

# Hand-set weights: what general knowledge of English news says about each feature. They
# are the model when no trained one is shipped, and the prior the training starts from and
# is pulled back to (``train_entities.py``): a feature the training data barely show (two
# people sharing a surname) keeps its hand-set weight.
PRIOR: dict[str, float] = {
    "bias": -1.0,
    "any:labeln=PERSON": 2.5,
    "share:labeln=PERSON": 1.0,
    "any:label1=PERSON": 1.0,
    "share:labeln=ORG": -2.0,
    "share:labeln=GPE": -2.0,
    "share:labeln=LOC": -2.0,
    "share:labeln=NORP": -2.0,
    "share:labeln=FAC": -1.5,
    "share:labeln=PRODUCT": -2.0,
    "share:labeln=EVENT": -2.0,
    "share:labeln=LAW": -2.0,
    "share:labeln=LANGUAGE": -2.0,
    "share:labeln=WORK_OF_ART": -1.0,
    "share:labeln=none": -0.5,
    "share:label1=ORG": -0.5,
    "share:label1=GPE": -1.0,
    "share:label1=LOC": -1.0,
    "share:label1=NORP": -2.0,
    "share:label1=PRODUCT": -1.5,
    "share:label1=EVENT": -1.5,
    "share:label1=none": -0.5,
    "any:honorific": 4.0,
    "any:title_before": 2.0,
    "any:person_appos": 2.0,
    "share:cue_subject": 1.0,
    "any:cue_subject": 0.5,
    "share:subject": 0.3,
    "share:possessive": 0.3,
    "any:given_name": 2.5,
    "any:given_name_rare": 1.0,
    "any:org_word": -4.0,
    "share:place_slot": -2.0,
    "share:the_before": -2.0,
    "any:digit": -3.0,
    "share:furniture": -0.5,
    "share:sentence_start_single": -1.0,
    "plain_shape": 1.0,
    "kin_surname": 2.5,
    "share:pronoun_after=person": 1.0,
    "share:pronoun_after=it": -1.0,
    "share:pronoun_after=person_later": 0.5,
    "share:pronoun_after=it_later": -0.5,
    "share:conj=PERSON": 1.5,
    "share:conj=other": -1.5,
    "any:thing_noun_before": -1.5,
    "any:role_noun_before": 1.5,
    "any:thing_appos": -1.5,
    "share:possessed_by_name": -0.5,
    "share:owns_name": -0.5,
    "any:eponym": -3.0,
    "any:platform": -4.0,
}


def mention_features(doc: Doc, m: NameMention) -> set[str]:
    """The evidence one mention gives about its name (binary features)."""
    f: set[str] = set()
    size = "1" if len(m.words) == 1 else "n"
    f.add(f"label{size}={m.label or 'none'}")
    first, last = doc[m.start], doc[m.end - 1]
    before = doc[m.start - 1] if m.start > 0 else None
    head = _head(doc, m)
    if before is not None and before.lower_ in HONORIFIC_GENDER:
        f.add("honorific")
    elif before is not None and _title_before(before, m):
        f.add("title_before")
    if any(
        c.dep_ == "appos" and c.i >= m.end and (c.lower_ in PERSON_NOUNS or c.lower_ in TITLE_WORDS)
        for c in head.children
    ):
        f.add("person_appos")
    if head.dep_ in ("nsubj", "nsubjpass"):
        f.add("subject")
        if head.head.lemma_.lower() in SPEAKING_VERBS:
            f.add("cue_subject")
    if len(m.words) > 1:
        n = given_name_count(m.words[0])
        if n >= COMMON_NAME_COUNT:
            f.add("given_name")
        elif n > 0:
            f.add("given_name_rare")
    if last.lower_ in ORG_HEAD_WORDS or m.words[-1] in ORG_HEAD_WORDS:
        f.add("org_word")
    if _place_slot(head):
        f.add("place_slot")
    if m.words[0] in PLATFORMS and len(m.words) <= 2:
        f.add("platform")
    if before is not None and before.lower_ == "the":
        f.add("the_before")
    if any(ch.isdigit() for ch in doc[m.start : m.end].text):
        f.add("digit")
    if m.furniture:
        f.add("furniture")
    if m.quoted:
        f.add("quoted")
    if first.is_sent_start and len(m.words) == 1:
        f.add("sentence_start_single")
    if head.dep_ == "poss":
        f.add("possessive")
    pro = _pronoun_after(doc, m)
    if pro:
        f.add(f"pronoun_after={pro}")
    f.update(_neighbour_features(doc, m, head))
    return f


def _neighbour_features(doc: Doc, m: NameMention, head: Token) -> set[str]:
    """What the words around a name say it is: names listed with it ("Venice, SXSW,
    Cannes"), a common noun naming its kind ("obesity drugs Zepbound", "the film Night
    Nurse", "Orka, a post-production house"), who owns it ("Google's Gemini"), an
    eponym ("Parkinson's disease")."""
    f: set[str] = set()
    siblings = [c for c in head.children if c.dep_ == "conj"]
    if head.dep_ == "conj":
        siblings.append(head.head)
        siblings.extend(c for c in head.head.children if c.dep_ == "conj" and c.i != head.i)
    for sib in siblings:
        if sib.ent_type_ == "PERSON":
            f.add("conj=PERSON")
        elif sib.ent_type_ in ("ORG", "GPE", "LOC", "PRODUCT", "WORK_OF_ART", "FAC", "EVENT"):
            f.add("conj=other")
    k = m.start - 1
    while k >= 0 and doc[k].lower_ in ("the", "a", "an"):
        k -= 1
    before = doc[k] if k >= 0 else None
    if (
        before is not None
        and before.pos_ == "NOUN"
        and before.is_lower
        and (m.start <= before.head.i < m.end or head.head.i == before.i)
    ):
        f.add("role_noun_before" if _role_noun(before) else "thing_noun_before")
    nouns = [c for c in head.children if c.dep_ == "appos" and c.i >= m.end]
    if head.dep_ == "appos" and head.head.i < m.start:
        nouns.append(head.head)
    if any(n.pos_ == "NOUN" and not _role_noun(n) for n in nouns):
        f.add("thing_appos")
    if m.start >= 2 and doc[m.start - 1].lower_ in ("'s", "’s", "'", "’") and doc[
        m.start - 2
    ].ent_type_ in ("ORG", "PERSON", "GPE"):
        f.add("possessed_by_name")
    after = doc[m.end] if m.end < len(doc) else None
    if after is not None and after.lower_ in ("'s", "’s", "'", "’") and m.end + 1 < len(doc):
        nxt = doc[m.end + 1]
        if nxt.lower_ in EPONYM_NOUNS:
            f.add("eponym")
        elif nxt.pos_ == "PROPN" and nxt.text[:1].isupper():
            f.add("owns_name")
    return f


def group_features(doc: Doc, mentions: Iterable[NameMention], kin: bool = False) -> Features:
    """The evidence of all the mentions of one name: for each mention feature, whether any
    mention has it and the share of mentions that do; plus the name's shape."""
    ms = list(mentions)
    counts: Counter[str] = Counter()
    for m in ms:
        counts.update(mention_features(doc, m))
    f: Features = Counter()
    for k, n in counts.items():
        f[f"any:{k}"] = 1
        f[f"share:{k}"] = n / len(ms)  # type: ignore[assignment]
    longest = max(ms, key=lambda m: len(m.words))
    if _plain_shape(doc, longest):
        f["plain_shape"] = 1
    if len(longest.words) == 1:
        f["single_word"] = 1
    if kin:
        f["kin_surname"] = 1
    f["mentions_log"] = math.log(len(ms))  # type: ignore[assignment]
    return f


def _pronoun_after(doc: Doc, m: NameMention) -> str | None:
    """The first subject pronoun after the mention, in its sentence (or at the start of
    the next one, after a subject): "he"/"she" (a person) or "it" (a thing), as "person" |
    "it" after a subject and "person_later" | "it_later" after any other mention ("For
    Megda Belkacemi, Friday is a day she has been waiting for"). (Not "him" or "her":
    "Minnesota traded him" is about someone else.)"""
    head = _head(doc, m)
    subject = head.dep_ in ("nsubj", "nsubjpass")
    sent = head.sent
    stop = min(len(doc), sent.end + 3) if subject else sent.end
    for t in doc[m.end : stop]:
        low = t.lower_
        if t.dep_ not in ("nsubj", "nsubjpass"):
            continue
        if low in ("he", "she"):
            return "person" if subject else "person_later"
        if low == "it":
            return "it" if subject else "it_later"
    return None


def _role_noun(t: Token) -> bool:
    """A noun for a person's role: listed, or an agent noun by its ending ("accountant",
    "mechanic", "singer", "scientist", "physician", "employee")."""
    low = t.lower_
    return (
        low in PERSON_NOUNS
        or low in TITLE_WORDS
        or (t.tag_ == "NN" and low.endswith(AGENT_ENDINGS) and len(low) > 4)
    )


def _head(doc: Doc, m: NameMention) -> Token:
    for i in range(m.end - 1, m.start - 1, -1):
        h = doc[i].head
        if not (m.start <= h.i < m.end) or h.i == i:
            return doc[i]
    return doc[m.end - 1]


def _title_before(before: Token, m: NameMention) -> bool:
    """A job title or person noun modifying the name: "analyst Fyodor Tertitsky"."""
    low = before.lower_.rstrip(".")
    return (low in TITLE_WORDS or before.lower_ in TITLE_WORDS or low in PERSON_NOUNS) and (
        m.start <= before.head.i < m.end
    )


def _place_slot(head: Token) -> bool:
    if head.dep_ == "pobj" and head.head.lower_ in PLACE_PREPS:
        return True
    return head.dep_ == "dobj" and head.head.lemma_.lower() in PLACE_VERBS


def _plain_shape(doc: Doc, m: NameMention) -> bool:
    """Two or three capitalised words with no organisation word: the shape of a person's
    name ("Megda Belkacemi"; not "Instagram/Darian Lonechild" or "Smith Foundation")."""
    if not 2 <= len(m.words) <= 3 or any(w in ORG_HEAD_WORDS for w in m.words):
        return False
    return all(t.is_alpha and t.text[:1].isupper() and not t.is_upper for t in doc[m.start : m.end])


__all__ = ["group_features", "mention_features", "PRIOR"]

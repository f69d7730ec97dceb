"""Name mentions: the tagger's named entities with their spans repaired, plus the names it
missed where the syntax says a person stands ("Mr. Byron", "analyst Fyodor Tertitsky",
"Ana Ruiz said"). Nothing is typed for good here: the tagger's label is one piece of
evidence, weighed with the others per document in ``entities.py``.

Repairs, each a habit of the small English tagger on news pages:
- never across a line break; without leading "the", punctuation or a possessive tail;
- a person's span without the titles in front ("President Xi") and the sentence it ran
  into ("Putin said"), without a verb glued on in front ("Hosting Cook") or a score behind
  ("Ana Lopez 6-4");
- hyphenated names whole ("Kim Jong-un", not "Kim Jong-"), numbered organisations whole
  ("Teamsters Local 120"), listed names whole ("Meteorology, Climate and Geophysics
  Agency");
- a possessive inside a span splits it ("Vancouver's Bo Horvat": "Vancouver", "Bo Horvat");
- credits and datelines ("Ana Ruiz / Daily News", "JOHN DOE/AFP", "BUFFALO, N.Y. —") and
  names on headline, caption and link lines are marked as furniture: they introduce nobody.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Token

from newsgraph.extractors.attribution import QuoteContext
from newsgraph.extractors.given_names import COMMON_NAME_COUNT, given_name_count
from newsgraph.extractors.lexicon import (
    CALENDAR_WORDS,
    CUE_VERBS,
    HONORIFIC_GENDER,
    HYPHEN_SUFFIXES,
    MONTHS_DAYS,
    NAME_PARTICLES,
    NOT_NAME_START,
    NUMBERED_ORG_WORDS,
    ORG_HEAD_WORDS,
    PERSON_NOUNS,
    TITLE_END_WORDS,
    TITLE_WORDS,
    is_listed_role,
    is_role_word,
)
from newsgraph.extractors.names import name_tokens

KEPT_TYPES = frozenset(
    """
    PERSON ORG GPE LOC NORP FAC EVENT PRODUCT WORK_OF_ART LAW LANGUAGE
""".split()
)
POSSESSIVE = ("'s", "’s")
DASHES = frozenset("— – - --".split())


@dataclass(slots=True)
class NameMention:
    """A name in the text: tokens [start, end), the tagger's label ("" when it missed the
    name), the folded words, and whether it sits on page furniture or inside a quotation."""

    start: int
    end: int
    label: str
    words: list[str]
    furniture: bool = False
    quoted: bool = False


def find_mentions(doc: Doc, ctx: QuoteContext) -> list[NameMention]:
    """Every name mention of the document, in text order, none overlapping."""
    spans: list[tuple[int, int, str]] = []
    for ent in doc.ents:
        if ent.label_ in KEPT_TYPES:
            spans.extend(_repaired(doc, ent.start, ent.end, ent.label_))
    spans = _join_split_names(doc, spans)
    taken = _covered(spans)
    spans.extend(s for s in _missed_names(doc, taken) if not any(i in taken for i in range(*s[:2])))
    out: list[NameMention] = []
    last_end = -1
    person_starts = {s for s, _, lab in spans if lab == "PERSON"}
    for start, end, label in sorted(spans, key=lambda s: (s[0], -s[1])):
        if start < last_end:
            continue  # overlaps a mention kept already
        if label != "PERSON" and end in person_starts and is_role_word(doc[end - 1].lower_):
            continue  # "Lead Planner Erica Vanco": a title the tagger took for a name
        words = name_tokens(doc[start:end].text)
        if not words:
            continue
        out.append(
            NameMention(
                start,
                end,
                label,
                words,
                furniture=_furniture(doc, ctx, start, end),
                quoted=ctx.quote_of_token[start] is not None,
            )
        )
        last_end = end
    return out


def _join_split_names(
    doc: Doc, spans: list[tuple[int, int, str]]
) -> list[tuple[int, int, str]]:
    """Two spans side by side where the first is one given name ("Valeska" GPE, "Paris"
    GPE): one name, whose type the vote decides."""
    spans = sorted(spans)
    out: list[tuple[int, int, str]] = []
    for s, e, lab in spans:
        if out:
            ps, pe, plab = out[-1]
            t = doc[ps]
            if (
                pe == s
                and pe - ps == 1
                and t.is_title
                and t.whitespace_ == " "
                and given_name_count(t.lower_) > 0
                and doc[s].is_title
            ):
                out[-1] = (ps, e, "" if plab != lab else lab)
                continue
        out.append((s, e, lab))
    return out


def _covered(spans: list[tuple[int, int, str]]) -> set[int]:
    return {i for s, e, _ in spans for i in range(s, e)}


# ---------------------------------------------------------------- repairs


def _repaired(doc: Doc, start: int, end: int, label: str) -> list[tuple[int, int, str]]:
    """The repaired span(s) of one tagger entity: none, one, or two when a possessive, a
    slash or "of" after a person's name splits it."""
    for i in range(start + 1, end - 1):
        if doc[i].text in ("/", "|"):
            # "Luis Tato/AFP/Getty Images": a photo credit, each part on its own
            return [*_repaired(doc, start, i, label), *_repaired(doc, i + 1, end, label)]
        if doc[i].lower_ == "of" and _personal_name(doc, start, i):
            # "Jingyi Pan of IG": the person (as the shape and the syntax say), then the
            # organisation
            return [*_repaired(doc, start, i, "PERSON"), *_repaired(doc, i + 1, end, label)]
        if doc[i].lower_ in POSSESSIVE and doc[i + 1].text[:1].isupper():
            # "Vancouver's Bo Horvat": the owner and the name after it; the tagger's label
            # was for the whole and is no evidence for either
            return [
                *_repaired(doc, start, i, ""),
                *_repaired(doc, i + 1, end, ""),
            ]
    if label != "PERSON":
        for i in range(end - 3, start - 1, -1):
            if is_listed_role(doc[i].lower_) and given_name_count(doc[i + 1].lower_) > 0:
                # "Lead Planner Bianca Hall" (typed ORG): a title, then a person's name
                return _repaired(doc, i + 1, end, "")
    start, end = _widen(doc, start, end, label)
    fixed = _trim(doc, start, end, label)
    if fixed is None:
        return []
    if label == "PERSON" and fixed[1] - fixed[0] == 1:
        fixed = (_given_name_before(doc, fixed[0]), fixed[1])
    return [(*fixed, label)]


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


def _personal_name(doc: Doc, start: int, end: int) -> bool:
    """Two or three capitalised words, none an organisation word, that start with a known
    given name or speak ("Jingyi Pan of IG said")."""
    words = doc[start:end]
    if not (
        2 <= len(words) <= 3
        and all(t.is_alpha and t.text[:1].isupper() and not t.is_upper for t in words)
        and not any(t.lower_ in ORG_HEAD_WORDS or t.lower_.rstrip("s") in ORG_HEAD_WORDS
                    for t in words)
    ):
        return False
    head = words[-1]
    speaks = head.dep_ in ("nsubj", "nsubjpass") and head.head.lemma_.lower() in CUE_VERBS
    return speaks or given_name_count(words[0].lower_) > 0


def _widen(doc: Doc, start: int, end: int, label: str) -> tuple[int, int]:
    """Take back the parts of a name the tagger cut off."""
    n = len(doc)
    # "Kim Jong-" + "un": a hyphenated word is one word. (Not leftwards: a name does not
    # start inside a hyphenated title, "Sergeant-at-Arms Kevin Vickers".)
    while (
        label in ("PERSON", "ORG", "")
        and end + 1 < n
        and _glued_hyphen(doc, end - 1, end)
        and doc[end + (doc[end].text == "-")].lower_ not in HYPHEN_SUFFIXES
    ):
        end = min(end + 2, n) if doc[end].text == "-" else end + 1
    while start < end - 1 and start > 0 and _glued_hyphen(doc, start - 1, start):
        start += 1  # "Arms Kevin Vickers": the tail of "Sergeant-at-Arms" is no name
    # "Teamsters Local 120" (the tagger's span ending at "Local", or before it)
    if label in ("ORG", "FAC") and end + 1 < n and doc[end].lower_ in NUMBERED_ORG_WORDS and (
        doc[end].text[:1].isupper() and doc[end + 1].like_num
    ):
        end += 2
    elif (
        label in ("ORG", "FAC")
        and end < n
        and doc[end - 1].lower_ in NUMBERED_ORG_WORDS
        and doc[end].like_num
        and doc[end - 1].whitespace_
    ):
        end += 1
    # "the Meteorology, Climate and Geophysics Agency": a list of capitalised words cut
    if label in ("ORG", "FAC") and any(doc[i].lower_ in ("and", "&") for i in range(start, end)):
        while (
            start >= 2
            and doc[start - 1].text == ","
            and doc[start - 2].text[:1].isupper()
            and doc[start - 2].is_alpha
            and doc[start - 2].ent_iob_ == "O"
            and "\n" not in doc[start - 2].whitespace_
        ):
            start -= 2
    return start, end


def _glued_hyphen(doc: Doc, i: int, j: int) -> bool:
    """Tokens i and j (= i + 1) are parts of one hyphenated word: "Jong" "-" "un"."""
    a, b = doc[i], doc[j]
    if a.whitespace_:
        return False
    if b.text == "-":
        return j + 1 < len(doc) and not b.whitespace_ and doc[j + 1].is_alpha
    if a.text == "-":
        return b.is_alpha and i > 0 and not doc[i - 1].whitespace_ and doc[i - 1].is_alpha
    return False


def _trim(doc: Doc, start: int, end: int, label: str) -> tuple[int, int] | None:
    """Cut what is not the name; None when nothing name-like is left."""
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
        or doc[end - 1].lower_ in (*POSSESSIVE, "'", "’")
    ):
        end -= 1
    if label == "PERSON":
        while start < end - 1 and (
            doc[start].lower_ in NOT_NAME_START
            or doc[start].lower_ in TITLE_WORDS
            or _glued_verb(doc[start])
        ):
            start += 1
        # "Lead Planner Bianca Hall": titles the tagger took in, before a given name
        for i in range(end - 3, start - 1, -1):
            if is_listed_role(doc[i].lower_) and given_name_count(doc[i + 1].lower_) > 0 and (
                doc[i].lower_ not in NAME_PARTICLES
            ):
                start = i + 1
                break
        # A person's name is capitalised words (and particles); a lower-case word, a
        # weekday or a number means the tagger ran on ("Putin said", "Ana Lopez 6-4").
        for i in range(start, end):
            t = doc[i]
            glued = i >= 2 and doc[i - 1].text == "-" and not doc[i - 1].whitespace_ and not (
                doc[i - 2].whitespace_
            )  # "Kim Jong-un": the lower-case end of a hyphenated name
            if (
                (
                    t.text[:1].islower()
                    and t.lower_ not in NAME_PARTICLES
                    and not t.is_punct
                    and not glued
                )
                or t.lower_ in POSSESSIVE
                or t.lower_ in CALENDAR_WORDS
                or any(ch.isdigit() for ch in t.text)
            ):
                end = i
                break
        while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space):
            end -= 1
        if start < end and doc[start].text[:1].islower():
            return None
        if start < end and doc[end - 1].lower_.rstrip(".") in TITLE_END_WORDS:
            return None  # "Product Officer", "Design Lead": a title, no name
    if start >= end:
        return None
    if label == "WORK_OF_ART" and not _mostly_capitalised(doc, start, end):
        return None
    if end - start > 1 and doc[end - 1].lower_.rstrip(".") in TITLE_END_WORDS:
        return None  # "Holloway Events Founder", "Chief Product Officer": a title
    if not any(doc[i].text[:1].isupper() or doc[i].text[:1].isdigit() for i in range(start, end)):
        return None
    return start, end


def _glued_verb(t: Token) -> bool:
    """A capitalised verb form the tagger took into a name at a sentence start:
    "Hosting Cook at the fair, ...", "Asked Lee whether ..."."""
    if t.is_sent_start is not True:
        return False
    if t.tag_ in ("VBG", "VBD", "VBN", "VB", "VBZ") and t.pos_ == "VERB":
        return True
    # tagged as a name: a word in -ing is no given name ("Hosting", "Asking")
    return t.lower_.endswith("ing") and len(t.text) > 5 and given_name_count(t.lower_) == 0


def _mostly_capitalised(doc: Doc, start: int, end: int) -> bool:
    words = [t for t in doc[start:end] if t.is_alpha and not t.is_stop]
    return bool(words) and sum(t.text[0].isupper() for t in words) * 2 > len(words)


# ---------------------------------------------------------------- furniture


def _furniture(doc: Doc, ctx: QuoteContext, start: int, end: int) -> bool:
    """The mention introduces nobody: it sits on a headline, caption, credit or link line,
    is a photo credit ("Ana Ruiz / Daily News", "JOHN DOE/AFP") or a dateline
    ("BUFFALO, N.Y. —")."""
    at = doc[start].idx
    if ctx.lines.furniture_at(at) and not _quoting_line(ctx, at):
        return True
    before = doc[start - 1] if start > 0 else None
    after = doc[end] if end < len(doc) else None
    if (before is not None and before.text in ("/", "|")) or (
        after is not None and after.text in ("/", "|")
    ):
        return True
    return _dateline(doc, start, end)


def _quoting_line(ctx: QuoteContext, at: int) -> bool:
    """The line holds a quotation: a statement with its speaker ('"..." ― Sonya Herridge',
    '"..." -Commissioner X'), not a headline or a caption."""
    s, e = ctx.lines.bounds_at(at)
    return ctx.has_quoted_words((s, e))


def _dateline(doc: Doc, start: int, end: int) -> bool:
    """Capital letters at the start of a line, followed by a comma, a dash or a bracket:
    the place a story was filed from."""
    first = doc[start]
    line_start = start == 0 or "\n" in doc[start - 1].whitespace_ or "\n" in doc[start - 1].text
    if not line_start or not all(t.is_upper or not t.is_alpha for t in doc[start:end]):
        return False
    if end >= len(doc):
        return False
    nxt = doc[end]
    return nxt.text in (",", "(", *DASHES) and len(first.text) > 1


# ---------------------------------------------------------------- names the tagger missed


def _missed_names(doc: Doc, taken: set[int]) -> list[tuple[int, int, str]]:
    """Capitalised proper-noun phrases outside every entity: candidates, unlabelled. Most
    are no names of people ("Meiji", "Regent"); the vote decides. Those that stand where a
    person stands ("Mr. Byron", "analyst Fyodor Tertitsky", "Ana Ruiz said") or that
    repeat a person's surname ("Montalvo") become people there."""
    out: list[tuple[int, int, str]] = []
    for t in doc:
        if t.i in taken or not _name_word(t) or t.ent_iob_ != "O" or t.lower_ in MONTHS_DAYS:
            continue  # (a date or a number the tagger found is no name either)
        if t.i + 1 < len(doc) and _name_word(doc[t.i + 1]) and (t.i + 1) not in taken:
            continue  # not the last word of the phrase
        start = t.i
        while (
            start > 0
            and _name_word(doc[start - 1])
            and (start - 1) not in taken
            and doc[start - 1].ent_iob_ == "O"
            and doc[start - 1].lower_ not in MONTHS_DAYS
        ):
            start -= 1  # (not over a date: "August PBO report")
        before = doc[start - 1] if start > 0 else None
        if (
            before is not None
            and (start - 1) not in taken
            and before.is_title
            and before.is_alpha
            and "\n" not in before.whitespace_
            and before.pos_ != "PROPN"
            and given_name_count(before.lower_) >= COMMON_NAME_COUNT * 10
        ):
            start -= 1  # "Will Yates": a given name the tagger read as a word
        while start < t.i and (
            doc[start].lower_ in NOT_NAME_START
            or doc[start].lower_ in TITLE_WORDS
            or (start > 0 and _glued_hyphen(doc, start - 1, start))
        ):
            start += 1
        for k in range(t.i - 2, start - 1, -1):  # "Lead Planner Bianca Hall"
            if is_listed_role(doc[k].lower_) and given_name_count(doc[k + 1].lower_) > 0:
                start = k + 1
                break
        if (
            doc[start].lower_ in NOT_NAME_START
            or doc[start].lower_ in TITLE_WORDS
            or (start > 0 and _glued_hyphen(doc, start - 1, start))
        ):
            continue
        out.append((start, t.i + 1, ""))
    return out


def _name_word(t: Token) -> bool:
    return t.pos_ == "PROPN" and t.is_alpha and t.text[:1].isupper() and "\n" not in t.whitespace_


__all__ = ["KEPT_TYPES", "NameMention", "find_mentions"]

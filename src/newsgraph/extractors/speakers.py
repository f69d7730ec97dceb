"""Speaker resolution: from the mention as written to the entity it names.

A small resolver in the manner of Citron and the Gender Gap Tracker:
- a name inside the mention ("Seoul-based analyst Fyodor Tertitsky") is the speaker;
- an organisation or country heading the mention speaks for itself;
- "he"/"she" and definite nominals ("the expert", "the U.S. president") look back,
  sentence by sentence, for the nearest compatible person, preferring earlier speakers and
  subjects over people merely mentioned, and people named outside quotations;
- plural and indefinite mentions ("experts", "all three analysts", "a source") are groups:
  they keep the mention and get no entity.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from newsgraph.extractors.attribution import Attribution
from newsgraph.extractors.entities import Cluster, EntityIndex
from newsgraph.extractors.lexicon import (
    FIRST_PERSON,
    GROUP_NOUNS,
    ORG_NOUNS,
    PERSON_NOUNS,
    PLURAL_PRONOUNS,
    PRONOUN_GENDER,
)
from newsgraph.extractors.roles import RoleSpan, name_head

SPEAKER_TYPES = frozenset({"PERSON", "ORG", "GPE", "NORP"})
MAX_SENTENCES_BACK = 8
# Antecedent scores: a mention's role, minus a cost per sentence of distance.
ROLE_SCORE = {"speaker": 1.5, "subject": 0.5, "other": 0.0, "quoted": -2.0}
SENTENCE_COST = 1.0
INTRO_BONUS = 1.0  # as much as one sentence of distance
CATAPHOR_SENTENCES = 2
FEMALE_NOUNS = frozenset(
    """
        spokeswoman chairwoman congresswoman councilwoman woman mother daughter wife sister
        actress queen princess businesswoman
    """.split()
)
MALE_NOUNS = frozenset(
    """
        spokesman chairman congressman councilman man father son husband brother actor king
        prince businessman
    """.split()
)


# Nouns for documents that "say" things; they stand for their authors, whom we don't guess.
DOCUMENT_NOUNS = frozenset(
    "report study poll survey statement release paper document data numbers figures database "
    "tweet post letter email analysis review".split()
)


def _plural(head: Token) -> bool:
    """A plural noun; a hyphenated compound counts by its first word ("sergeant-at-arms")."""
    doc, i = head.doc, head.i
    while i >= 2 and doc[i - 1].text == "-":
        if doc[i - 2].whitespace_ or doc[i - 1].whitespace_:
            break
        i -= 2
    return doc[i].tag_ in ("NNS", "NNPS")


def _token_at(doc: Doc, char: int) -> int:
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    return span.start if span is not None else 0


class SpeakerResolver:
    def __init__(
        self,
        doc: Doc,
        index: EntityIndex,
        roles: dict[str, list[RoleSpan]],
        quoted_token: list[int | None],
        genders: dict[str, str] | None = None,
    ):
        self.doc = doc
        self.index = index
        self.roles = roles
        self.quoted_token = quoted_token
        self.genders = genders or {}
        self.sents = list(doc.sents)
        self.sent_of = [0] * len(doc)
        for k, s in enumerate(self.sents):
            for i in range(s.start, s.end):
                self.sent_of[i] = k
        # token index of a resolved speaker mention -> cluster (pronouns count as mentions)
        self.speaker_at: dict[int, Cluster] = {}
        self.subject_at: dict[int, Cluster] = {}  # resolved subject pronouns
        self._exclude: tuple[int, int] | None = None  # the statement being resolved

    # ------------------------------------------------------------ entry point
    def resolve(self, atts: list[Attribution]) -> list[Cluster | None]:
        """The entity of each statement's speaker. Statements and subject pronouns are
        resolved in text order, so that "he" in one sentence can lean on "he" before it."""
        doc = self.doc
        out: list[Cluster | None] = [None] * len(atts)
        steps: list[tuple[int, int, int]] = []  # (position, kind, index): 0 pronoun, 1 statement
        for t in doc:
            if (
                t.lower_ in PRONOUN_GENDER
                and t.dep_ in ("nsubj", "nsubjpass")
                and self.quoted_token[t.i] is None
            ):
                steps.append((t.i, 0, t.i))
        for k, a in enumerate(atts):
            pos = a.speaker_head if a.speaker_head is not None else _token_at(doc, a.content[0])
            steps.append((pos, 1, k))
        for _, kind, k in sorted(steps):
            if kind == 0:
                if k not in self.speaker_at:
                    self._exclude = None
                    c = self.antecedent(k, PRONOUN_GENDER[doc[k].lower_])
                    if c is not None:
                        self.subject_at[k] = c
                continue
            a = atts[k]
            c = None
            if a.floating:
                c = out[a.inherit_from] if a.inherit_from is not None else None
                c = self._focus_before(_token_at(doc, a.content[0]), c)
            elif a.speaker is not None:
                c = self.resolve_mention(*a.speaker, head=a.speaker_head, exclude=a.content)
            out[k] = c
            if c is not None and a.speaker is not None:
                head = (
                    a.speaker_head if a.speaker_head is not None else name_head(doc, *a.speaker).i
                )
                self.speaker_at[head] = c
                self.subject_at.pop(head, None)
        return out

    def resolve_mention(
        self, start: int, end: int, head: int | None = None, exclude: tuple[int, int] | None = None
    ) -> Cluster | None:
        """The entity a speaker mention (tokens [start, end)) names. ``exclude``: the
        characters of the statement itself, whose people are not its speaker."""
        doc = self.doc
        if start >= end:
            return None
        self._exclude = exclude
        head = doc[head] if head is not None and start <= head < end else name_head(doc, start, end)
        if any(c.dep_ == "conj" for c in head.children) and any(
            c.dep_ == "cc" and c.lower_ in ("and", "&") for c in head.children
        ):
            return None  # "Kim and Clark Moran": a group, not one person
        c = self.index.at(head.i)
        if c is not None and c.type in SPEAKER_TYPES:
            return c
        # a title noun with the name hanging on it: "analyst Fyodor Tertitsky" parsed oddly
        for t in doc[start:end]:
            pc = self.index.at(t.i)
            if (
                pc is not None
                and pc.type == "PERSON"
                and (t.head.i == head.i or head.head.i == t.i)
                and t.dep_ in ("appos", "compound", "nsubj", "npadvmod")
            ):
                return pc
        low = head.lower_
        appos = [x for x in head.children if x.dep_ == "appos" and x.pos_ == "PROPN"]
        appos = appos if head.pos_ == "NOUN" else []
        if appos:
            # "The ferry operator, Bayline, said": the name in apposition is the speaker
            named = self.index.at(appos[0].i)
            if named is not None and named.type in SPEAKER_TYPES:
                return named
            if low not in PERSON_NOUNS:
                return None
        if low in DOCUMENT_NOUNS:
            return self.author_of(head, start, end)
        if head.pos_ == "PROPN" and head.text[:1].isupper():
            return None  # a name that is no entity of ours: the mention speaks for itself
        if low in ORG_NOUNS:
            # "the TASS agency", "the Kremlin press office": the organisation named inside
            for t in doc[start:end]:
                oc = self.index.at(t.i)
                if oc is not None and oc.type in ("ORG", "GPE") and t.i < head.i:
                    return oc
            if low not in DOCUMENT_NOUNS and self._definite(head):
                return self.nearest_org(head.i)
        if head.pos_ == "PRON":
            noun = head.head.head
            if low in ("who", "that") and head.head.dep_ == "relcl" and noun.i < head.i:
                # "Kenza Tarek, who said ...": the relative pronoun stands for the noun
                return self.resolve_mention(noun.left_edge.i, noun.i + 1, head=noun.i)
            if low in PRONOUN_GENDER:
                return self.antecedent(head.i, PRONOUN_GENDER[low])
            return None  # they, we, I, it, who: groups or unknown
        if low in GROUP_NOUNS or _plural(head) or head.pos_ != "NOUN":
            return None
        gender = "f" if low in FEMALE_NOUNS else "m" if low in MALE_NOUNS else None
        if self._definite(head):
            # "the expert", "the 26-year-old right wing": someone said it, so a person
            return self.nominal_antecedent(head, start, end, gender)
        if low in PERSON_NOUNS and self._indefinite(head):
            # "A spokeswoman for Trudeau said ... “...,” said Eleanore Catenaro."
            return self.cataphor(head)
        return None

    def refer(self, start: int, end: int) -> Cluster | None:
        """The entity tokens [start, end) refer to, after ``resolve``: a resolved speaker
        or subject pronoun keeps its answer; anything else is resolved as a mention."""
        head = name_head(self.doc, start, end).i
        for table in (self.speaker_at, self.subject_at):
            if head in table:
                return table[head]
        return self.resolve_mention(start, end, head=head)

    # ------------------------------------------------------------ antecedents
    @staticmethod
    def _definite(head: Token) -> bool:
        dets = [c for c in head.children if c.dep_ in ("det", "poss")]
        return any(d.lower_ in ("the", "this", "that") for d in dets) and not any(
            c.lower_ in ("one", "a", "an", "another", "some") for c in head.children
        )

    @staticmethod
    def _indefinite(head: Token) -> bool:
        return any(
            c.lower_ in ("a", "an", "one", "another")
            for c in head.children
            if c.dep_ in ("det", "nummod")
        )

    def cataphor(self, head: Token) -> Cluster | None:
        """The person an indefinite description introduces: the first person named for the
        first time in the next two sentences."""
        k = self.sent_of[head.i]
        stop = self.sents[min(k + CATAPHOR_SENTENCES, len(self.sents) - 1)].end
        for i in range(head.right_edge.i + 1, stop):
            c = self.index.at(i)
            if (
                c is not None
                and c.type == "PERSON"
                and self.quoted_token[i] is None
                and min(s for s, _ in c.mentions) == i
            ):
                return c
        return None

    def antecedent(self, at: int, gender: str | None) -> Cluster | None:
        """The most likely compatible person before token ``at``: recent, a speaker or a
        subject rather than a person merely mentioned, named outside quotations."""
        k = self.sent_of[at]
        best: dict[str, float] = {}
        people: dict[str, Cluster] = {}
        for back in range(0, min(MAX_SENTENCES_BACK, k) + 1):
            sent = self.sents[k - back]
            limit = at if back == 0 else sent.end
            for c, role in self._mentions(sent.start, limit):
                if c.type != "PERSON":
                    continue  # "he" and "she" are people, not the organisation that spoke last
                known = self.genders.get(c.id)
                if gender is not None and known is not None and known != gender:
                    continue
                score = ROLE_SCORE[role] - SENTENCE_COST * back
                if role != "quoted" and sent.start <= min(m for m, _ in c.mentions) < limit:
                    score += INTRO_BONUS  # introduced here: reporters name, then quote
                if score > best.get(c.id, float("-inf")):
                    best[c.id] = score
                    people[c.id] = c
        if not best:
            return None
        return people[max(best, key=lambda cid: best[cid])]

    def _focus_before(self, at: int, previous: Cluster | None) -> Cluster | None:
        """A quotation with no cue of its own continues the previous speaker, unless the
        sentence right before it is about someone else ("Durning did not need much
        coaxing. “I'm thankful ...”")."""
        k = self.sent_of[at]
        if k == 0:
            return previous
        prev = self.sents[k - 1]
        subjects = [
            c for c, role in self._mentions(prev.start, prev.end) if role in ("subject", "speaker")
        ]
        if len(subjects) == 1 and subjects[0] is not previous:
            return subjects[0]
        return previous

    def _mentions(self, start: int, end: int) -> list[tuple[Cluster, str]]:
        """People mentioned in tokens [start, end), with the role of each mention:
        speaker, subject, other or quoted."""
        doc = self.doc
        out: list[tuple[Cluster, str]] = []
        ex = self._exclude
        for i in range(start, end):
            if ex is not None and ex[0] <= doc[i].idx < ex[1]:
                continue
            c = self.speaker_at.get(i)
            if c is not None:
                out.append((c, "speaker"))
                continue
            c = self.subject_at.get(i)
            if c is not None:
                out.append((c, "subject"))
                continue
            c = self.index.at(i)
            if c is None or c.type != "PERSON" or (i + 1 < end and self.index.at(i + 1) is c):
                continue  # not a person, or not the last token of the mention
            if self.quoted_token[i] is not None:
                role = "quoted"
            elif doc[i].dep_ in ("nsubj", "nsubjpass"):
                role = "subject"
            else:
                role = "other"
            out.append((c, role))
        return out

    def nominal_antecedent(
        self, head: Token, start: int, end: int, gender: str | None
    ) -> Cluster | None:
        """'the expert', 'the U.S. president': a person described that way, else the nearest
        salient person."""
        # the words in front of the noun: "the U.S. president" -> {"u.s."}
        words = {
            t.lower_
            for t in self.doc[head.left_edge.i : head.i + 1]
            if not t.is_punct and t.dep_ not in ("det", "poss")
        }
        described = [
            c
            for c in self.index.clusters
            if c.type == "PERSON"
            and c.mentions
            and min(s for s, _ in c.mentions) < head.i
            and any(self._describes(r, head.lower_, words) for r in self.roles.get(c.id, []))
        ]
        best = max(described, key=lambda c: c.last_token_before(head.i) or 0, default=None)
        if best is not None:
            return best
        if self._unnamed_before(head):
            return None
        return self.antecedent(head.i, gender)

    def _unnamed_before(self, head: Token) -> bool:
        """'a justice official said ...' then 'the official said': the definite description
        takes up the earlier indefinite one, and that person was never named."""
        lemma = head.lemma_.lower()
        for t in self.doc[: head.i]:
            if (
                t.pos_ == "NOUN"
                and t.lemma_.lower() == lemma
                and t.tag_ == "NN"
                and self._indefinite(t)
                and self.quoted_token[t.i] is None
                and self.cataphor(t) is None
            ):
                return True
        return False

    def author_of(
        self, head: Token, start: int, end: int, follow: bool = True
    ) -> Cluster | None:
        """A document speaks for its author: "her statement", "Infrastructure Canada's
        database", "a study by the Senate committee", "numbers from Statistics Canada",
        "a statement e-mailed to The Globe by Reagan Ruslim"."""
        doc = self.doc
        for t in doc[start : head.i]:
            # "the Civic Action study": the author named in front of the noun
            named = self.index.at(t.i)
            if named is not None and named.type in SPEAKER_TYPES and t.dep_ == "compound":
                return named
        for c in head.children:
            if c.dep_ == "poss":
                if c.lower_ in PRONOUN_GENDER:
                    return self.antecedent(c.i, PRONOUN_GENDER[c.lower_])
                owner = self.index.at(c.i)
                if owner is not None and owner.type in SPEAKER_TYPES:
                    return owner
        for t in doc[head.i + 1 : end]:
            if t.lower_ in ("by", "from") and t.dep_ in ("agent", "prep"):
                pobj = next((x for x in t.children if x.dep_ == "pobj"), None)
                author = self.index.at(pobj.i) if pobj is not None else None
                if author is not None and author.type in SPEAKER_TYPES:
                    return author
        if follow and self._definite(head):
            return self._document_antecedent(head)
        if follow and self._indefinite(head):
            # "Gatsby said its director was among the dead. A statement said ...": the
            # statement of whoever spoke in the sentence before
            return self._speaker_before(head.i)
        return None

    def _speaker_before(self, at: int) -> Cluster | None:
        """The speaker of the last statement in the previous sentence, if any."""
        k = self.sent_of[at]
        if k == 0:
            return None
        prev = self.sents[k - 1]
        spoken = [i for i in self.speaker_at if prev.start <= i < prev.end]
        return self.speaker_at[max(spoken)] if spoken else None

    def _document_antecedent(self, head: Token) -> Cluster | None:
        """'the statement', 'the report': the author of the same document mentioned
        before ("X said in a statement", "a report from Y", "Z's blog post")."""
        doc = self.doc
        lemma = head.lemma_.lower()
        for i in range(head.i - 1, -1, -1):
            t = doc[i]
            if t.pos_ != "NOUN" or t.lemma_.lower() != lemma or self.quoted_token[i] is not None:
                continue
            author = self._writer(t) or self.author_of(
                t, t.left_edge.i, t.right_edge.i + 1, follow=False
            )
            if author is not None:
                return author
        return None

    def _writer(self, noun: Token) -> Cluster | None:
        """Who said or wrote something in a document: "X said in a statement"."""
        prep = noun.head
        if noun.dep_ != "pobj" or prep.lower_ not in ("in", "on", "through", "via"):
            return None
        verb = prep.head
        if verb.pos_ not in ("VERB", "AUX"):
            return None
        subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is None:
            return None
        if subj.lower_ in PRONOUN_GENDER:
            return self.antecedent(subj.i, PRONOUN_GENDER[subj.lower_])
        named = self.index.at(subj.i)
        return named if named is not None and named.type in SPEAKER_TYPES else None

    def nearest_org(self, at: int) -> Cluster | None:
        """'the company', 'the ministry': the organisation named last before ``at``."""
        for i in range(at - 1, -1, -1):
            c = self.index.at(i)
            if c is not None and c.type == "ORG" and self.quoted_token[i] is None:
                return c
        return None

    @staticmethod
    def _describes(role: RoleSpan, noun: str, words: set[str]) -> bool:
        """The role fits 'the <words> <noun>': 'the U.S. president' fits President of U.S."""
        title_words = set((role.title or "").lower().split())
        place_words = set((role.place or "").lower().split())
        return noun in title_words and words - {noun} <= title_words | place_words


__all__ = ["SpeakerResolver", "FIRST_PERSON", "PLURAL_PRONOUNS"]

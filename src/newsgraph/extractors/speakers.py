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

from bisect import bisect_left

from spacy.tokens import Doc, Token

from newsgraph.extractors.antecedents import (
    PRIOR,
    WINDOW,
    Anaphor,
    Sighting,
    best,
    candidate_features,
)
from newsgraph.extractors.attribution import Attribution, QuoteContext
from newsgraph.extractors.entities import Cluster, EntityIndex
from newsgraph.extractors.lexicon import (
    CUE_VERBS,
    DESCRIPTION_KINDS,
    FEMALE_NOUNS,
    FIRST_PERSON,
    GROUP_NOUNS,
    MALE_NOUNS,
    ORG_NOUNS,
    PERSON_NOUNS,
    PLURAL_PRONOUNS,
    PRONOUN_GENDER,
    TITLE_WORDS,
)
from newsgraph.extractors.linear import LinearModel
from newsgraph.extractors.roles import RoleSpan, name_head

SPEAKER_TYPES = frozenset({"PERSON", "ORG", "GPE", "NORP"})
# Verbs whose subject is the author of the document they take ("X released a report").
PUBLISH_VERBS = frozenset("release publish issue file commission produce write post".split())
# How a name hangs on the title words of its mention ("Lead Planner Erica Vanco").
TITLE_LINKS = frozenset({"compound", "appos", "conj", "flat", "nmod", "amod", "nsubj", "npadvmod"})
CATAPHOR_SENTENCES = 2

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


def _two_named(head: Token) -> bool:
    """The mention coordinates two names ("Kim and Clark Moran"), not two titles of one
    person ("Co-Owner and Lead Planner Erica Vanco")."""
    def name(t: Token) -> bool:
        return t.pos_ == "PROPN" and t.lower_ not in TITLE_WORDS and t.lower_ not in PERSON_NOUNS

    conj = [c for c in head.children if c.dep_ == "conj"]
    has_and = any(c.dep_ == "cc" and c.lower_ in ("and", "&") for c in head.children)
    return has_and and name(head) and any(name(c) for c in conj)


def _body_ranks(furniture: list[bool]) -> list[int]:
    """For each unit (sentence, paragraph), how many body units (not furniture) come
    before it or are it."""
    out, n = [], 0
    for f in furniture:
        n += not f
        out.append(n)
    return out


def _anaphor_role(t: Token) -> str:
    """speaker (subject of a reporting verb), subject, possessive or other."""
    if t.dep_ in ("nsubj", "nsubjpass"):
        return "speaker" if t.head.lemma_.lower() in CUE_VERBS else "subject"
    return "possessive" if t.dep_ == "poss" else "other"


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
        model: LinearModel | None = None,
        context: QuoteContext | None = None,
    ):
        self.doc = doc
        self.index = index
        self.roles = roles
        self.quoted_token = quoted_token
        self.genders = genders or {}
        self.model = model or LinearModel("antecedents", dict(PRIOR))
        self.context = context
        people = [c for c in index.clusters if c.type == "PERSON"]
        self.first_person = people[0].id if people else None
        self._starts = {c.id: sorted(s for s, _ in c.mentions) for c in people}
        self.spoken: list[tuple[int, Cluster]] = []  # (speaker head, entity), text order
        self._spoken_at: list[int] = []  # the heads of ``spoken``, for bisection
        self.quote_owner: dict[int, str] = {}  # quotation index -> id of its named speaker
        self.sents = list(doc.sents)
        self.sent_of = [0] * len(doc)
        for k, s in enumerate(self.sents):
            for i in range(s.start, s.end):
                self.sent_of[i] = k
        # distances count body sentences and paragraphs only: "Story continues below
        # advertisement" between two paragraphs puts nobody further away
        self.body_sent = _body_ranks(
            [context is not None and context.lines.furniture_at(x[0].idx) for x in self.sents]
        )
        self.body_para = _body_ranks(
            [context.lines.furniture_at(a) for a, _ in context.paras] if context else [False]
        )
        self.resolved_at: dict[str, list[int]] = {}  # entity id -> pronoun mentions resolved
        # token index of a resolved speaker mention -> cluster (pronouns count as mentions)
        self.speaker_at: dict[int, Cluster] = {}
        self.subject_at: dict[int, Cluster] = {}  # resolved subject pronouns
        self._exclude: tuple[int, int] | None = None  # the statement being resolved
        self._org_at: list[int] | None = None  # organisation tokens outside quotations
        self._interviewee: Cluster | None = None
        self._interviewee_known = False
        self._nouns: dict[str, list[int]] | None = None  # noun lemma -> positions

    # ------------------------------------------------------------ entry point
    def resolve(self, atts: list[Attribution]) -> list[Cluster | None]:
        """The entity of each statement's speaker. Statements and subject pronouns are
        resolved in text order, so that "he" in one sentence can lean on "he" before it."""
        doc = self.doc
        out: list[Cluster | None] = [None] * len(atts)
        self._note_quote_owners(atts)
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
                        self.resolved_at.setdefault(c.id, []).append(k)
                continue
            a = atts[k]
            c = None
            if a.answer:
                c = self.interviewee(_token_at(doc, a.content[0]))
            elif a.floating:
                c = out[a.inherit_from] if a.inherit_from is not None else None
                c = self._focus_before(_token_at(doc, a.content[0]), c)
            elif a.speaker is not None:
                c = self.resolve_mention(*a.speaker, head_at=a.speaker_head, exclude=a.content)
            out[k] = c
            if c is not None and a.speaker is not None:
                head = (
                    a.speaker_head if a.speaker_head is not None else name_head(doc, *a.speaker).i
                )
                self.speaker_at[head] = c
                if self.index.at(head) is not c:  # a pronoun or description resolved
                    self.resolved_at.setdefault(c.id, []).append(head)
                self.subject_at.pop(head, None)
                self.spoken.append((head, c))
                self._spoken_at.append(head)
        return out

    def _note_quote_owners(self, atts: list[Attribution]) -> None:
        """The named speaker of each quotation ("“...,” Ana Ruiz said"): a pronoun inside
        it is rarely that speaker (who says "I")."""
        for a in atts:
            if a.speaker is None or a.speaker_head is None:
                continue
            c = self.index.at(a.speaker_head)
            if c is None or c.type != "PERSON":
                continue
            qi = self.quoted_token[_token_at(self.doc, a.content[0])]
            if qi is not None:
                self.quote_owner.setdefault(qi, c.id)

    def resolve_mention(
        self,
        start: int,
        end: int,
        head_at: int | None = None,
        exclude: tuple[int, int] | None = None,
    ) -> Cluster | None:
        """The entity a speaker mention (tokens [start, end), its head at ``head_at``)
        names. ``exclude``: the characters of the statement itself, whose people are not its
        speaker."""
        doc = self.doc
        if start >= end:
            return None
        self._exclude = exclude
        head = (
            doc[head_at]
            if head_at is not None and start <= head_at < end
            else name_head(doc, start, end)
        )
        if _two_named(head):
            return None  # "Kim and Clark Moran": a group, not one person
        c = self.index.at(head.i)
        if c is not None and c.type in SPEAKER_TYPES:
            return c
        named = self._titled_person(start, end, head)
        if named is not None:
            return named
        if any(c.dep_ == "conj" for c in head.children) and any(
            c.dep_ == "cc" and c.lower_ in ("and", "&") for c in head.children
        ):
            return None  # "the mayor and the governor": a group
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
            # "the TASS agency", "the Kremlin press office": the organisation named inside;
            # but "Russia's foreign ministry" is not Russia: it speaks as written
            for t in doc[start:end]:
                oc = self.index.at(t.i)
                if oc is not None and oc.type in ("ORG", "GPE") and t.i < head.i:
                    owner = self.index.at(t.i) is not None and any(
                        x.dep_ == "poss" for x in doc[t.i : head.i]
                    )
                    if oc.type == "GPE" and owner:
                        return None
                    return oc
            if low not in DOCUMENT_NOUNS and self._definite(head):
                return self.nearest_org(head.i)
        if head.pos_ == "PRON":
            noun = head.head.head
            if low in ("who", "that") and head.head.dep_ == "relcl" and noun.i < head.i:
                # "Kenza Tarek, who said ...": the relative pronoun stands for the noun
                return self.resolve_mention(noun.left_edge.i, noun.i + 1, head_at=noun.i)
            if low in PRONOUN_GENDER:
                return self.antecedent(head.i, PRONOUN_GENDER[low])
            if low == "it" and head.dep_ in ("nsubj", "nsubjpass"):
                return self.nearest_org(head.i)  # "Acme reported a loss. It said ..."
            return None  # they, we, I, who: groups or unknown
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
        return self.resolve_mention(start, end, head_at=head)

    def interviewee(self, at: int) -> Cluster | None:
        """Whom a Q&A interview's answers are from: the person named last before the first
        answer (the introduction names them), else the first person of the article."""
        if not self._interviewee_known:
            people = [c for c in self.index.clusters if c.type == "PERSON"]
            before = [c for c in people if c.first < at]
            self._interviewee = (
                max(before, key=lambda c: c.first) if before else (people[0] if people else None)
            )
            self._interviewee_known = True
        return self._interviewee

    def _titled_person(self, start: int, end: int, head: Token) -> Cluster | None:
        """The one person named inside a mention whose other words are titles hanging on
        the name ("analyst Fyodor Tertitsky", "Estera Events Co-Owner and Lead Planner
        Erica Vanco"): joined to the mention's head by compounds, appositions and
        coordinated titles only, not by a preposition or a possessive ("the wife of John
        Smith" is not John Smith)."""
        found: dict[str, Cluster] = {}
        for t in self.doc[start:end]:
            pc = self.index.at(t.i)
            if pc is None or pc.type != "PERSON" or pc.id in found:
                continue
            x, ok = t, True
            for _ in range(end - start):
                if x.i == head.i or not (start <= x.head.i < end) or x.head.i == x.i:
                    break
                if x.dep_ not in TITLE_LINKS or (x.dep_ == "conj" and self.index.at(x.i) is pc
                                                 and self.index.at(x.head.i) is not None):
                    ok = False
                    break
                x = x.head
            if ok and (x.i == head.i or head.head.i == x.i):
                found[pc.id] = pc
        return next(iter(found.values())) if len(found) == 1 else None

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

    def antecedent(
        self,
        at: int,
        gender: str | None,
        noun: str | None = None,
        described: frozenset[str] = frozenset(),
    ) -> Cluster | None:
        """The person token ``at`` ("he", "she", or the head of "the expert") most likely
        means, by the antecedent ranker (antecedents.py)."""
        return best(self.candidates(at, gender, noun, described), self.model.score)

    def _paragraph(self, i: int) -> int:
        """The body paragraph of token ``i``, counted without page furniture."""
        if self.context is None:
            return 0
        return self.body_para[self.context.para_index(self.doc[i].idx)]

    def candidates(
        self,
        at: int,
        gender: str | None,
        noun: str | None = None,
        described: frozenset[str] = frozenset(),
    ) -> list[tuple[Cluster, dict[str, float]]]:
        """The people before token ``at`` that it may mean, with their features."""
        k = self.sent_of[at]
        first = k
        while first > 0 and self.body_sent[k] - self.body_sent[first - 1] <= WINDOW:
            first -= 1
        sightings: list[Sighting] = []
        for j in range(first, k + 1):
            sent = self.sents[j]
            limit = at if j == k else sent.end
            for c, role, pos in self._mentions(sent.start, limit):
                if c.type == "PERSON":
                    sightings.append(Sighting(c, pos, role))
        qi = self.quoted_token[at]
        anaphor = Anaphor(
            at,
            gender,
            self.body_sent[k],
            self._paragraph(at),
            _anaphor_role(self.doc[at]),
            qi is not None,
            noun,
            described,
            frozenset(cid for cid, rs in self.roles.items() if rs) if noun else frozenset(),
            self.quote_owner.get(qi) if qi is not None else None,
        )
        k_spoken = bisect_left(self._spoken_at, at)
        last_speaker = self.spoken[k_spoken - 1][1].id if k_spoken else None
        salience = {
            cid: bisect_left(self._starts[cid], at)
            + bisect_left(self.resolved_at.get(cid, []), at)
            for cid in {s.cluster.id for s in sightings}
        }
        return candidate_features(
            anaphor,
            sightings,
            lambda i: self.body_sent[self.sent_of[i]],
            self._paragraph,
            self.first_person,
            last_speaker,
            self.genders,
            salience,
        )

    def _focus_before(self, at: int, previous: Cluster | None) -> Cluster | None:
        """A quotation with no cue of its own continues the previous speaker, unless the
        sentence right before it is about someone else ("Durning did not need much
        coaxing. “I'm thankful ...”")."""
        k = self.sent_of[at]
        if k == 0:
            return previous
        prev = self.sents[k - 1]
        subjects = [
            c for c, role, _ in self._mentions(prev.start, prev.end)
            if role in ("subject", "speaker")
        ]
        if len(subjects) == 1 and subjects[0] is not previous:
            return subjects[0]
        return previous

    def _mentions(self, start: int, end: int) -> list[tuple[Cluster, str, int]]:
        """People mentioned in tokens [start, end), with the role and the position of each
        mention: speaker, subject, other or quoted."""
        doc = self.doc
        out: list[tuple[Cluster, str, int]] = []
        ex = self._exclude
        for i in range(start, end):
            if ex is not None and ex[0] <= doc[i].idx < ex[1]:
                continue
            c = self.speaker_at.get(i)
            if c is not None:
                out.append((c, "speaker", i))
                continue
            c = self.subject_at.get(i)
            if c is not None:
                out.append((c, "subject", i))
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
            out.append((c, role, i))
        return out

    def nominal_antecedent(
        self, head: Token, start: int, end: int, gender: str | None
    ) -> Cluster | None:
        """'the expert', 'the U.S. president': the person the ranker picks, knowing whose
        titles fit the description; nobody when an unnamed person was introduced that way
        ("a justice official said ... the official said")."""
        described = self.described(head)
        if self._unnamed_before(head) and not described:
            return None
        return self.antecedent(head.i, gender, head.lower_, described)

    def described(self, head: Token) -> frozenset[str]:
        """Ids of the people named before ``head`` whose titles fit the description it
        heads ("the U.S. president": President of the U.S.)."""
        # the words in front of the noun: "the U.S. president" -> {"u.s."}
        words = {
            t.lower_
            for t in self.doc[head.left_edge.i : head.i + 1]
            if not t.is_punct and t.dep_ not in ("det", "poss")
        }
        return frozenset(
            c.id
            for c in self.index.clusters
            if c.type == "PERSON"
            and c.first < head.i
            and any(self._describes(r, head.lower_, words) for r in self.roles.get(c.id, []))
        )

    def _unnamed_before(self, head: Token) -> bool:
        """'a justice official said ...' then 'the official said': the definite description
        takes up the earlier indefinite one, and that person was never named."""
        for i in self._nouns_before(head):
            t = self.doc[i]
            if (
                t.tag_ == "NN"
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
        for i in reversed(self._nouns_before(head)):
            t = doc[i]
            if self.quoted_token[i] is not None:
                continue
            author = self._writer(t) or self.author_of(
                t, t.left_edge.i, t.right_edge.i + 1, follow=False
            )
            if author is not None:
                return author
        return None

    def _writer(self, noun: Token) -> Cluster | None:
        """Who said or wrote something in a document: "X said in a statement", "X
        released a report"."""
        if noun.dep_ in ("dobj", "nsubjpass") and noun.head.lemma_.lower() in PUBLISH_VERBS:
            verb = noun.head
            subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
            if noun.dep_ == "nsubjpass":
                agent = next((c for c in verb.children if c.dep_ == "agent"), None)
                subj = (
                    next((c for c in agent.children if c.dep_ == "pobj"), None) if agent else None
                )
            named = self.index.at(subj.i) if subj is not None else None
            return named if named is not None and named.type in SPEAKER_TYPES else None
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
        if self._org_at is None:
            self._org_at = [
                i
                for i in sorted(self.index.by_token)
                if self.index.by_token[i].type == "ORG" and self.quoted_token[i] is None
            ]
        k = bisect_left(self._org_at, at)
        return self.index.by_token[self._org_at[k - 1]] if k else None

    def _nouns_before(self, head: Token) -> list[int]:
        """Positions of the common nouns of ``head``'s lemma before it, in text order."""
        if self._nouns is None:
            self._nouns = {}
            for t in self.doc:
                if t.pos_ == "NOUN":
                    self._nouns.setdefault(t.lemma_.lower(), []).append(t.i)
        found = self._nouns.get(head.lemma_.lower(), [])
        return found[: bisect_left(found, head.i)]

    @staticmethod
    def _describes(role: RoleSpan, noun: str, words: set[str]) -> bool:
        """The role fits 'the <words> <noun>': 'the U.S. president' fits President of U.S.;
        'the expert' fits a senior research fellow (nouns of one kind, DESCRIPTION_KINDS)."""
        title_words = set((role.title or "").lower().split())
        place_words = set((role.place or "").lower().split())
        if noun in title_words:
            return words - {noun} <= title_words | place_words
        kind = DESCRIPTION_KINDS.get(noun)
        return kind is not None and words == {noun} and any(
            DESCRIPTION_KINDS.get(w) == kind for w in title_words
        )


__all__ = ["SpeakerResolver", "FIRST_PERSON", "PLURAL_PRONOUNS"]

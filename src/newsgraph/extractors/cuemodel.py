"""A learned attribution-cue detector: for each token, the probability that it heads a cue.

PolNeAR-style cues are broader than reporting verbs: speech ("said"), beliefs and findings
("believes", "the poll shows"), intentions and endorsements ("wants to", "urges ... to",
"called for"), some nouns ("a claim that"), "according to", and the colon of a transcript or
a headline ("TRUMP: ...", "Poll: ..."). The model is a logistic regression over binary
string features of the parse (``token_features``); its weights live in a JSON file and
prediction is plain Python (no scikit-learn at run time). ``train_cues.py`` builds it.

Candidates: every verb, plus the (part of speech, lemma) pairs that headed cues often enough
in training (":", "according", "claim" as a noun, ...); every other token scores 0.0.

    model = CueModel.load()                 # the shipped models/cues.json
    probs = model.scores(doc)               # one probability per token
    sparse = model.candidate_scores(doc)    # {token index: probability}, candidates only
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from spacy.attrs import DEP, ENT_TYPE, HEAD, IDX, LEMMA, LOWER, POS, SENT_START, TAG
from spacy.tokens import Doc

from newsgraph.extractors import lexicon
from newsgraph.extractors.lexicon import ORG_NOUNS, PERSON_NOUNS
from newsgraph.extractors.quotemarks import find_quoted

MODELS = Path(__file__).resolve().parent.parent / "models"
DEFAULT_MODEL = MODELS / "cues.json"
FORMAT = "newsgraph-cues/1"

QUOTE_CHARS = frozenset("\"“”„«»'‘’`")
SUBJ_DEPS = frozenset({"nsubj", "nsubjpass", "csubj"})
GROUP_ENTS = frozenset({"ORG", "GPE", "NORP"})
NEAR = 3  # tokens either side looked at for quotation marks, colons and commas
QUOTE_REACH = 12  # tokens looked at for the nearest quotation mark
# Word lists of lexicon.py used as features. The model file keeps the lists it was trained
# with, so later edits of lexicon.py do not change what a trained weight means.
LEXICON_LISTS = (
    "SPEECH_VERBS",
    "CUE_VERBS",
    "EVIDENCE_VERBS",
    "BELIEF_VERBS",
    "COGNITION_VERBS",
    "WEAK_CUES",
    "NP_CONTENT_CUES",
)
Lexicons = dict[str, frozenset[str]]


def current_lexicons() -> Lexicons:
    """The lexicon.py word lists as they are now (those that exist)."""
    return {
        name: frozenset(getattr(lexicon, name)) for name in LEXICON_LISTS if hasattr(lexicon, name)
    }


@dataclass(frozen=True, slots=True)
class Candidates:
    """Which tokens can head a cue: any lemma of ``all_pos``, else listed (pos, lemma)."""

    all_pos: frozenset[str] = frozenset({"VERB"})
    lemmas: Mapping[str, frozenset[str]] = field(default_factory=dict)

    def to_json(self) -> dict:
        return {
            "all_pos": sorted(self.all_pos),
            "lemmas": {p: sorted(ls) for p, ls in sorted(self.lemmas.items())},
        }

    @classmethod
    def from_json(cls, data: dict) -> Candidates:
        return cls(
            frozenset(data["all_pos"]), {p: frozenset(ls) for p, ls in data["lemmas"].items()}
        )


ANY_TOKEN = Candidates(
    frozenset(
        {
            "VERB",
            "AUX",
            "NOUN",
            "PROPN",
            "ADJ",
            "ADV",
            "ADP",
            "PUNCT",
            "PRON",
            "NUM",
            "DET",
            "SCONJ",
            "CCONJ",
            "PART",
            "INTJ",
            "X",
            "SYM",
        }
    )
)


# ---------------------------------------------------------------- reading the Doc


@dataclass(slots=True)
class DocView:
    """The per-token attributes of a Doc as plain lists (read once, used many times)."""

    doc: Doc
    lower: list[str]
    lemma: list[str]  # lower-cased
    pos: list[str]
    tag: list[str]
    dep: list[str]
    ent: list[str]
    head: list[int]
    sent_start: list[bool]
    children: list[list[int]]
    in_quote: list[bool]
    line_pos: list[int]  # tokens since the start of the line
    lexicons: Lexicons

    def __len__(self) -> int:
        return len(self.lower)


_ATTRS = [LOWER, LEMMA, POS, TAG, DEP, ENT_TYPE, HEAD, IDX, SENT_START]
_WRAP = 1 << 64


def _strings(doc: Doc, hashes: list[int], lower: bool = False) -> list[str]:
    store = doc.vocab.strings
    names = {h: store[h].lower() if lower else store[h] for h in set(hashes)}
    return [names[h] for h in hashes]


def quoted_flags(text: str, starts: Sequence[int]) -> list[bool]:
    """Whether each token (by start offset) lies inside a quoted passage."""
    flags = [False] * len(starts)
    quoted = find_quoted(text)
    qi = 0
    for i, at in enumerate(starts):
        while qi < len(quoted) and quoted[qi].end <= at:
            qi += 1
        if qi < len(quoted) and quoted[qi].start <= at < quoted[qi].end:
            flags[i] = True
    return flags


def doc_view(
    doc: Doc, in_quote: Sequence[object] | None = None, lexicons: Lexicons | None = None
) -> DocView:
    """Read a parsed Doc once. ``in_quote`` (per token; None or False outside a quotation)
    can be passed when the caller has it already (``QuoteContext.quote_of_token``)."""
    n = len(doc)
    cols = doc.to_array(_ATTRS).T.tolist() if n else [[] for _ in _ATTRS]
    lower = _strings(doc, cols[0])
    head = [(i + h) % _WRAP for i, h in enumerate(cols[6])]  # relative offsets, wrapped
    children: list[list[int]] = [[] for _ in range(n)]
    for i, h in enumerate(head):
        if h != i:
            children[h].append(i)
    line_pos = [0] * n
    k = 0
    for i, w in enumerate(lower):
        line_pos[i] = k
        k = 0 if "\n" in w else k + 1
    if in_quote is None:
        quoted = quoted_flags(doc.text, cols[7])
    else:
        quoted = [q is not None and q is not False for q in in_quote]
    return DocView(
        doc=doc,
        lower=lower,
        lemma=_strings(doc, cols[1], lower=True),
        pos=_strings(doc, cols[2]),
        tag=_strings(doc, cols[3]),
        dep=_strings(doc, cols[4]),
        ent=_strings(doc, cols[5]),
        head=head,
        sent_start=[s == 1 for s in cols[8]],
        children=children,
        in_quote=quoted,
        line_pos=line_pos,
        lexicons=current_lexicons() if lexicons is None else lexicons,
    )


def candidate_indices(v: DocView, cands: Candidates) -> list[int]:
    """Tokens that may head a cue (the others get probability 0)."""
    all_pos, lemmas = cands.all_pos, cands.lemmas
    out = []
    for i, p in enumerate(v.pos):
        if p in all_pos:
            out.append(i)
        else:
            ls = lemmas.get(p)
            if ls is not None and v.lemma[i] in ls:
                out.append(i)
    return out


# ---------------------------------------------------------------- feature groups


def _nominal_kind(v: DocView, j: int) -> str:
    """What kind of phrase token ``j`` heads: a person, a group, a pronoun, a noun."""
    ent = v.ent[j]
    if ent == "PERSON":
        return "person"
    if ent in GROUP_ENTS:
        return "group"
    p = v.pos[j]
    if p == "PRON":
        return "pron_" + v.lower[j] if v.lower[j] in ("it", "this", "that") else "pron"
    if p == "PROPN":
        return "propn"
    if p == "NOUN":
        lem = v.lemma[j]
        if lem in PERSON_NOUNS:
            return "person_noun"
        if lem in ORG_NOUNS:
            return "org_noun"
        return "noun"
    return p.lower()


def _subject(v: DocView, i: int) -> int | None:
    for c in v.children[i]:
        if v.dep[c] in SUBJ_DEPS:
            return c
    return None


def f_lexical(v: DocView, i: int) -> list[str]:
    """The word itself."""
    return ["l=" + v.lemma[i], "w=" + v.lower[i], "p=" + v.pos[i], "t=" + v.tag[i]]


def f_syntax(v: DocView, i: int) -> list[str]:
    """Its relation and its head."""
    h = v.head[i]
    out = ["d=" + v.dep[i], "pd=" + v.pos[i] + "|" + v.dep[i]]
    if h == i:
        out.append("root")
    else:
        out += ["hl=" + v.lemma[h], "hp=" + v.pos[h], "hd=" + v.dep[h]]
    return out


def f_head2(v: DocView, i: int) -> list[str]:
    """Its relation combined with its head's, and the grand-head's relation."""
    h = v.head[i]
    if h == i:
        return ["dhl=ROOT"]
    g = v.head[h]
    return [
        "dhl=" + v.dep[i] + "|" + v.lemma[h],
        "dhd=" + v.dep[i] + "|" + v.dep[h],
        "gd=" + ("ROOT" if g == h else v.dep[g]),
    ]


def f_children(v: DocView, i: int) -> list[str]:
    """Its dependents: complement clauses (and their "that"), objects, particles, prepositions."""
    out: list[str] = []
    for c in v.children[i]:
        d = v.dep[c]
        out.append("cd=" + d)
        if d == "prep":
            out.append("prep=" + v.lower[c])
        elif d in ("ccomp", "xcomp"):
            out.append(d + "=" + v.pos[c])
            for g in v.children[c]:
                if v.dep[g] == "mark":
                    out.append(d + "_mark=" + v.lower[g])
        elif d in ("dobj", "attr", "oprd"):
            out.append(d + "=" + _nominal_kind(v, c))
        elif d == "prt":
            out.append("prt=" + v.lower[c])
    return out


def f_subject(v: DocView, i: int) -> list[str]:
    """What kind of subject it has (a person, a group, a pronoun, ...), its own or its head's."""
    s = _subject(v, i)
    via = ""
    if s is None and v.dep[i] in ("conj", "xcomp", "advcl") and v.head[i] != i:
        s = _subject(v, v.head[i])
        via = "h"
    if s is None:
        return ["nosubj"]
    out = [f"subj{via}={_nominal_kind(v, s)}", "subjd=" + v.dep[s]]
    if v.pos[s] in ("NOUN", "PROPN") and not via:
        out.append("subjl=" + v.lemma[s])
    return out


def f_verbal(v: DocView, i: int) -> list[str]:
    """Auxiliaries, negation, the subject's word and entity type, a possessor."""
    out = []
    for c in v.children[i]:
        d = v.dep[c]
        if d in ("aux", "auxpass"):
            out.append("aux=" + v.lower[c])
        elif d == "neg":
            out.append("neg")
        elif d in SUBJ_DEPS:
            out.append("subjw=" + v.lower[c])
            if v.ent[c]:
                out.append("subje=" + v.ent[c])
        elif d == "poss":
            out.append("poss=" + _nominal_kind(v, c))
    return out


def f_context(v: DocView, i: int) -> list[str]:
    """The words next to it, and where it sits in its line and sentence."""
    n = len(v)
    prev = v.lower[i - 1] if i > 0 else "<s>"
    nxt = v.lower[i + 1] if i + 1 < n else "</s>"
    lp = v.line_pos[i]
    out = [
        "pw=" + prev,
        "nw=" + nxt,
        "lnw=" + v.lemma[i] + "|" + nxt,
        "pp=" + (v.pos[i - 1] if i > 0 else "<s>"),
        "np=" + (v.pos[i + 1] if i + 1 < n else "</s>"),
        "lp=" + (str(lp) if lp < 4 else "4+" if lp < 10 else "10+"),
    ]
    if v.sent_start[i]:
        out.append("sstart")
    return out


def f_window(v: DocView, i: int) -> list[str]:
    """Two words either side, and the part-of-speech bigrams around the token."""
    n = len(v)
    p2 = v.lower[i - 2] if i > 1 else "<s>"
    n2 = v.lower[i + 2] if i + 2 < n else "</s>"
    pp = v.pos[i - 1] if i > 0 else "<s>"
    np_ = v.pos[i + 1] if i + 1 < n else "</s>"
    return ["p2w=" + p2, "n2w=" + n2, "ppp=" + pp + "|" + v.pos[i], "ppn=" + v.pos[i] + "|" + np_]


def f_marks(v: DocView, i: int) -> list[str]:
    """Quotation marks, colons and commas close by; whether the token is quoted itself;
    for a punctuation candidate (":"), the word before it and what follows."""
    n = len(v)
    lower = v.lower
    out = ["inq" if v.in_quote[i] else "outq"]
    for j in range(max(0, i - NEAR), i):
        w = lower[j]
        if w[:1] in QUOTE_CHARS:
            out.append("qL")
        elif w == ":":
            out.append(":L")
        elif w == ",":
            out.append(",L")
    for j in range(i + 1, min(n, i + 1 + NEAR)):
        w = lower[j]
        if w[:1] in QUOTE_CHARS:
            out.append("qR")
        elif w == ":":
            out.append(":R")
    if v.pos[i] == "PUNCT":
        out.append("mark=" + lower[i])
        if i > 0:
            out.append("prevshape=" + v.doc[i - 1].shape_[:4] + "|" + v.ent[i - 1])
        if i + 1 < n:
            nw = lower[i + 1]
            if nw.startswith("\n"):
                out.append("mark_next=nl")
            elif nw[:1] in QUOTE_CHARS:
                out.append("mark_next=q")
    return out


def _quote_dist(v: DocView, i: int, step: int) -> str:
    j, k, n = i + step, 1, len(v)
    while 0 <= j < n and k <= QUOTE_REACH:
        w = v.lower[j]
        if "\n" in w:
            return "nl"
        if w[:1] in QUOTE_CHARS:
            return "1" if k == 1 else "2-3" if k <= 3 else "4-6" if k <= 6 else "7+"
        j += step
        k += 1
    return "none"


def f_quotes(v: DocView, i: int) -> list[str]:
    """How far the nearest quotation mark is on either side (within the line), and the
    '“...,” said X' pattern."""
    left = _quote_dist(v, i, -1)
    right = _quote_dist(v, i, 1)
    out = ["qdl=" + left, "qdr=" + right, "qdlr=" + left + "|" + right]
    if i > 1:
        a, b = v.lower[i - 2], v.lower[i - 1]
        if b == "," and a[:1] in QUOTE_CHARS:
            out.append("after_q_comma")
        elif a == "," and b[:1] in QUOTE_CHARS:
            out.append("after_comma_q")
    return out


def f_lexicon(v: DocView, i: int) -> list[str]:
    """Which of lexicon.py's word lists the lemma is in."""
    lem = v.lemma[i]
    return ["lex=" + name for name, words in v.lexicons.items() if lem in words]


Feature = Callable[[DocView, int], list[str]]
GROUPS: dict[str, Feature] = {
    "lexical": f_lexical,
    "syntax": f_syntax,
    "head2": f_head2,
    "children": f_children,
    "subject": f_subject,
    "verbal": f_verbal,
    "context": f_context,
    "window": f_window,
    "marks": f_marks,
    "quotes": f_quotes,
    "lexicon": f_lexicon,
}
ALL_GROUPS = tuple(GROUPS)


def token_features(v: DocView, i: int, groups: Sequence[str] = ALL_GROUPS) -> list[str]:
    out: list[str] = []
    for g in groups:
        out += GROUPS[g](v, i)
    return out


# ---------------------------------------------------------------- the model


def _sigmoid(z: float) -> float:
    if z >= 0:
        return 1.0 / (1.0 + math.exp(-z))
    e = math.exp(z)
    return e / (1.0 + e)


@dataclass(slots=True)
class CueModel:
    """Logistic regression over string features: p = sigmoid(bias + sum of their weights)."""

    weights: dict[str, float]
    bias: float
    groups: tuple[str, ...] = ALL_GROUPS
    lexicons: Lexicons = field(default_factory=current_lexicons)
    candidates: Candidates = field(default_factory=Candidates)
    meta: dict = field(default_factory=dict)

    @classmethod
    def load(cls, path: str | Path = DEFAULT_MODEL) -> CueModel:
        path = Path(path)
        if not path.exists():
            raise FileNotFoundError(
                f"cue model {path} is missing: rebuild it with "
                "`python -m newsgraph.extractors.train_cues`"
            )
        with open(path, encoding="utf-8") as f:
            data = json.load(f)
        if data.get("format") != FORMAT:
            raise ValueError(f"{path}: not a {FORMAT} file")
        unknown = set(data["groups"]) - set(GROUPS)
        if unknown:
            raise ValueError(f"{path}: unknown feature groups {sorted(unknown)}")
        return cls(
            weights={k: float(w) for k, w in data["weights"].items()},
            bias=float(data["bias"]),
            groups=tuple(data["groups"]),
            lexicons={k: frozenset(ws) for k, ws in data["lexicons"].items()},
            candidates=Candidates.from_json(data["candidates"]),
            meta=data.get("meta", {}),
        )

    def save(self, path: str | Path) -> Path:
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        data = {
            "format": FORMAT,
            "groups": list(self.groups),
            "candidates": self.candidates.to_json(),
            "lexicons": {k: sorted(ws) for k, ws in sorted(self.lexicons.items())},
            "meta": self.meta,
            "bias": round(self.bias, 6),
            "weights": {k: round(w, 5) for k, w in sorted(self.weights.items())},
        }
        with open(path, "w", encoding="utf-8") as f:
            json.dump(data, f, ensure_ascii=False, separators=(",", ":"))
            f.write("\n")
        return path

    def probability(self, feats: Sequence[str]) -> float:
        w = self.weights
        return _sigmoid(self.bias + sum(w.get(f, 0.0) for f in feats))

    def view(self, doc: Doc, in_quote: Sequence[object] | None = None) -> DocView:
        return doc_view(doc, in_quote, self.lexicons)

    def candidate_scores(
        self, doc: Doc, in_quote: Sequence[object] | None = None
    ) -> dict[int, float]:
        """{token index: probability} for the candidate tokens of ``doc``."""
        v = self.view(doc, in_quote)
        w, bias, groups = self.weights, self.bias, [GROUPS[g] for g in self.groups]
        out: dict[int, float] = {}
        for i in candidate_indices(v, self.candidates):
            z = bias
            for fn in groups:
                for f in fn(v, i):
                    z += w.get(f, 0.0)
            out[i] = _sigmoid(z)
        return out

    def scores(self, doc: Doc, in_quote: Sequence[object] | None = None) -> list[float]:
        """One probability per token of ``doc``; 0.0 for tokens that cannot head a cue."""
        out = [0.0] * len(doc)
        for i, p in self.candidate_scores(doc, in_quote).items():
            out[i] = p
        return out


__all__ = [
    "ALL_GROUPS",
    "ANY_TOKEN",
    "Candidates",
    "CueModel",
    "DEFAULT_MODEL",
    "DocView",
    "candidate_indices",
    "current_lexicons",
    "doc_view",
    "token_features",
]

"""A learned attribution-cue detector: for each token, the probability that it heads a cue.

PolNeAR-style cues are broader than reporting verbs: speech ("said"), beliefs and findings
("believes", "the poll shows"), intentions and endorsements ("wants to", "urges ... to",
"called for"), nouns ("a claim that"), "according to", and the colon of a transcript or a
headline ("TRUMP: ...", "Poll: ..."). The model is a logistic regression over binary string
features of the parse (see ``token_features``); its weights live in a JSON file and
prediction is plain Python (no scikit-learn at run time). ``train_cues.py`` builds it.

    model = CueModel.load()            # the shipped models/cues.json
    probs = model.scores(doc)          # one probability per token (0.0 for non-candidates)
    sparse = model.candidate_scores(doc)   # {token index: probability}, candidates only
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from spacy.tokens import Doc

from newsgraph.extract import lexicon
from newsgraph.extract.lexicon import ORG_NOUNS, PERSON_NOUNS
from newsgraph.extract.quotemarks import find_quoted

MODELS = Path(__file__).resolve().parent.parent / "models"
DEFAULT_MODEL = MODELS / "cues.json"
FORMAT = "newsgraph-cues/1"

# Parts of speech a cue head can have; punctuation only as these marks.
CANDIDATE_POS = frozenset({"VERB", "AUX", "NOUN"})
CANDIDATE_PUNCT = frozenset({":", "―", "—", "–", "-"})
QUOTE_CHARS = frozenset("\"“”„«»'‘’`")
SUBJ_DEPS = frozenset({"nsubj", "nsubjpass", "csubj"})
PERSON_ENTS = frozenset({"PERSON"})
GROUP_ENTS = frozenset({"ORG", "GPE", "NORP"})
NEAR = 3  # tokens either side looked at for quotation marks and colons
# Word lists of lexicon.py used as features. The model file keeps the lists it was trained
# with, so later edits of lexicon.py do not change what a trained weight means.
LEXICON_LISTS = (
    "SPEECH_VERBS", "CUE_VERBS", "EVIDENCE_VERBS", "BELIEF_VERBS", "COGNITION_VERBS",
    "WEAK_CUES", "NP_CONTENT_CUES",
)
Lexicons = dict[str, frozenset[str]]


def current_lexicons() -> Lexicons:
    """The lexicon.py word lists as they are now (those that exist)."""
    return {
        name: frozenset(getattr(lexicon, name))
        for name in LEXICON_LISTS
        if hasattr(lexicon, name)
    }


@dataclass(slots=True)
class DocView:
    """The per-token attributes of a Doc as plain lists (read once, used many times)."""

    text: list[str]
    lower: list[str]
    lemma: list[str]
    pos: list[str]
    tag: list[str]
    dep: list[str]
    head: list[int]
    ent: list[str]
    shape: list[str]
    children: list[list[int]]
    in_quote: list[bool]
    line_pos: list[int]  # tokens since the start of the line
    sent_start: list[bool]
    lexicons: Lexicons

    def __len__(self) -> int:
        return len(self.lower)


def quoted_tokens(doc: Doc) -> list[bool]:
    """Whether each token lies inside a quoted passage (quotemarks.find_quoted)."""
    flags = [False] * len(doc)
    quoted = find_quoted(doc.text)
    qi = 0
    for t in doc:
        while qi < len(quoted) and quoted[qi].end <= t.idx:
            qi += 1
        if qi < len(quoted) and quoted[qi].start <= t.idx < quoted[qi].end:
            flags[t.i] = True
    return flags


def doc_view(
    doc: Doc, in_quote: Sequence[object] | None = None, lexicons: Lexicons | None = None
) -> DocView:
    """Read a parsed Doc once. ``in_quote`` (per token: None or False outside a quotation)
    can be passed when the caller has it already (``QuoteContext.quote_of_token``)."""
    n = len(doc)
    head = [t.head.i for t in doc]
    children: list[list[int]] = [[] for _ in range(n)]
    for i, h in enumerate(head):
        if h != i:
            children[h].append(i)
    text = [t.text for t in doc]
    line_pos = [0] * n
    k = 0
    for i, w in enumerate(text):
        line_pos[i] = k
        k = 0 if "\n" in w else k + 1
    quoted = (
        quoted_tokens(doc)
        if in_quote is None
        else [q is not None and q is not False for q in in_quote]
    )
    return DocView(
        text=text,
        lower=[t.lower_ for t in doc],
        lemma=[t.lemma_.lower() for t in doc],
        pos=[t.pos_ for t in doc],
        tag=[t.tag_ for t in doc],
        dep=[t.dep_ for t in doc],
        head=head,
        ent=[t.ent_type_ for t in doc],
        shape=[t.shape_ for t in doc],
        children=children,
        in_quote=quoted,
        line_pos=line_pos,
        sent_start=[bool(t.is_sent_start) for t in doc],
        lexicons=current_lexicons() if lexicons is None else lexicons,
    )


def is_candidate(v: DocView, i: int) -> bool:
    """Tokens that may head a cue (others get probability 0)."""
    p = v.pos[i]
    if p == "PUNCT":
        return v.text[i] in CANDIDATE_PUNCT
    return p in CANDIDATE_POS


# ---------------------------------------------------------------- feature groups


def _nominal_kind(v: DocView, j: int) -> str:
    """What kind of phrase token ``j`` heads: a person, a group, a pronoun, a noun."""
    ent = v.ent[j]
    if ent in PERSON_ENTS:
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
    return ["l=" + v.lemma[i], "w=" + v.lower[i], "p=" + v.pos[i], "t=" + v.tag[i]]


def f_syntax(v: DocView, i: int) -> list[str]:
    h = v.head[i]
    out = ["d=" + v.dep[i], "pd=" + v.pos[i] + "|" + v.dep[i]]
    if h == i:
        out.append("root")
    else:
        out += ["hl=" + v.lemma[h], "hp=" + v.pos[h], "hd=" + v.dep[h]]
    return out


def f_children(v: DocView, i: int) -> list[str]:
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
    s = _subject(v, i)
    via = ""
    if s is None and v.dep[i] in ("conj", "xcomp", "advcl") and v.head[i] != i:
        s = _subject(v, v.head[i])
        via = "h"
    if s is None:
        return ["nosubj"]
    kind = _nominal_kind(v, s)
    out = [f"subj{via}={kind}", f"subjd={v.dep[s]}"]
    if v.pos[s] in ("NOUN", "PROPN") and not via:
        out.append("subjl=" + v.lemma[s])
    return out


def f_context(v: DocView, i: int) -> list[str]:
    n = len(v)
    prev = v.lower[i - 1] if i > 0 else "<s>"
    nxt = v.lower[i + 1] if i + 1 < n else "</s>"
    out = ["pw=" + prev, "nw=" + nxt, "lnw=" + v.lemma[i] + "|" + nxt]
    out.append("pp=" + (v.pos[i - 1] if i > 0 else "<s>"))
    out.append("np=" + (v.pos[i + 1] if i + 1 < n else "</s>"))
    lp = v.line_pos[i]
    out.append("lp=" + (str(lp) if lp < 4 else "4+" if lp < 10 else "10+"))
    if v.sent_start[i]:
        out.append("sstart")
    return out


def f_marks(v: DocView, i: int) -> list[str]:
    """Quotation marks and colons around the token, and whether it is quoted itself."""
    n = len(v)
    out = ["inq" if v.in_quote[i] else "outq"]
    for j in range(max(0, i - NEAR), i):
        w = v.text[j]
        if w and w[0] in QUOTE_CHARS:
            out.append("qL")
        elif w == ":":
            out.append(":L")
        elif w == ",":
            out.append(",L")
    for j in range(i + 1, min(n, i + 1 + NEAR)):
        w = v.text[j]
        if w and w[0] in QUOTE_CHARS:
            out.append("qR")
        elif w == ":":
            out.append(":R")
    if v.pos[i] == "PUNCT":
        out.append("mark=" + v.text[i])
        if i > 0:
            out.append("prevshape=" + v.shape[i - 1][:4] + "|" + v.ent[i - 1])
        if i + 1 < n:
            nw = v.text[i + 1]
            if nw.startswith("\n") or (nw and nw[0] in QUOTE_CHARS):
                out.append("mark_next=" + ("nl" if nw.startswith("\n") else "q"))
    return out


def f_lexicon(v: DocView, i: int) -> list[str]:
    lem = v.lemma[i]
    return ["lex=" + name for name, words in v.lexicons.items() if lem in words]


def f_pairs(v: DocView, i: int) -> list[str]:
    """Lemma-specific conjunctions: the same word as a cue or not, by its construction."""
    lem = v.lemma[i]
    deps = sorted({v.dep[c] for c in v.children[i]} & {"ccomp", "xcomp", "dobj", "prep"})
    return ["ld=" + lem + "|" + v.dep[i], "lc=" + lem + "|" + ",".join(deps)]


GROUPS = {
    "lexical": f_lexical,
    "syntax": f_syntax,
    "children": f_children,
    "subject": f_subject,
    "context": f_context,
    "marks": f_marks,
    "lexicon": f_lexicon,
    "pairs": f_pairs,
}
ALL_GROUPS = tuple(GROUPS)


def token_features(v: DocView, i: int, groups: Sequence[str] = ALL_GROUPS) -> list[str]:
    out: list[str] = []
    for g in groups:
        out.extend(GROUPS[g](v, i))
    return out


def doc_features(
    doc: Doc,
    groups: Sequence[str] = ALL_GROUPS,
    in_quote: Sequence[object] | None = None,
    lexicons: Lexicons | None = None,
) -> tuple[list[int], list[list[str]]]:
    """Candidate token indices of ``doc`` and their features."""
    v = doc_view(doc, in_quote, lexicons)
    idx = [i for i in range(len(v)) if is_candidate(v, i)]
    return idx, [token_features(v, i, groups) for i in idx]


# ---------------------------------------------------------------- the model


def _sigmoid(z: float) -> float:
    if z >= 0:
        return 1.0 / (1.0 + math.exp(-z))
    e = math.exp(z)
    return e / (1.0 + e)


@dataclass(slots=True)
class CueModel:
    """Logistic regression over string features: p = sigmoid(bias + sum of weights)."""

    weights: dict[str, float]
    bias: float
    groups: tuple[str, ...] = ALL_GROUPS
    lexicons: Lexicons = field(default_factory=current_lexicons)
    meta: dict = field(default_factory=dict)

    @classmethod
    def load(cls, path: str | Path = DEFAULT_MODEL) -> CueModel:
        path = Path(path)
        if not path.exists():
            raise FileNotFoundError(
                f"cue model {path} is missing: rebuild it with "
                "`python -m newsgraph.extract.train_cues`"
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
            lexicons={k: frozenset(v) for k, v in data["lexicons"].items()},
            meta=data.get("meta", {}),
        )

    def save(self, path: str | Path) -> Path:
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        data = {
            "format": FORMAT,
            "groups": list(self.groups),
            "lexicons": {k: sorted(v) for k, v in self.lexicons.items()},
            "bias": round(self.bias, 6),
            "meta": self.meta,
            "weights": {k: round(w, 5) for k, w in sorted(self.weights.items())},
        }
        with open(path, "w", encoding="utf-8") as f:
            json.dump(data, f, ensure_ascii=False, separators=(",", ":"))
            f.write("\n")
        return path

    def probability(self, feats: Sequence[str]) -> float:
        w = self.weights
        return _sigmoid(self.bias + sum(w.get(f, 0.0) for f in feats))

    def candidate_scores(
        self, doc: Doc, in_quote: Sequence[object] | None = None
    ) -> dict[int, float]:
        """{token index: probability} for the candidate tokens of ``doc``."""
        v = doc_view(doc, in_quote, self.lexicons)
        groups = self.groups
        return {
            i: self.probability(token_features(v, i, groups))
            for i in range(len(v))
            if is_candidate(v, i)
        }

    def scores(self, doc: Doc, in_quote: Sequence[object] | None = None) -> list[float]:
        """One probability per token of ``doc``; 0.0 for tokens that cannot head a cue."""
        out = [0.0] * len(doc)
        for i, p in self.candidate_scores(doc, in_quote).items():
            out[i] = p
        return out


__all__ = [
    "ALL_GROUPS",
    "CueModel",
    "DEFAULT_MODEL",
    "DocView",
    "doc_features",
    "doc_view",
    "is_candidate",
    "token_features",
]

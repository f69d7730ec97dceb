"""The metric primitives, defined exactly as the referee defines them.

Reimplemented from ``shared/referee/score.py`` (which the project cannot import): word
tokens, name normalisation, document keys, P/R/F1, bag-of-words overlap, greedy one-to-one
matching, token sets of character spans and 4-word shingles. Any change here must keep the
numbers identical to the referee's; ``tests/test_evaluate.py`` checks that.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Hashable, Iterable, Sequence
from pathlib import Path
from typing import Any, TypeVar

WORD = re.compile(r"\w+", re.UNICODE)
KNOWN_SUFFIXES = {".gz", ".html", ".htm", ".txt", ".text", ".warc", ".wet", ".json", ".jsonl"}
PRONOUNS = {"he", "she", "they", "it", "i", "we"}
THRESHOLDS = (0.3, 0.8)  # GGT quote-match thresholds on token coverage
MODES = ("strict", "loose")

Range = tuple[int, int]
Tokens = list[Range]
G = TypeVar("G")
P = TypeVar("P")


def words(s: str | None) -> list[str]:
    """Lower-cased ``\\w+`` tokens."""
    return [w.lower() for w in WORD.findall(s or "")]


def word_spans(text: str) -> Tokens:
    """Character ranges of the ``\\w+`` tokens of ``text``."""
    return [(m.start(), m.end()) for m in WORD.finditer(text)]


def norm_name(s: str | None) -> str:
    """A name for comparison: accents and hyphens dropped, lower-case words, no leading 'the'."""
    if not s:
        return ""
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c))
    w = words(s.replace("-", " "))
    if w[:1] == ["the"]:
        w = w[1:]
    return " ".join(w)


def doc_key(path: object) -> str:
    """File name without its known extensions: 'html/abc.html.gz' -> 'abc'."""
    name = Path(str(path).split("#")[0]).name
    while Path(name).suffix.lower() in KNOWN_SUFFIXES:
        name = name[: -len(Path(name).suffix)]
    return name


def prf(tp: int, n_pred: int, n_gold: int) -> dict[str, float]:
    """Precision, recall and F1, rounded to 4 places; 0.0 when undefined."""
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"p": round(p, 4), "r": round(r, 4), "f1": round(f, 4)}


def quote_text(q: dict[str, Any]) -> str | None:
    """The content text of a predicted quote, or None."""
    c = q.get("content") or {}
    return c.get("text") if isinstance(c, dict) else None


def is_speech(q: dict[str, Any]) -> bool:
    """A quote whose kind is speech (or unsaid): what the GGT and golden modes count."""
    return (q.get("kind") or "speech") == "speech"


def grouped_quotes(quotes: Iterable[dict[str, Any]]) -> list[dict[str, list[Any]]]:
    """Quotes sharing a ``group`` merged into one attribution, as the referee's PolNeAR mode
    does: each role a list of the pieces' spans (speaker and cue: the first that has one)."""
    out: list[dict[str, list[Any]]] = []
    by_group: dict[Any, dict[str, list[Any]]] = {}
    for q in quotes:
        g = q.get("group")
        if g is None:
            out.append({k: [q.get(k)] for k in ("speaker", "cue", "content")})
            continue
        if g not in by_group:
            by_group[g] = {"speaker": [], "cue": [], "content": []}
            out.append(by_group[g])
        for k in ("speaker", "cue", "content"):
            by_group[g][k].append(q.get(k))
    return out


def speaker_name(q: dict[str, Any]) -> str | None:
    """The resolved speaker name of a predicted quote, else the speaker mention as written."""
    name = q.get("speaker_name")
    if not name and isinstance(q.get("speaker"), dict):
        name = q["speaker"].get("text")
    return name


def bag_overlap(g: Sequence[Hashable], p: Sequence[Hashable]) -> tuple[float, float]:
    """(|g∩p|/|g|, |g∩p|/|p|) over word multisets."""
    cg, cp = Counter(g), Counter(p)
    inter = sum((cg & cp).values())
    return inter / max(len(g), 1), inter / max(len(p), 1)


def set_coverage(a: frozenset[int] | set[int], b: frozenset[int] | set[int]) -> tuple[float, float]:
    """(|a∩b|/|a|, |a∩b|/|b|) over token-index sets."""
    inter = len(a & b)
    return inter / max(len(a), 1), inter / max(len(b), 1)


def greedy_match(
    gold_items: Sequence[G],
    pred_items: Sequence[P],
    score: Callable[[G, P], tuple[float, float]],
    threshold: float,
) -> dict[str, list[tuple[int, int]]]:
    """One-to-one matching, best pairs first; ``score(g, p) -> (gold_cov, pred_cov)``.

    strict: both coverages >= threshold; loose (GGT's own rule): gold coverage only.
    Returns {"strict": [(gold index, pred index), ...], "loose": [...]}.
    """
    out: dict[str, list[tuple[int, int]]] = {}
    for mode in MODES:
        pairs = []
        for i, g in enumerate(gold_items):
            for j, p in enumerate(pred_items):
                gc, pc = score(g, p)
                s = min(gc, pc) if mode == "strict" else gc
                if s >= threshold:
                    pairs.append((s, i, j))
        pairs.sort(reverse=True)
        used_g: set[int] = set()
        used_p: set[int] = set()
        matched: list[tuple[int, int]] = []
        for _s, i, j in pairs:
            if i in used_g or j in used_p:
                continue
            used_g.add(i)
            used_p.add(j)
            matched.append((i, j))
        out[mode] = matched
    return out


def speaker_ok(gold_name: str | None, pred_name: str | None) -> bool:
    """Same person: the normalised names are equal (and the gold name is not empty)."""
    return bool(gold_name) and norm_name(gold_name) == norm_name(pred_name)


def surname_ok(gold_name: str | None, pred_name: str | None) -> bool:
    """The last words of the normalised names are equal."""
    g, p = norm_name(gold_name).split(), norm_name(pred_name).split()
    return bool(g) and bool(p) and g[-1] == p[-1]


def tokset(toks: Tokens, ranges: Iterable[Range]) -> frozenset[int]:
    """Indices of the tokens lying wholly inside any of the character ranges."""
    return frozenset(k for s, e in ranges for k, (a, b) in enumerate(toks) if a >= s and b <= e)


def shingles(text: str | None, n: int = 4) -> Counter[tuple[str, ...]]:
    """Multiset of n-word shingles (case kept); a text shorter than n is one shingle."""
    t = WORD.findall(text or "")
    return Counter(tuple(t[i : i + n]) for i in range(max(1, len(t) - n + 1)) if t[i : i + n])


def excerpt(s: str | None, n: int = 60) -> str:
    """The first ``n`` characters of ``s`` (the referee's excerpt length)."""
    return (s or "")[:n]

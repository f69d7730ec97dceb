"""PolNeAR evaluation: attribution relations (Source, Cue, Content) in brat standoff.

Gold is read by :mod:`newsgraph.corpora.polnear` (first annotator file by name, multi-range
spans), which follows the referee's reading. Every span becomes the set of ``\\w+`` tokens
lying wholly inside its ranges. Per role: *exact* matches are equal token sets (a multiset
intersection of gold and predicted sets), *token* scores compare the union of all gold
tokens with the union of all predicted tokens of the article. An *attribution* matches when
the contents' token Jaccard is >= 0.5 and the sources share a token (or both have none);
each gold attribution takes the first unused prediction that matches, in file order.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newsgraph.corpora.polnear import Article, load_split
from newsgraph.evaluate.errors import EvalError, cannot_read, text_differs
from newsgraph.evaluate.metrics import (
    Range,
    Tokens,
    excerpt,
    grouped_quotes,
    prf,
    tokset,
    word_spans,
)
from newsgraph.evaluate.predictions import Predictions, Record, index_predictions
from newsgraph.evaluate.report import Report

ROLES = ("source", "cue", "content")
PRED_KEYS = {"source": "speaker", "cue": "cue", "content": "content"}
JACCARD = 0.5
Details = dict[str, list[dict[str, Any]]]


@dataclass(slots=True)
class _Att:
    """One attribution as token sets, with its ranges for excerpts."""

    content: frozenset[int]
    source: frozenset[int]
    content_ranges: list[Range]
    source_ranges: list[Range]


def load_polnear(root: str | Path) -> list[Article]:
    """The annotated articles of a split directory (``text/``, ``attributions/``)."""
    root = Path(root)
    for sub in ("text", "attributions"):
        if not (root / sub).is_dir():
            raise EvalError(f"{root} is not a PolNeAR split: no {sub}/ folder")
    if not any((root / "attributions").glob("*.ann")):
        raise EvalError(f"{root}/attributions holds no .ann files")
    try:
        return load_split(root)
    except (OSError, UnicodeError, ValueError) as e:
        raise cannot_read("PolNeAR split", root, e) from None


def _pred_roles(d: Record) -> list[dict[str, list[Range]]]:
    """Each attribution's spans; quotes sharing a group are one attribution (content: the
    union of the pieces; source and cue: the first piece's)."""
    out = []
    for q in grouped_quotes(d.get("quotes", [])):
        a: dict[str, list[Range]] = {}
        for role in ROLES:
            spans = [
                (sp["start"], sp["end"])
                for sp in q[PRED_KEYS[role]]
                if isinstance(sp, dict) and sp.get("start") is not None
            ]
            a[role] = spans if role == "content" else spans[:1]
        out.append(a)
    return out


def _gold_roles(art: Article) -> list[dict[str, list[Range]]]:
    return [{"source": a.source, "cue": a.cue, "content": a.content} for a in art.attributions]


def _score_role(
    tot: Counter[str], role: str, toks: Tokens, gold: list[dict], pred: list[dict]
) -> None:
    gs = [s for s in (tokset(toks, g[role]) for g in gold if g[role]) if s]
    ps = [s for s in (tokset(toks, p[role]) for p in pred if p[role]) if s]
    tot[f"{role}_gold"] += len(gs)
    tot[f"{role}_pred"] += len(ps)
    tot[f"{role}_exact"] += sum((Counter(gs) & Counter(ps)).values())
    gu = frozenset().union(*gs) if gs else frozenset()
    pu = frozenset().union(*ps) if ps else frozenset()
    tot[f"{role}_tok_gold"] += len(gu)
    tot[f"{role}_tok_pred"] += len(pu)
    tot[f"{role}_tok_tp"] += len(gu & pu)


def _atts(toks: Tokens, items: list[dict[str, list[Range]]]) -> list[_Att]:
    return [
        _Att(tokset(toks, a["content"]), tokset(toks, a["source"]), a["content"], a["source"])
        for a in items
        if a["content"]
    ]


def _content_match(g: _Att, p: _Att) -> bool:
    return bool(g.content and p.content) and (
        len(g.content & p.content) / len(g.content | p.content) >= JACCARD
    )


def _source_match(g: _Att, p: _Att) -> bool:
    return bool(g.source & p.source) or (not g.source and not p.source)


def _match_attributions(ga: list[_Att], pa: list[_Att]) -> list[tuple[int, int]]:
    """The referee's matching: each gold takes the first unused prediction that matches."""
    used: set[int] = set()
    pairs = []
    for i, g in enumerate(ga):
        for j, p in enumerate(pa):
            if j not in used and _content_match(g, p) and _source_match(g, p):
                used.add(j)
                pairs.append((i, j))
                break
    return pairs


def _cut(text: str, ranges: list[Range]) -> str:
    return excerpt(" … ".join(text[s:e] for s, e in ranges)) if ranges else ""


def _note_errors(
    details: Details,
    stem: str,
    text: str,
    ga: list[_Att],
    pa: list[_Att],
    pairs: list[tuple[int, int]],
) -> None:
    """Unmatched gold with a content match among unmatched predictions: wrong source;
    other unmatched gold: missed; unmatched predictions left: extra."""
    free_g = [i for i in range(len(ga)) if i not in {i for i, _ in pairs}]
    free_p = [j for j in range(len(pa)) if j not in {j for _, j in pairs}]
    for i in free_g:
        g = ga[i]
        j = next((j for j in free_p if _content_match(g, pa[j])), None)
        if j is None:
            details["missed"].append(
                {
                    "doc": stem,
                    "content": _cut(text, g.content_ranges),
                    "source": _cut(text, g.source_ranges),
                }
            )
            continue
        free_p.remove(j)
        details["wrong_speaker"].append(
            {
                "doc": stem,
                "content": _cut(text, g.content_ranges),
                "gold": _cut(text, g.source_ranges),
                "pred": _cut(text, pa[j].source_ranges),
            }
        )
    for j in free_p:
        details["extra"].append(
            {
                "doc": stem,
                "content": _cut(text, pa[j].content_ranges),
                "source": _cut(text, pa[j].source_ranges),
            }
        )


def _score_article(tot: Counter[str], details: Details, art: Article, d: Record) -> None:
    toks = word_spans(art.text)
    gold, pred = _gold_roles(art), _pred_roles(d)
    for role in ROLES:
        _score_role(tot, role, toks, gold, pred)
    ga, pa = _atts(toks, gold), _atts(toks, pred)
    pairs = _match_attributions(ga, pa)
    tot["att_gold"] += len(ga)
    tot["att_pred"] += len(pa)
    tot["att_tp"] += len(pairs)
    _note_errors(details, art.stem, art.text, ga, pa, pairs)


def summary_line(res: dict[str, Any]) -> str:
    """The referee's one-line summary of a PolNeAR evaluation."""
    return (
        f"polnear: exact F1 source {res['source_exact']['f1']} cue {res['cue_exact']['f1']} "
        f"content {res['content_exact']['f1']}; token F1 content {res['content_token']['f1']}; "
        f"attribution F1 {res['attribution']['f1']}"
    )


def evaluate_polnear(predictions: Predictions, gold: str | Path | list[Article]) -> Report:
    """Score predictions (made in raw mode on the split's texts) against a PolNeAR split.

    Raises EvalError when a prediction's text is not the article text.
    """
    preds = index_predictions(predictions)
    articles = load_polnear(gold) if isinstance(gold, str | Path) else gold
    tot: Counter[str] = Counter()
    missing: list[str] = []
    details: Details = {"missed": [], "extra": [], "wrong_speaker": []}
    for art in sorted(articles, key=lambda a: a.stem):
        d = preds.get(art.stem)
        if d is None:
            missing.append(art.stem)
            d = {"text": art.text, "quotes": []}
        if (d.get("text") or "") != art.text:
            raise text_differs(art.stem, d)
        _score_article(tot, details, art, d)
    res: dict[str, Any] = {"documents": len(articles), "documents_missing": len(missing)}
    for role in ROLES:
        res[f"{role}_exact"] = prf(tot[f"{role}_exact"], tot[f"{role}_pred"], tot[f"{role}_gold"])
        res[f"{role}_token"] = prf(
            tot[f"{role}_tok_tp"], tot[f"{role}_tok_pred"], tot[f"{role}_tok_gold"]
        )
    res["attribution"] = prf(tot["att_tp"], tot["att_pred"], tot["att_gold"])
    details["documents_missing"] = [{"doc": m} for m in missing]
    return Report("polnear", res, summary_line(res), not missing, details)


def score_polnear(predictions: Predictions, gold: str | Path | list[Article]) -> dict[str, Any]:
    """The referee's figures for a PolNeAR split (see :func:`evaluate_polnear`)."""
    return evaluate_polnear(predictions, gold).scores

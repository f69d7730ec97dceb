"""Entities and pronouns against GUM's coreference layer (108 documents, every mention typed
and chained). No rule was written while looking at these texts, so the figures estimate how
the entity layer does on text nobody here has seen.

Figures (``evaluate_gum``):
- ``person_mentions``: our PERSON mentions against GUM's named person mentions (a mention
  whose minimal span starts and ends with a proper noun other than a title). A prediction
  is right when it lies inside a gold person mention and overlaps its minimal span ("Ahmed
  Mohamed" in "student Ahmed Mohamed"); recall counts the named ones found;
  ``wrong_type`` counts predictions on a named mention of another type (place,
  organisation, ...).
- ``people``: per document, our PERSON entities against GUM's named person chains: an
  entity is right when most of its mentions fall on one person chain; ``split`` counts
  chains shared by two or more of our entities (a surname not joined to its full name).
- ``pronouns``: "he"/"she"/"him"/"his"/"her" outside quotations whose chain has a named
  mention before them: right when the entity we resolve them to has a mention on that
  chain. ``speaker_pronouns`` is the subset that is the subject of a reporting verb.
- ``nominals``: "the <person noun>" mentions ("the expert") with a named antecedent.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from spacy.tokens import Doc

from newsgraph.corpora.gum import GumDoc, Mention, load_gum
from newsgraph.extractors.learned import Models
from newsgraph.extractors.lexicon import PERSON_NOUNS, PRONOUN_GENDER, SPEECH_VERBS

PRONOUNS = frozenset({"he", "him", "his", "she", "her", "hers"})
Range = tuple[int, int]


def _prf(tp_p: int, n_pred: int, tp_r: int, n_gold: int) -> dict[str, float]:
    p = tp_p / n_pred if n_pred else 0.0
    r = tp_r / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"p": round(p, 4), "r": round(r, 4), "f1": round(f, 4), "pred": n_pred, "gold": n_gold}


class _Gold:
    """One document's gold mentions with lookups by character."""

    def __init__(self, g: GumDoc):
        self.doc = g
        self.named = [m for m in g.mentions if m.proper]
        self.person_named = [m for m in self.named if m.type == "person"]
        self.persons = [m for m in g.mentions if m.type == "person"]
        self.chains = g.chains()
        self.starts = [m.start for m in g.mentions]

    def person_at(self, s: int, e: int) -> Mention | None:
        """The innermost person mention that holds [s, e) and overlaps its minimal span
        ("Ahmed Mohamed" in "student Ahmed Mohamed")."""
        best = None
        for m in self.persons:
            if m.start <= s and e <= m.end and s < m.min_end and m.min_start < e and (
                best is None or m.end - m.start < best.end - best.start
            ):
                best = m
        return best

    def other_named_at(self, s: int, e: int) -> Mention | None:
        for m in self.named:
            if m.type != "person" and m.min_start < e and s < m.min_end:
                return m
        return None

    def chain_at(self, s: int, e: int) -> set[str]:
        """Chains of the person mentions whose minimal span overlaps [s, e)."""
        return {
            m.chain
            for m in self.doc.mentions
            if m.type == "person" and m.min_start < e and s < m.min_end
        }


def _named_before(g: _Gold, chain: str, at: int) -> bool:
    return any(m.proper and m.start < at for m in g.chains.get(chain, []))


def score_document(
    g: GumDoc,
    people: Sequence[Sequence[Range]],
    resolved: dict[Range, Sequence[Range] | None],
    speech_subjects: Iterable[Range] = (),
) -> Counter[str]:
    """Counts for one document. ``people``: our PERSON entities, each a list of mention
    character spans. ``resolved``: for gold pronoun and nominal spans we were asked about
    (``queries``), the mention spans of the entity we resolved them to (None: unresolved)."""
    gold = _Gold(g)
    tot: Counter[str] = Counter()
    # mentions
    tot["pm_gold"] += len(gold.person_named)
    found: set[int] = set()
    for ent in people:
        for s, e in ent:
            tot["pm_pred"] += 1
            m = gold.person_at(s, e)
            if m is not None:
                tot["pm_tp"] += 1
                found.update(
                    id(n) for n in gold.person_named
                    if n.start <= s and e <= n.end and s < n.min_end and n.min_start < e
                )
            elif gold.other_named_at(s, e) is not None:
                tot["pm_wrong_type"] += 1
    tot["pm_found"] += len(found)
    # entities
    person_chains = {m.chain for m in gold.person_named}
    tot["pe_gold"] += len(person_chains)
    chains_hit: Counter[str] = Counter()  # named person chains, by our entities on them
    for ent in people:
        tot["pe_pred"] += 1
        votes: Counter[str] = Counter()
        for s, e in ent:
            m = gold.person_at(s, e)
            if m is not None:
                votes[m.chain] += 1
        if votes:
            chain, n = votes.most_common(1)[0]
            if n * 2 > len(ent):
                tot["pe_tp"] += 1
                if chain in person_chains:
                    chains_hit[chain] += 1
    tot["pe_found"] += len(chains_hit)
    tot["pe_split"] += sum(1 for n in chains_hit.values() if n > 1)
    # pronouns and nominals
    speech = set(speech_subjects)
    for span, kind in queries(g):
        chain = _query_chain(gold, span)
        if chain is None:
            continue
        ant = resolved.get(span)
        ok = ant is not None and any(chain in gold.chain_at(s, e) for s, e in ant)
        tot[f"{kind}_n"] += 1
        tot[f"{kind}_answered"] += ant is not None
        tot[f"{kind}_ok"] += ok
        if kind == "pro" and span in speech:
            tot["sp_n"] += 1
            tot["sp_ok"] += ok
    return tot


def _query_chain(gold: _Gold, span: Range) -> str | None:
    for m in gold.doc.mentions:
        if (m.start, m.end) == span and m.type == "person":
            return m.chain if _named_before(gold, m.chain, m.start) else None
    return None


def queries(g: GumDoc) -> list[tuple[Range, str]]:
    """The gold mentions a resolver is asked about: third-person singular pronouns ("pro")
    and definite person descriptions ("nom": "the expert"), with a named antecedent."""
    gold = _Gold(g)
    out: list[tuple[Range, str]] = []
    for m in g.mentions:
        if m.type != "person" or not _named_before(gold, m.chain, m.start):
            continue
        words = g.text[m.start : m.end].lower().split()
        if len(words) == 1 and words[0] in PRONOUNS:
            out.append(((m.start, m.end), "pro"))
        elif len(words) == 2 and words[0] == "the" and words[1] in PERSON_NOUNS:
            out.append(((m.start, m.end), "nom"))
    return out


def figures(tot: Counter[str]) -> dict[str, Any]:
    def acc(k: str) -> float:
        return round(tot[f"{k}_ok"] / tot[f"{k}_n"], 4) if tot[f"{k}_n"] else 0.0

    return {
        "person_mentions": {
            **_prf(tot["pm_tp"], tot["pm_pred"], tot["pm_found"], tot["pm_gold"]),
            "wrong_type": tot["pm_wrong_type"],
        },
        "people": {
            **_prf(tot["pe_tp"], tot["pe_pred"], tot["pe_found"], tot["pe_gold"]),
            "split": tot["pe_split"],
        },
        "pronouns": {"acc": acc("pro"), "n": tot["pro_n"], "answered": tot["pro_answered"]},
        "speaker_pronouns": {"acc": acc("sp"), "n": tot["sp_n"]},
        "nominals": {"acc": acc("nom"), "n": tot["nom_n"], "answered": tot["nom_answered"]},
    }


def _token_span(doc: Doc, span: Range) -> tuple[int, int] | None:
    sp = doc.char_span(span[0], span[1], alignment_mode="expand")
    return (sp.start, sp.end) if sp is not None and len(sp) else None


def run_document(g: GumDoc, doc: Doc, models: Models | None = None) -> Counter[str]:
    """Extract one GUM document (with ``models`` other than the shipped ones, for
    cross-validation) and count against its gold."""
    from newsgraph.extractors import analyse

    state = analyse(doc, models=models)
    people = [
        [(doc[s].idx, doc[e - 1].idx + len(doc[e - 1])) for s, e in c.mentions]
        for c in state.index.clusters
        if c.type == "PERSON"
    ]
    resolved: dict[Range, Sequence[Range] | None] = {}
    speech: list[Range] = []
    for span, _kind in queries(g):
        ts = _token_span(doc, span)
        if ts is None:
            continue
        c = state.refer(ts[0], ts[1])
        resolved[span] = (
            None
            if c is None
            else [(doc[s].idx, doc[e - 1].idx + len(doc[e - 1])) for s, e in c.mentions]
        )
        head = doc[ts[0]]
        if head.lower_ in PRONOUN_GENDER and head.dep_ in ("nsubj", "nsubjpass") and (
            head.head.lemma_ in SPEECH_VERBS
        ):
            speech.append(span)
    return score_document(g, people, resolved, speech)


def evaluate_gum(root: str | Path, docs: list[GumDoc] | None = None) -> dict[str, Any]:
    """Figures over the corpus (or ``docs``), overall and per genre."""
    from newsgraph.extractors.train_cues import parse_texts

    docs = docs if docs is not None else load_gum(root)
    parsed = parse_texts([g.text for g in docs])
    tot: Counter[str] = Counter()
    by_genre: dict[str, Counter[str]] = {}
    for g, doc in zip(docs, parsed, strict=True):
        c = run_document(g, doc)
        tot.update(c)
        by_genre.setdefault(g.genre, Counter()).update(c)
    out = figures(tot)
    out["genres"] = {k: figures(v) for k, v in sorted(by_genre.items())}
    return out


__all__ = ["evaluate_gum", "queries", "score_document", "figures"]


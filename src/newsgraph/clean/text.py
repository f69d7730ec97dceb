"""Scraped text (one block per line, site junk included): keep the article lines, find the title."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ..page import Article
from . import crf
from .dates import date_in_text
from .features import (
    ALPHA_WORD,
    BULLET,
    FURNITURE,
    MONTH,
    TERMINAL,
    TIMESTAMP,
    WORD,
    sequence_features,
)
from .normalize import tidy


@dataclass(slots=True)
class Lines:
    """A page's non-blank lines with the classifier's verdicts."""

    lines: list[str]
    labels: list[str]
    probs: list[dict[str, float]]
    furniture: set[int] = field(default_factory=set)  # forced junk: players, site repeats

    def body(self) -> list[str]:
        return [x for x, y in zip(self.lines, self.labels, strict=True) if y == crf.BODY]


def split_lines(text: str, dedupe_words: int = 8) -> list[str]:
    """Non-blank lines, stripped; a hard-wrapped paragraph (a line that runs on into a next
    line starting in lower case) is joined back into one line. A line of ``dedupe_words``
    words or more that already occurred is dropped: pages that carry their article twice
    (mobile and desktop copies, tabs) would otherwise confuse the classifier."""
    out: list[str] = []
    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            continue
        if out and _runs_on(out[-1], line):
            out[-1] = out[-1] + " " + line
        else:
            out.append(line)
    seen: set[str] = set()
    kept = []
    for line in out:
        if len(WORD.findall(line)) >= dedupe_words:
            if line in seen:
                continue
            seen.add(line)
        kept.append(line)
    return kept


def _runs_on(prev: str, line: str) -> bool:
    """A hard-wrapped sentence: the previous line stops mid-sentence in running prose and this
    one continues in lower case (a headline followed by a lower-case status line does not)."""
    if not line[0].islower() or BULLET.match(line) or len(prev) < 40:
        return False
    if not (prev[-1].islower() or prev[-1] in ",;-"):
        return False
    alpha = ALPHA_WORD.findall(prev)
    caps = sum(1 for w in alpha if w[0].isupper())
    return bool(alpha) and caps / len(alpha) < 0.5


def _sentence(line: str) -> bool:
    return bool(TERMINAL.search(line)) and len(WORD.findall(line)) >= 8


def player_lines(lines: list[str], labels: list[str]) -> set[int]:
    """Lines of embedded video/audio players, which render as a title, status lines and a
    time readout ("0:00 0:03:19 0:00"): the readout, the short non-sentence lines just before
    it, and every repeat of those lines in the page."""
    found: set[int] = set()
    texts: set[str] = set()
    for i, line in enumerate(lines):
        if not TIMESTAMP.match(line):
            continue
        found.add(i)
        for j in range(i - 1, max(-1, i - 4), -1):
            if _sentence(lines[j]) or labels[j] == crf.BODY and len(WORD.findall(lines[j])) > 12:
                break
            found.add(j)
            texts.add(lines[j])
    found.update(i for i, line in enumerate(lines) if line in texts)
    return found


def headline_like(line: str) -> bool:
    """Could this line be a headline: 2-30 words, not a date, number, time readout or a line
    of page-furniture words ("Table of contents", "Log in")."""
    alpha = ALPHA_WORD.findall(line)
    n = len(WORD.findall(line))
    if len(alpha) < 2 or n > 30 or TIMESTAMP.match(line):
        return False
    if MONTH.search(line) and n <= 8:
        return False
    if sum(c.isdigit() for c in line) > 0.3 * len(line):
        return False
    furniture = sum(w.lower() in FURNITURE for w in alpha)
    return furniture < max(1.0, len(alpha) / 2)


def pick_title(result: Lines, min_prob: float = 0.2) -> str | None:
    """The headline: the line the model finds most title-like (not a player or repeated
    site line), else the last heading-like line before the first body line."""
    cands = [i for i in range(len(result.lines)) if i not in result.furniture
             and result.labels[i] != crf.BODY and headline_like(result.lines[i])]
    if not cands:
        return None
    best = max(cands, key=lambda i: result.probs[i].get(crf.TITLE, 0.0))
    if result.probs[best].get(crf.TITLE, 0.0) >= min_prob:
        return result.lines[best]
    first = next((i for i, y in enumerate(result.labels) if y == crf.BODY), 0)
    for i in range(first - 1, -1, -1):
        line = result.lines[i]
        n = len(WORD.findall(line))
        if i not in result.furniture and 3 <= n <= 25 and not TERMINAL.search(line):
            return line
    return None


def clean_title(line: str) -> str:
    """A headline line without list bullets, breadcrumb trails or trailing marks."""
    t = BULLET.sub("", line, count=1).strip()
    if " » " in t or " › " in t:
        t = re.split(r"\s+[»›]\s+", t)[-1]
    return t.rstrip(" /#|").strip()


def classify_page(text: str, model: str | Path = crf.LINES_MODEL,
                  repeated: Callable[[list[str]], list[bool]] | None = None) -> Lines:
    """Split scraped text into lines and label them; ``repeated`` marks lines the site
    memory has seen on other pages of the site (they become junk)."""
    lines = split_lines(tidy(text))
    if not lines:
        return Lines([], [], [], set())
    nwords = [len(WORD.findall(x)) for x in lines]
    _, probs = crf.tag_stacked(model, sequence_features(lines), nwords)
    labels = decide(lines, probs)
    furniture = player_lines(lines, labels)
    if repeated is not None:
        furniture |= {i for i, r in enumerate(repeated(lines)) if r}
    labels = [crf.JUNK if i in furniture else y for i, y in enumerate(labels)]
    if crf.BODY not in labels:
        labels = rescue(labels, probs, furniture)
    return Lines(lines, labels, probs, furniture)


def decide(lines: list[str], probs: list[dict[str, float]], threshold: float = 0.4,
           follow: float = 0.3) -> list[str]:
    """Labels from the line probabilities: body when P(body) >= ``threshold`` (tuned on dev,
    better than the single best sequence); a prose sentence that directly follows body text
    stays body down to ``follow`` (the article's last paragraph, often just before the footer).
    The title is the line labelled so by the model when it is not body."""
    out = []
    for line, p in zip(lines, probs, strict=True):
        pb = p.get(crf.BODY, 0.0)
        if pb >= threshold or (out and out[-1] == crf.BODY and pb >= follow and _sentence(line)):
            out.append(crf.BODY)
        elif p.get(crf.TITLE, 0.0) > max(pb, p.get(crf.JUNK, 0.0)):
            out.append(crf.TITLE)
        else:
            out.append(crf.JUNK)
    return out


def rescue(labels: list[str], probs: list[dict[str, float]], furniture: set[int],
           share: float = 0.5) -> list[str]:
    """When no line was kept, keep the lines the model found most body-like (within
    ``share`` of the best) rather than return nothing."""
    best = max((p.get(crf.BODY, 0.0) for p in probs), default=0.0)
    if best <= 0.05:
        return labels
    return [crf.BODY if p.get(crf.BODY, 0.0) >= best * share and y != crf.TITLE
            and i not in furniture else y
            for i, (y, p) in enumerate(zip(labels, probs, strict=True))]


def text_date(result: Lines, around: int = 6, max_words: int = 12,
              anywhere_words: int = 20) -> str | None:
    """A date written on a short line near the start of the body (a dateline), else the
    first date written on any short line of the page (a byline far from the headline, a
    "Published" line after the body: dev date 0.494 -> 0.710)."""
    first = next((i for i, y in enumerate(result.labels) if y == crf.BODY), 0)
    for i in range(max(0, first - around), min(len(result.lines), first + 2)):
        line = result.lines[i]
        if len(WORD.findall(line)) <= max_words:
            got = date_in_text(line)
            if got:
                return got
    for line in result.lines:
        if len(WORD.findall(line)) <= anywhere_words:
            got = date_in_text(line)
            if got:
                return got
    return None


def clean_text(text: str, model: str | Path = crf.LINES_MODEL,
               repeated: Callable[[list[str]], list[bool]] | None = None) -> Article:
    """Article from scraped text: body paragraphs joined by blank lines, headline, date."""
    result = classify_page(text, model, repeated)
    title = pick_title(result)
    body = result.body()
    if not body:
        # The classifier learned from whole pages; a short paste of prose (a paragraph or
        # two, no page around it) has no junk to remove: keep its sentences.
        body = [x for k, x in enumerate(result.lines) if _sentence(x) and k not in result.furniture]
    return Article(text="\n\n".join(body),
                   title=clean_title(title) if title else None,
                   published=text_date(result))

"""Features of a line of text (a scraped line or an HTML block) for the line classifiers.

Every feature is a string (a binary indicator for python-crfsuite). ``line_features`` looks at
one line alone; ``sequence_features`` adds the page-level context: position, distance to the
main text, repeats, and the neighbouring lines' features.
"""

from __future__ import annotations

import re
from collections import Counter

WORD = re.compile(r"\w+", re.UNICODE)
ALPHA_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)

STOPWORDS = frozenset(
    """a about after all also an and any are as at be because been but by can could did do
    does for from had has have he her here his how i if in into is it its just more most my
    no not of on one or our out over said she so some than that the their them then there
    these they this those through to up was we were what when where which while who will
    with would you your""".split()
)

# Page furniture: words that name the parts of a web page rather than say anything. Generic
# vocabulary of site chrome, not taken from any evaluation text.
FURNITURE = frozenset(
    """advertisement advertising ads sponsored login log sign signup subscribe subscription
    newsletter menu search share shares tweet facebook twitter linkedin pinterest whatsapp
    instagram youtube email print comments comment reply cookies cookie privacy terms
    copyright rights reserved skip navigation home contact careers sitemap accessibility
    loading related recommended trending popular follow download app apps watch video
    videos photo photos image images gallery credit getty reuters ap afp caption read more
    continue next previous prev back top tags tag category categories filed posted updated
    published author by staff editor views""".split()
)

BULLET = re.compile(r"^\s*(?:[•·▪◦►▸»|*–—-]|\d{1,3}[.)]|[a-z][.)])\s")
TIMESTAMP = re.compile(
    r"^\s*(?:\d{1,2}:)?\d{1,2}:\d{2}(?:\s+(?:/\s*)?(?:\d{1,2}:)?\d{1,2}:\d{2})*\s*$")
MONTH = re.compile(
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2}\b"
    r"|\b\d{1,2}\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\b"
    r"|\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}/\d{1,2}/\d{2,4}\b",
    re.IGNORECASE,
)
AGO = re.compile(r"\b\d+\s+(?:second|minute|min|hour|hr|day|week|month|year)s?\s+ago\b", re.I)
URLISH = re.compile(r"https?://|www\.|\.(?:com|org|net)\b|@\w", re.I)
COPYRIGHT = re.compile(r"©|\(c\)|copyright|all rights reserved", re.I)
TERMINAL = re.compile(r"[.!?][\"'”’)\]]*$")
SLIDE = re.compile(r"^\s*\d{1,3}\s*(?:/|of)\s*\d{1,3}\b")  # "1/50 ...": a gallery slide
COUNT = re.compile(r"\(\d+\)\s*$")  # "► 2019 (200)", "Politics (12)": archive, tag counts
GLUED = re.compile(r"[a-z][A-Z]")
BYLINE = re.compile(r"^(?:by|written by|posted by|author|words by|reporting by)\b", re.I)


def _bucket(n: float, edges: tuple[float, ...]) -> int:
    for i, e in enumerate(edges):
        if n <= e:
            return i
    return len(edges)


WORD_EDGES = (0, 1, 2, 3, 4, 6, 9, 14, 24, 49)


def line_features(line: str, short_words: int = 6) -> list[str]:
    """Indicator features of one line on its own."""
    s = line.strip()
    words = WORD.findall(s)
    alpha = ALPHA_WORD.findall(s)
    n = len(words)
    f = [f"nw={_bucket(n, WORD_EDGES)}", f"nc={_bucket(len(s), (10, 20, 40, 80, 160, 320))}"]
    if not s:
        return f + ["empty"]
    if TERMINAL.search(s):
        f.append("end=term")
    elif s.endswith(":"):
        f.append("end=colon")
    elif s.endswith(("...", "…")):
        f.append("end=ellipsis")
    elif s[-1].isdigit():
        f.append("end=digit")
    elif s[-1].isalpha():
        f.append("end=alpha")
    else:
        f.append("end=other")
    if BULLET.match(s):
        f.append("bullet")
    if s[0].isdigit():
        f.append("start=digit")
    elif s[0].islower():
        f.append("start=lower")
    elif s[0] in "\"'“‘":
        f.append("start=quote")
    if alpha:
        caps = sum(1 for w in alpha if w[0].isupper())
        f.append(f"cap={_bucket(caps / len(alpha), (0.1, 0.3, 0.6, 0.85))}")
        if len(alpha) >= 2 and all(w.isupper() for w in alpha):
            f.append("allcaps")
        lower = [w.lower() for w in alpha]
        stop = sum(map(STOPWORDS.__contains__, lower))
        f.append(f"stop={_bucket(stop / len(alpha), (0.0, 0.1, 0.2, 0.3, 0.45))}")
        furn = sum(map(FURNITURE.__contains__, lower))
        if furn:
            f.append(f"furn={_bucket(furn / len(alpha), (0.2, 0.5, 0.99))}")
    letters = sum(map(str.isalpha, s))
    digits = sum(map(str.isdigit, s))
    punct = len(s) - letters - digits - s.count(" ")
    f.append(f"digit={_bucket(digits / len(s), (0.0, 0.05, 0.2, 0.5))}")
    f.append(f"punct={_bucket(punct / len(s), (0.02, 0.05, 0.1, 0.2))}")
    if s.count("|") >= 2 or s.count("•") >= 2 or s.count(" / ") >= 2:
        f.append("separators")
    if digits:  # the patterns below all need a digit
        if TIMESTAMP.match(s):
            f.append("timestamp")
        if MONTH.search(s):
            f.append("date" if n <= 8 else "date_in_text")
        if AGO.search(s):
            f.append("ago")
        if SLIDE.match(s):
            f.append("slide")
        if COUNT.search(s):
            f.append("count")
    if URLISH.search(s):
        f.append("url")
    if COPYRIGHT.search(s):
        f.append("copyright")
    if BYLINE.match(s):
        f.append("byline")
    if n <= 12 and "\u00a0" not in s and GLUED.search(s):
        f.append("glued")  # "24/7 LiveNew York City": menu items run together
    low = [w.lower() for w in alpha]
    if low:
        f.append("w0=" + low[0])
        if n <= short_words:
            f.append("wl=" + low[-1])
            f.extend("w=" + w for w in set(low))
    return f


NEIGHBOUR_KEEP = ("nw=", "end=", "bullet", "cap=", "timestamp", "date", "furn=", "stop=", "url")


def _neigh(feats: list[str]) -> list[str]:
    return [x for x in feats if x.startswith(NEIGHBOUR_KEEP)]


def sequence_features(lines: list[str], extra: list[list[str]] | None = None,
                      window: int = 2, base: list[list[str]] | None = None
                      ) -> list[list[str]]:
    """Features for every line of a page, with page context and neighbours (``base``: the
    lines' ``line_features`` when already computed)."""
    base = [line_features(x) for x in lines] if base is None else [list(b) for b in base]
    if extra is not None:
        for b, e in zip(base, extra, strict=True):
            b.extend(e)
    n = len(lines)
    neigh = [_neigh(b) for b in base]
    nwords = [len(WORD.findall(x)) for x in lines]
    total = sum(nwords) or 1
    counts = Counter(x.strip().lower() for x in lines)
    long_idx = [i for i, w in enumerate(nwords) if w >= 25]
    longest = max(range(n), key=lambda i: nwords[i]) if n else 0
    first_long = long_idx[0] if long_idx else longest
    last_long = long_idx[-1] if long_idx else longest
    # words of text before each line, to place it in the page by mass, not by line count
    before = 0
    out: list[list[str]] = []
    for i in range(n):
        f = list(base[i])
        f.append(f"pos={_bucket(i / max(n - 1, 1), (0.05, 0.15, 0.3, 0.5, 0.7, 0.85, 0.95))}")
        f.append(f"mass={_bucket(before / total, (0.02, 0.1, 0.25, 0.5, 0.75, 0.9, 0.98))}")
        before += nwords[i]
        if i < first_long:
            d = first_long - i
            f.append(f"before_main={_bucket(d, (1, 2, 3, 5, 8, 15, 30))}")
        elif i > last_long:
            d = i - last_long
            f.append(f"after_main={_bucket(d, (1, 2, 3, 5, 8, 15, 30))}")
        else:
            f.append("in_main")
        dl = i - longest
        f.append(f"to_longest={'-' if dl < 0 else '+'}{_bucket(abs(dl), (0, 1, 3, 8, 20, 50))}")
        near = sum(nwords[max(0, i - 3): i + 4]) - nwords[i]
        f.append(f"near_words={_bucket(near, (5, 15, 40, 80, 160, 300))}")
        c = counts[lines[i].strip().lower()]
        if c > 1:
            f.append(f"repeat={min(c, 3)}")
        if any("timestamp" in base[j] for j in range(i + 1, min(n, i + 4))):
            f.append("timestamp_follows")
        for k in range(1, window + 1):
            if i - k >= 0:
                f.extend(f"-{k}:{x}" for x in neigh[i - k])
            else:
                f.append(f"-{k}:BOS")
            if i + k < n:
                f.extend(f"+{k}:{x}" for x in neigh[i + k])
            else:
                f.append(f"+{k}:EOS")
        out.append(f)
    return out


def stack_features(probs: list[float], nwords: list[int]) -> list[list[str]]:
    """Second-pass features: what the first pass thinks of a line and of its surroundings.

    ``probs`` is the first pass's probability that each line is body. A lone line among body
    lines, or a body-looking line far from the rest of the body, is judged in context.
    """
    n = len(probs)
    edges = (0.05, 0.2, 0.4, 0.6, 0.8, 0.95)
    body = [p > 0.5 for p in probs]
    idx = [i for i in range(n) if body[i]]
    first, last = (idx[0], idx[-1]) if idx else (n, -1)
    total = sum(nwords) or 1
    share = sum(w for w, b in zip(nwords, body, strict=True) if b) / total
    # the largest run of body lines (gaps of up to 2 lines allowed), by words
    runs: list[tuple[int, int, int]] = []
    for i in idx:
        if runs and i - runs[-1][1] <= 3:
            s, _, w = runs[-1]
            runs[-1] = (s, i, w + nwords[i])
        else:
            runs.append((i, i, nwords[i]))
    main = max(runs, key=lambda r: r[2]) if runs else (n, -1, 0)
    prev_b = [-1] * n
    nxt_b = [n] * n
    last_seen = -1
    for i in range(n):
        prev_b[i] = last_seen
        if body[i]:
            last_seen = i
    last_seen = n
    for i in range(n - 1, -1, -1):
        nxt_b[i] = last_seen
        if body[i]:
            last_seen = i
    out = []
    for i in range(n):
        f = [f"p1={_bucket(probs[i], edges)}", f"share={_bucket(share, (0.05, 0.2, 0.4, 0.7))}"]
        for r in (2, 6):
            ws = probs[max(0, i - r): i] + probs[i + 1: i + 1 + r]
            if ws:
                f.append(f"win{r}={_bucket(sum(ws) / len(ws), edges)}")
        for k in (-2, -1, 1, 2):
            j = i + k
            f.append(f"p1@{k}={_bucket(probs[j], edges) if 0 <= j < n else 'X'}")
        f.append(f"dprev={_bucket(i - prev_b[i], (1, 2, 4, 8, 20)) if prev_b[i] >= 0 else 'X'}")
        f.append(f"dnext={_bucket(nxt_b[i] - i, (1, 2, 4, 8, 20)) if nxt_b[i] < n else 'X'}")
        if first <= i <= last:
            f.append("in_span")
        if main[0] <= i <= main[1]:
            f.append("in_run")
        elif i < main[0]:
            f.append(f"before_run={_bucket(main[0] - i, (1, 2, 4, 8, 20))}")
        else:
            f.append(f"after_run={_bucket(i - main[1], (1, 2, 4, 8, 20))}")
        out.append(f)
    return out

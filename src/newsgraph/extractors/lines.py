"""Lines of an article's text, and which of them are page furniture.

Body paragraphs end with sentence punctuation. A short line without it is a headline, a
caption, a credit or a link to another story ("READ MORE: ..."); a short line that recurs
in the same text is a template's ("Story continues below advertisement."). No statement is
attributed there and no person is introduced there.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter

MAX_FURNITURE_WORDS = 30  # headlines, captions and links are short
MAX_REPEATED_WORDS = 12  # a line this short that occurs twice is the page template's
SENTENCE_END = frozenset(".?!\"”’'):…]")
# Labels that turn a line into a link to another story.
LINK_LABEL = re.compile(
    r"^(read more|more|related|watch|see also|also read|listen|video|photos?|read)\s*:", re.I
)


def is_furniture(line: str) -> bool:
    line = line.strip()
    if not line:
        return False
    if LINK_LABEL.match(line):
        return True
    return len(line.split()) <= MAX_FURNITURE_WORDS and line[-1] not in SENTENCE_END


class Lines:
    """Line boundaries of a text, with a furniture flag per line."""

    def __init__(self, text: str):
        self.starts = [0] + [m.end() for m in re.finditer("\n", text)]
        ends = [s - 1 for s in self.starts[1:]] + [len(text)]
        self.bounds = list(zip(self.starts, ends, strict=True))
        lines = [text[s:e].strip() for s, e in self.bounds]
        counts = Counter(x for x in lines if x and len(x.split()) <= MAX_REPEATED_WORDS)
        self.furniture = [is_furniture(x) or counts.get(x, 0) > 1 for x in lines]

    def index(self, at: int) -> int:
        return bisect_right(self.starts, at) - 1

    def bounds_at(self, at: int) -> tuple[int, int]:
        return self.bounds[self.index(at)]

    def furniture_at(self, at: int) -> bool:
        return self.furniture[self.index(at)]

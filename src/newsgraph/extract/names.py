"""Name normalisation shared by entity clustering, speaker resolution and the knowledge base."""

from __future__ import annotations

import re
import unicodedata

_WORD = re.compile(r"\w+", re.UNICODE)


def fold(s: str) -> str:
    """Lower case, no diacritics, hyphens as spaces: 'Kim Jong-Un' -> 'kim jong un'."""
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c))
    return " ".join(_WORD.findall(s.replace("-", " ").casefold()))


def name_tokens(s: str) -> list[str]:
    """Folded name words without a leading article: 'The Kremlin's' -> ['kremlin']."""
    words = fold(strip_possessive(s)).split()
    if words[:1] == ["the"]:
        words = words[1:]
    return words


def strip_possessive(s: str) -> str:
    """'Kim’s' -> 'Kim', 'Sanders’' -> 'Sanders'."""
    s = s.strip()
    if len(s) > 2 and s.endswith(("'s", "’s")):
        return s[:-2]
    if s.endswith(("'", "’")):
        return s[:-1]
    return s


def is_subsequence(short: list[str], long: list[str]) -> bool:
    """True when ``short`` occurs as a contiguous run inside ``long``."""
    n = len(short)
    return any(long[i : i + n] == short for i in range(len(long) - n + 1))

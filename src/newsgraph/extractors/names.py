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
    words = fold(strip_possessive(clean_name(s))).split()
    if words[:1] == ["the"]:
        words = words[1:]
    return words


_GLUED_TAIL = re.compile(r"[,;]\s*\d+\s*$")


def clean_name(s: str) -> str:
    """Drop an age glued on by tokenisation: 'Khaled Belkacemi,60' -> 'Khaled Belkacemi'."""
    return _GLUED_TAIL.sub("", s).strip()


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

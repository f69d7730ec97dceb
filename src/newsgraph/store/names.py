"""Name and text normalisation: the keys that decide when two strings are "the same".

Person names are compared after NFKD, dropping diacritics, casefolding, turning hyphens,
dots and apostrophes into spaces and collapsing spaces, so ``Kim Jong-Un``, ``Kim Jong Un``
and ``KIM JONG-UN`` share the key ``kim jong un``. Quote and article texts get a looser key
(punctuation and quotation marks ignored) so syndicated copies that differ only in
typography dedupe.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from functools import lru_cache

_SEPARATORS = re.compile(r"[\s\-‐‑‒–—―_.·'’‘`´]+")
_NON_WORD = re.compile(r"[^\w]+")
_WORD = re.compile(r"[^\W_]+")
_SPACES = re.compile(r"\s+")


_COMBINING = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]+")


# Letters that NFKD does not decompose but readers treat as plain Latin ones.
_LATIN = str.maketrans({"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ß": "ss",
                        "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "ı": "i", "þ": "th",
                        "Þ": "Th", "ð": "d", "Ð": "D"})


def strip_diacritics(s: str) -> str:
    if s.isascii():
        return s
    return _COMBINING.sub("", unicodedata.normalize("NFKD", s.translate(_LATIN)))


@lru_cache(maxsize=1 << 16)
def name_key(name: str) -> str:
    """Normalised person (or organisation, place) name used for matching."""
    s = strip_diacritics(name).casefold()
    s = _SEPARATORS.sub(" ", s)
    s = _NON_WORD.sub(" ", s)
    return _SPACES.sub(" ", s).strip()


def name_tokens(name: str) -> list[str]:
    return name_key(name).split()


def slugify(name: str) -> str:
    """URL slug, one-to-one with the name key: ``Kim Jong-Un`` -> ``kim-jong-un``.

    Keys in plain ASCII map to themselves with hyphens; any other key (another script) gets
    its ASCII letters plus ``_`` and a hash, so two different keys never share a slug.
    """
    key = name_key(name)
    if key.isascii():
        return key.replace(" ", "-")
    ascii_part = re.sub(r"[^a-z0-9]+", "-", key.encode("ascii", "ignore").decode()).strip("-")
    return f"{ascii_part}_{hashlib.sha1(key.encode('utf-8')).hexdigest()[:10]}"


# ASCII punctuation, symbols, controls and spaces -> space (for text_key's fast path).
_ASCII_NON_ALNUM = str.maketrans({chr(i): " " for i in range(128) if not chr(i).isalnum()})


def text_key(text: str) -> str:
    """Content key for dedup: case, diacritics, punctuation and spacing do not matter."""
    if text.isascii():  # the same words as below, without the regular expression
        return " ".join(text.lower().translate(_ASCII_NON_ALNUM).split())
    return " ".join(_WORD.findall(strip_diacritics(text).casefold()))


def hash63(*parts: str) -> int:
    """A stable non-negative 63-bit integer from strings (fits BIGINT and SQLite INTEGER)."""
    h = hashlib.blake2b("\x1f".join(parts).encode("utf-8", "surrogatepass"), digest_size=8)
    return int.from_bytes(h.digest(), "big") >> 1


def hash53(*parts: str) -> int:
    """Like ``hash63`` but below 2**53, so JavaScript numbers hold it exactly."""
    return hash63(*parts) >> 10

"""Small text repairs applied to extracted text and metadata."""

from __future__ import annotations

import re
import unicodedata

# UTF-8 bytes shown as Latin-1/cp1252 characters: "â€™" / "â\x80\x99" for "’", "Ã©" for "é"
_CP1252_HIGH = "€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ"
_MOJIBAKE = re.compile(
    "[\u00c2-\u00f4][\u0080-\u00bf" + _CP1252_HIGH + "]{1,3}"
)


def _redecode(m: re.Match[str]) -> str:
    s = m.group(0)
    raw = bytearray()
    for ch in s:
        try:
            raw += ch.encode("cp1252")
        except UnicodeEncodeError:
            try:
                raw += ch.encode("latin-1")
            except UnicodeEncodeError:
                return s
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return s


def fix_mojibake(text: str) -> str:
    """Repair UTF-8 text that was decoded as Latin-1/cp1252 somewhere upstream."""
    if "Ã" not in text and "Â" not in text and "â" not in text:
        return text
    return _MOJIBAKE.sub(_redecode, text)


SOFT_HYPHEN = "\u00ad"  # an invisible hyphenation point; kept, it splits words in the text


def tidy(text: str) -> str:
    """Extracted text as a reader sees it: mojibake repaired, soft hyphens removed, Unicode
    NFC (composed characters: "e" + combining accent becomes "é", one character)."""
    text = fix_mojibake(text)
    if SOFT_HYPHEN in text:
        text = text.replace(SOFT_HYPHEN, "")
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    return text

"""From document bytes to content: text decoding, binary detection, empty and HTML checks."""

from __future__ import annotations

import codecs
import re

from newsgraph.read.errors import ReadError

_SAMPLE_BYTES = 1 << 20  # how much of the data the control-character check looks at
# C0 controls other than \t \n \v \f \r, plus DEL: rare in text, common in binary data.
_CONTROL_BYTES = bytes([*range(0x00, 0x09), *range(0x0E, 0x20), 0x7F])
_HIGH_BYTES = bytes(range(0x80, 0x100))
# A few NUL bytes in otherwise plain text (a damaged crawl record, a template bug) are
# removed with a warning; more than this share of the data, or NULs with other control bytes,
# is binary (UTF-16 without a byte-order mark is half NULs).
_STRAY_NULS = 8  # up to this many, or this share of the data:
_STRAY_NUL_SHARE = 0.001
_CONTROL_SHARE = 0.05
_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
_SURROGATE = re.compile("[\ud800-\udfff]")


def decode_text(data: bytes) -> tuple[str, list[str]]:
    """Decode the bytes of a text document exactly: no newline or whitespace changes.

    UTF-8 (a BOM is dropped); UTF-16 with a BOM; else, for bytes that are not valid UTF-8,
    mostly-UTF-8 with the bad bytes replaced, or a legacy 8-bit encoding (cp1252). Returns
    the text and warnings; raises ReadError for binary data.
    """
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    elif data.startswith(_UTF16_BOMS):
        try:
            return data.decode("utf-16"), ["decoded as UTF-16 (byte-order mark)"]
        except UnicodeDecodeError as e:
            raise ReadError(f"invalid UTF-16 text: {e.reason} at byte {e.start}") from None
    reason = _binary_reason(data)
    if reason:
        raise ReadError(reason)
    data, warnings = drop_stray_nuls(data)
    try:
        return data.decode("utf-8"), warnings
    except UnicodeDecodeError:
        text, more = _decode_legacy(data)
        return text, warnings + more


def empty_problem(data: bytes, noun: str) -> str | None:
    """Why ``data`` (a ``noun``: file, page) is empty, or None if it is not."""
    if not data:
        return f"empty {noun}"
    return None if data.strip() else f"empty {noun} (only whitespace)"


def html_problem(body: bytes, noun: str) -> str | None:
    """Why ``body`` cannot be an HTML page, or None."""
    empty = empty_problem(body, noun)
    if empty:
        return empty
    if body.startswith(_UTF16_BOMS):
        return None
    return _binary_reason(body)


def html_content(body: bytes) -> tuple[bytes | str, list[str]]:
    """HTML stays bytes for the cleaner to decode, except UTF-16, which it would not detect."""
    if body.startswith(_UTF16_BOMS):
        return decode_text(body)
    return drop_stray_nuls(body)


def drop_stray_nuls(data: bytes) -> tuple[bytes, list[str]]:
    """``data`` without its NUL bytes (a text that passed ``_binary_reason``), and a warning
    when there were any."""
    n = data.count(b"\x00")
    if not n:
        return data, []
    return data.replace(b"\x00", b""), [f"{n} stray NUL byte(s) removed"]


def _binary_reason(data: bytes) -> str | None:
    """Why ``data`` is not text, or None if it may be."""
    sample = data[:_SAMPLE_BYTES]
    nuls = sample.count(b"\x00")
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES)) - nuls
    too_many = controls > _CONTROL_SHARE * len(sample)
    if nuls and (too_many or nuls > max(_STRAY_NULS, _STRAY_NUL_SHARE * len(sample))):
        return "binary data, not text (NUL bytes)"
    if too_many:
        return f"binary data, not text ({controls / len(sample):.0%} control characters)"
    return None


def _decode_legacy(data: bytes) -> tuple[str, list[str]]:
    """Bytes that are not valid UTF-8: decide between damaged UTF-8 and an 8-bit encoding."""
    replaced = data.decode("utf-8", "replace")
    bad = replaced.count("\ufffd") - data.count("\ufffd".encode())
    non_ascii = len(replaced) - len(replaced.encode("ascii", "ignore"))
    if non_ascii - bad > bad:  # more valid multi-byte characters than invalid bytes
        return replaced, [f"not valid UTF-8; {bad} invalid byte sequence(s) replaced by U+FFFD"]
    high = len(data) - len(data.translate(None, _HIGH_BYTES))
    if high > 0.3 * len(data):
        raise ReadError(
            f"not valid UTF-8 and not plausible 8-bit text ({high / len(data):.0%} of bytes "
            "are non-ASCII)"
        )
    try:
        return data.decode("cp1252"), ["not valid UTF-8; decoded as cp1252"]
    except UnicodeDecodeError:  # one of the five bytes cp1252 leaves undefined
        return data.decode("latin-1"), ["not valid UTF-8; decoded as latin-1"]


def replace_surrogates(text: str) -> tuple[str, int]:
    """``text`` with each lone surrogate replaced by U+FFFD (one for one: offsets stay), and
    how many there were. JSON may escape them (``"\\ud800"``) though they are no characters:
    no UTF-8 output can hold them, and spaCy's tokenizer fails on them."""
    if text.isascii():
        return text, 0
    return _SURROGATE.subn("\ufffd", text)

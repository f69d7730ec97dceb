"""The one error evaluation raises: the inputs cannot be scored as given."""

from __future__ import annotations


class EvalError(ValueError):
    """Missing or malformed gold or predictions, or predictions not made in the right mode."""


def cannot_read(what: str, path: object, e: Exception) -> EvalError:
    """The error for an unreadable input file (missing, unreadable, not UTF-8)."""
    reason = e.strerror if isinstance(e, OSError) and e.strerror else str(e)
    return EvalError(f"cannot read {what} {path}: {reason}")


def text_differs(key: str, record: dict) -> EvalError:
    """The error for a prediction whose text is not the gold text (the offsets would lie)."""
    if record.get("text") is None and record.get("errors"):
        return EvalError(f"{key}: extraction failed, nothing to score: {record['errors'][0]}")
    return EvalError(f"{key}: predicted text differs from the input: run extraction in raw mode")

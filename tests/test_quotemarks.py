"""Quotation marks: balanced or not, straight or curly, over several paragraphs."""

from __future__ import annotations

import random

import pytest

from newsgraph.extractors.quotemarks import find_quoted


def quoted(text: str) -> list[str]:
    return [text[q.start : q.end] for q in find_quoted(text)]


def test_curly_and_straight_marks():
    assert quoted('He said “yes” and then "no."') == ["yes", "no."]


def test_unclosed_quote_ends_with_its_paragraph():
    text = "“We will win, she said.\n\nThe vote is on Tuesday."
    assert quoted(text) == ["We will win, she said."]


def test_multi_paragraph_quotation_is_one_passage():
    text = "“First paragraph.\n\n“Second paragraph.\n\n“Last one,” she said."
    passages = find_quoted(text)
    assert len(passages) == 1
    assert passages[0].paragraphs == 3
    assert text[passages[0].start : passages[0].end].endswith("Last one,")


def test_wrong_way_mark_closes_a_quote():
    text = "“How can we do it? “\n\nNext paragraph."
    assert quoted(text) == ["How can we do it? "]


def test_wire_style_double_apostrophes():
    text = "''That, unfortunately,'' he said, ''is the reality.''"
    assert quoted(text) == ["That, unfortunately,", "is the reality."]


def test_apostrophes_are_not_quotes():
    assert quoted("It's the mayor's plan, rock 'n' roll.") == []


@pytest.mark.parametrize("seed", range(200))
def test_never_crashes_on_random_marks(seed):
    rng = random.Random(seed)
    alphabet = ['"', "“", "”", "''", "``", "«", "»", "„", " ", "a", ".", "\n\n", ","]
    text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 60)))
    passages = find_quoted(text)
    last_end = -1
    for q in passages:
        assert 0 <= q.start <= q.end <= len(text)
        assert q.start >= last_end  # in order, never overlapping
        last_end = q.end

"""Sentence boundaries the pipeline sets before the parser."""

from __future__ import annotations


def sentences(nlp, text: str) -> list[str]:
    return [s.text.strip() for s in nlp(text).sents if s.text.strip()]


def test_a_lower_case_word_after_an_abbreviation_continues_the_sentence(nlp):
    text = (
        "Purdy says he has lost 16 lbs. since he signed up for the program aimed at curbing "
        "high blood pressure. He walks every day."
    )
    assert sentences(nlp, text) == [
        "Purdy says he has lost 16 lbs. since he signed up for the program aimed at curbing "
        "high blood pressure.",
        "He walks every day.",
    ]


def test_a_line_break_always_ends_a_sentence(nlp):
    text = "Summit ends without a deal\nPutin told reporters the talks were useful."
    assert sentences(nlp, text) == [
        "Summit ends without a deal",
        "Putin told reporters the talks were useful.",
    ]

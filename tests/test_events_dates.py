"""Events and date normalisation."""

from __future__ import annotations

import pytest

from newsgraph.extractors.dates import normalize


@pytest.mark.parametrize(
    "expr,published,expected",
    [
        ("April 25", None, "XXXX-04-25"),
        ("April 25", "2019-04-26", "2019-04-25"),
        ("December 22", "2019-01-10", "2018-12-22"),
        ("February", None, "XXXX-02"),
        ("25 April 2019", None, "2019-04-25"),
        ("March 2021", None, "2021-03"),
        ("the fall of 2018", None, "2018"),
        ("Tuesday", "2019-04-26", "2019-04-23"),
        ("yesterday", "2019-04-26", "2019-04-25"),
        ("Tuesday", None, None),
        ("may", None, None),
    ],
)
def test_normalize(expr, published, expected):
    assert normalize(expr, published) == expected


def names(x, ev):
    by_id = {e.id: e.name for e in x.entities}
    return {by_id[p] for p in ev.participants}


def test_summit_between_two_leaders_with_date_and_place(extract_text):
    x = extract_text(
        "The March 3 summit between Chancellor Olaf Brandt and President Maria Costa in Lisbon "
        "ended without a deal."
    )
    ev = next(e for e in x.events if e.type == "meeting")
    assert names(x, ev) == {"Olaf Brandt", "Maria Costa"}
    assert ev.place == "Lisbon"
    assert ev.date == "XXXX-03-03"


def test_visit_with_destination(extract_text):
    x = extract_text("Prime Minister Lena Holm promised to visit Tallinn again.", "2020-05-01")
    ev = next(e for e in x.events if e.type == "visit")
    assert names(x, ev) == {"Lena Holm"}
    assert ev.place == "Tallinn"


def test_deadline(extract_text):
    x = extract_text("All foreign trawlers must leave Norway by December 22.")
    ev = next(e for e in x.events if e.type == "deadline")
    assert ev.place == "Norway"
    assert ev.date == "XXXX-12-22"


def test_mentions_of_one_meeting_are_merged(extract_text):
    x = extract_text(
        "Olaf Brandt held February talks with Maria Costa. Brandt's summit with Costa in "
        "Lisbon failed."
    )
    meetings = [e for e in x.events if e.type in ("meeting", "talks")]
    assert len(meetings) == 1
    assert meetings[0].place == "Lisbon" and meetings[0].date == "XXXX-02"


def test_weekday_of_a_future_event_is_the_next_one(extract_text):
    # published on Monday 2025-03-10: "will meet on Thursday" is 2025-03-13
    x = extract_text("Joe Kaplan will meet Mayor Ana Ruiz on Thursday.", "2025-03-10")
    ev = next(e for e in x.events if e.type == "meeting")
    assert ev.date == "2025-03-13"

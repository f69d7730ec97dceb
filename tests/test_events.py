"""Events (shared/EVENTS.md): triggers of each kind, status, dates and coreference, on
sentences written for these tests."""

from __future__ import annotations

import pytest

from newsgraph.extractors.event_lexicon import CODES


def names(x, ev):
    by_id = {e.id: e.name for e in x.entities}
    return {by_id[p] for p in ev.participants}


def only(x, kind):
    found = [e for e in x.events if e.type == kind]
    assert len(found) == 1, [(e.type, e.trigger.text) for e in x.events]
    return found[0]


# ---------------------------------------------------------------- verb triggers


@pytest.mark.parametrize(
    "text,kind,people,place",
    [
        ("Chancellor Olaf Brandt met Prime Minister Maria Costa in Lisbon on Tuesday.",
         "meeting", {"Olaf Brandt", "Maria Costa"}, "Lisbon"),
        ("Mayor Ana Ruiz visited Porto last week.", "visit", {"Ana Ruiz"}, "Porto"),
        ("Police arrested Tomas Varga in Budapest.", "arrest", {"Tomas Varga"}, "Budapest"),
        ("Brightline Systems acquired Corvel Labs for $40 million.", "agreement",
         {"Brightline Systems", "Corvel Labs"}, None),
        ("Senator Paula Grieve travelled to Nairobi.", "visit", {"Paula Grieve"}, "Nairobi"),
        ("Defence Minister Karl Lund stepped down on Friday.", "appointment", {"Karl Lund"},
         None),
        ("Jonas Hale pleaded guilty to fraud in 2019.", "arrest", {"Jonas Hale"}, None),
    ],
)
def test_verb_triggers(extract_text, text, kind, people, place):
    x = extract_text(text)
    ev = only(x, kind)
    assert names(x, ev) == people
    assert ev.place == place
    assert ev.status == "occurred"
    assert ev.code == CODES[kind]


def test_verb_senses_that_are_no_events(extract_text):
    x = extract_text(
        "The company met its sales goals. Senator Ruth Abel attacked her rival as a fraud. "
        "The plan was met with criticism."
    )
    assert x.events == []


def test_violent_attack_with_named_victim(extract_text):
    x = extract_text("A gunman shot Dario Pels outside a bar in Graz on Saturday.", "2024-05-06")
    ev = only(x, "attack")
    assert names(x, ev) == {"Dario Pels"} and ev.place == "Graz" and ev.date == "2024-05-04"
    assert ev.code == "ASSAULT/18"


# ---------------------------------------------------------------- noun triggers


def test_noun_trigger_with_between_and_date(extract_text):
    x = extract_text(
        "The March 3 summit between Chancellor Olaf Brandt and President Maria Costa in "
        "Lisbon ended early."
    )
    ev = only(x, "meeting")
    assert names(x, ev) == {"Olaf Brandt", "Maria Costa"}
    assert (ev.place, ev.date) == ("Lisbon", "XXXX-03-03")


def test_possessive_visit_and_talks_with(extract_text):
    x = extract_text("Premier Lin Shu's visit to Ottawa was short.")
    ev = only(x, "visit")
    assert names(x, ev) == {"Lin Shu"} and ev.place == "Ottawa"


def test_acquisition_of_two_companies_is_two_deals(extract_text):
    x = extract_text("Halvard Group's purchases of Mintel Robotics and Kestrel Data closed.")
    deals = [e for e in x.events if e.type == "agreement"]
    assert sorted(sorted(names(x, e)) for e in deals) == [
        ["Halvard Group", "Kestrel Data"], ["Halvard Group", "Mintel Robotics"]
    ]


def test_sessions_in_several_places_are_one_event_each(extract_text):
    x = extract_text("The public information sessions in Oslo, Bergen and Tromso were cancelled.")
    meetings = [e for e in x.events if e.type == "meeting"]
    assert sorted(e.place for e in meetings) == ["Bergen", "Oslo", "Tromso"]
    assert {e.status for e in meetings} == {"failed"}


# ---------------------------------------------------------------- light verbs


@pytest.mark.parametrize(
    "text,kind",
    [
        ("Foreign Minister Ida Berg held talks with Secretary Omar Nasser in Cairo.", "meeting"),
        ("Foreign Minister Ida Berg paid a visit to Secretary Omar Nasser in Cairo.", "visit"),
        ("Foreign Minister Ida Berg reached a deal with Secretary Omar Nasser in Cairo.",
         "agreement"),
    ],
)
def test_light_verbs_give_the_subject(extract_text, text, kind):
    x = extract_text(text)
    ev = only(x, kind)
    assert names(x, ev) == {"Ida Berg", "Omar Nasser"}
    assert ev.place == "Cairo"


def test_attending_an_event(extract_text):
    x = extract_text("Governor Lea Sund spoke at a conference in Bergen on May 2, 2023.")
    ev = only(x, "meeting")
    assert names(x, ev) == {"Lea Sund"}
    assert (ev.place, ev.date) == ("Bergen", "2023-05-02")


# ---------------------------------------------------------------- status


@pytest.mark.parametrize(
    "text,status",
    [
        ("Mayor Ana Ruiz will visit Porto.", "planned"),
        ("Mayor Ana Ruiz plans to visit Porto.", "planned"),
        ("Mayor Ana Ruiz is expected to visit Porto.", "planned"),
        ("Mayor Ana Ruiz promised to visit Porto again.", "planned"),
        ("The upcoming summit between Olaf Brandt and Maria Costa is in Lisbon.", "planned"),
        ("The summit between Olaf Brandt and Maria Costa in Lisbon was cancelled.", "failed"),
        ("The talks between Olaf Brandt and Maria Costa in Lisbon collapsed.", "failed"),
        ("Mayor Ana Ruiz visited Porto.", "occurred"),
    ],
)
def test_status(extract_text, text, status):
    x = extract_text(text)
    assert len(x.events) == 1, [(e.type, e.trigger.text) for e in x.events]
    assert x.events[0].status == status


@pytest.mark.parametrize(
    "text",
    [
        "Mayor Ana Ruiz did not visit Porto.",
        "If Mayor Ana Ruiz visits Porto, the port will close.",
        "Mayor Ana Ruiz could visit Porto.",
        "Mayor Ana Ruiz is considering a visit to Porto.",
        "Mayor Ana Ruiz often visits Porto.",
        "No meeting between Olaf Brandt and Maria Costa is planned.",
    ],
)
def test_negated_hypothetical_and_habitual_are_dropped(extract_text, text):
    assert extract_text(text).events == []


def test_announced_deal_is_agreed(extract_text):
    x = extract_text("Brightline Systems announced it will merge with Corvel Labs.")
    ev = only(x, "agreement")
    assert names(x, ev) == {"Brightline Systems", "Corvel Labs"}
    assert ev.status == "occurred"


def test_decision_to_leave_is_planned(extract_text):
    x = extract_text("Nora Vik confirmed her decision to leave Tandem Bank.")
    ev = only(x, "appointment")
    assert names(x, ev) == {"Nora Vik", "Tandem Bank"} and ev.status == "planned"


# ---------------------------------------------------------------- dates


@pytest.mark.parametrize(
    "when,published,expected",
    [
        ("on Tuesday", "2024-05-10", "2024-05-07"),
        ("last week", "2024-05-10", "2024"),  # Monday 29 April to Sunday 5 May: the year
        ("last week", "2024-05-22", "2024-05"),
        ("in August", "2024-11-14", "2024-08"),
        ("last December", "2024-09-27", "2023-12"),
        ("on March 3, 2021", None, "2021-03-03"),
        ("in the fall of 2018", None, "2018"),
        ("in 2015", None, "2015"),
        ("on Tuesday", None, None),
    ],
)
def test_event_dates(extract_text, when, published, expected):
    x = extract_text(f"Mayor Ana Ruiz visited Porto {when}.", published)
    assert only(x, "visit").date == expected


def test_future_weekday_is_the_next_one(extract_text):
    # published on Monday 2025-03-10: "will meet on Thursday" is 2025-03-13
    x = extract_text("Joe Kaplan will meet Mayor Ana Ruiz on Thursday.", "2025-03-10")
    ev = only(x, "meeting")
    assert (ev.date, ev.status) == ("2025-03-13", "planned")


def test_date_after_publication_is_planned(extract_text):
    x = extract_text("The summit between Olaf Brandt and Maria Costa is on June 2.", "2025-05-01")
    assert only(x, "meeting").status == "planned"


def test_year_of_the_quarter_from_earlier(extract_text):
    x = extract_text(
        "Deal activity rose in Q3 2025. In the quarter, Brightline Systems acquired Corvel Labs."
    )
    assert only(x, "agreement").date == "2025"


# ---------------------------------------------------------------- coreference


def test_mentions_of_one_meeting_are_merged(extract_text):
    x = extract_text(
        "Olaf Brandt held February talks with Maria Costa. Brandt's summit with Costa in "
        "Lisbon failed."
    )
    meetings = [e for e in x.events if e.type in ("meeting", "talks")]
    assert len(meetings) == 1
    assert meetings[0].place == "Lisbon" and meetings[0].date == "XXXX-02"


def test_definite_description_takes_up_the_event(extract_text):
    x = extract_text(
        "Chancellor Olaf Brandt met President Maria Costa in Lisbon on March 3. "
        "Trade Minister Jonas Lind also attended the meeting."
    )
    ev = only(x, "meeting")
    assert names(x, ev) == {"Olaf Brandt", "Maria Costa", "Jonas Lind"}


def test_meetings_on_different_days_stay_apart(extract_text):
    x = extract_text(
        "Olaf Brandt met Maria Costa in Lisbon on March 3. Olaf Brandt met Maria Costa "
        "again in Porto on April 9."
    )
    meetings = [e for e in x.events if e.type == "meeting"]
    assert sorted((e.place, e.date) for e in meetings) == [
        ("Lisbon", "XXXX-03-03"), ("Porto", "XXXX-04-09")
    ]


def test_two_deals_of_one_company_stay_apart(extract_text):
    x = extract_text(
        "Halvard Group acquired Mintel Robotics in May. Halvard Group acquired Kestrel Data "
        "in June."
    )
    assert len([e for e in x.events if e.type == "agreement"]) == 2


# ---------------------------------------------------------------- other kinds


def test_deadline(extract_text):
    x = extract_text("All foreign trawlers must leave Norway by December 22.")
    ev = only(x, "deadline")
    assert ev.place == "Norway"
    assert ev.date == "XXXX-12-22"
    assert ev.status == "planned"


def test_listing_of_upcoming_events(extract_text):
    x = extract_text(
        "Upcoming Events\n\nNordic Robotics Expo - March 4-6, 2026, Oslo, Norway\n\n"
        "Baltic Data Summit - May 12-13, 2026, Riga, Latvia\n",
        "2025-12-01",
    )
    meetings = [e for e in x.events if e.type == "meeting"]
    assert [(e.trigger.text, e.place, e.date, e.status) for e in meetings] == [
        ("Nordic Robotics Expo", "Oslo, Norway", "2026-03-04", "planned"),
        ("Baltic Data Summit", "Riga, Latvia", "2026-05-12", "planned"),
    ]


@pytest.mark.parametrize("line", ["By Luis Ortega | September 8, 2023",
                                  "Luis Ortega - September 8, 2023"])
def test_a_byline_with_a_date_is_no_listed_event(extract_text, line):
    x = extract_text(f"Boil notice lifted\n\n{line}\n\nThe water is safe again, officials said.")
    assert [e for e in x.events if e.type == "meeting"] == []


def test_campaign_rally_is_no_protest(extract_text):
    x = extract_text("Senator Ruth Abel held a rally in Dayton. Teachers rallied against "
                     "the voucher bill in Austin.")
    protests = [e for e in x.events if e.type == "protest"]
    assert [e.place for e in protests] == ["Austin"]


def test_read_more_line_is_another_story(extract_text):
    x = extract_text("READ MORE: Olaf Brandt meets Maria Costa in Lisbon\n\nThe weather was fine.")
    assert x.events == []

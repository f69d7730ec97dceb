"""Attributed statements on sentences we wrote, one hard case each."""

from __future__ import annotations

import pytest


def by_content(x, fragment: str):
    hits = [q for q in x.quotes if fragment in q.content.text]
    assert hits, f"no quote containing {fragment!r}; got {[q.content.text for q in x.quotes]}"
    return hits[0]


def test_direct_quote_with_inverted_cue_and_apposition(extract_text):
    x = extract_text(
        "“The budget is balanced for the first time in a decade,” said Hugh Hill, a doctor "
        "who chairs the finance committee."
    )
    q = by_content(x, "budget is balanced")
    assert q.type == "direct"
    assert q.cue.text == "said"
    assert q.speaker_name == "Hugh Hill"


def test_appositive_speaker_before_the_verb(extract_text):
    x = extract_text("Hugh Hill, a doctor, said the clinic would close in May.")
    q = by_content(x, "clinic would close")
    assert q.type == "indirect"
    assert q.speaker.text.startswith("Hugh Hill")
    assert q.speaker_name == "Hugh Hill"


def test_inverted_order_pointed_out(extract_text):
    x = extract_text(
        "The closure will cost the town about 200 jobs, pointed out Maria Gonzalez, "
        "an economist at the Lakeside Institute."
    )
    q = by_content(x, "cost the town")
    assert q.cue.text == "pointed out"
    assert q.speaker_name == "Maria Gonzalez"


def test_pronoun_speaker_he_added(extract_text):
    x = extract_text(
        "“We are ready,” said coach Daniel Brooks. “The players know what to do,” he added."
    )
    q = by_content(x, "players know")
    assert q.speaker.text == "he"
    assert q.speaker_name == "Daniel Brooks"


def test_pronoun_skips_people_inside_the_quote(extract_text):
    x = extract_text(
        "“Anna Kowalski deserves the credit for this,” said Peter Novak.\n\n"
        "“She never gave up,” he said."
    )
    q = by_content(x, "never gave up")
    assert q.speaker_name == "Peter Novak"


def test_nominal_speaker_the_expert(extract_text):
    x = extract_text(
        "Laura Fischer studies flood defences at Delft University. The barrier was built too "
        "low, the expert said."
    )
    q = by_content(x, "barrier was built")
    assert q.speaker.text == "the expert"
    assert q.speaker_name == "Laura Fischer"


def test_according_to(extract_text):
    x = extract_text(
        "The mine will reopen next spring, according to the regional governor, Ivan Petrov."
    )
    q = by_content(x, "mine will reopen")
    assert q.cue.text == "according to"


def test_floating_quote_continues_previous_speaker(extract_text):
    x = extract_text(
        "“The river rose faster than anyone expected,” said Sarah Olsen, the town's mayor.\n\n"
        "“We moved two hundred families in one night. Nobody was hurt.”"
    )
    q = by_content(x, "two hundred families")
    assert q.cue is None
    assert q.speaker is None
    assert q.speaker_name == "Sarah Olsen"


def test_quote_over_several_paragraphs(extract_text):
    x = extract_text(
        "Minister Paolo Russo said:\n\n"
        "“The first phase is finished.\n\n"
        "“The second phase starts in June, and the third will follow next year.”"
    )
    q = by_content(x, "first phase")
    assert "second phase" in q.content.text
    assert q.speaker_name == "Paolo Russo"


def test_press_release_dash_attribution(extract_text):
    x = extract_text(
        '"Every sample we took met the state standard. People can drink the water again," '
        "-Commissioner Daniel Whitcombe"
    )
    q = by_content(x, "Every sample")
    assert q.speaker_name == "Daniel Whitcombe"
    assert q.cue.text == "-"


def test_reader_letter_horizontal_bar_attribution(extract_text):
    x = extract_text(
        "“He represents the worst of our politics and our greatest shame.” ― Sonya Herridge\n"
        "“The debate showed who is ready to lead this country.” ― Marcus Bell"
    )
    assert [(q.speaker_name, q.cue.text) for q in x.quotes] == [
        ("Sonya Herridge", "―"),
        ("Marcus Bell", "―"),
    ]


def test_press_release_from_line(extract_text):
    x = extract_text(
        "From Chairwoman Priya Raman:\n\n"
        '"Our crews worked around the clock to restore service to every home."'
    )
    q = by_content(x, "crews worked")
    assert q.speaker_name == "Priya Raman"


def test_nested_attribution_keeps_the_inner_speaker(extract_text):
    x = extract_text(
        "The TASS agency reported that Governor Oleg Sokolov told reporters that the bridge "
        "would open in October."
    )
    inner = [q for q in x.quotes if q.content.text.startswith("that the bridge")]
    assert inner and inner[0].speaker_name == "Oleg Sokolov"


def test_organisation_as_speaker(extract_text):
    x = extract_text("The World Health Organization said the outbreak was under control.")
    q = by_content(x, "outbreak was under control")
    assert q.speaker_name == "World Health Organization"
    ent = next(e for e in x.entities if e.id == q.speaker_entity)
    assert ent.type == "ORG"


@pytest.mark.parametrize("group", ["Experts", "All three analysts", "Local residents"])
def test_group_speaker_keeps_mention_without_person(extract_text, group):
    x = extract_text(f"{group} said the new road would bring more traffic to the village.")
    q = by_content(x, "new road")
    assert q.speaker is not None and q.speaker.text.lower() == group.lower()
    assert q.speaker_entity is None and q.speaker_name is None


def test_split_quotation_shares_the_speaker(extract_text):
    x = extract_text("“We lost,” said Tomas Berg, “but we will be back next season.”")
    a, b = by_content(x, "We lost"), by_content(x, "we will be back")
    assert a.speaker_name == b.speaker_name == "Tomas Berg"


def test_scare_quotes_are_not_statements(extract_text):
    x = extract_text("The so-called “smart” meters were installed in 2019 across the city.")
    assert x.quotes == []


@pytest.mark.parametrize(
    "text",
    [
        "“",
        '"""""',
        "He said “",
        "“Unclosed quote said he\n\n“And another",
        "” backwards “ marks ” everywhere “",
        "said said said",
    ],
)
def test_odd_marks_never_crash(extract_text, text):
    x = extract_text(text)
    for q in x.quotes:
        assert q.content.start <= q.content.end


def test_offsets_index_into_the_text(extract_text):
    text = "“It works,” said Ada Lovelace. Charles Babbage said the engine was ready."
    x = extract_text(text)
    assert x.quotes
    for q in x.quotes:
        for span in (q.content, q.cue, q.speaker):
            if span is not None:
                assert text[span.start : span.end] == span.text


def test_institution_nominal_is_the_organisation_not_a_person(extract_text):
    x = extract_text(
        "The Riverside County Water Authority lifted its notice on Friday. Mayor Ann Cole "
        "welcomed it. The authority said households should run their taps first."
    )
    q = by_content(x, "households should run")
    assert q.speaker_name == "Riverside County Water Authority"


def test_name_in_apposition_is_the_speaker(extract_text):
    x = extract_text(
        "Mayor Ann Cole spoke first. The ferry operator, Bayline, said its timetable would not "
        "change."
    )
    q = by_content(x, "timetable would not change")
    assert q.speaker_name != "Ann Cole"


def test_partial_quotation_before_the_cue_keeps_the_whole_clause(extract_text):
    x = extract_text('As officers led them out, the gunmen shot at them "like snipers," he said.')
    q = by_content(x, "like snipers")
    assert q.content.text.startswith("As officers led them out")
    assert q.type == "mixed"


def test_statement_runs_to_the_end_of_the_quotation_it_opens(extract_text):
    x = extract_text(
        'Brian Hemming said his group was "very pleased with the decision. This levels the '
        'playing field for every member."'
    )
    q = by_content(x, "very pleased")
    assert "playing field for every member" in q.content.text


def test_a_document_mentioned_again_speaks_for_the_author_named_first(extract_text):
    x = extract_text(
        "The Canadian Dairy Council said in a statement that milk prices would rise in May.\n\n"
        "The statement also said that farmers had asked for the increase."
    )
    q = by_content(x, "farmers had asked")
    assert q.speaker.text == "The statement"
    assert q.speaker_name == "Canadian Dairy Council"


def test_the_author_named_in_front_of_a_document_noun(extract_text):
    x = extract_text(
        "According to the Fraser Institute study, which used figures from the World Bank, "
        "the poorest households spend half of their income on food."
    )
    q = by_content(x, "poorest households")
    assert q.speaker_name == "Fraser Institute"


def test_the_description_of_an_unnamed_speaker_is_nobody_named(extract_text):
    x = extract_text(
        "Meng Wanzhou was arrested in Vancouver in December.\n\n"
        "A justice official said the minister decides on every surrender.\n\n"
        '"Most of those requests go through," the official said.'
    )
    q = by_content(x, "Most of those requests")
    assert q.speaker.text == "the official"
    assert q.speaker_entity is None


@pytest.mark.xfail(
    strict=True,
    reason="known gap: the learned antecedent ranker (5-fold CV on GGT: speakers 0.91) still "
    "prefers the speaker of two sentences before to the person just introduced in an oblique "
    "role; see docs/attribution.md",
)
def test_he_is_the_person_just_introduced(extract_text):
    x = extract_text(
        "Doug Purdy walks his dog every day. “My blood pressure is down to normal,” he adds. "
        "The results were also good for Mississauga accountant Babatunji Farinloye, 50. "
        "“I had a gym membership, but this program really helped me,” he says."
    )
    q = by_content(x, "gym membership")
    assert q.speaker.text == "he"
    assert q.speaker_name == "Babatunji Farinloye"


def test_a_quotation_after_a_colon_belongs_to_the_clause_subject(extract_text):
    x = extract_text(
        "The board was caught off guard in December when Musk again took to Twitter with "
        "this: “Chairman is an honorific, not an executive role. I will retire that title.”"
    )
    q = by_content(x, "Chairman is an honorific")
    assert q.speaker.text == "Musk"


def test_a_floating_quote_after_quiet_paragraphs_continues_the_speaker(extract_text):
    x = extract_text(
        '"We will see more floods and more storms," Gajewski said.\n\n'
        '"Cities have to be planned to deal with that kind of thing."\n\n'
        "For cities like Ottawa, which just finished its twelfth day of plowing, "
        "nobody should plan to retire their shovels.\n\n"
        '"We are going to have to shovel more often."'
    )
    q = by_content(x, "shovel more often")
    assert q.speaker_name == "Gajewski"


def test_a_floating_quote_after_someone_else_is_named_is_left_alone(extract_text):
    x = extract_text(
        '"We will see more floods and more storms," Gajewski said.\n\n'
        "For cities like Ottawa, Mayor Jim Watson has asked for more snow ploughs.\n\n"
        "Nobody should plan to retire their shovels this winter.\n\n"
        '"We are going to have to shovel more often."'
    )
    q = by_content(x, "shovel more often")
    assert q.speaker_name is None


def test_who_stands_for_the_person_it_follows(extract_text):
    x = extract_text(
        "Ehab Lotayef, who said the fear of another attack will not go away, "
        "founded the awareness week in 2017."
    )
    q = by_content(x, "fear of another attack")
    assert q.speaker.text == "who"
    assert q.speaker_name == "Ehab Lotayef"


def test_all_belongs_to_the_group_speaker(extract_text):
    x = extract_text("All those involved said the issue cannot be fixed by one group alone.")
    q = by_content(x, "cannot be fixed")
    assert q.speaker.text == "All those involved"
    assert q.speaker_entity is None


def test_two_people_together_are_a_group(extract_text):
    x = extract_text(
        "Kim and Clark Moran said they adopted the boy from an orphanage in August."
    )
    q = by_content(x, "adopted the boy")
    assert q.speaker.text == "Kim and Clark Moran"
    assert q.speaker_entity is None


def test_a_hyphenated_title_is_one_person(extract_text):
    x = extract_text(
        "Kevin Vickers is considering a move into politics.\n\n"
        "The former sergeant-at-arms of the House of Commons said Monday he is considering "
        "a run for the party leadership."
    )
    q = by_content(x, "considering a run")
    assert q.speaker_name == "Kevin Vickers"


def test_an_infinitive_after_a_quotation_does_not_end_the_statement(extract_text):
    x = extract_text(
        'A statement said the group was "shocked and saddened" to confirm the death of its '
        'director, and that he had "devoted ten years to helping the poorest people."'
    )
    q = by_content(x, "shocked and saddened")
    assert q.content.text.endswith("poorest people.")


def test_a_dateline_is_not_what_was_said(extract_text):
    x = extract_text(
        "OTTAWA — Conservative Leader Andrew Scheer says Prime Minister Justin Trudeau is the "
        "most divisive prime minister in the history of Canada."
    )
    assert [q.content.text for q in x.quotes] == [
        "Prime Minister Justin Trudeau is the most divisive prime minister in the history of "
        "Canada."
    ]


def test_a_cue_line_ending_in_a_colon_takes_the_next_paragraph(extract_text):
    x = extract_text(
        "The mayor spoke during the debate on housing.\n\nShe said:\n\n"
        '"We have a situation where rents have doubled. Families are leaving the city."\n\n'
        "The council voted later."
    )
    q = by_content(x, "rents have doubled")
    assert q.cue.text == "said"
    assert q.speaker.text == "She"


@pytest.mark.parametrize(
    "text, speaker",
    [
        (
            "President Ana Lima responded to the veterans on Wednesday night by saying her "
            "refusal to use the words was a manufactured issue.",
            "President Ana Lima",
        ),
        (
            "After saying her right foot was badly swollen, she was taken to the hospital.",
            "she",
        ),
    ],
)
def test_a_gerund_cue_speaks_for_the_subject_it_hangs_on(extract_text, text, speaker):
    x = extract_text(text)
    assert [q.speaker.text for q in x.quotes if q.cue and q.cue.text == "saying"] == [speaker]


def test_a_judgement_with_call_is_a_statement(extract_text):
    x = extract_text(
        "The Fraser Institute, a think tank, called the program one of the biggest "
        "infrastructure commitments in the country's history."
    )
    q = by_content(x, "biggest infrastructure commitments")
    assert q.cue.text == "called"
    assert q.content.text.startswith("the program one of the biggest")
    assert q.speaker_name == "Fraser Institute"


def test_a_statement_right_after_a_speaker_is_that_speakers(extract_text):
    x = extract_text(
        "The aid group Oxfam Canada said its regional director was among those killed. "
        "A statement said the group was shocked and saddened by his death."
    )
    q = by_content(x, "shocked and saddened")
    assert q.speaker.text == "A statement"
    assert q.speaker_name == "Oxfam Canada"

"""Attribution kinds (speech, belief, stance, intention, evidence) and split attributions
(groups), on sentences we wrote."""

from __future__ import annotations

import json

import pytest

from newsgraph.extractors.lexicon import ATTRIBUTION_KINDS
from newsgraph.record import Document, Source


def quote_with(x, fragment: str):
    hits = [q for q in x.quotes if fragment in q.content.text]
    assert hits, f"no quote containing {fragment!r}; got {[q.content.text for q in x.quotes]}"
    return hits[0]


@pytest.mark.parametrize(
    ("sentence", "fragment", "kind"),
    [
        ("Mayor Lena Ortiz said the bridge would reopen in June.", "bridge would reopen", "speech"),
        ("Mayor Lena Ortiz believes the bridge will reopen in June.", "bridge will reopen",
         "belief"),
        ("Councillor Omar Haddad thinks the budget is too small for the town.", "budget is too",
         "belief"),
        ("A new survey shows that most residents oppose the new parking fees.",
         "most residents oppose", "evidence"),
        ("Councillor Omar Haddad wants to build a second bridge across the river.",
         "build a second bridge", "intention"),
        ("Engineers found corrosion on two of the four main supports during an inspection.",
         "corrosion", "evidence"),
    ],
)
def test_kind_follows_the_cue(extract_text, sentence, fragment, kind):
    q = quote_with(extract_text(sentence), fragment)
    assert q.kind == kind


def test_quoted_words_are_speech_whatever_the_cue(extract_text):
    x = extract_text("“The vote is a disgrace,” her statement read.")
    assert quote_with(x, "vote is a disgrace").kind == "speech"


def test_every_kind_is_a_known_one(extract_text):
    x = extract_text(
        "Mayor Lena Ortiz said the bridge would reopen in June. She believes the repairs "
        "will cost less than planned. Councillor Omar Haddad wants to build a second bridge."
    )
    assert x.quotes
    assert {q.kind for q in x.quotes} <= set(ATTRIBUTION_KINDS)


def test_split_quotation_is_one_group(extract_text):
    x = extract_text(
        "“We have waited long enough for this bridge,” Mayor Lena Ortiz said. “The town "
        "needs it before the winter comes.”"
    )
    first = quote_with(x, "waited long enough")
    second = quote_with(x, "before the winter")
    assert first.group is not None
    assert first.group == second.group
    assert second.speaker_name == "Lena Ortiz"


def test_quotes_of_other_paragraphs_are_not_one_group(extract_text):
    x = extract_text(
        "“We have waited long enough for this bridge,” Mayor Lena Ortiz said.\n\n"
        "Work on the bridge started in 2019 and stopped a year later.\n\n"
        "“The town needs it before the winter comes.”"
    )
    first = quote_with(x, "waited long enough")
    second = quote_with(x, "before the winter")
    assert second.group is None or second.group != first.group


def test_kind_and_group_survive_the_json_form(extract_text):
    text = (
        "“We have waited long enough for this bridge,” Mayor Lena Ortiz said. “The town "
        "needs it before the winter comes.” She believes the repairs will cost less than planned."
    )
    x = extract_text(text)
    doc = Document(id="d1", source=Source(), text=text, quotes=x.quotes)
    back = Document.from_dict(json.loads(doc.to_json()))
    assert [(q.kind, q.group) for q in back.quotes] == [(q.kind, q.group) for q in x.quotes]
    assert {q.kind for q in back.quotes} == {"speech", "belief"}


def test_parenthetical_cue_joins_both_sides(extract_text):
    x = extract_text(
        "The new bridge, the mayor said, will be open to traffic before the first snow falls."
    )
    left = quote_with(x, "The new bridge")
    right = quote_with(x, "open to traffic")
    assert left.group is not None and left.group == right.group
    assert left.cue.text == right.cue.text == "said"


def test_quotation_split_by_its_cue_is_one_group(extract_text):
    x = extract_text(
        "“The bridge will open in May,” Mayor Lena Ortiz said, “and the ferry will stop.”"
    )
    first = quote_with(x, "bridge will open")
    second = quote_with(x, "ferry will stop")
    assert first.group is not None and first.group == second.group


def test_a_stance_takes_what_its_verb_governs(extract_text):
    x = extract_text("The nurses' union endorsed Ana Ruiz for mayor.")
    q = quote_with(x, "Ana Ruiz")
    assert q.kind == "stance"
    assert q.cue.text == "endorsed"
    assert q.content.text == "Ana Ruiz for mayor"


def test_a_transcript_quoted_whole_gives_each_turn_its_speaker(extract_text):
    x = extract_text(
        "Senator Lena Ortiz spoke to the host on Sunday.\n\n"
        "\"HOST: Will the bridge open before the winter comes to the valley?\n\n"
        "\"ORTIZ: The bridge will open in May, and the ferry will stop the same week.\""
    )
    turn = quote_with(x, "bridge will open in May")
    assert turn.speaker is not None and turn.speaker.text == "ORTIZ"
    assert turn.cue is not None and turn.cue.text == ":"
    assert not turn.content.text.endswith('"')


@pytest.mark.parametrize("sentence", [
    "Ana Ruiz, 47, who watched the launch on a screen in the square, said the launch brought "
    "back memories of her brother, and of ''every worker who built the ship.''",
    "Ortiz says she hopes to be elected mayor, but she knows that “the river will always win.”",
])
def test_a_statement_never_ends_with_a_conjunction(extract_text, sentence):
    x = extract_text(sentence)
    first = x.quotes[0]
    assert first.cue is not None and first.cue.text in ("said", "says")
    assert not first.content.text.rstrip(" ,").endswith((" and", " but"))


def test_when_a_stance_was_taken_is_not_part_of_it(extract_text):
    x = extract_text("Mayor Lena Ortiz offered some pointed advice to the council on Tuesday.")
    assert quote_with(x, "pointed advice").content.text == "some pointed advice to the council"

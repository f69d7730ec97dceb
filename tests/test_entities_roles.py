"""People and their roles, on sentences we wrote."""

from __future__ import annotations


def person(x, name: str):
    hits = [e for e in x.entities if e.type == "PERSON" and e.name == name]
    assert hits, f"no person {name!r}; got {[e.name for e in x.entities if e.type == 'PERSON']}"
    return hits[0]


def titles(e) -> list[str]:
    return [r.title for r in e.roles]


def test_one_entity_per_person_with_fullest_name(extract_text):
    x = extract_text(
        "President Ana Lima met Kim Jong-Un on Friday. Kim's delegation arrived late, and "
        "Kim later thanked Lima."
    )
    kim = person(x, "Kim Jong-Un")
    assert len(kim.mentions) == 3
    lima = person(x, "Ana Lima")
    assert len(lima.mentions) == 2
    assert [e.name for e in x.entities if e.type == "PERSON"].count("Kim") == 0


def test_surname_tagged_as_organisation_joins_the_person(extract_text):
    x = extract_text(
        "Konstantin Asmolov is a historian. Asmolov said the talks were useful. "
        "Asmolov added little."
    )
    asmolov = person(x, "Konstantin Asmolov")
    assert len(asmolov.mentions) == 3


def test_premodifier_titles_orgs_and_places(extract_text):
    x = extract_text(
        "Seoul-based NK News analyst Fyodor Tertitsky and Deputy Energy Minister Anatoly "
        "Yanovsky spoke, as did Russian Railways General Director Oleg Belozerov."
    )
    t = person(x, "Fyodor Tertitsky").roles[0]
    assert (t.title, t.org, t.place) == ("analyst", "NK News", "Seoul")
    assert titles(person(x, "Anatoly Yanovsky")) == ["Deputy Energy Minister"]
    b = person(x, "Oleg Belozerov").roles[0]
    assert (b.title, b.org) == ("General Director", "Russian Railways")


def test_apposition_with_organisation(extract_text):
    x = extract_text(
        "Maria Gonzalez, a senior economist at the Lakeside Institute, said prices would rise."
    )
    r = person(x, "Maria Gonzalez").roles[0]
    assert r.title == "senior economist"
    assert r.org == "Lakeside Institute"


def test_head_of_phrase_is_the_title(extract_text):
    x = extract_text(
        "Aleksei Maslov, head of the history faculty at the Higher School of Economics, spoke."
    )
    r = person(x, "Aleksei Maslov").roles[0]
    assert r.title == "head of the history faculty"
    assert r.org == "Higher School of Economics"


def test_title_of_state(extract_text):
    x = extract_text("Secretary of State John Kerry said the vote was flawed.")
    assert titles(person(x, "John Kerry")) == ["Secretary of State"]


def test_role_offsets_cover_the_phrase(extract_text):
    text = "Hugh Hill, a doctor, said the clinic would close."
    x = extract_text(text)
    r = person(x, "Hugh Hill").roles[0]
    assert "doctor" in text[r.start : r.end]


def test_hyphenated_surname_typed_as_organisation_joins_the_person(extract_text):
    x = extract_text(
        "Justice Minister Jody Wilson-Raybould introduced the bill in April.\n\n"
        '"We\'re not considering changing something in the legislation," Wilson-Raybould '
        "said in November."
    )
    minister = person(x, "Jody Wilson-Raybould")
    assert x.quotes and x.quotes[0].speaker_name == "Jody Wilson-Raybould"
    assert len(minister.mentions) == 2


def test_full_name_used_as_a_modifier_after_the_is_still_a_person(extract_text):
    x = extract_text(
        "Analysts tilt toward the Larry Ellison view of the carmaker. "
        '"Forget about Ford and GM," Ellison said.'
    )
    said = [q for q in x.quotes if "Forget about" in q.content.text]
    assert [q.speaker_name for q in said] == ["Larry Ellison"]
    assert not [e for e in x.entities if e.type == "ORG" and "Ellison" in e.name]


def test_given_name_the_tagger_left_out_joins_the_name(extract_text):
    x = extract_text(
        "(Photo: Agency Images)\n\n"
        "Mamadou Dia was on a business trip in Nairobi. Dia said the police fired back."
    )
    assert x.quotes[0].speaker_name == "Mamadou Dia"


def test_bare_surname_joins_a_person_found_as_a_speaker(extract_text):
    # the tagger reads "Vancouver's Bo Horvat" as a title, and misses "Horvat" later
    x = extract_text(
        "\"That wasn't very good,\" Vancouver's Bo Horvat said after the game.\n\n"
        '"We can take this as a fresh start," Horvat said.'
    )
    assert [q.speaker_name for q in x.quotes] == ["Bo Horvat", "Bo Horvat"]


def test_relative_typed_as_organisation_is_a_person(extract_text):
    x = extract_text(
        "The victims included Khaled Belkacemi, 60, a professor.\n\n"
        "For Megda Belkacemi, Friday is a day she has been waiting for."
    )
    person(x, "Khaled Belkacemi")
    person(x, "Megda Belkacemi")


def test_full_name_typed_as_a_place_joins_the_one_word_person(extract_text):
    x = extract_text(
        "The young goalie made 24 saves and Nino Niederreiter scored twice as the Hurricanes "
        "won.\n\n\"You can't stand still,\" Niederreiter said."
    )
    assert [q.speaker_name for q in x.quotes] == ["Nino Niederreiter"]
    assert len(person(x, "Nino Niederreiter").mentions) == 2

"""Person resolution across articles: the rule in docs/knowledge-base.md, pinned.

1. Full names match after normalising case, diacritics, hyphens and spacing.
2. A bare surname never creates or joins a profile across articles.
3. The same full name with clearly conflicting roles (other place AND other organisation)
   stays two profiles; without such evidence it is one profile.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pytest
from sqlalchemy import text
from test_store_support import BACKENDS, make_url, record

from newsgraph.store import Store, name_key, open_store
from newsgraph.store.names import slugify
from newsgraph.store.people import PersonState, roles_conflict


@pytest.fixture(params=BACKENDS)
def kb(request: pytest.FixtureRequest, tmp_path: Path) -> Store:
    store = open_store(make_url(request.param, tmp_path, request))
    request.addfinalizer(store.close)
    return store


def says(name: str, words: str, roles=(), **kw) -> dict:  # noqa: ANN001
    return record(speakers=[(name, list(roles))], says=[(0, words)], **kw)


def profiles(kb: Store, name: str) -> list[str]:
    return sorted(p.slug for p in kb.find_people(name))


def test_name_keys() -> None:
    same = ["Kim Jong-Un", "Kim Jong Un", "Kim Jong-un", "KIM  JONG‐UN", " kim jong un "]
    assert {name_key(n) for n in same} == {"kim jong un"}
    assert name_key("José Pérez") == name_key("Jose Perez") == "jose perez"
    assert name_key("Łukasz Wiśniewski") == "lukasz wisniewski"
    assert name_key("Sean O'Brien") == name_key("Sean O’Brien") == "sean o brien"
    assert name_key("Kim Jong Il") != name_key("Kim Jong Un")
    assert slugify("Kim Jong-Un") == "kim-jong-un"
    assert slugify("Мария Иванова").startswith("_") or "_" in slugify("Мария Иванова")


def test_spelling_variants_of_a_full_name_are_one_profile(kb: Store) -> None:
    kb.ingest([says("Kim Jong-Un", "We will meet again"),
               says("Kim Jong Un", "Talks were useful"),
               says("Kim Jong-un", "The railway matters")])
    assert profiles(kb, "Kim Jong Un") == ["kim-jong-un"]
    prof = kb.person("kim jong-un")
    assert prof is not None and prof.quote_count == 3
    assert set(prof.name_variants) == {"Kim Jong-Un", "Kim Jong Un", "Kim Jong-un"}


def test_diacritics_do_not_split_a_person(kb: Store) -> None:
    kb.ingest([says("José Pérez", "First words"), says("Jose Perez", "Second words")])
    assert profiles(kb, "Jose Perez") == ["jose-perez"]


def test_bare_surname_never_joins_or_creates_a_cross_article_profile(kb: Store) -> None:
    a = says("Asmolov", "Bare words here")
    b = says("Konstantin Asmolov", "Full words here")
    c = says("Asmolov", "More bare words")
    kb.ingest([a, b, c])
    full = kb.person("Konstantin Asmolov")
    assert full is not None and full.quote_count == 1 and full.scope is None
    found = kb.find_people("Asmolov")
    scoped = [p for p in found if p.slug.startswith("asmolov@")]
    assert len(found) == 3 and len(scoped) == 2  # one per article, never shared
    for ref in scoped:
        prof = kb.person(ref.id)
        assert prof is not None and prof.scope in (a["id"], c["id"]) and prof.quote_count == 1
    # a search by surname still finds all three statements
    assert kb.search(None, speaker="Asmolov").total == 3


def test_bare_surname_joins_the_full_name_in_its_own_article(kb: Store) -> None:
    rec = record(speakers=[("Konstantin Asmolov", []), ("Asmolov", [])],
                 says=[(0, "First statement"), (1, "Second statement")])
    kb.ingest([rec])
    assert profiles(kb, "Asmolov") == ["konstantin-asmolov"]
    assert kb.person("Konstantin Asmolov").quote_count == 2


def test_ambiguous_bare_name_in_an_article_stays_local(kb: Store) -> None:
    rec = record(speakers=[("Kim Jong Un", []), ("Kim Yo Jong", []), ("Kim", [])],
                 says=[(2, "Nobody claims credit")])
    kb.ingest([rec])
    hit = kb.search("credit").hits[0]
    assert hit.person_slug.startswith("kim@")


SEOUL = [("analyst", "NK News", "Seoul")]
OTTAWA = [("minister", "Ministry of Finance", "Canada")]


def test_same_name_with_conflicting_roles_stays_two_profiles(kb: Store) -> None:
    kb.ingest([says("John Smith", "Pyongyang will wait", SEOUL, published="2019-01-01"),
               says("John Smith", "The budget is balanced", OTTAWA, published="2019-02-01")])
    assert profiles(kb, "John Smith") == ["john-smith", "john-smith~2"]
    first = kb.person("john-smith")
    assert first is not None and first.organisations == ["NK News"]
    assert [n.slug for n in first.namesakes] == ["john-smith~2"]
    assert kb.person("john-smith~2").organisations == ["Ministry of Finance"]


def test_without_conflicting_evidence_the_same_name_is_one_person(kb: Store) -> None:
    kb.ingest([
        says("John Smith", "One", SEOUL),
        says("John Smith", "Two"),                                   # no roles: no evidence
        says("John Smith", "Three", [("editor", "NK News", "Canada")]),  # same org
        says("John Smith", "Four", [("professor", "Yonsei University", "Seoul")]),  # same place
        says("John Smith", "Five", [("adviser", None, "Canada")]),   # no org: no evidence
    ])
    assert profiles(kb, "John Smith") == ["john-smith"]
    assert kb.person("John Smith").quote_count == 5


def test_after_a_split_later_mentions_go_to_the_matching_profile(kb: Store) -> None:
    kb.ingest([says("John Smith", "Alpha", SEOUL), says("John Smith", "Beta", OTTAWA),
               says("John Smith", "Gamma", [("deputy minister", "Ministry of Finance",
                                              "Canada")]),
               says("John Smith", "Delta")])
    assert kb.person("john-smith~2").quote_count == 2  # Beta, Gamma (shared org and place)
    assert kb.person("john-smith").quote_count == 2  # Alpha, Delta (the oldest wins ties)


def test_roles_conflict_rule() -> None:
    p = PersonState(1, "x", "X", places={"seoul"}, orgs={"nk news"})
    assert roles_conflict(p, {"canada"}, {"ministry of finance"})
    assert not roles_conflict(p, {"canada"}, set())
    assert not roles_conflict(p, set(), {"ministry of finance"})
    assert not roles_conflict(p, {"seoul"}, {"ministry of finance"})
    assert not roles_conflict(PersonState(1, "x", "X"), {"canada"}, {"ministry of finance"})


def test_profile_roles_over_time(kb: Store) -> None:
    kb.ingest([
        says("Ana Lima", "One", [("deputy mayor", "City Hall", "Lisbon")],
             published="2018-01-01"),
        says("Ana Lima", "Two", [("deputy mayor", "City Hall", "Lisbon")],
             published="2018-06-01"),
        says("Ana Lima", "Three", [("mayor", "City Hall", "Lisbon")], published="2020-01-01"),
    ])
    prof = kb.person("Ana Lima")
    assert [(r.title, r.first_seen, r.last_seen, r.article_count) for r in prof.roles] == [
        ("deputy mayor", "2018-01-01", "2018-06-01", 2), ("mayor", "2020-01-01", "2020-01-01", 1)]
    assert prof.quotes_per_month == [{"month": "2018-01", "count": 1},
                                     {"month": "2018-06", "count": 1},
                                     {"month": "2020-01", "count": 1}]
    assert [q.content for q in prof.recent_quotes] == ["Three", "Two", "One"]


def roles_row_by_row(kb: Store, pid: int, per_role: int = 20) -> list[dict]:
    """A profile's roles as profiles.py built them before 0003: every role row read and
    grouped in Python (the reference the SQL aggregation must equal)."""
    with kb.engine.connect() as conn:
        rows = conn.execute(text(
            "SELECT r.title, r.org, r.place, r.article_id, r.published, a.title, a.site, a.url "
            "FROM roles r JOIN articles a ON a.id = r.article_id WHERE r.person_id = :p"),
            {"p": pid}).all()
    nulls_first_desc = kb.dialect == "postgresql"  # each backend's ORDER BY ... DESC
    groups: dict[tuple, list] = defaultdict(list)
    for r in rows:
        groups[tuple(r[:3])].append(r)
    out = []
    for (title, org, place), seen in groups.items():
        seen.sort(key=lambda r: ((r[4] is None) == nulls_first_desc, r[4] or "", r[3]),
                  reverse=True)
        dates = [r[4] for r in seen if r[4]]
        out.append({"title": title, "org": org, "place": place,
                    "first_seen": min(dates) if dates else None,
                    "last_seen": max(dates) if dates else None, "article_count": len(seen),
                    "articles": [{"id": r[3], "title": r[5], "published": r[4], "site": r[6],
                                  "url": r[7]} for r in seen[:per_role]]})
    out.sort(key=lambda r: tuple(r[k] or "" for k in ("first_seen", "title", "org", "place")))
    return out


def test_profile_roles_aggregated_in_sql_equal_every_row_grouped(
        kb: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    from newsgraph.store import profiles

    monkeypatch.setattr(profiles, "ROLE_GROUPS_PER_QUERY", 3)  # 4 roles: two queries
    minister = ("minister", "Finance Ministry", "Lisbon")
    docs = [says("Ana Lima", f"Budget {i}", [minister], published=f"2019-{1 + i % 12:02d}-"
                 f"{1 + i % 28:02d}", site=f"s{i % 3}.example") for i in range(27)]
    docs += [
        says("Ana Lima", "Same day, no place", [("minister", "Finance Ministry", None)],
             published="2019-01-01"),  # ties with the Lisbon role's first day: place orders
        says("Ana Lima", "Undated advice", [("adviser", None, None)], published=None),
        says("Ana Lima", "Dated advice", [("adviser", None, None)], published="2017-05"),
        says("Ana Lima", "Undated hall", [(None, "City Hall", None)], published=None),
        says("Ana Lima", "Two roles at once", [("adviser", None, None),
                                               (None, "City Hall", None)],
             published="2018-02-03"),
    ]
    kb.ingest(docs)
    prof = kb.person("Ana Lima")
    assert prof is not None and len(prof.roles) == 4
    assert [r.to_dict() for r in prof.roles] == roles_row_by_row(kb, prof.id)
    lisbon = next(r for r in prof.roles if r.place == "Lisbon")
    assert lisbon.article_count == 27 and len(lisbon.articles) == 20
    assert [a.published for a in lisbon.articles] == sorted(
        (a.published for a in lisbon.articles), reverse=True)
    assert [r.place for r in prof.roles if r.title == "minister"] == [None, "Lisbon"]
    hall = next(r for r in prof.roles if r.org == "City Hall")
    assert (hall.first_seen, hall.last_seen, hall.article_count) == (
        "2018-02-03", "2018-02-03", 2)


def test_co_quoted_people(kb: Store) -> None:
    kb.ingest([record(speakers=[("Ana Lima", []), ("Wei Chen", [])],
                      says=[(0, "Hello"), (1, "Hi")]),
               record(speakers=[("Ana Lima", []), ("Wei Chen", []), ("Bo Ek", [])],
                      says=[(0, "Again"), (1, "Yes"), (2, "No")])])
    co = kb.person("Ana Lima").co_quoted
    assert [(p.name, p.articles) for p in co] == [("Wei Chen", 2), ("Bo Ek", 1)]

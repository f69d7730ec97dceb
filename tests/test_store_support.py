"""Shared helpers for the knowledge-base tests (no tests here).

* ``golden_document()``: the golden article (shared/golden/vladivostok-summit.txt) as a
  Document with entities and quotes at their real offsets, until the extractor exists.
* ``record(...)``: a small hand-made record with correct offsets.
* ``dump(store)``: a canonical dump of every table, to compare two databases.
* ``pg_url`` fixture helpers: a fresh PostgreSQL schema per test when NEWSGRAPH_TEST_PG is set.
"""

from __future__ import annotations

import hashlib
import os
import uuid
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, text

from newsgraph.record import Document, Entity, Event, Quote, Role, Source, Span, document_id
from newsgraph.store import schema
from newsgraph.store.db import resolve_url

_SHARED_GOLDEN = Path(
    os.environ.get("NEWSGRAPH_SHARED", Path(__file__).resolve().parents[2] / "shared")
) / "golden" / "vladivostok-summit.txt"
# the repository carries the golden article too (examples/), the same bytes
GOLDEN = _SHARED_GOLDEN if _SHARED_GOLDEN.exists() else (
    Path(__file__).resolve().parents[1] / "examples" / "articles" / "vladivostok-summit.txt")
ASMOLOV_ORG = ("Center for Korean Studies at the Russian Academy of Sciences' Institute of "
               "Far Eastern Studies")
GOLDEN_URL = ("https://www.currenttime.tv/a/experts-kim-and-putin-want-to-expand-economic-ties"
              "-despite-sanctions/29904512.html")
PG_ENV = "NEWSGRAPH_TEST_PG"


def find(text: str, s: str, nth: int = 0, after: str | None = None) -> Span:
    """The nth occurrence of s (optionally after the first occurrence of ``after``)."""
    i = text.index(after) if after else 0
    for _ in range(nth + 1):
        i = text.index(s, i)
        start = i
        i += 1
    return Span.of(text, start, start + len(s))


def golden_text() -> str:
    if not GOLDEN.exists():
        pytest.skip(f"golden article not found at {GOLDEN}")
    return GOLDEN.read_text(encoding="utf-8")


def golden_document(url: str = GOLDEN_URL) -> Document:
    """The golden article with its people, roles and a dozen quotes at correct offsets."""
    t = golden_text()
    kim = Entity("E1", "PERSON", "Kim Jong-Un",
                 [find(t, "Kim Jong-Un", 2), find(t, "Kim", after="Putin told reporters that")],
                 [Role("leader", None, "North Korea", *_se(find(t, "North Korean leader")))])
    putin = Entity("E2", "PERSON", "Vladimir Putin",
                   [find(t, "Vladimir Putin", 2), find(t, "Putin", after="however, Putin"),
                    find(t, "Putin", after="0:03:03")],
                   [Role("President", None, "Russia", *_se(find(t, "Russian President")))])
    role_span = find(t, "a senior research fellow at the Center for Korean Studies at the Russian "
                        "Academy of Sciences' Institute of Far Eastern Studies")
    asmolov = Entity("E3", "PERSON", "Konstantin Asmolov",
                     [find(t, "Konstantin Asmolov"), find(t, "Asmolov", 1), find(t, "Asmolov", 2)],
                     [Role("senior research fellow", ASMOLOV_ORG, None, *_se(role_span))])
    maslov = Entity("E4", "PERSON", "Aleksei Maslov", [find(t, "Aleksei Maslov")],
                    [Role("head of the international economics and affairs faculty",
                          "Higher School of Economics’ School of Asian Studies", "Moscow",
                          *_se(find(t, "head of the international economics")))])
    tertitsky = Entity("E5", "PERSON", "Fyodor Tertitsky",
                       [find(t, "Fyodor Tertitsky"), find(t, "Fyodor Tertitsky", 1)],
                       [Role("analyst", "NK News", "Seoul",
                             *_se(find(t, "Seoul-based NK News analyst")))])
    current_time = Entity("E6", "ORG", "Current Time", [find(t, "Current Time")])
    nk = Entity("E7", "GPE", "North Korea", [find(t, "North Korea")])
    vladivostok = Entity("E8", "GPE", "Vladivostok", [find(t, "Vladivostok", 2)])

    def q(qid: str, typ: str, content: str, cue: Span | None, speaker: Span | None,
          ent: Entity | None, after: str | None = None) -> Quote:
        return Quote(qid, typ, find(t, content, after=after), cue, speaker,
                     ent.id if ent else None, ent.name if ent else None)

    quotes = [
        q("Q1", "indirect", "It may not have produced an agreement, but the April 25 summit "
          "between North Korean leader Kim Jong-Un and Russian President Vladimir Putin – the "
          "two men’s first meeting – underlined Moscow’s ongoing interest in exploring economic "
          "cooperation with North Korea", find(t, "say", after="Current Time"),
          find(t, "experts interviewed by Current Time"), None),
        q("Q2", "direct", "Based on the composition of people who took part in the expanded "
          "negotiations, it’s more or less obvious what they discussed",
          find(t, "said", after="discussed"), find(t, "Konstantin Asmolov"), asmolov),
        q("Q3", "direct", "First of all, bilateral cooperation in the economic-humanitarian "
          "sphere. How can we develop our ties, given that North Korea is under a de facto "
          "economic blockade?", None, None, asmolov),
        q("Q4", "indirect", "Aside from edging out China for access to North Korea’s mineral "
          "resources, Russia has its eye on a trans-Korean railway project to bolster trade "
          "between Russia and South Korea and construction of a gas pipeline from Russia to "
          "South Korea via North Korea", find(t, "noted"), find(t, "Aleksei Maslov"), maslov),
        q("Q5", "mixed", "searched for some options for cooperation that would not come under "
          "sanctions", find(t, "said", after="under sanctions"), find(t, "Asmolov", 1),
          asmolov),
        q("Q6", "indirect", "The pending departure of several thousand North Korean labor "
          "migrants from Russia will cost North Korea tax revenue and Russia’s Far East a "
          "reliable supply of cheap labor", find(t, "pointed out"),
          find(t, "Seoul-based NK News analyst Fyodor Tertitsky"), tertitsky),
        q("Q7", "indirect", "Kim would relinquish North Korea’s nuclear weapons if the country "
          "receives adequate guarantees for its security", find(t, "told", after="no mention"),
          find(t, "Putin", after="0:03:03"), putin),
        q("Q8", "direct", "The presence of nuclear weapons significantly decreases the "
          "probability that North Korea will be attacked", find(t, "commented"),
          find(t, "Fyodor Tertitsky", 1), tertitsky),
        q("Q9", "indirect", "the notion that the talks with Putin were arranged to pique Trump",
          find(t, "disputes"), find(t, "Asmolov", 2), asmolov),
        q("Q10", "indirect", "Preparations for the trip began in the fall of 2018 – well before "
          "Kim’s failed summit with the U.S. president in Hanoi", find(t, "said",
                                                                      after="the expert"),
          find(t, "the expert"), asmolov),
    ]
    events = [Event("V1", "meeting", find(t, "summit"), ["E1", "E2"], "Vladivostok",
                    "XXXX-04-25")]
    return Document(
        id=document_id(url, t), source=Source(None, url, "text"), text=t,
        title="Experts: Kim And Putin Want To Expand Economic Ties Despite Sanctions",
        published="2019-04-26", site="currenttime.tv",
        entities=[kim, putin, asmolov, maslov, tertitsky, current_time, nk, vladivostok],
        quotes=quotes, events=events)


def _se(span: Span) -> tuple[int, int]:
    return span.start, span.end


def person(name: str, eid: str, text: str, roles: list[tuple[str | None, str | None,
                                                               str | None]] = ()) -> dict:
    i = text.index(name)
    return {"id": eid, "type": "PERSON", "name": name,
            "mentions": [{"start": i, "end": i + len(name), "text": name}],
            "roles": [{"title": t, "org": o, "place": p, "start": None, "end": None}
                      for t, o, p in roles]}


def record(rid: str | None = None, *, text: str | None = None,
           speakers: list[tuple[str, list[tuple[str | None, str | None, str | None]]]] = (),
           says: list[tuple[int, str]] = (), published: str | None = "2020-01-01",
           site: str | None = "example.com", url: str | None = None) -> dict[str, Any]:
    """A record whose text is built from ``says``: (speaker index, statement) pairs.

    Speakers are (name, roles); each is mentioned in the text, so offsets are right.
    """
    parts = []
    for name, _ in speakers:
        parts.append(f"{name} spoke today. ")
    body = "".join(parts)
    quote_spans = []
    for who, content in says:
        start = len(body) + 1
        body += f"“{content},” said {speakers[who][0]}. "
        quote_spans.append((who, start, start + len(content)))
    if text is not None:
        body = text
    url = url or f"https://{site or 'example.com'}/{rid or uuid.uuid4().hex}"
    ents = [person(name, f"E{i + 1}", body, roles) for i, (name, roles) in enumerate(speakers)]
    quotes = []
    for n, (who, s, e) in enumerate(quote_spans):
        quotes.append({"id": f"Q{n + 1}", "type": "direct",
                       "content": {"start": s, "end": e, "text": body[s:e]},
                       "cue": None, "speaker": None, "speaker_entity": f"E{who + 1}",
                       "speaker_name": speakers[who][0]})
    return {"schema": "newsgraph/1", "id": rid or hashlib.sha1(url.encode()).hexdigest(),
            "source": {"path": None, "url": url, "format": "html", "offset": None},
            "title": "A title", "published": published, "authors": [], "site": site,
            "language": "en", "text": body, "entities": ents, "quotes": quotes, "events": [],
            "errors": []}


def dump(engine) -> dict[str, list[tuple]]:  # noqa: ANN001
    """Every row of every table, sorted: equal dumps mean equal databases."""
    out: dict[str, list[tuple]] = {}
    with engine.connect() as conn:
        for t in schema.TABLES:
            cols = ", ".join(f'"{c.name}"' for c in t.columns)
            rows = conn.execute(text(f'SELECT {cols} FROM "{t.name}"')).all()
            out[t.name] = sorted((tuple(r) for r in rows), key=repr)
        if conn.dialect.name == "sqlite":
            out["quotes_fts"] = sorted(r[0] for r in conn.execute(text(
                "SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH 'the OR a OR of'")))
            conn.exec_driver_sql(
                "INSERT INTO quotes_fts(quotes_fts, rank) VALUES ('integrity-check', 1)")
    return out


def pg_base_url() -> str:
    url = os.environ.get(PG_ENV)
    if not url:
        pytest.skip(f"{PG_ENV} is not set (bash .ci/postgres.sh starts a server and prints it)")
    return resolve_url(url)


class PgSchema:
    """A fresh schema in the test database, reached through search_path, dropped after."""

    def __init__(self) -> None:
        self.base = pg_base_url()
        self.name = "t_" + uuid.uuid4().hex[:12]
        self.admin = create_engine(self.base, isolation_level="AUTOCOMMIT")
        with self.admin.connect() as c:
            c.execute(text(f"CREATE SCHEMA {self.name}"))
        sep = "&" if "?" in self.base else "?"
        self.url = f"{self.base}{sep}options=-csearch_path%3D{self.name}"

    def drop(self) -> None:
        with self.admin.connect() as c:
            c.execute(text(f"DROP SCHEMA {self.name} CASCADE"))
        self.admin.dispose()


BACKENDS = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]


def make_url(backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> str:
    if backend == "sqlite":
        return f"sqlite:///{tmp_path / 'kb.db'}"
    pg = PgSchema()
    request.addfinalizer(pg.drop)
    return pg.url


def day_rows(url: str) -> tuple[list[Any], list[Any]]:
    """quote_days (0008) as kept, and the same counted from the statements."""
    from newsgraph.store import open_store as _open
    from newsgraph.store.keys import HASH_BITS

    with _open(url, read_only=True) as kb, kb.engine.connect() as conn:
        kept = conn.exec_driver_sql(
            "SELECT day, kind, n FROM quote_days WHERE n <> 0 ORDER BY 1, 2").all()
        counted = conn.exec_driver_sql(
            f"SELECT id / {1 << HASH_BITS}, kind, count(*) FROM quotes GROUP BY 1, 2 "
            "ORDER BY 1, 2").all()
    return [tuple(r) for r in kept], [tuple(r) for r in counted]

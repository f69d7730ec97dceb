"""What the knowledge base returns: plain dataclasses, JSON-serialisable with ``to_dict()``.

Ids: quotes and people have integer ids below 2**53 (safe in JavaScript); people also have
a URL slug; articles keep the record id (a hex string). Dates are ISO strings.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


class _Dict:
    def to_dict(self) -> dict[str, Any]:
        return asdict(self)  # type: ignore[call-overload]


@dataclass(slots=True)
class QuoteHit(_Dict):
    """One statement with where it was first seen; ``sources`` counts all copies."""

    id: int
    content: str
    type: str
    speaker: str | None  # the profile's name, or the speaker as written when unresolved
    person_id: int | None
    person_slug: str | None
    speaker_title: str | None  # the speaker's title in that article
    speaker_org: str | None
    published: str | None
    article_id: str
    article_title: str | None
    site: str | None
    url: str | None
    sources: int = 1
    score: float | None = None  # relevance (higher is better) when ordered "best"
    local_id: str | None = None  # its id in the article's record (Q1), for links to it
    kind: str = "speech"  # speech | belief | stance | intention | evidence (record.md)
    group: str | None = None  # its group in that article (pieces of a split attribution)


@dataclass(slots=True)
class SearchPage(_Dict):
    query: str | None
    order: str
    limit: int
    offset: int
    total: int  # see total_kind
    total_exact: bool  # total_kind == "exact"
    hits: list[QuoteHit]
    terms: list[str] = field(default_factory=list)  # positive search tokens, for highlighting
    filters: dict[str, Any] = field(default_factory=dict)
    notice: str | None = None  # e.g. why a query found nothing on this backend
    # "exact"; "at_least" (counting stopped at count_limit: total == count_limit); or
    # "estimate" (PostgreSQL, many matches: the planner's estimate, not counted)
    total_kind: str = "exact"


@dataclass(slots=True)
class PersonRef(_Dict):
    id: int
    slug: str
    name: str
    quotes: int = 0
    articles: int = 0


@dataclass(slots=True)
class ArticleRef(_Dict):
    id: str
    title: str | None
    published: str | None
    site: str | None
    url: str | None


@dataclass(slots=True)
class RoleSeen(_Dict):
    """A title/organisation/place, with every article (and date) it was seen in."""

    title: str | None
    org: str | None
    place: str | None
    first_seen: str | None
    last_seen: str | None
    article_count: int
    articles: list[ArticleRef]  # the most recent ones (at most profile's roles_articles)


@dataclass(slots=True)
class Participant(_Dict):
    """Who took part in an event: a person profile (``person_id``/``person_slug``) or a
    name (an organisation, a country, a person no profile holds)."""

    name: str
    type: str  # PERSON | ORG | GPE | NORP
    person_id: int | None = None
    person_slug: str | None = None


@dataclass(slots=True)
class EventHit(_Dict):
    """One event as an article reports it (shared/EVENTS.md)."""

    article_id: str
    local_id: str  # its id in the article's record (V1), for links to it
    type: str  # meeting | visit | talks | agreement | election | sanction | protest | ...
    status: str  # occurred | planned | failed
    code: str | None  # PLOVER/CAMEO: "CONSULT/04"
    trigger: str | None
    place: str | None
    date: str | None  # as far as the text says: 2019-04-25, 2019-04, XXXX-04-25, 2019
    published: str | None  # the article's date
    article_title: str | None
    site: str | None
    url: str | None
    participants: list[Participant] = field(default_factory=list)


@dataclass(slots=True)
class EventPage(_Dict):
    limit: int
    offset: int
    total: int
    hits: list[EventHit]
    filters: dict[str, Any] = field(default_factory=dict)
    notice: str | None = None  # e.g. a database not yet upgraded for events


@dataclass(slots=True)
class Profile(_Dict):
    id: int
    slug: str
    name: str
    scope: str | None  # an article id for an article-scoped profile (single-token name)
    name_variants: list[str]
    roles: list[RoleSeen]
    organisations: list[str]
    places: list[str]
    quote_count: int
    article_count: int
    first_seen: str | None
    last_seen: str | None
    recent_quotes: list[QuoteHit]
    quotes_per_month: list[dict[str, Any]]  # [{"month": "2019-04", "count": 5}, ...]
    co_quoted: list[PersonRef]  # people quoted in the same articles, most shared first
    namesakes: list[PersonRef]  # other profiles with the same name (kept apart)
    events: list[EventHit] = field(default_factory=list)  # the person's events, by date
    # {"gender": "female" | "male" | "unknown", "evidence", "counts"} (store/gender.py)
    gender: dict[str, Any] | None = None
    # {"id": "Q42", "url", "label", "description", "score", "margin"} once linked (0005)
    wikidata: dict[str, Any] | None = None


@dataclass(slots=True)
class ArticleQuote(_Dict):
    id: int
    local_id: str | None  # the quote id inside the record (Q1)
    content: str
    type: str
    speaker: str | None
    speaker_text: str | None  # as written in this article ("he", "the expert")
    person_id: int | None
    person_slug: str | None
    speaker_title: str | None
    cue: str | None
    start: int | None  # offsets of the content in this article's text
    end: int | None
    sources: int


@dataclass(slots=True)
class Article(_Dict):
    id: str
    title: str | None
    published: str | None
    site: str | None
    language: str | None
    url: str | None
    sources: list[dict[str, Any]]  # every URL/path this text was found at
    text: str
    record: dict[str, Any]  # the full newsgraph/1 record (spans for highlighting)
    quotes: list[ArticleQuote]
    people: list[PersonRef]


@dataclass(slots=True)
class Stats(_Dict):
    articles: int
    sources: int
    quotes: int
    quote_sources: int
    people: int
    first_published: str | None
    last_published: str | None

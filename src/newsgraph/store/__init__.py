"""The knowledge base: records in, people/quotes/articles out, on SQLite or PostgreSQL.

    from newsgraph.store import open_store
    with open_store("sqlite:///kb.db") as kb:
        report = kb.ingest(records)                  # Documents, record dicts or Incoming
        page = kb.search("sanctions", speaker="Asmolov", since="2019-01-01")
        profile = kb.person("Konstantin Asmolov")
        events = kb.events(participant="Putin", type="meeting", since="2019")

Everything returned is a dataclass with ``to_dict()`` (JSON-serialisable).
"""

from newsgraph.store.db import DEFAULT_URL, StoreError, resolve_url
from newsgraph.store.export import FORMATS, TABLES
from newsgraph.store.models import (
    Article,
    ArticleQuote,
    ArticleRef,
    EventHit,
    EventPage,
    Participant,
    PersonRef,
    Profile,
    QuoteHit,
    RoleSeen,
    SearchPage,
    Stats,
)
from newsgraph.store.names import name_key
from newsgraph.store.query import QueryError
from newsgraph.store.report import Incoming, IngestReport, Problem
from newsgraph.store.store import Store, open_store

__all__ = [
    "DEFAULT_URL",
    "FORMATS",
    "TABLES",
    "Article",
    "ArticleQuote",
    "ArticleRef",
    "EventHit",
    "EventPage",
    "Incoming",
    "IngestReport",
    "Participant",
    "PersonRef",
    "Problem",
    "Profile",
    "QueryError",
    "QuoteHit",
    "RoleSeen",
    "SearchPage",
    "Stats",
    "Store",
    "StoreError",
    "name_key",
    "open_store",
    "resolve_url",
]

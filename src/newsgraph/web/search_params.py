"""The search parameters every result set takes (search, facets, timeline, network, exports,
the people list), read once from the query string and bounded, and written back into links.

Kind defaults to speech ("what people said"); ``kind=all`` keeps every kind. A malformed or
unknown value is a 400 with a message (the store's ``QueryError``), never a 422.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from typing import Annotated, Any

from fastapi import HTTPException, Query

from newsgraph.store.narrow import DEFAULT_KIND
from newsgraph.store.result_export import FORMATS, MEDIA_TYPES
from newsgraph.web import urls
from newsgraph.web.limits import DEFAULT_LIMITS as L
from newsgraph.web.limits import bounded, person_key


@dataclass(frozen=True, slots=True)
class SearchParams:
    q: str | None = None
    person: str | None = None
    org: str | None = None
    site: str | None = None
    since: str | None = None
    until: str | None = None
    kind: str = DEFAULT_KIND
    type: str | None = None
    language: str | None = None
    gender: str | None = None

    def store(self) -> dict[str, Any]:
        """Keyword arguments for ``Store.search`` (and facets, timeline, network)."""
        return {"query": self.q, "speaker": self.person, "org": self.org, "site": self.site,
                "since": self.since, "until": self.until, "kind": self.kind,
                "type": self.type, "language": self.language, "gender": self.gender}

    def filters(self) -> dict[str, Any]:
        """``store()`` without the query."""
        out = self.store()
        del out["query"]
        return out

    def link_params(self) -> dict[str, Any]:
        """For URLs: the values given (kind only when not the default)."""
        out = {k: v for k, v in asdict(self).items() if v}
        if out.get("kind") == DEFAULT_KIND:
            del out["kind"]
        return out

    def narrowed(self) -> bool:
        """A query or a filter given (the kind alone does not count)."""
        return any(v for k, v in asdict(self).items() if k != "kind")

    def with_(self, **changes: Any) -> dict[str, Any]:
        """Link parameters with some changed (None removes one)."""
        out = {**self.link_params(), **changes}
        return {k: v for k, v in out.items() if v not in (None, "")}


Qp = Annotated[str | None, Query(description=f"Search query (at most {L.max_query_chars} "
                                 "characters): words (AND), \"a phrase\", prefix*, a OR b, "
                                 "-word")]
PersonP = Annotated[str | None, Query(description="Speaker: id, slug or name (every profile "
                                      "with all the words)")]
OrgP = Annotated[str | None, Query(description="People seen with an organisation whose name "
                                   "contains this")]
SiteP = Annotated[str | None, Query(description="Site, subdomains included (bbc.co.uk)")]
SinceP = Annotated[str | None, Query(description="From this date (2019-01-31, 2019-01, 2019)",
                                     max_length=32)]
UntilP = Annotated[str | None, Query(description="Up to this date, inclusive (2019-01: to "
                                     "the month's end)", max_length=32)]
KindP = Annotated[str, Query(description="speech (default: what people said), belief, stance, "
                             "intention, evidence, or all")]
TypeP = Annotated[str | None, Query(description="direct, indirect or mixed")]
LanguageP = Annotated[str | None, Query(description="The article's language (en, de, ...)")]
GenderP = Annotated[str | None, Query(description="The speaker's gender: female, male or "
                                      "unknown (as the profile decides it from its articles)")]
FormatP = Annotated[str | None, Query(
    alias="format", description="csv, jsonl or parquet: every match as a file (streamed) "
                                "instead of a page of JSON")]


def search_params(q: Qp = None, person: PersonP = None, org: OrgP = None, site: SiteP = None,
                  since: SinceP = None, until: UntilP = None, kind: KindP = DEFAULT_KIND,
                  type: TypeP = None, language: LanguageP = None,
                  gender: GenderP = None) -> SearchParams:
    """FastAPI dependency: the bounded parameters (400 when too long)."""
    n = L.max_name_chars
    return SearchParams(
        bounded(q, L.max_query_chars, "the query"), person_key(person, n),
        bounded(org, n, "org"), bounded(site, n, "site"), bounded(since, 32, "since"),
        bounded(until, 32, "until"), bounded(kind, 32, "kind") or DEFAULT_KIND,
        bounded(type, 32, "type"), bounded(language, 32, "language"),
        bounded(gender, 32, "gender"))


def export_format(value: str | None) -> str | None:
    if value is None or value == "":
        return None
    if value not in FORMATS:
        raise HTTPException(400, f"format must be one of {', '.join(FORMATS)}, "
                                 f"not {value[:40]!r}")
    return value


def download_name(what: str, p: SearchParams | None, fmt: str) -> str:
    """``newsgraph-quotes-sanctions-korea.csv``: ASCII letters, digits and dashes only."""
    words = " ".join([what, *(str(v) for v in (p.link_params().values() if p else ()))])
    slug = re.sub(r"[^a-z0-9]+", "-", words.lower()).strip("-")[:80].strip("-")
    return f"newsgraph-{slug}.{fmt}"


def download_headers(name: str) -> dict[str, str]:
    return {"Content-Disposition": f'attachment; filename="{name}"'}


def export_links(path: str, params: dict[str, Any]) -> list[tuple[str, str]]:
    """(label, URL) of each export format of a result set."""
    labels = {"csv": "CSV", "jsonl": "JSON Lines", "parquet": "Parquet"}
    return [(labels[f], urls.with_query(path, {**params, "format": f})) for f in FORMATS]


__all__ = ["MEDIA_TYPES", "SearchParams", "download_headers", "download_name",
           "export_format", "export_links", "search_params"]

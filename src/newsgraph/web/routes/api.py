"""The JSON API under /api (OpenAPI at /api/openapi.json, readable docs at /api/docs).

Store objects are serialised with their own ``to_dict()``; the response models only
document them. Parameters are bounded (see ``limits.py``): out-of-range numbers are 422,
over-long text 400, malformed queries 400, unknown ids 404; bodies are ``{"error",
"status"}``.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import JSONResponse, Response

from newsgraph.store import (
    Article,
    ArticleRef,
    EventPage,
    PersonRef,
    Profile,
    SearchPage,
    Stats,
)
from newsgraph.web.extraction import KINDS, make_job, read_body
from newsgraph.web.limits import DEFAULT_LIMITS as L
from newsgraph.web.limits import bounded, person_key
from newsgraph.web.routes.views_api import people_file, person_or_404, statements_file
from newsgraph.web.search_params import FormatP, SearchParams, export_format, search_params
from newsgraph.web.state import WebState, web
from newsgraph.web.worker import Job

router = APIRouter(prefix="/api", tags=["api"])
Web = Annotated[WebState, Depends(web)]
Params = Annotated[SearchParams, Depends(search_params)]
ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"description": "Malformed or over-long parameter (`{\"error\", \"status\"}`)"},
    422: {"description": "A parameter out of range (`{\"error\", \"status\", \"problems\"}`)"},
}
NOT_FOUND: dict[int | str, dict[str, Any]] = {404: {"description": "No such person/article"}}

Site = Annotated[str | None, Query(description="Site, subdomains included (bbc.co.uk)")]
Since = Annotated[str | None, Query(description="From this date (2019-01-31, 2019-01, 2019)",
                                    max_length=32)]
Until = Annotated[str | None, Query(description="Up to this date, inclusive", max_length=32)]
Limit = Annotated[int, Query(ge=1, le=L.max_page_size, description="Results per page")]
Offset = Annotated[int, Query(ge=0, le=L.max_offset, description="Results to skip")]
Order = Annotated[Literal["newest", "oldest", "best"], Query(description="newest, oldest, "
                                                             "or best (relevance)")]


def _json(obj: Any, status: int = 200) -> JSONResponse:
    return JSONResponse(obj.to_dict() if hasattr(obj, "to_dict") else obj, status_code=status)


def _name(value: str | None, what: str) -> str | None:
    return bounded(value, L.max_name_chars, what)


@router.get("/quotes", response_model=SearchPage, responses=ERRORS,
            summary="Search quotes")
def quotes(w: Web, p: Params, order: Order = "newest", limit: Limit = L.default_page_size,
           offset: Offset = 0, fmt: FormatP = None) -> Response:
    """Statements matching a full-text query and filters, newest first by default; by
    default what people said (``kind=speech``; ``kind=all`` for every kind).
    ``total`` is exact up to 1,000 (``total_exact``); ``terms`` are the words to highlight.
    With ``format=csv|jsonl|parquet``: every match, newest first, as a file (streamed)."""
    fmt = export_format(fmt)
    if fmt:
        return statements_file(w, p, fmt, "quotes")
    page = w.store.search(**p.store(), order=order, limit=limit, offset=offset)
    return _json(page)


EventType = Annotated[str | None, Query(
    description="meeting, visit, talks, agreement, election, sanction, protest, attack, "
                "arrest, appointment or deadline", max_length=32)]
EventStatus = Annotated[Literal["occurred", "planned", "failed"] | None,
                        Query(description="occurred, planned or failed")]
Participant = Annotated[str | None, Query(
    description="A person (id, slug, or every profile with all the words of the name) or any "
                "participant whose name contains this (an organisation, a country)")]
Place = Annotated[str | None, Query(description="Place: part of its name")]


@router.get("/events", response_model=EventPage, responses=ERRORS, summary="Search events")
def events(w: Web, participant: Participant = None, type: EventType = None,
           status: EventStatus = None, place: Place = None, since: Since = None,
           until: Until = None, limit: Limit = L.default_page_size,
           offset: Offset = 0) -> JSONResponse:
    """Events (shared/EVENTS.md: who met, visited, signed, protested, was arrested; with
    whom, where, when), newest first. An event is dated by its own date where the text gives
    a year, else by its article's; ``since``/``until`` compare as far as that date goes."""
    page = w.store.events(participant=person_key(participant, L.max_name_chars),
                          type=type, status=status, place=_name(place, "place"), since=since,
                          until=until, limit=limit, offset=offset)
    return _json(page)


@dataclass(slots=True)
class PeopleAnswer:
    """Profiles matching a name (most quoted first), and the best match's full profile."""

    name: str | None
    profile: Profile | None
    people: list[PersonRef]


@router.get("/people", response_model=PeopleAnswer, responses=ERRORS,
            summary="Find people by name, list the most quoted, or the speakers of a search")
def people(w: Web, p: Params,
           name: Annotated[str | None, Query(description="A name, or part of one "
                                             "(all its words must match)")] = None,
           limit: Limit = L.default_page_size, offset: Offset = 0,
           fmt: FormatP = None) -> Response:
    """With ``name``: every matching profile and the full profile of the one the name means
    (an exact full name, else the most quoted match). With search filters (``q``, ``site``,
    ``since``...; ``kind`` alone does not count): the people quoted in the newest 3,000
    matches, most statements first (``quotes``: their statements among them). Without: the
    most quoted people. With ``format=csv|jsonl|parquet``: the whole list as a file."""
    fmt = export_format(fmt)
    key = person_key(name, L.max_name_chars)
    refs: list[PersonRef]
    answer: dict[str, Any] = {"name": key, "profile": None}
    if key is not None:
        refs = w.store.find_people(key, limit=offset + limit if not fmt else 10_000)[offset:]
        prof = None if fmt else w.store.person(key)
        answer["profile"] = prof.to_dict() if prof else None
    elif p.narrowed():
        everyone, scanned, complete = w.store.speakers(**p.store())
        refs = everyone if fmt else everyone[offset:offset + limit]
        answer.update(scanned=scanned, complete=complete, total=len(everyone),
                      filters=p.link_params())
    elif fmt:
        refs = w.store.people(limit=100_000)
    else:
        refs = w.cache.get(f"people:{limit}:{offset}",
                           lambda: w.store.people(limit=limit, offset=offset))
    if fmt:
        genders = w.store.genders([r.id for r in refs])
        return people_file([{"id": r.id, "slug": r.slug, "name": r.name,
                             "statements": r.quotes, "gender": genders.get(r.id)}
                            for r in refs], p if p.narrowed() else None, fmt)
    answer["people"] = [r.to_dict() for r in refs]
    return _json(answer)


@router.get("/people/{key}", response_model=Profile, responses={**ERRORS, **NOT_FOUND},
            summary="A person's profile")
def person(w: Web, key: str, recent: Annotated[int, Query(ge=0, le=L.max_page_size,
                                                          description="Recent quotes")] = 10
           ) -> JSONResponse:
    """By id, slug (``konstantin-asmolov``) or name: names, roles over time, organisations,
    quotes per month, people quoted alongside, namesakes, recent quotes."""
    return _json(person_or_404(w, key, recent))


@router.get("/people/{key}/quotes", response_model=SearchPage,
            responses={**ERRORS, **NOT_FOUND}, summary="A person's quotes")
def person_quotes(w: Web, key: str, p: Params, order: Order = "newest",
                  limit: Limit = L.default_page_size, offset: Offset = 0,
                  fmt: FormatP = None) -> Response:
    """Every statement of one profile (of ``kind``, default speech; optionally matching a
    query and the other filters), paged; with ``format=csv|jsonl|parquet`` all of them as a
    file."""
    prof = person_or_404(w, key)
    mine = SearchParams(**{**asdict(p), "person": str(prof.id)})
    fmt = export_format(fmt)
    if fmt:
        return statements_file(w, mine, fmt, f"quotes-{prof.slug}", p)
    return _json(w.store.search(**mine.store(), order=order, limit=limit, offset=offset))


@router.get("/articles", response_model=list[ArticleRef], responses=ERRORS,
            summary="List articles")
def articles(w: Web, site: Site = None, since: Since = None, until: Until = None,
             limit: Limit = L.default_page_size, offset: Offset = 0) -> JSONResponse:
    """Articles, newest first, optionally of one site and/or a date range."""
    refs = w.store.articles(site=_name(site, "site"), since=since, until=until, limit=limit,
                            offset=offset)
    return _json([r.to_dict() for r in refs])


def stored_article(w: WebState, article_id: str) -> Article:
    art = w.store.article(article_id) if len(article_id) <= 128 else None
    if art is None:
        raise HTTPException(404, f"no article {article_id[:128]!r} in the knowledge base")
    return art


@router.get("/articles/{article_id}", response_model=Article,
            responses={**ERRORS, **NOT_FOUND}, summary="An article")
def article(w: Web, article_id: str) -> JSONResponse:
    """The clean text, its sources, statements, people, and the full newsgraph/1 record
    (``record``: every span's offsets, for highlighting)."""
    return _json(stored_article(w, article_id))


@router.get("/stats", response_model=Stats, summary="Counts")
def stats(w: Web) -> JSONResponse:
    """Articles, quotes and people in the knowledge base (refreshed every few minutes)."""
    return _json(w.cache.get("stats", w.store.stats))


EXTRACT_BODY = {
    "required": True,
    "description": (f"At most {L.max_extract_bytes:,} bytes. Either JSON "
                    "`{\"content\": \"...\", \"kind\": \"html\"|\"text\"|null, \"url\": null, "
                    "\"raw\": false}`, or the page itself as `text/html` or `text/plain`."),
    "content": {
        "application/json": {"schema": {
            "type": "object", "required": ["content"],
            "properties": {"content": {"type": "string"},
                           "kind": {"type": "string", "enum": list(KINDS), "nullable": True},
                           "url": {"type": "string", "nullable": True},
                           "raw": {"type": "boolean", "default": False}}}},
        "text/html": {"schema": {"type": "string"}},
        "text/plain": {"schema": {"type": "string"}},
    },
}


async def _extract_job(request: Request, max_bytes: int) -> Job:
    body = await read_body(request, max_bytes)
    ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if ctype == "application/json":
        try:
            data = json.loads(body)
        except RecursionError:
            raise HTTPException(400, "the JSON body is nested too deeply") from None
        except (ValueError, UnicodeDecodeError):
            raise HTTPException(400, "the body is not valid JSON") from None
        if not isinstance(data, dict) or not isinstance(data.get("content"), str):
            raise HTTPException(400, 'the JSON body needs "content": a string of HTML or text')
        url, kind = data.get("url"), data.get("kind")
        if kind is not None and not isinstance(kind, str):
            raise HTTPException(400, f"kind must be one of {', '.join(KINDS)} or null")
        return make_job(data["content"], kind, url if isinstance(url, str) else None,
                        data.get("raw") is True, max_bytes)
    if ctype in ("text/html", "application/xhtml+xml"):
        return make_job(body, "html")
    if ctype in ("text/plain", ""):
        return make_job(body, "text")
    raise HTTPException(415, f"unsupported content type {ctype[:80]!r}: send JSON, text/html "
                             "or text/plain")


EXTRACT_DOC = (
    "The newsgraph/1 record for posted HTML or text (nothing is stored). The body is decoded "
    "as `newsgraph extract` decodes a file (UTF-8, UTF-16 with a byte-order mark, legacy "
    "8-bit text); binary data is refused (422). A page that cannot be processed otherwise "
    "gives a record with `\"text\": null` and its `errors`. One extraction runs at a time; "
    f"it is stopped after {L.max_extract_seconds:g} s (503), or when its client disconnects.")


@router.post("/extract", responses={**ERRORS, 413: {"description": "Body too large"},
                                    415: {"description": "Unsupported content type"},
                                    422: {"description": "The content is not text"},
                                    503: {"description": "Extractor busy, out of time, or "
                                                         "unavailable"}},
             openapi_extra={"requestBody": EXTRACT_BODY}, summary="Extract a record",
             description=EXTRACT_DOC)
async def extract(request: Request, w: Web) -> JSONResponse:
    job = await _extract_job(request, w.limits.max_extract_bytes)
    record = await w.extraction.run(job, request.is_disconnected)
    return _json(record)

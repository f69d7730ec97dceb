"""The JSON API of result-set views: facets, timelines, networks (and the export answers the
listing endpoints give with ``?format=``)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException
from fastapi.responses import JSONResponse, StreamingResponse

from newsgraph.store import Profile
from newsgraph.store.result_export import PEOPLE_COLUMNS, encode
from newsgraph.store.view_models import FacetCounts, MonthCounts, Network
from newsgraph.web.limits import DEFAULT_LIMITS as L
from newsgraph.web.limits import person_key
from newsgraph.web.search_params import (
    MEDIA_TYPES,
    SearchParams,
    download_headers,
    download_name,
    search_params,
)
from newsgraph.web.state import WebState, web

router = APIRouter(prefix="/api", tags=["api"])
Web = Annotated[WebState, Depends(web)]
Params = Annotated[SearchParams, Depends(search_params)]
ERRORS: dict[int | str, dict[str, str]] = {
    400: {"description": "Malformed, unknown or over-long parameter (`{\"error\", \"status\"}`)"}}
NOT_FOUND: dict[int | str, dict[str, str]] = {404: {"description": "No such person"}}


def person_or_404(w: WebState, key: str, recent: int = 0) -> Profile:
    """The profile a key names (with its ``recent`` statements), else a 404."""
    prof = w.store.person(person_key(key, L.max_name_chars) or "", recent=recent)
    if prof is None:
        raise HTTPException(404, f"no person {key!r} in the knowledge base")
    return prof


def statements_file(w: WebState, p: SearchParams, fmt: str, what: str,
                    named: SearchParams | None = None) -> StreamingResponse:
    """Every statement of a search as a file, streamed (the filters checked first: 400);
    the file is named after ``what`` and the parameters (``named``, else ``p``)."""
    chunks = w.store.export_statements(**p.store(), format=fmt)
    name = download_name(what, named or p, fmt)
    return StreamingResponse(chunks, media_type=MEDIA_TYPES[fmt],
                             headers=download_headers(name))


def people_file(rows: list[dict[str, object]], p: SearchParams | None,
                fmt: str) -> StreamingResponse:
    def pages() -> Iterator[list[dict[str, object]]]:
        for i in range(0, len(rows), 1000):
            yield rows[i:i + 1000]

    return StreamingResponse(encode(pages(), PEOPLE_COLUMNS, fmt), media_type=MEDIA_TYPES[fmt],
                             headers=download_headers(download_name("people", p, fmt)))


@router.get("/facets", response_model=FacetCounts, responses=ERRORS,
            summary="Facet counts of a search")
def facets(w: Web, p: Params) -> JSONResponse:
    """How a search's statements split by site, month, speaker, statement type, kind and
    language (and gender where recorded), over its newest 3,000 matches (``complete``: all
    of them). Each value carries ``narrow``: the parameters that keep only it."""
    return JSONResponse(w.store.facets(**p.store()).to_dict())


@router.get("/timeline", response_model=MonthCounts, responses=ERRORS,
            summary="Statements per month of a search")
def timeline(w: Web, p: Params) -> JSONResponse:
    """Every match of a search counted by month (a statement is dated by its first copy)."""
    return JSONResponse(w.store.timeline(**p.store()).to_dict())


@router.get("/network", response_model=Network, responses=ERRORS,
            summary="Who is quoted alongside whom in a search")
def network(w: Web, p: Params) -> JSONResponse:
    """The 12 people with the most statements among a search's newest 3,000 matches, and the
    number of articles each two of them are both quoted in (``edges``)."""
    return JSONResponse(w.store.network(**p.store()).to_dict())


def person_timeline_data(w: WebState, prof: Profile, p: SearchParams) -> MonthCounts:
    counts = w.store.timeline(**{**p.store(), "speaker": prof.id})
    counts.person = {"id": prof.id, "slug": prof.slug, "name": prof.name}
    return counts


@router.get("/people/{key}/timeline", response_model=MonthCounts,
            responses={**ERRORS, **NOT_FOUND}, summary="A person's statements per month")
def person_timeline(w: Web, key: str, p: Params) -> JSONResponse:
    """The person's statements (of ``kind``, default speech; optionally matching ``q`` and
    the other filters) per month: what the person page draws."""
    return JSONResponse(person_timeline_data(w, person_or_404(w, key), p).to_dict())


@router.get("/people/{key}/network", response_model=Network,
            responses={**ERRORS, **NOT_FOUND}, summary="Who a person is quoted alongside")
def person_network(w: Web, key: str) -> JSONResponse:
    """The person and the people most often quoted in the same articles, with the number of
    those articles each two of them share: what the person page draws."""
    return JSONResponse(w.store.person_network(person_or_404(w, key).id).to_dict())

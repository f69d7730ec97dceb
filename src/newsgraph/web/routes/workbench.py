"""The researcher's workbench in the JSON API (issue 16): gender counts of quoted people and
statements, ``GET /api/stats/gender``. Same conventions as ``api.py``."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.responses import JSONResponse

from newsgraph.store.gender import GenderStats
from newsgraph.web.limits import DEFAULT_LIMITS as L
from newsgraph.web.limits import bounded
from newsgraph.web.routes.api import ERRORS, Since, Site, Until, Web, _json, _name

router = APIRouter(prefix="/api", tags=["api"])


@router.get("/stats/gender", response_model=GenderStats, responses=ERRORS,
            summary="Quoted people and statements by gender")
def gender_stats(w: Web,
                 by: Annotated[str | None, Query(
                     max_length=64, description="Group by site, month and/or year "
                                                "(comma-separated); empty: one total")] = None,
                 since: Since = None, until: Until = None,
                 topic: Annotated[str | None, Query(
                     description="Only statements matching this quote search")] = None,
                 site: Site = None,
                 people: Annotated[bool, Query(
                     description="Also list the people counted, with their gender and "
                                 "its evidence")] = False) -> JSONResponse:
    """Distinct quoted people and statements per gender (female, male, unknown: never
    hidden), with shares, per group (the site and date of the articles they appeared in)
    and in total. Statements of no person (organisations, groups) are not counted."""
    return _json(w.store.gender_stats(
        by=by, since=since, until=until, topic=bounded(topic, L.max_query_chars, "the topic"),
        site=_name(site, "site"), people=people))

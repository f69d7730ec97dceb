"""The HTML pages: search, events, person, article, people, "Try it".

Every page's state is in its URL (shareable). Text from articles reaches the templates as
plain strings (escaped there) or as ``Markup`` built by ``highlight.render`` (escaped there).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any, Literal
from urllib.parse import parse_qs

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import HTMLResponse

from newsgraph.store import Article, QueryError, name_key
from newsgraph.web import timeline, urls
from newsgraph.web.annotate import Linker, annotate
from newsgraph.web.extraction import make_job, read_body
from newsgraph.web.limits import bounded, page_window, person_key
from newsgraph.web.routes.api import stored_article
from newsgraph.web.state import WebState, web

router = APIRouter(include_in_schema=False)
PAGE: dict[str, Any] = {"methods": ["GET", "HEAD"], "response_class": HTMLResponse}
Web = Annotated[WebState, Depends(web)]
PageNo = Annotated[int, Query(ge=1)]
Size = Annotated[int | None, Query(ge=1)]


@dataclass(slots=True)
class Pager:
    number: int
    prev: str | None
    next: str | None


def _pager(path: str, params: dict[str, Any], number: int, size: int, shown: int,
           more: bool, w: WebState) -> Pager:
    def link(n: int) -> str:
        return urls.with_query(path, {**params, "page": n if n > 1 else None,
                                      "size": size if size != w.limits.default_page_size
                                      else None})

    can_go_on = more and number * size <= w.limits.max_offset and shown == size
    return Pager(number, link(number - 1) if number > 1 else None,
                 link(number + 1) if can_go_on else None)


def _home(w: WebState) -> dict[str, Any]:
    return w.cache.get("home", lambda: {"stats": w.store.stats(),
                                        "people": w.store.people(limit=10)})


@router.api_route("/", **PAGE)
@router.api_route("/search", **PAGE)
def search_page(w: Web, q: str | None = None, person: str | None = None,
                org: str | None = None, site: str | None = None, since: str | None = None,
                until: str | None = None,
                order: Literal["newest", "oldest", "best"] = "newest",
                page: PageNo = 1, size: Size = None) -> HTMLResponse:
    lim = w.limits
    form = {"q": bounded(q, lim.max_query_chars, "the query"),
            "person": person_key(person, lim.max_name_chars),
            "org": bounded(org, lim.max_name_chars, "organisation"),
            "site": bounded(site, lim.max_name_chars, "site"),
            "since": bounded(since, 32, "since"), "until": bounded(until, 32, "until"),
            "order": order}
    limit, offset = page_window(page, size or lim.default_page_size, lim)
    filtered = any(v for k, v in form.items() if k != "order")
    ctx: dict[str, Any] = {"form": form, "limits": lim, "error": None, "page": None,
                           "pg": None, "home": None if filtered else _home(w)}
    try:
        result = w.store.search(form["q"], speaker=form["person"], org=form["org"],
                                site=form["site"], since=form["since"], until=form["until"],
                                order=order, limit=limit, offset=offset)
    except QueryError as exc:
        ctx["error"] = str(exc)
        return w.pages.response("search.html", status=400, **ctx)
    more = result.offset + len(result.hits) < result.total or not result.total_exact
    ctx["page"] = result
    ctx["pg"] = _pager("/search", form | {"order": order if order != "newest" else None},
                       page, limit, len(result.hits), more, w)
    return w.pages.response("search.html", **ctx)


EVENT_TYPES = ("meeting", "visit", "talks", "agreement", "election", "sanction", "protest",
               "attack", "arrest", "appointment", "deadline")
EVENT_STATUSES = ("occurred", "planned", "failed")


@router.api_route("/events", **PAGE)
def events_page(w: Web, participant: str | None = None, type: str | None = None,
                status: str | None = None, place: str | None = None,
                since: str | None = None, until: str | None = None, page: PageNo = 1,
                size: Size = None) -> HTMLResponse:
    lim = w.limits
    form = {"participant": person_key(participant, lim.max_name_chars),
            "type": type if type in EVENT_TYPES else None,
            "status": status if status in EVENT_STATUSES else None,
            "place": bounded(place, lim.max_name_chars, "place"),
            "since": bounded(since, 32, "since"), "until": bounded(until, 32, "until")}
    limit, offset = page_window(page, size or lim.default_page_size, lim)
    ctx: dict[str, Any] = {"form": form, "limits": lim, "types": EVENT_TYPES,
                           "statuses": EVENT_STATUSES, "error": None, "page": None, "pg": None}
    try:
        result = w.store.events(**form, limit=limit, offset=offset)
    except QueryError as exc:
        ctx["error"] = str(exc)
        return w.pages.response("events.html", status=400, **ctx)
    ctx["page"] = result
    ctx["pg"] = _pager("/events", form, page, limit, len(result.hits),
                       offset + len(result.hits) < result.total, w)
    return w.pages.response("events.html", **ctx)


@router.api_route("/person/{key}", **PAGE)
def person_page(w: Web, key: str, page: PageNo = 1, size: Size = None) -> HTMLResponse:
    lim = w.limits
    name = person_key(key, lim.max_name_chars)
    prof = w.store.person(name, recent=0) if name else None
    if prof is None:
        raise HTTPException(404, f"no person {key!r} in the knowledge base")
    limit, offset = page_window(page, size or lim.default_page_size, lim)
    quotes = w.store.search(None, speaker=prof.id, limit=limit, offset=offset)
    more = offset + len(quotes.hits) < prof.quote_count
    return w.pages.response(
        "person.html", p=prof, quotes=quotes, limits=lim,
        timeline=timeline.build(prof.quotes_per_month),
        pg=_pager(urls.person(prof.slug), {}, page, limit, len(quotes.hits), more, w))


def _linker(art: Article) -> Linker:
    """Record entity ids to profile URLs: through the stored statements' speakers first,
    then by name among the people the store linked to this article."""
    by_local = {q.local_id: q.person_slug for q in art.quotes if q.local_id and q.person_slug}
    by_entity: dict[str, str] = {}
    for q in art.record.get("quotes") or []:
        if isinstance(q, dict) and q.get("speaker_entity") and by_local.get(q.get("id")):
            by_entity.setdefault(str(q["speaker_entity"]), by_local[q["id"]])
    by_name = {name_key(p.name): p.slug for p in art.people}

    def link(eid: str, etype: str, name: str) -> str | None:
        if etype == "PERSON":
            slug = by_entity.get(eid) or by_name.get(name_key(name))
            return urls.person(slug) if slug else None
        if etype == "ORG" and name.strip():
            return urls.search(org=name[:200])
        return None

    return link


@router.api_route("/article/{article_id}", **PAGE)
def article_page(w: Web, article_id: str) -> HTMLResponse:
    art = stored_article(w, article_id)
    copies = {q.local_id: q.sources for q in art.quotes if q.local_id}
    doc = annotate({**art.record, "text": art.text}, _linker(art), copies)
    return w.pages.response("article.html", a=art, doc=doc)


@router.api_route("/people", **PAGE)
def people_page(w: Web, name: str | None = None, page: PageNo = 1) -> HTMLResponse:
    lim = w.limits
    key = person_key(name, lim.max_name_chars)
    limit, offset = page_window(page, 50, lim)
    if key:
        refs = w.store.find_people(key, limit=offset + limit + 1)[offset:]
    else:
        refs = w.cache.get(f"people:{limit + 1}:{offset}",
                           lambda: w.store.people(limit=limit + 1, offset=offset))
    pg = _pager("/people", {"name": key}, page, limit, min(len(refs), limit),
                len(refs) > limit, w)
    return w.pages.response("people.html", refs=refs[:limit], name=key, pg=pg, limits=lim)


@router.api_route("/try", **PAGE)
def try_form(w: Web) -> HTMLResponse:
    return w.pages.response("try.html", limits=w.limits, content=None, kind="", doc=None,
                            record=None, error=None)


@router.post("/try", response_class=HTMLResponse)
async def try_run(request: Request, w: Web) -> HTMLResponse:
    # The form is urlencoded; percent-encoding at most triples the size of the content.
    body = await read_body(request, 3 * w.limits.max_extract_bytes + 1024)
    ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if ctype != "application/x-www-form-urlencoded":
        raise HTTPException(415, "send the form (application/x-www-form-urlencoded)")
    try:
        fields = parse_qs(body.decode("utf-8", errors="replace"), max_num_fields=10)
    except ValueError:  # more fields than the form has
        raise HTTPException(400, "send the form: content and kind") from None
    content = (fields.get("content") or [""])[0]
    kind = (fields.get("kind") or [""])[0] or None
    ctx: dict[str, Any] = {"limits": w.limits, "content": content, "kind": kind or "",
                           "doc": None, "record": None, "error": None}
    if not content.strip():
        ctx["error"] = "Paste some text or HTML first."
        return w.pages.response("try.html", status=400, **ctx)
    raw = kind == "raw"  # clean text: no boilerplate removal, offsets into the input
    job = make_job(content, "text" if raw else kind, raw=raw,
                   max_bytes=w.limits.max_extract_bytes)
    record = await w.extraction.run(job, request.is_disconnected)
    ctx["record"] = record
    ctx["doc"] = annotate(record) if record.get("text") is not None else None
    if record.get("text") is None:
        ctx["error"] = "; ".join(record.get("errors") or ["the page could not be processed"])
    return w.pages.response("try.html", **ctx)

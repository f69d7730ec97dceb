"""The HTML pages: search, events, person, article, people, "Try it".

Every page's state is in its URL (shareable). Text from articles reaches the templates as
plain strings (escaped there) or as ``Markup`` built by ``highlight.render`` (escaped there).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Annotated, Any, Literal
from urllib.parse import parse_qs, quote

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import HTMLResponse

from newsgraph.store import Article, QueryError, name_key
from newsgraph.store.narrow import DEFAULT_KIND, KINDS
from newsgraph.web import network_svg, timeline, urls
from newsgraph.web.annotate import Linker, annotate
from newsgraph.web.extraction import make_job, read_body
from newsgraph.web.limits import bounded, page_window, person_key
from newsgraph.web.routes.api import stored_article
from newsgraph.web.routes.views_api import person_timeline_data
from newsgraph.web.search_params import SearchParams, export_links, search_params
from newsgraph.web.state import WebState, web

router = APIRouter(include_in_schema=False)
PAGE: dict[str, Any] = {"methods": ["GET", "HEAD"], "response_class": HTMLResponse}
Web = Annotated[WebState, Depends(web)]
Params = Annotated[SearchParams, Depends(search_params)]
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
def search_page(w: Web, p: Params, order: Literal["newest", "oldest", "best"] = "newest",
                page: PageNo = 1, size: Size = None, network: bool = False) -> HTMLResponse:
    lim = w.limits
    form = {**asdict(p), "order": order}
    limit, offset = page_window(page, size or lim.default_page_size, lim)
    filtered = p.narrowed()
    ctx: dict[str, Any] = {"form": form, "limits": lim, "error": None, "page": None,
                           "pg": None, "home": None if filtered else _home(w), "views": None}
    try:
        result = w.store.search(**p.store(), order=order, limit=limit, offset=offset)
        ctx["views"] = result_views(w, p, "/search", "/api/quotes", timeline=filtered,
                                    network=filtered and network)
    except QueryError as exc:
        ctx["error"] = str(exc)
        ctx["views"] = None
        return w.pages.response("search.html", status=400, **ctx)
    more = result.offset + len(result.hits) < result.total or not result.total_exact
    ctx["page"] = result
    ctx["pg"] = _pager("/search", p.link_params() | {"order": order if order != "newest"
                                                     else None},
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
def person_page(w: Web, key: str, kind: str = DEFAULT_KIND, page: PageNo = 1,
                size: Size = None) -> HTMLResponse:
    lim = w.limits
    name = person_key(key, lim.max_name_chars)
    prof = w.store.person(name, recent=0) if name else None
    if prof is None:
        raise HTTPException(404, f"no person {key!r} in the knowledge base")
    p = SearchParams(person=prof.slug, kind=bounded(kind, 32, "kind") or DEFAULT_KIND)
    limit, offset = page_window(page, size or lim.default_page_size, lim)
    quotes = w.store.search(None, speaker=prof.id, kind=p.kind, limit=limit, offset=offset)
    more = offset + len(quotes.hits) < quotes.total or not quotes.total_exact
    months = person_timeline_data(w, prof, p)
    mine = {"kind": p.kind if p.kind != DEFAULT_KIND else None}
    return w.pages.response(
        "person.html", p=prof, quotes=quotes, limits=lim, kind=p.kind, kinds=KINDS,
        months=months, timeline=timeline.build([m.to_dict() for m in months.months]),
        network=network_svg.layout(w.store.person_network(prof.id)),
        exports=export_links(f"/api/people/{quote(prof.slug, safe='')}/quotes", mine),
        kind_link=lambda k: urls.with_query(urls.person(prof.slug),
                                            {"kind": k if k != DEFAULT_KIND else None}),
        pg=_pager(urls.person(prof.slug), mine, page, limit, len(quotes.hits), more, w))


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
def people_page(w: Web, p: Params, name: str | None = None, page: PageNo = 1) -> HTMLResponse:
    lim = w.limits
    key = person_key(name, lim.max_name_chars)
    limit, offset = page_window(page, 50, lim)
    ctx: dict[str, Any] = {"name": key, "limits": lim, "form": asdict(p), "views": None,
                           "error": None, "scan": None, "exports": None}
    params: dict[str, Any] = {"name": key}
    try:
        if key:
            refs = w.store.find_people(key, limit=offset + limit + 1)[offset:]
        elif p.narrowed():
            everyone, scanned, complete = w.store.speakers(**p.store())
            refs = everyone[offset:offset + limit + 1]
            ctx["scan"] = {"scanned": scanned, "complete": complete, "total": len(everyone)}
            ctx["views"] = result_views(w, p, "/people", "/api/people")
            params = p.link_params()
        else:
            refs = w.cache.get(f"people:{limit + 1}:{offset}",
                               lambda: w.store.people(limit=limit + 1, offset=offset))
            ctx["views"] = result_views(w, p, "/people", "/api/people")
    except QueryError as exc:
        ctx.update(error=str(exc), refs=[], pg=None)
        return w.pages.response("people.html", status=400, **ctx)
    if ctx["views"] is None:
        ctx["exports"] = export_links("/api/people", {"name": key})
    pg = _pager("/people", params, page, limit, min(len(refs), limit), len(refs) > limit, w)
    return w.pages.response("people.html", refs=refs[:limit], pg=pg, **ctx)


@dataclass(slots=True)
class Views:
    """What a result set's page shows beside its rows: facets (each value a link narrowing
    the search, each chosen one a link removing it), the kinds, the exports, a timeline."""

    facets: Any
    kinds: list[tuple[str, str, bool]]  # (label, URL, current)
    exports: list[tuple[str, str]]
    timeline: Any
    months: Any
    network: Any
    facet_link: Any
    remove_link: Any
    network_link: str | None = None  # where the network of these results is drawn (opt-in)


def result_views(w: WebState, p: SearchParams, path: str, api_path: str,
                 timeline: bool = False, network: bool = False) -> Views:
    """The views of a result set. The network of a search is drawn on request (``network``;
    else a link to it): it costs as much as the facets, and most searches are read for
    their statements."""
    counts = w.store.facets(**p.store())
    kinds = [(label, urls.with_query(path, p.with_(kind=k if k != DEFAULT_KIND else None,
                                                   page=None)), p.kind == k)
             for k, label in (("speech", "what people said"), ("all", "all kinds"),
                              *((k, k) for k in KINDS[1:]))]
    months = w.store.timeline(**p.store()) if timeline else None
    net = network_svg.layout(w.store.network(**p.store())) if network else None

    def facet_link(narrow: dict[str, str]) -> str:
        return urls.with_query(path, p.with_(**narrow))

    def remove_link(name: str) -> str:
        drop = {"month": ("since", "until"), "kind": ("kind",)}.get(name, (name,))
        return urls.with_query(path, p.with_(**dict.fromkeys(drop)))

    net_link = (urls.with_query(path, {**p.link_params(), "network": "1"})
                if timeline and not network else None)
    return Views(counts, kinds, export_links(api_path, p.link_params()),
                 _timeline_of(months), months, net, facet_link, remove_link, net_link)


def _timeline_of(months: Any) -> Any:
    return timeline.build([m.to_dict() for m in months.months]) if months else None


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

"""read -> clean -> annotate -> extract: the whole product path, in batches and processes.

Documents come out in input order. A document that fails at any stage becomes a record
with ``text: null`` and its reason in ``errors``; the batch goes on.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from itertools import islice
from typing import TYPE_CHECKING

from newsgraph import nlp as nlp_mod
from newsgraph.clean.dates import reference_date
from newsgraph.clean.language import ENGLISH
from newsgraph.page import Article, RawPage, shown_path
from newsgraph.read.decode import replace_surrogates
from newsgraph.record import Document, Source, document_id

if TYPE_CHECKING:
    from newsgraph.extractors import Extraction

CHUNK_PAGES = 16  # pages per unit of work (one nlp.pipe call, one task for a worker)
MAX_IN_FLIGHT = 4  # chunks queued per worker: bounds memory on huge inputs


@dataclass(slots=True, frozen=True)
class Options:
    """What the extraction does with each page."""

    raw: bool = False  # the input is clean text: no boilerplate removal, offsets into it
    published: str | None = None  # reference date when the page gives none
    model: str | None = None  # spaCy pipeline name or path (None: NEWSGRAPH_MODEL or default)


def _source(page: RawPage, url: str | None = None) -> Source:
    """Where a page came from; ``url`` when the container gave none (the page's own)."""
    return Source(shown_path(page.path), page.url or url, page.format, page.offset)


def _error_record(page: RawPage, message: str) -> Document:
    return Document(
        id=document_id(page.url, page.content if page.content else (page.where or "")),
        source=_source(page),
        text=None,
        errors=[f"{page.where}: {message}"],
    )


def _clean(page: RawPage, options: Options, memory: object | None) -> Article:
    from newsgraph.clean import clean_page

    if memory is not None:
        return clean_page(page, raw=options.raw, context=memory)
    return clean_page(page, raw=options.raw)


def _site_memory() -> object | None:
    try:
        from newsgraph.clean import SiteMemory
    except ImportError:
        return None
    return SiteMemory()


class Extractor:
    """One process's extraction state: the spaCy pipeline (loaded once) and the cleaners'
    memory of the batch."""

    def __init__(self, options: Options):
        self.options = options
        self.nlp = nlp_mod.load(options.model)
        self.memory = _site_memory()

    def run(self, pages: list[RawPage]) -> list[Document]:
        """Process a chunk of pages; one record per page, in order."""
        from newsgraph.clean import CleanError
        from newsgraph.extractors import extract_doc

        records: list[Document | None] = [None] * len(pages)
        todo: list[tuple[int, Article, list[str]]] = []
        for k, page in enumerate(pages):
            if page.error:
                records[k] = _error_record(page, page.error)
                continue
            try:
                article = _clean(page, self.options, self.memory)
            except CleanError as e:
                records[k] = _error_record(page, str(e))
                continue
            except Exception as e:  # a cleaner bug must not stop the batch
                records[k] = _error_record(page, f"cleaning failed: {type(e).__name__}: {e}")
                continue
            notes = [f"{page.where}: {w}" for w in page.warnings]
            article.text, n = replace_surrogates(article.text)  # a str given by a caller
            if n:
                notes.append(f"{page.where}: {n} lone surrogate(s) replaced by U+FFFD")
            if len(article.text) > nlp_mod.MAX_CHARS:
                notes.append(
                    f"{page.where}: text cut to {nlp_mod.MAX_CHARS} characters for parsing"
                )
            if not english(article):
                notes.append(f"{page.where}: {not_english_note(article.language)}")
                records[k] = _record(page, article, None, notes)
                continue
            todo.append((k, article, notes))
        texts = (a.text[: nlp_mod.MAX_CHARS] for _, a, _ in todo)
        for (k, article, notes), doc in zip(
            todo, self.nlp.pipe(texts, batch_size=nlp_mod.BATCH_SIZE), strict=True
        ):
            page = pages[k]
            published = (article.published or self.options.published
                         or reference_date(page.path, page.url))
            try:
                result = extract_doc(doc, published)
            except Exception as e:  # an extractor bug: keep the clean text, report the rest
                notes.append(f"{page.where}: extraction failed: {type(e).__name__}: {e}")
                result = None
            records[k] = _record(page, article, result, notes)
        return [r for r in records if r is not None]


def english(article: Article) -> bool:
    """The extractors (an English spaCy pipeline, English cue words) run on English text
    only; a text whose language could not be judged (no letters) counts as English."""
    return article.language in (None, ENGLISH)


def not_english_note(language: str | None) -> str:
    return (f"language '{language}' is not English: clean text, title, date and language only "
            "(no entities, quotes or events)")


def _record(page: RawPage, article: Article, result: Extraction | None,
            notes: list[str]) -> Document:
    """The record of a cleaned page; ``result`` holds the extractors' output, if they ran."""
    return Document(
        # The id stays that of the input (its container's URL, else its bytes) when the page
        # declares a URL of its own: see docs/record.md.
        id=document_id(page.url, page.content),
        source=_source(page, article.url),
        text=article.text[: nlp_mod.MAX_CHARS],
        title=article.title,
        published=article.published,
        authors=list(article.authors),
        site=article.site,
        language=article.language or ENGLISH,
        entities=result.entities if result else [],
        quotes=result.quotes if result else [],
        events=result.events if result else [],
        errors=notes,
    )


# ---------------------------------------------------------------- worker processes
_worker: Extractor | None = None


def _init_worker(options: Options) -> None:
    global _worker
    _worker = Extractor(options)


def _run_chunk(pages: list[RawPage]) -> list[Document]:
    assert _worker is not None
    return _worker.run(pages)


def _chunks(pages: Iterable[RawPage], size: int) -> Iterator[list[RawPage]]:
    it = iter(pages)
    while chunk := list(islice(it, size)):
        yield chunk


def process_pages(
    pages: Iterable[RawPage], options: Options = Options(), workers: int = 1
) -> Iterator[Document]:
    """Records for pages, in input order; ``workers`` > 1 uses that many processes."""
    if workers <= 1:
        ex = Extractor(options)
        for chunk in _chunks(pages, CHUNK_PAGES):
            yield from ex.run(chunk)
        return
    with ProcessPoolExecutor(
        max_workers=workers, initializer=_init_worker, initargs=(options,)
    ) as pool:
        queue: list[Future[list[Document]]] = []
        for chunk in _chunks(pages, CHUNK_PAGES):
            queue.append(pool.submit(_run_chunk, chunk))
            if len(queue) >= workers * MAX_IN_FLIGHT:
                yield from queue.pop(0).result()
        for fut in queue:
            yield from fut.result()


def process_input(extractor: Extractor, pages: Iterable[RawPage]) -> Iterator[Document]:
    """Records for the pages of one input file, in order, with ``extractor``'s cleaning memory
    started afresh: an input's records then depend on that input alone, whichever process or
    engine runs it and whatever it ran before (what resumable jobs need)."""
    extractor.memory = _site_memory()
    for chunk in _chunks(pages, CHUNK_PAGES):
        yield from extractor.run(chunk)


def extract_many(
    inputs: Iterable[str], workers: int = 1, fmt: str | None = None, **options
) -> Iterator[Document]:
    """Records for files, directories, or ``-`` (stdin): the library form of
    ``newsgraph extract``. Keyword options are those of :class:`Options`."""
    from newsgraph.read import iter_pages

    yield from process_pages(iter_pages(list(inputs), fmt), Options(**options), workers)


def extract(
    content: str | bytes,
    url: str | None = None,
    raw: bool = False,
    kind: str | None = None,
    published: str | None = None,
    model: str | None = None,
) -> Document:
    """One document from a string or bytes of HTML or text (sniffed unless ``kind``).

    Bytes are decoded as ``newsgraph extract`` decodes a file (UTF-8, UTF-16 with a BOM,
    legacy 8-bit text; binary data is an error record).
    """
    if isinstance(content, bytes):
        from newsgraph.read import document_page

        page = document_page(content, kind or ("text" if raw else None), noun="input")
        page.url = url
    else:
        if kind is None:
            head = content[:2048].lower()
            kind = (
                "html"
                if ("<html" in head or "<!doctype" in head or "<p>" in head or "<div" in head)
                and not raw
                else "text"
            )
        page = RawPage(
            content=content, kind=kind, format="html" if kind == "html" else "text", path=None,
            url=url,
        )
        if not content.strip():
            page.error = "empty input"
    return Extractor(Options(raw=raw, published=published, model=model)).run([page])[0]


def default_workers() -> int:
    return max(1, (os.cpu_count() or 1))

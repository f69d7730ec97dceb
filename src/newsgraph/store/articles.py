"""One article with its text, full record (for highlighting), quotes and people."""

from __future__ import annotations

import json

from sqlalchemy import text
from sqlalchemy.engine import Connection

from newsgraph.store.compact import expand
from newsgraph.store.models import Article, ArticleQuote, PersonRef

ARTICLE = text("SELECT id, title, published, site, language, url, text, record "
               "FROM articles WHERE id = :i")


def article_id_for(conn: Connection, record_id: str) -> str | None:
    """The stored article a record id belongs to (itself, or the copy it duplicated)."""
    row = conn.execute(text("SELECT article_id FROM article_sources WHERE record_id = :r "
                            "LIMIT 1"), {"r": record_id}).first()
    return row[0] if row else None


def article(conn: Connection, record_id: str) -> Article | None:
    aid = article_id_for(conn, record_id)
    row = conn.execute(ARTICLE, {"i": aid or record_id}).first()
    if row is None:
        return None
    sources = [{"record_id": r[0], "url": r[1], "path": r[2], "format": r[3], "offset": r[4]}
               for r in conn.execute(text(
                   "SELECT record_id, url, path, format, source_offset FROM article_sources "
                   "WHERE article_id = :a ORDER BY id"), {"a": row.id})]
    quotes = [ArticleQuote(*r) for r in conn.execute(text(
        "SELECT q.id, s.local_id, q.content, q.type, q.speaker, s.speaker_text, q.person_id, "
        "p.slug, s.speaker_title, s.cue, s.content_start, s.content_end, "
        "(SELECT count(*) FROM quote_sources s2 WHERE s2.quote_id = q.id) "
        "FROM quote_sources s JOIN quotes q ON q.id = s.quote_id "
        "LEFT JOIN people p ON p.id = q.person_id "
        "WHERE s.article_id = :a ORDER BY s.content_start, q.id"), {"a": row.id})]
    people = [PersonRef(r[0], r[1], r[2], r[3]) for r in conn.execute(text(
        "SELECT p.id, p.slug, p.name, (SELECT count(*) FROM quote_sources s "
        "WHERE s.article_id = :a AND s.person_id = p.id) AS n "
        "FROM mentions m JOIN people p ON p.id = m.person_id WHERE m.article_id = :a "
        "GROUP BY p.id, p.slug, p.name ORDER BY n DESC, p.name"), {"a": row.id})]
    return Article(row.id, row.title, row.published, row.site, row.language, row.url, sources,
                   row.text, expand(json.loads(row.record), row.text), quotes, people)


def record(conn: Connection, record_id: str) -> dict | None:
    """The stored newsgraph/1 record, exactly as ingested."""
    aid = article_id_for(conn, record_id)
    row = conn.execute(ARTICLE, {"i": aid or record_id}).first()
    return expand(json.loads(row.record), row.text) if row else None

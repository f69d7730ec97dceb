"""The search query language: parsed, rebuilt safely for FTS5 and to_tsquery."""

from __future__ import annotations

import pytest

from newsgraph.store.query import QueryError, parse


@pytest.mark.parametrize(("q", "fts5", "tsquery"), [
    ("sanctions korea", '"sanctions" AND "korea"', "'sanctions' & 'korea'"),
    ("sanctions AND korea", '"sanctions" AND "korea"', "'sanctions' & 'korea'"),
    ('"economic blockade"', '"economic blockade"', "('economic' <-> 'blockade')"),
    ("sanct*", '"sanct"*', "'sanct':*"),
    ("nuclear OR atomic", '("nuclear" OR "atomic")', "('nuclear' | 'atomic')"),
    ("talks -pipeline", '("talks") NOT "pipeline"', "'talks' & !'pipeline'"),
    ("talks NOT pipeline", '("talks") NOT "pipeline"', "'talks' & !'pipeline'"),
    ("Kim Jong-Un", '"kim" AND "jong un"', "'kim' & ('jong' <-> 'un')"),
    ("Pérez", '"perez"', "'perez'"),
    ("“curly quotes”", '"curly quotes"', "('curly' <-> 'quotes')"),
    ("a & b + c", '"a" AND "b" AND "c"', "'a' & 'b' & 'c'"),
    ("x'); DROP TABLE quotes; --", '"x" AND "drop" AND "table" AND "quotes"',
     "'x' & 'drop' & 'table' & 'quotes'"),
])
def test_rebuilt_queries(q: str, fts5: str, tsquery: str) -> None:
    parsed = parse(q)
    assert parsed.to_fts5() == fts5
    assert parsed.to_tsquery() == tsquery


@pytest.mark.parametrize(("q", "message"), [
    ("", "empty query"),
    ("   ", "empty query"),
    ('"unbalanced', "unbalanced quotation mark"),
    ('sanctions "open phrase', "unbalanced quotation mark at position 11"),
    ("AND AND", "AND needs"),
    ("sanctions AND", "AND needs"),
    ("x AND AND y", "AND needs"),
    ("x AND OR y", "AND OR"),
    ("( )", "no words"),
    ("OR x", "OR needs"),
    ("x OR", "OR needs"),
    ("x OR OR y", "OR OR"),
    ("x NOT", "must be followed"),
    ("-x", "cannot only exclude"),
    ("a*", "at least 2 letters"),
    ("*", "at least 2 letters"),
    (" ".join(["w"] * 40), "too many words"),
])
def test_malformed_queries(q: str, message: str) -> None:
    with pytest.raises(QueryError, match=message):
        parse(q)


def test_terms_are_the_positive_tokens() -> None:
    assert parse('sanctions "economic blockade" -gas').terms == [
        "sanctions", "economic", "blockade"]

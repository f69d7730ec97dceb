"""The search query language, parsed and rebuilt for each full-text engine.

User input never reaches FTS5 MATCH or to_tsquery as typed: it is tokenised here into words
(runs of letters and digits, as both engines tokenise), then rebuilt from those tokens, so a
stray quote, bracket or operator is either a clear ``QueryError`` or harmless.

Syntax::

    sanctions korea        both words (AND is implied; an explicit AND is allowed)
    "economic blockade"    the exact phrase
    sanction*              a word starting with "sanction" (at least 2 letters before *)
    nuclear OR atomic      either word (OR binds tighter than the implied AND)
    -pipeline, NOT gas     exclude a word or phrase
    Jong-Un, U.S.          a word with inner punctuation is a phrase ("jong un", "u s")

Operators are upper-case; ``and``, ``or`` and ``not`` in lower case are ordinary words.
Brackets are not supported and are ignored.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from newsgraph.store.names import strip_diacritics

MAX_TERMS = 32
MIN_PREFIX = 2
_TOKEN = re.compile(r"[^\W_]+")
_QUOTES = '"“”„«»'


class QueryError(ValueError):
    """A search query that cannot be understood; the message says what to change."""


@dataclass(slots=True)
class Atom:
    tokens: list[str]
    prefix: bool = False


@dataclass(slots=True)
class Clause:
    alts: list[Atom]
    negated: bool = False


@dataclass(slots=True)
class Query:
    clauses: list[Clause] = field(default_factory=list)

    @property
    def terms(self) -> list[str]:
        """Every positive token (for highlighting in a UI)."""
        return [t for c in self.clauses if not c.negated for a in c.alts for t in a.tokens]

    def to_fts5(self) -> str:
        pos = [_fts5_clause(c) for c in self.clauses if not c.negated]
        neg = [_fts5_clause(c) for c in self.clauses if c.negated]
        expr = " AND ".join(pos)
        for n in neg:
            expr = f"({expr}) NOT {n}"
        return expr

    def to_tsquery(self) -> str:
        parts = [("!" if c.negated else "") + _ts_clause(c) for c in self.clauses]
        return " & ".join(parts)


def _fts5_atom(a: Atom) -> str:
    return '"' + " ".join(a.tokens) + '"' + ("*" if a.prefix else "")


def _fts5_clause(c: Clause) -> str:
    if len(c.alts) == 1:
        return _fts5_atom(c.alts[0])
    return "(" + " OR ".join(_fts5_atom(a) for a in c.alts) + ")"


def _ts_atom(a: Atom) -> str:
    toks = [f"'{t}'" for t in a.tokens]
    if a.prefix:
        toks[-1] += ":*"
    return toks[0] if len(toks) == 1 else "(" + " <-> ".join(toks) + ")"


def _ts_clause(c: Clause) -> str:
    if len(c.alts) == 1:
        return _ts_atom(c.alts[0])
    return "(" + " | ".join(_ts_atom(a) for a in c.alts) + ")"


def tokens(s: str) -> list[str]:
    """Words as both full-text engines see them: runs of letters/digits, casefolded."""
    return _TOKEN.findall(strip_diacritics(s).casefold())


_tokens = tokens


def _lex(text: str) -> list[tuple[str, object]]:
    """Split into ("atom", Atom) / ("op", "OR"|"AND"|"NOT"|"-") items."""
    out: list[tuple[str, object]] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch.isspace() or ch in "()":
            i += 1
            continue
        if ch in _QUOTES:
            j = i + 1
            while j < n and text[j] not in _QUOTES:
                j += 1
            if j >= n:
                raise QueryError(f"unbalanced quotation mark at position {i + 1}: "
                                 'close the phrase with another "')
            toks = _tokens(text[i + 1:j])
            prefix = j + 1 < n and text[j + 1] == "*"
            if toks:
                out.append(("atom", Atom(toks, prefix)))
            elif prefix:
                raise QueryError("an empty phrase cannot be a prefix")
            i = j + (2 if prefix else 1)
            continue
        if ch == "-" and i + 1 < n and not text[i + 1].isspace() and text[i + 1] != "-":
            out.append(("op", "-"))
            i += 1
            continue
        j = i
        while j < n and not text[j].isspace() and text[j] not in _QUOTES and text[j] not in "()":
            j += 1
        word = text[i:j]
        i = j
        if word in ("AND", "OR", "NOT"):
            out.append(("op", word))
            continue
        prefix = word.endswith("*")
        toks = _tokens(word)
        if not toks:
            if prefix:
                raise QueryError(f"{word!r}: a prefix needs at least {MIN_PREFIX} letters "
                                 "before the *")
            continue  # punctuation only (&, +, ...): ignore
        if prefix and len(toks[-1]) < MIN_PREFIX:
            raise QueryError(f"{word!r}: a prefix needs at least {MIN_PREFIX} letters before "
                             "the *")
        out.append(("atom", Atom(toks, prefix)))
    return out


def parse(text: str) -> Query:
    """Parse a user query; raise ``QueryError`` with a clear message when it makes no sense."""
    if not isinstance(text, str) or not text.strip():
        raise QueryError("empty query: give at least one word to search for")
    items = _lex(text)
    clauses: list[Clause] = []
    negate = False
    want_alt = False  # the previous item was OR
    want_and = False  # the previous item was AND
    for kind, val in items:
        if kind == "op":
            if val == "AND":
                if want_alt:
                    raise QueryError("OR must be followed by a word or phrase, not AND")
                if not clauses or want_and:
                    raise QueryError("AND needs a word or phrase on each side")
                want_and = True
                continue
            after_and, want_and = want_and, False
            if val == "OR":
                if after_and:
                    raise QueryError("AND OR: give a word or phrase between them")
                if want_alt:
                    raise QueryError("OR OR: give a word or phrase between the two ORs")
                if negate or not clauses:
                    raise QueryError("OR needs a word or phrase on each side")
                want_alt = True
                continue
            if want_alt:
                raise QueryError("OR must be followed by a word or phrase, not NOT/-")
            negate = True
            continue
        assert isinstance(val, Atom)
        want_and = False
        if want_alt:
            clauses[-1].alts.append(val)
            want_alt = False
        else:
            clauses.append(Clause([val], negate))
        negate = False
    if want_alt:
        raise QueryError("OR needs a word or phrase on each side")
    if want_and:
        raise QueryError("AND needs a word or phrase on each side")
    if negate:
        raise QueryError("NOT (or -) must be followed by a word or phrase to exclude")
    if not clauses:
        raise QueryError("the query has no words to search for (operators and punctuation "
                         "alone do not count)")
    if all(c.negated for c in clauses):
        raise QueryError("a query cannot only exclude: add a word or phrase to search for")
    if sum(len(a.tokens) for c in clauses for a in c.alts) > MAX_TERMS:
        raise QueryError(f"too many words: at most {MAX_TERMS}")
    return Query(clauses)

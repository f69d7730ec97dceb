"""GUM (Zeldes 2017): every mention typed and chained for coreference, in CoNLL-U.

A document is rebuilt as plain text the way a news page reads: tokens joined by their
``SpaceAfter``, sentences of a paragraph joined by a space, paragraphs (``# newpar``) by a
blank line. Each mention becomes a character span of that text with its entity type
(person, organization, place, ...), its chain id (mentions with the same chain are one
referent), its information status and its Wikipedia identity when it has one.

The ``Entity`` attribute in MISC opens a mention with ``(chain-type-infstat-salience-
centering-minspan-link[-identity]`` and closes it with ``chain)``; a one-token mention does
both: ``(3-substance-new-...-Iodine)``. Multi-word tokens ("Zurbarán’s" = "Zurbarán" + "’s")
are written once in the text; their parts get the parts of the word they spell.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

_OPEN = re.compile(r"\((\d+)-([^()]*)(\)?)")


@dataclass(slots=True)
class Mention:
    start: int  # characters of GumDoc.text, end exclusive
    end: int
    type: str  # person, organization, place, abstract, event, time, object, ...
    chain: str  # mentions sharing it are one referent
    infstat: str  # new, giv:act, giv:inact, acc:com, ...
    identity: str | None = None  # Wikipedia name, when the referent has one
    proper: bool = False  # its minimal span starts and ends with a name word: a name
    min_start: int = 0  # characters of the minimal span ("Cres Eastman" in "Professor Cres
    min_end: int = 0  # Eastman, the director of the study")
    plural: bool = False  # the minimal span ends in a plural noun ("Muslims", "researchers")

    @property
    def text_range(self) -> tuple[int, int]:
        return self.start, self.end


@dataclass(slots=True)
class GumDoc:
    name: str  # GUM_news_iodine
    genre: str  # news, interview, bio, academic, voyage, court
    text: str
    mentions: list[Mention] = field(default_factory=list)
    paragraphs: list[tuple[int, int]] = field(default_factory=list)

    def chains(self) -> dict[str, list[Mention]]:
        out: dict[str, list[Mention]] = {}
        for m in self.mentions:
            out.setdefault(m.chain, []).append(m)
        return out


@dataclass(slots=True)
class _Tok:
    form: str
    upos: str
    xpos: str
    misc: str
    start: int = 0
    end: int = 0


def read_conllu(path: str | Path) -> GumDoc:
    """One GUM document from its CoNLL-U file."""
    path = Path(path)
    name = path.stem
    genre = name.split("_")[1] if name.count("_") >= 2 else ""
    parts: list[str] = []  # pieces of the text
    pos = 0
    paragraphs: list[tuple[int, int]] = []
    para_start: int | None = None
    tokens: list[_Tok] = []
    mwt_end = 0  # last word id covered by the current multi-word token
    mwt: _Tok | None = None
    mwt_parts: list[_Tok] = []
    sentence_open = False

    def emit(s: str) -> None:
        nonlocal pos
        parts.append(s)
        pos += len(s)

    def close_para() -> None:
        nonlocal para_start
        if para_start is not None:
            paragraphs.append((para_start, pos))
            para_start = None

    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            new_paragraph = line.startswith("# newpar ") or line == "# newpar"
            if new_paragraph and para_start is not None:
                if parts and parts[-1] == " ":
                    parts.pop()
                    pos -= 1
                close_para()
                emit("\n\n")
            continue
        if not line.strip():
            if sentence_open and parts and not parts[-1].endswith((" ", "\n")):
                emit(" ")
            sentence_open = False
            continue
        cols = line.split("\t")
        tid = cols[0]
        if "." in tid:
            continue  # an empty node of the enhanced graph: no text
        if para_start is None:
            if parts and parts[-1] == " ":
                parts.pop()
                pos -= 1
            para_start = pos
        sentence_open = True
        if "-" in tid:
            lo, hi = (int(x) for x in tid.split("-"))
            mwt = _Tok(cols[1], "", "", cols[9])
            mwt_end = hi
            mwt_parts = []
            mwt.start = pos
            emit(cols[1])
            mwt.end = pos
            if "SpaceAfter=No" not in cols[9]:
                emit(" ")
            continue
        tok = _Tok(cols[1], cols[3], cols[4], cols[9])
        if mwt is not None and int(tid) <= mwt_end:
            mwt_parts.append(tok)
            tokens.append(tok)
            if int(tid) == mwt_end:
                _spread(mwt, mwt_parts)
                mwt = None
            continue
        tok.start = pos
        emit(tok.form)
        tok.end = pos
        if "SpaceAfter=No" not in tok.misc:
            emit(" ")
        tokens.append(tok)
    close_para()
    text = "".join(parts).rstrip()
    paragraphs = [(s, min(e, len(text))) for s, e in paragraphs]
    return GumDoc(name, genre, text, _mentions(tokens), paragraphs)


def _spread(mwt: _Tok, parts: list[_Tok]) -> None:
    """Give the parts of a multi-word token their characters: consecutive pieces when they
    spell it, else the whole word each."""
    at = mwt.start
    if "".join(p.form for p in parts) == mwt.form:
        for p in parts:
            p.start, p.end = at, at + len(p.form)
            at = p.end
    else:
        for p in parts:
            p.start, p.end = mwt.start, mwt.end


def _mentions(tokens: list[_Tok]) -> list[Mention]:
    open_stack: dict[str, list[tuple[int, list[str]]]] = {}
    out: list[Mention] = []
    for k, tok in enumerate(tokens):
        ent = next((f[7:] for f in tok.misc.split("|") if f.startswith("Entity=")), None)
        if ent is None:
            continue
        i = 0
        while i < len(ent):
            if ent[i] == "(":
                m = _OPEN.match(ent, i)
                if m is None:
                    i += 1
                    continue
                chain, fields, closed = m.group(1), m.group(2).split("-", 6), m.group(3)
                if closed:
                    out.append(_mention(tokens, k, k, chain, fields))
                else:
                    open_stack.setdefault(chain, []).append((k, fields))
                i = m.end()
                continue
            m = re.match(r"(\d+)\)", ent[i:])
            if m is not None:
                chain = m.group(1)
                if open_stack.get(chain):
                    start, fields = open_stack[chain].pop()
                    out.append(_mention(tokens, start, k, chain, fields))
                i += m.end()
                continue
            i += 1
    out.sort(key=lambda m: (m.start, -m.end))
    return out


def _mention(tokens: list[_Tok], first: int, last: int, chain: str, fields: list[str]) -> Mention:
    # fields: type, infstat, salience, centering, minspan, link, [identity]
    etype = fields[0] if fields else ""
    infstat = fields[1] if len(fields) > 1 else ""
    identity = fields[6] if len(fields) > 6 and fields[6] else None
    span = list(range(first, last + 1))
    if len(fields) > 4:
        try:
            picked = [first + int(x) - 1 for x in fields[4].split(",")]
            span = [i for i in picked if first <= i <= last] or span
        except ValueError:
            pass
    return Mention(
        tokens[first].start,
        tokens[last].end,
        etype,
        chain,
        infstat,
        identity.replace("_", " ") if identity else None,
        _name_word(tokens[min(span)]) and _name_word(tokens[max(span)]),
        tokens[min(span)].start,
        tokens[max(span)].end,
        tokens[max(span)].xpos in ("NNS", "NNPS"),
    )


def _name_word(t: _Tok) -> bool:
    """A singular proper noun that is no title ("President", "Mr."): the word of a name."""
    return t.xpos == "NNP" and t.form[:1].isupper() and t.form.lower().rstrip(".") not in _TITLES


# Capitalised titles GUM tags as proper nouns; a mention of only these is no name.
_TITLES = frozenset(
    """
    president prime minister secretary senator governor mayor king queen prince princess pope
    mr mrs ms dr sir lady lord judge justice general chairman chief director professor doctor
    spokesperson spokesman spokeswoman commander captain officer sheriff
    """.split()
)


def load_gum(root: str | Path, genres: tuple[str, ...] | None = None) -> list[GumDoc]:
    """Every document of the corpus (``root/conllu/*.conllu``), sorted by name."""
    root = Path(root)
    folder = root / "conllu" if (root / "conllu").is_dir() else root
    docs = [read_conllu(p) for p in sorted(folder.glob("*.conllu"))]
    if genres:
        docs = [d for d in docs if d.genre in genres]
    return docs


__all__ = ["GumDoc", "Mention", "load_gum", "read_conllu"]

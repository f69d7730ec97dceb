"""The reading stage: every input format, and every kind of bad input pinned to its error page."""

from __future__ import annotations

import gzip
import io
import json
import random
import sys
import time
import zlib
from pathlib import Path

import pytest
from fastwarc.warc import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsgraph.read import ReadStats, is_record, iter_pages, sniff_format

HTML = b"<!DOCTYPE html><html><head><title>T</title></head><body><p>Hello.</p></body></html>"
MB = 1 << 20


# ---------------------------------------------------------------------------- helpers


def write(path: Path, data: bytes) -> str:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return str(path)


def html_page(n: int) -> bytes:
    return f"<!DOCTYPE html><html><body><p>Story number {n}.</p></body></html>".encode()


def response(
    url: str, body: bytes, headers: list[tuple[str, str]] | None = None, status: str = "200 OK"
) -> dict:
    if headers is None:
        headers = [("Content-Type", "text/html; charset=utf-8")]
    return {"type": "response", "url": url, "body": body, "http": (status, headers)}


def write_warc(path: Path, records: list[dict], gz: bool = True) -> list[int]:
    """Write a WARC (warcinfo first) with warcio; return each given record's offset."""
    offsets = []
    with path.open("wb") as f:
        w = WARCWriter(f, gzip=gz)
        w.write_record(w.create_warcinfo_record(path.name, {"software": "test"}))
        for r in records:
            offsets.append(f.tell())
            http = None
            if "http" in r:
                status, headers = r["http"]
                http = StatusAndHeaders(status, headers, protocol="HTTP/1.1")
            w.write_record(
                w.create_warc_record(
                    r["url"],
                    r["type"],
                    payload=io.BytesIO(r["body"]),
                    http_headers=http,
                    warc_content_type=r.get("ctype", ""),
                    length=len(r["body"]) if not http else None,
                )
            )
    return offsets


def conversion(url: str, text: str) -> dict:
    return {"type": "conversion", "url": url, "body": text.encode(), "ctype": "text/plain"}


def pages(*inputs: str, **kw) -> list:
    return list(iter_pages(list(inputs), **kw))


def errors(ps: list) -> list[str]:
    return [p.error for p in ps if p.error]


# ---------------------------------------------------------------------------- sniffing


@pytest.mark.parametrize(
    ("name", "fmt"),
    [
        ("a.html", "html"), ("a.HTM", "html"), ("a.html.gz", "html"), ("a.txt", "text"),
        ("a.txt.gz", "text"), ("a.warc", "warc"), ("a.warc.gz", "warc"), ("a.wet", "wet"),
        ("a.warc.wet.gz", "wet"), ("a.wet.gz", "wet"), ("a.jsonl", "jsonl"),
        ("a.jsonl.gz", "jsonl"), ("a.ndjson", "jsonl"),
    ],
)  # fmt: skip
def test_sniff_by_extension_wins_over_content(name: str, fmt: str) -> None:
    assert sniff_format(name, b'{"text": "looks like JSON"}\n') == fmt


@pytest.mark.parametrize(
    ("head", "fmt"),
    [
        (b"<!DOCTYPE html><html><body>x</body></html>", "html"),
        (b"\xef\xbb\xbf  <html lang='en'>", "html"),
        (b"<div><p>one</p><p>two</p><p>three</p><a href=x>y</a><br></div>", "html"),
        (b'{"url": "u", "text": "t"}\n{"text": "u"}\n', "jsonl"),
        (b'{"text": "' + b"x" * 70000, "jsonl"),  # a first line longer than the head
        (b"WARC/1.0\r\nWARC-Type: response\r\n", "warc"),
        (b"WARC/1.0\r\nWARC-Type: warcinfo\r\n\r\nWARC/1.0\r\nWARC-Type: conversion\r\n", "wet"),
        (b"Accessibility links\nSkip to content\nPutin met Kim <on Thursday>.\n", "text"),
        (b"{not json at all\n", "text"),
        (gzip.compress(b"WARC/1.0\r\nWARC-Type: conversion\r\n"), "wet"),
        (gzip.compress(b"<html><body>hi</body></html>"), "html"),
    ],
)
def test_sniff_by_content(head: bytes, fmt: str) -> None:
    assert sniff_format("noext", head) == fmt
    assert sniff_format("-", head) == fmt


# ---------------------------------------------------------------------------- formats


def test_html_file_is_bytes_with_path(tmp_path: Path) -> None:
    path = write(tmp_path / "story.html", HTML)
    [p] = pages(path)
    assert (p.kind, p.format, p.path, p.offset, p.error) == ("html", "html", path, None, None)
    assert p.content == HTML
    assert Path(p.path).name == "story.html"


def test_text_file_keeps_every_character(tmp_path: Path) -> None:
    text = "Headline\r\n\r\n  Indented line\twith tab \r\nLast line without newline"
    path = write(tmp_path / "a.txt", b"\xef\xbb\xbf" + text.encode())
    [p] = pages(path)
    assert (p.kind, p.format, p.error, p.warnings) == ("text", "text", None, [])
    assert p.content == text  # BOM dropped, \r\n and whitespace untouched


def test_utf16_text_with_bom(tmp_path: Path) -> None:
    path = write(tmp_path / "a.txt", "Zoë said “yes”.\n".encode("utf-16"))
    [p] = pages(path)
    assert p.content == "Zoë said “yes”.\n"
    assert p.warnings == ["decoded as UTF-16 (byte-order mark)"]


def test_gzipped_html_and_text(tmp_path: Path) -> None:
    h = write(tmp_path / "a.html.gz", gzip.compress(HTML))
    t = write(tmp_path / "b.txt.gz", gzip.compress(b"one\r\ntwo\n"))
    hp, tp = pages(h, t)
    assert (hp.kind, hp.content) == ("html", HTML)
    assert (tp.kind, tp.content) == ("text", "one\r\ntwo\n")


def test_jsonl_lines_fields_and_bad_lines(tmp_path: Path) -> None:
    lines = [
        json.dumps({"html": "<p>Hi</p>", "url": "https://a/1", "title": "T", "date": "2024-01-02"}),
        "",
        json.dumps({"text": "Plain body.", "published": "2023-05-06"}),
        "this is not json",
        "[1, 2]",
        json.dumps({"headline": "no body", "url": "u"}),
        json.dumps({"schema": "newsgraph/1", "id": "x", "text": "already done"}),
        json.dumps({"content": "Alias body.", "url": 7}),
        json.dumps({"html": 5}),
        json.dumps({"text": "   "}),
    ]
    path = write(tmp_path / "dump.jsonl", ("\n".join(lines) + "\n").encode())
    ps = pages(path)
    assert [p.offset for p in ps] == [1, 3, 4, 5, 6, 7, 8, 9, 10]  # blank line 2 skipped
    assert all(p.path == path and p.format == "jsonl" for p in ps)
    by_line = {p.offset: p for p in ps}
    first = by_line[1]
    assert (first.kind, first.content, first.url) == ("html", "<p>Hi</p>", "https://a/1")
    assert (first.title, first.published, first.error) == ("T", "2024-01-02", None)
    assert (by_line[3].kind, by_line[3].content) == ("text", "Plain body.")
    assert by_line[3].published == "2023-05-06"
    assert by_line[4].error.startswith("not valid JSON")
    assert by_line[5].error == "not a JSON object (a JSON array)"
    assert by_line[6].error == "no 'html' or 'text' field (fields: headline, url)"
    assert by_line[7].error == "already a newsgraph record; use `newsgraph ingest` for records"
    assert (by_line[8].content, by_line[8].url, by_line[8].error) == ("Alias body.", None, None)
    assert by_line[8].warnings == ["ignored field 'url': not a string"]
    assert by_line[9].error == "field 'html' is not a string"
    assert by_line[10].error == "empty page (field 'text' is empty)"


def test_jsonl_lone_surrogate_escapes_become_replacement_characters(tmp_path: Path) -> None:
    line = '{"text": "Ana said \\ud800 yes \\ud83d\\ude00", "title": "T\\udcff"}\n'
    [p] = pages(write(tmp_path / "s.jsonl", line.encode()))
    assert (p.content, p.title, p.error) == ("Ana said \ufffd yes \U0001f600", "T\ufffd", None)
    assert p.warnings == ["field 'text': 1 lone surrogate escape(s) replaced by U+FFFD",
                          "field 'title': 1 lone surrogate escape(s) replaced by U+FFFD"]


def test_jsonl_line_nested_too_deeply_is_that_line_alone(tmp_path: Path) -> None:
    data = b"[" * 100_000 + b"]" * 100_000 + b'\n{"text": "Next line."}\n'
    ps = pages(write(tmp_path / "deep.jsonl", data))  # the whole file was lost
    assert [(p.offset, p.error) for p in ps] == [
        (1, "not valid JSON (nested too deeply to read)"), (2, None)]


def test_is_record() -> None:
    assert is_record({"schema": "newsgraph/1", "id": "a"})
    assert not is_record({"text": "raw page"})
    assert not is_record(["schema", "newsgraph/1"])


def test_warc_yields_html_responses_decoded(tmp_path: Path) -> None:
    chunked = (
        b"10\r\n"
        + html_page(3)[:16]
        + b"\r\n"
        + (b"%x\r\n" % len(html_page(3)[16:]))
        + html_page(3)[16:]
        + b"\r\n0\r\n\r\n"
    )
    records = [
        response("https://n/1", html_page(1)),
        response(
            "https://n/2",
            gzip.compress(html_page(2)),
            [("Content-Type", "text/html"), ("Content-Encoding", "gzip")],
        ),
        response(
            "https://n/3",
            chunked,
            [("Content-Type", "text/html"), ("Transfer-Encoding", "chunked")],
        ),
        response("https://n/img", b"\x89PNG\r\n\x1a\n\x00\x00", [("Content-Type", "image/png")]),
        response("https://n/404", html_page(404), status="404 Not Found"),
        {"type": "resource", "url": "https://n/5", "body": html_page(5), "ctype": "text/html"},
        response("https://n/6", html_page(6), headers=[]),  # no Content-Type: sniffed
        response("https://n/7", b"just some bytes, no markup", headers=[]),
        {
            "type": "request",
            "url": "https://n/1",
            "body": b"",
            "http": ("GET /1 HTTP/1.1", [("Host", "n")]),
        },
        response(
            "https://n/8",
            zlib.compress(html_page(8)),
            [("Content-Type", "application/xhtml+xml"), ("Content-Encoding", "deflate")],
        ),
    ]
    for gz in (True, False):
        path = tmp_path / ("crawl.warc.gz" if gz else "crawl.warc")
        offsets = write_warc(path, records, gz=gz)
        stats = ReadStats()
        ps = list(iter_pages([str(path)], stats=stats))
        assert errors(ps) == []
        assert [p.url for p in ps] == [f"https://n/{n}" for n in (1, 2, 3, 5, 6, 8)]
        assert [p.content for p in ps] == [html_page(n) for n in (1, 2, 3, 5, 6, 8)]
        assert all((p.kind, p.format, p.path) == ("html", "warc", str(path)) for p in ps)
        assert [p.offset for p in ps] == [offsets[i] for i in (0, 1, 2, 5, 6, 9)]
        assert (stats.pages, stats.errors, sum(stats.skipped.values())) == (6, 0, 5)


def test_warc_offsets_point_at_the_records(tmp_path: Path) -> None:
    path = tmp_path / "c.warc.gz"
    write_warc(path, [response(f"https://n/{i}", html_page(i)) for i in range(5)])
    ps = pages(str(path))
    assert len({p.offset for p in ps}) == 5
    with path.open("rb") as f:
        for p in ps:
            f.seek(p.offset)
            rec = next(iter(ArchiveIterator(f)))
            assert rec.headers.get("WARC-Target-URI") == p.url


def test_warc_gzipped_as_one_stream(tmp_path: Path) -> None:
    plain = tmp_path / "c.warc"
    write_warc(plain, [response(f"https://n/{i}", html_page(i)) for i in range(3)], gz=False)
    path = write(tmp_path / "whole.warc.gz", gzip.compress(plain.read_bytes()))
    ps = pages(path)
    assert errors(ps) == []
    assert [p.url for p in ps] == ["https://n/0", "https://n/1", "https://n/2"]
    assert len({p.offset for p in ps}) == 3  # offsets in the uncompressed stream


def test_wet_conversion_records(tmp_path: Path) -> None:
    texts = ["First page\nwith two lines\n", "Zweite Seite: Grüße\r\n"]
    path = tmp_path / "crawl.warc.wet.gz"
    offsets = write_warc(path, [conversion(f"https://w/{i}", t) for i, t in enumerate(texts)])
    ps = pages(str(path))
    assert [(p.kind, p.format, p.url, p.offset) for p in ps] == [
        ("text", "wet", "https://w/0", offsets[0]),
        ("text", "wet", "https://w/1", offsets[1]),
    ]
    assert [p.content for p in ps] == texts
    # without the .wet name, the content says WET
    renamed = write(tmp_path / "crawl.gz", path.read_bytes())
    assert [p.format for p in pages(renamed)] == ["wet", "wet"]


def test_directory_walk_sorted_skipping_hidden_and_unknown(tmp_path: Path) -> None:
    d = tmp_path / "in"
    write(d / "b.html", HTML)
    write(d / "a.txt", b"text a")
    write(d / "sub" / "c.jsonl", b'{"text": "c1"}\n{"text": "c2"}\n')
    write(d / "sub" / "a.htm", HTML)
    write(d / ".hidden.html", HTML)
    write(d / ".git" / "x.html", HTML)
    write(d / "notes.md", b"# notes")
    write(d / "image.png", b"\x89PNG\r\n\x1a\n\x00")
    (d / "loop.html").symlink_to(d)  # a symlinked directory is not followed
    stats = ReadStats()
    ps = list(iter_pages([str(d)], stats=stats))
    assert [(Path(p.path).relative_to(d).as_posix(), p.offset) for p in ps] == [
        ("a.txt", None),
        ("b.html", None),
        ("sub/a.htm", None),
        ("sub/c.jsonl", 1),
        ("sub/c.jsonl", 2),
    ]
    assert stats.skipped == {
        "hidden file or directory": 2,
        "file with an unknown extension": 2,
        "symlinked directory (not followed)": 1,
    }
    # a file named explicitly is read whatever its name; a forced format reads all files
    [md] = pages(str(d / "notes.md"))
    assert (md.kind, md.content, md.error) == ("text", "# notes", None)
    forced = pages(str(d), fmt="text")
    assert {Path(p.path).name for p in forced} >= {"notes.md", "image.png"}


def test_inputs_that_yield_nothing_are_errors_naming_them(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    hollow = tmp_path / "hollow"
    (hollow / "a" / "b").mkdir(parents=True)
    hidden = tmp_path / "hidden"
    write(hidden / ".draft.html", HTML)
    write(hidden / "sub" / "notes.md", b"# notes")
    blank = write(tmp_path / "blank.jsonl", b"\n  \n\n")
    info = tmp_path / "info.warc.gz"
    write_warc(info, [])  # a warcinfo record only
    ps = pages(str(empty), str(hollow), str(hidden), blank, str(info))
    assert [(p.path, p.error) for p in ps] == [
        (str(empty), "no input files in this directory (it is empty)"),
        (str(hollow), "no input files in this directory (only empty directories in it)"),
        (str(hidden), "no input files in this directory (skipped: hidden file or directory: 1; "
                      "file with an unknown extension: 1)"),
        (blank, "no documents in this file"),
        (str(info), "no documents in this file (skipped: WARC warcinfo record: 1)"),
    ]
    # a symlink that loops is read as a file: its error names it (the walk raised ELOOP)
    loops = tmp_path / "loops"
    loops.mkdir()
    (loops / "self.html").symlink_to("self.html")
    (loops / "self").symlink_to("self")  # no page name: skipped, as unknown extensions are
    assert [(p.path, p.error) for p in pages(str(loops))] == [
        (str(loops / "self.html"), "too many levels of symbolic links")]
    # a directory whose files are read gives no error of its own
    assert errors(pages(str(tmp_path / "hidden"), fmt="text")) == []


def test_stdin_html_and_gzipped_warc(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(HTML)))
    [p] = pages("-")
    assert (p.path, p.kind, p.format, p.content) == ("-", "html", "html", HTML)

    path = tmp_path / "s.warc.gz"
    write_warc(path, [response(f"https://n/{i}", html_page(i)) for i in range(3)])
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(path.read_bytes())))
    ps = pages("-", "-")
    assert [p.url for p in ps[:3]] == ["https://n/0", "https://n/1", "https://n/2"]
    assert ps[3].error == 'standard input was already read ("-" given twice)'


def test_stdin_text_forced_keeps_line_endings(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"<p>a</p>\r\nb\r\n")))
    [p] = pages("-", fmt="text")
    assert (p.kind, p.format, p.content) == ("text", "text", "<p>a</p>\r\nb\r\n")


def test_forced_format(tmp_path: Path) -> None:
    path = write(tmp_path / "page.html", b"<p>Not really HTML</p>\n")
    [p] = pages(path, fmt="text")
    assert (p.kind, p.format, p.content) == ("text", "text", "<p>Not really HTML</p>\n")
    [j] = pages(write(tmp_path / "x.dat", b'{"text": "t"}\n'), fmt="jsonl")
    assert (j.format, j.content, j.offset) == ("jsonl", "t", 1)


def test_unknown_format_raises_at_call(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="unknown format 'pdf'"):
        iter_pages([str(tmp_path)], fmt="pdf")  # no next(): raises at the call


# ---------------------------------------------------------------------------- bad inputs


def test_missing_path_is_an_error_page_and_the_batch_goes_on(tmp_path: Path) -> None:
    good = write(tmp_path / "good.html", HTML)
    missing = str(tmp_path / "missing.html")
    bad, ok = pages(missing, good)
    assert (bad.path, bad.error, bad.format) == (missing, "no such file or directory", "html")
    assert (ok.path, ok.error, ok.content) == (good, None, HTML)


@pytest.mark.parametrize("name", ["empty.html", "empty.txt", "empty.jsonl", "empty.warc.gz"])
def test_empty_file(tmp_path: Path, name: str) -> None:
    [p] = pages(write(tmp_path / name, b""))
    assert p.error == "empty file"


@pytest.mark.parametrize("name", ["ws.html", "ws.txt", "ws.html.gz"])
def test_whitespace_only_file(tmp_path: Path, name: str) -> None:
    data = b" \n\t\r\n"
    [p] = pages(write(tmp_path / name, gzip.compress(data) if name.endswith(".gz") else data))
    assert p.error == "empty file (only whitespace)"


def test_warc_name_on_something_else(tmp_path: Path) -> None:
    [p] = pages(write(tmp_path / "page.warc", HTML))
    assert (p.error, p.offset) == ("not a WARC file (Invalid WARC header)", 0)


@pytest.mark.parametrize("name", ["photo.html", "photo.txt"])
def test_binary_file(tmp_path: Path, name: str) -> None:
    data = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + random.Random(1).randbytes(2000)
    [p] = pages(write(tmp_path / name, data))
    assert p.error == "binary data, not text (NUL bytes)"


def test_control_characters_without_nul_are_binary(tmp_path: Path) -> None:
    data = bytes(random.Random(2).choices(range(1, 256), k=4000))
    [p] = pages(write(tmp_path / "garbage.txt", data))
    assert p.error.startswith("binary data, not text (") and "control characters" in p.error


def test_cp1252_text_decoded_with_warning(tmp_path: Path) -> None:
    text = "Caf\u00e9 owner said \u201cno\u201d \u2013 twice.\r\n"
    [p] = pages(write(tmp_path / "legacy.txt", text.encode("cp1252")))
    assert (p.content, p.error) == (text, None)
    assert p.warnings == ["not valid UTF-8; decoded as cp1252"]


def test_mostly_utf8_with_a_bad_byte(tmp_path: Path) -> None:
    data = "Grüße aus Köln, “quoted”.".encode() + b"\xff" + b" Ende."
    [p] = pages(write(tmp_path / "damaged.txt", data))
    assert p.content == "Grüße aus Köln, “quoted”.\ufffd Ende."
    assert p.warnings == ["not valid UTF-8; 1 invalid byte sequence(s) replaced by U+FFFD"]


DECODING_CASES = [
    ("utf16.txt", "Grüße, “quoted” text.\n".encode("utf-16")),
    ("legacy.txt", "Caf\u00e9 owner said \u201cno\u201d.".encode("cp1252")),
    ("random.txt", random.Random(3).randbytes(100_000)),
    ("utf16.html", "<html><body><p>Grüße</p></body></html>".encode("utf-16")),
    ("random.html", random.Random(4).randbytes(100_000)),
    ("blank.txt", b"  \n"),
]


@pytest.mark.parametrize(("name", "data"), DECODING_CASES, ids=[c[0] for c in DECODING_CASES])
def test_document_bytes_decode_as_a_file_of_them_does(tmp_path: Path, name: str,
                                                      data: bytes) -> None:
    from newsgraph.read import document_page

    [from_file] = pages(write(tmp_path / name, data))
    page = document_page(data, from_file.format, from_file.path)
    assert (page.content, page.kind, page.error, page.warnings) == (
        from_file.content, from_file.kind, from_file.error, from_file.warnings)


def test_extract_from_bytes_decodes_as_the_cli_does(nlp: object) -> None:
    from newsgraph.pipeline import extract

    said = "“We will appeal,” said Maria Lopez, the mayor, on Tuesday."
    rec = extract(said.encode("utf-16"), kind="text", raw=True)
    assert rec.text == said and "\x00" not in rec.text
    assert [q.speaker_name for q in rec.quotes] == ["Maria Lopez"]
    assert rec.errors == ["<input>: decoded as UTF-16 (byte-order mark)"]
    garbage = extract(random.Random(5).randbytes(100_000))
    assert garbage.text is None and garbage.quotes == []
    assert garbage.errors == ["<input>: binary data, not text (NUL bytes)"]


def test_undecodable_high_bytes_are_an_error(tmp_path: Path) -> None:
    data = bytes(random.Random(3).choices(range(0x80, 0x100), k=4000))
    [p] = pages(write(tmp_path / "garbage.txt", data))
    assert p.error.startswith("not valid UTF-8 and not plausible 8-bit text")


def test_truncated_gzip_jsonl_keeps_complete_lines(tmp_path: Path) -> None:
    lines = [json.dumps({"text": f"story {i} " + "word " * 50}) for i in range(400)]
    whole = gzip.compress(("\n".join(lines) + "\n").encode())
    cut = whole[: len(whole) // 2]
    complete = zlib.decompressobj(31).decompress(cut).count(b"\n")
    assert 0 < complete < 400
    ps = pages(write(tmp_path / "dump.jsonl.gz", cut))
    assert [p.offset for p in ps[:-1]] == list(range(1, complete + 1))
    assert errors(ps[:-1]) == []
    assert ps[-1].error == f"truncated gzip stream after {complete} lines"
    assert ps[-1].offset == complete + 1


def test_truncated_gzip_warc_keeps_earlier_records(tmp_path: Path) -> None:
    path = tmp_path / "c.warc.gz"
    offsets = write_warc(path, [response(f"https://n/{i}", html_page(i)) for i in range(4)])
    cut = write(tmp_path / "cut.warc.gz", path.read_bytes()[: offsets[3] - 10])
    ps = pages(cut)
    assert [p.url for p in ps[:2]] == ["https://n/0", "https://n/1"]
    assert errors(ps[:2]) == []
    assert ps[2].error == "truncated gzip stream after 3 records"  # warcinfo + 2 responses
    assert ps[2].offset == offsets[2]
    assert len(ps) == 3


def test_truncated_gzip_single_document(tmp_path: Path) -> None:
    data = gzip.compress(random.Random(4).randbytes(5000).hex().encode())
    [p] = pages(write(tmp_path / "a.txt.gz", data[:-100]))
    assert p.error == "truncated gzip stream: the file ends inside the member at offset 0"


def test_warc_with_a_malformed_record_goes_on(tmp_path: Path) -> None:
    records = [response(f"https://n/{i}", html_page(i)) for i in range(4)]
    plain = tmp_path / "c.warc"
    offsets = write_warc(plain, records, gz=False)
    data = bytearray(plain.read_bytes())
    data[offsets[1] : offsets[1] + 8] = b"WARC/9.9"  # record 1's header line is broken
    ps = pages(write(tmp_path / "broken.warc", bytes(data)))
    assert [(p.url, p.offset) for p in ps if not p.error] == [
        ("https://n/0", offsets[0]),
        ("https://n/2", offsets[2]),
        ("https://n/3", offsets[3]),
    ]
    assert errors(ps) == [f"WARC record at offset {offsets[1]} is malformed: Invalid WARC header"]
    assert ps[1].offset == offsets[1]


def test_warc_record_whose_length_runs_past_the_file_goes_on(tmp_path: Path) -> None:
    records = [response(f"https://n/{i}", html_page(i)) for i in range(3)]
    plain = tmp_path / "c.warc"
    offsets = write_warc(plain, records, gz=False)
    data = plain.read_bytes()
    at = data.index(b"Content-Length: ", offsets[1])
    end = data.index(b"\r\n", at)  # a length no file has: seeking there raised ValueError
    data = data[:at] + b"Content-Length: 99999999999999999999" + data[end:]
    ps = pages(write(tmp_path / "long.warc", data))
    assert [p.url for p in ps if not p.error] == ["https://n/0", "https://n/2"]
    assert [(p.offset, p.error) for p in ps if p.error] == [
        (offsets[1], f"WARC record at offset {offsets[1]} is malformed: Invalid WARC header")]


def test_gzipped_warc_with_a_corrupt_member_goes_on(tmp_path: Path) -> None:
    path = tmp_path / "c.warc.gz"
    offsets = write_warc(path, [response(f"https://n/{i}", html_page(i) * 20) for i in range(4)])
    data = bytearray(path.read_bytes())
    middle = (offsets[1] + offsets[2]) // 2
    data[middle : middle + 16] = b"\xff" * 16  # damage record 1's deflate stream
    ps = pages(write(tmp_path / "broken.warc.gz", bytes(data)))
    assert [p.url for p in ps if not p.error] == ["https://n/0", "https://n/2", "https://n/3"]
    [bad] = [p for p in ps if p.error]
    assert bad.offset == offsets[1]
    assert bad.error.startswith(f"corrupt gzip data in the member at offset {offsets[1]}: ")


def test_warc_record_with_undecodable_body(tmp_path: Path) -> None:
    records = [
        response(
            "https://n/0",
            b"\x1f\x8b\x08garbage that is not gzip",
            [("Content-Type", "text/html"), ("Content-Encoding", "gzip")],
        ),
        response(
            "https://n/1",
            html_page(1),
            [("Content-Type", "text/html"), ("Content-Encoding", "gzip")],
        ),  # not really
        response("https://n/2", html_page(2)),
    ]
    path = tmp_path / "c.warc.gz"
    offsets = write_warc(path, records)
    p0, p1, p2 = pages(str(path))
    assert (p0.url, p0.offset) == ("https://n/0", offsets[0])
    assert p0.error.startswith("cannot decode the HTTP body (Content-Encoding: gzip)")
    assert (p1.content, p1.error) == (html_page(1), None)
    assert p1.warnings == ["the body is not gzip-encoded as its headers say; used as it is"]
    assert (p2.content, p2.error) == (html_page(2), None)


def test_50mb_single_line_page_is_refused_fast(tmp_path: Path) -> None:
    big = b"<p>" + b"a" * (50 * MB - 3)
    html = write(tmp_path / "big.html", big)
    jsonl = write(tmp_path / "big.jsonl", b'{"text": "' + big + b'"}\n{"text": "small"}\n')
    zipped = write(tmp_path / "big.txt.gz", gzip.compress(big, compresslevel=1))
    t = time.perf_counter()
    ph, pj1, pj2, pz = pages(html, jsonl, zipped)
    elapsed = time.perf_counter() - t
    assert ph.error == "page is 50.0 MB, over the 16 MB limit (NEWSGRAPH_MAX_PAGE_MB)"
    assert (pj1.offset, pj1.error) == (
        1,
        "page is 50.0 MB, over the 16 MB limit (NEWSGRAPH_MAX_PAGE_MB)",
    )
    assert (pj2.offset, pj2.content, pj2.error) == (2, "small", None)
    assert pz.error == "page is over the 16 MB limit (NEWSGRAPH_MAX_PAGE_MB)"
    assert elapsed < 2.0


def test_page_limit_from_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSGRAPH_MAX_PAGE_MB", "0.01")  # 10 KiB
    small = write(tmp_path / "small.html", HTML)
    big = write(tmp_path / "big.html", HTML + b"<p>x</p>" * 2000)
    path = tmp_path / "c.warc.gz"
    offsets = write_warc(
        path,
        [response("https://n/big", b"<p>x</p>" * 2000), response("https://n/ok", html_page(1))],
    )
    ps = pages(small, big, str(path))
    assert errors(ps) == [
        "page is 15.7 KB, over the 0.01 MB limit (NEWSGRAPH_MAX_PAGE_MB)",  # 16,083 bytes
        "page is 15.6 KB, over the 0.01 MB limit (NEWSGRAPH_MAX_PAGE_MB)",  # 16,000 bytes
    ]
    assert (ps[2].url, ps[2].offset) == ("https://n/big", offsets[0])
    assert (ps[3].url, ps[3].content) == ("https://n/ok", html_page(1))
    monkeypatch.setenv("NEWSGRAPH_MAX_PAGE_MB", "lots")
    with pytest.raises(ValueError, match="NEWSGRAPH_MAX_PAGE_MB"):
        iter_pages([small])


@pytest.mark.parametrize("name", ["page.html", "page.txt"])
def test_a_few_stray_nul_bytes_are_removed_not_binary(tmp_path: Path, name: str) -> None:
    body = "<p>" + "The council voted on Tuesday to expand the ferry service. " * 40 + "</p>"
    data = ("<html><body>" + body + "</body></html>").encode()
    data = data[:300] + b"\x00" + data[300:900] + b"\x00\x00" + data[900:]
    [p] = pages(write(tmp_path / name, data))
    assert p.error is None
    assert p.warnings == ["3 stray NUL byte(s) removed"]
    content = p.content.decode() if isinstance(p.content, bytes) else p.content
    assert "\x00" not in content and len(content) == len(data) - 3


def test_text_that_is_half_nul_bytes_is_binary(tmp_path: Path) -> None:
    data = "The council voted on Tuesday.\n".encode("utf-16-le") * 20  # UTF-16 without a BOM
    [p] = pages(write(tmp_path / "utf16.txt", data))
    assert p.error == "binary data, not text (NUL bytes)"

"""Fuzz: a few hundred malformed inputs, generated from a fixed seed, in ONE batch of the real
`newsgraph extract`: random bytes, truncated gzip, damaged WARC records, odd encodings, deep
nesting, huge lines, broken JSON Lines, special files, odd names. Every input must end with
a per-document error or a record (where it is in fact readable), with no traceback and no
hang; the good files among them must give the records a clean run of them alone gives."""

from __future__ import annotations

import codecs
import gzip
import io
import json
import os
import random
import re
import socket
import subprocess
import sys
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

pytestmark = pytest.mark.slow

SEED = 12
HANG = 300  # seconds: the batch takes well under a minute; this long means stuck

WORDS = ("harbour council ferry budget vote river bridge minister school market festival "
         "storm road rail union strike court museum water tax port").split()
NAMES = ("Ana Ruiz", "Tom Reyes", "Lena Park", "Omar Haddad", "Ines Costa", "Piet Mulder")


def sentence(rng: random.Random) -> str:
    """A short statement: the readable inputs give the pipeline a little to parse."""
    words = " ".join(rng.choice(WORDS) for _ in range(rng.randint(4, 9)))
    return f"“The {words} will go ahead,” said {rng.choice(NAMES)} on Monday."


def page(rng: random.Random, paragraphs: int = 2) -> bytes:
    body = "".join(f"<p>{sentence(rng)}</p>" for _ in range(paragraphs))
    return f"<html><head><title>{rng.choice(WORDS).title()}</title></head><body>" \
           f"<article>{body}</article></body></html>".encode()


def gzipped(data: bytes) -> bytes:
    return gzip.compress(data, mtime=0)


def warc(rng: random.Random, n: int, gz: bool, host: str = "fuzz.example") -> bytes:
    buf = io.BytesIO()
    w = WARCWriter(buf, gzip=gz)
    for i in range(n):
        http = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")],
                                protocol="HTTP/1.1")
        fixed = {"WARC-Record-ID": f"<urn:uuid:{uuid.UUID(int=rng.getrandbits(128))}>",
                 "WARC-Date": "2024-05-02T08:00:00Z"}  # the same bytes on every run
        w.write_record(w.create_warc_record(f"https://{host}/{rng.random():.6f}/{i}",
                                            "response", payload=io.BytesIO(page(rng)),
                                            http_headers=http, warc_headers_dict=fixed))
    return buf.getvalue()


# -- the malformed inputs: name suffix -> bytes ------------------------------------------------

def random_bytes(rng: random.Random) -> tuple[str, bytes]:
    ext = rng.choice([".html", ".txt", ".jsonl", ".warc", ".wet", ".html.gz", ".warc.gz"])
    data = rng.randbytes(rng.choice([1, 7, 300, 4096, 70000]))
    if rng.random() < 0.3:
        data = b"\x1f\x8b\x08\x00" + data  # a gzip header and garbage
    return ext, data


def truncated_gzip(rng: random.Random) -> tuple[str, bytes]:
    ext, data = rng.choice([
        (".html.gz", page(rng, 3)),
        (".txt.gz", "\n".join(sentence(rng) for _ in range(5)).encode()),
        (".jsonl.gz", b"".join(json.dumps({"text": sentence(rng)}).encode() + b"\n"
                               for _ in range(4))),
        (".warc.gz", warc(rng, 3, gz=True)),
        (".warc.gz", gzipped(warc(rng, 3, gz=False))),
    ])
    packed = data if ext == ".warc.gz" and data[:2] == b"\x1f\x8b" else gzipped(data)
    return ext, packed[: rng.randint(1, len(packed) - 1)]


def damaged_warc(rng: random.Random) -> tuple[str, bytes]:
    gz = rng.random() < 0.4
    data = bytearray(warc(rng, 3, gz))
    how = rng.choice(["cut", "flip", "length", "junk", "header"])
    if how == "cut":
        data = data[: rng.randint(1, len(data) - 1)]
    elif how == "flip":
        for _ in range(rng.randint(1, 20)):
            data[rng.randrange(len(data))] = rng.randrange(256)
    elif how == "junk":
        at = rng.randrange(len(data))
        data[at:at] = rng.randbytes(rng.randint(1, 500))
    elif not gz:  # length / header damage, on the plain text of the headers
        text = bytes(data)
        value = rng.choice([b"-5", b"x", b"99999999999999999999", b"", b"1e9", b"12 34"])
        if how == "length":
            start = text.find(b"Content-Length: ", text.find(b"WARC-Type: response"))
            end = text.find(b"\r\n", start)
            data = bytearray(text[: start + 16] + value + text[end:])
        else:  # the blank line that ends a record's header is gone
            at = text.find(b"\r\n\r\n", text.find(b"WARC-Type: response"))
            data = bytearray(text[:at] + text[at + 4:])
    else:
        data = data[: len(data) // 2] + rng.randbytes(100)
    return (".warc.gz" if gz else ".warc"), bytes(data)


def odd_encoding(rng: random.Random) -> tuple[str, bytes]:
    text = sentence(rng) + "\n" + sentence(rng) + " Grüße, ça va, 東京, ½ €.\n"
    html = page(rng).decode()
    enc, bom = rng.choice([
        ("utf-16-le", codecs.BOM_UTF16_LE), ("utf-16-be", codecs.BOM_UTF16_BE),
        ("utf-16-le", b""), ("utf-16-be", b""), ("utf-32-le", codecs.BOM_UTF32_LE),
        ("utf-8", codecs.BOM_UTF8), ("cp1252", b""), ("latin-1", b""), ("shift_jis", b""),
        ("utf-7", b""), ("cp037", b""),  # EBCDIC
    ])
    kind = rng.choice(["txt", "html", "jsonl", "html-declared"])
    if kind == "jsonl":
        content = json.dumps({"text": text}, ensure_ascii=False) + "\n"
    elif kind == "html-declared":  # declares one encoding, is written in another
        declared = rng.choice(["utf-16", "x-bogus", "utf-8", "koi8-r"])
        content = html.replace("<head>", f'<head><meta charset="{declared}">')
    else:
        content = text if kind == "txt" else html
    ext = {"txt": ".txt", "html": ".html", "jsonl": ".jsonl", "html-declared": ".html"}[kind]
    return ext, bom + content.encode(enc, errors="replace")


def deep_nesting(rng: random.Random) -> tuple[str, bytes]:
    tag = rng.choice(["div", "span", "b", "table", "blockquote", "ul"])
    depth = 100_000
    inner = f"<p>{sentence(rng)}</p>"
    if rng.random() < 0.5:  # the same in a JSON Lines page, and JSON nested as deep
        if rng.random() < 0.5:
            return ".jsonl", ("[" * depth + "]" * depth + "\n").encode()
        html = f"<{tag}>" * depth + inner + f"</{tag}>" * depth
        return ".jsonl", json.dumps({"html": html}).encode() + b"\n"
    return ".html", f"<html><body>{f'<{tag}>' * depth}{inner}</body></html>".encode()


def huge_line(rng: random.Random) -> tuple[str, bytes]:
    size = rng.choice([1 << 20, 3 << 20])
    kind = rng.choice(["txt", "html", "jsonl-over-limit"])
    if kind == "txt":  # one line, no spaces
        return ".txt", sentence(rng).encode() + b"x" * size + b"\n"
    if kind == "html":  # one attribute of megabytes
        return ".html", page(rng).replace(b"<article>", b'<article data-x="' + b"a" * size
                                          + b'">')
    return ".jsonl", b'{"text": "' + b"y" * (17 << 20) + b'"}\n' + \
        json.dumps({"text": sentence(rng)}).encode() + b"\n"  # over the 16 MB page limit


def broken_jsonl(rng: random.Random) -> tuple[str, bytes]:
    good = json.dumps({"text": sentence(rng), "url": f"https://fuzz.example/{rng.random()}"})
    bad = [
        good[: rng.randint(1, len(good) - 1)],  # cut short
        '{"text": "' + sentence(rng) + '\\ud800 and \\udfff"}',  # lone surrogates escaped
        '{"text": 5}', '{"html": null}', '{"text": ""}', "[]", "null", "1e999999",
        '{"text": "a", "text": "b"}', '{"url": 7, "text": "' + sentence(rng) + '"}',
        '{"text": "' + sentence(rng) + '", "published": {"y": 2020}}',
        "\x00\x00\x00", "{\"text\": \"\xff\xfe bad bytes\"}", "\ufeff" + good,
        '{"schema": "newsgraph/1", "id": "x", "text": "a record"}', "NaN", '{"text": NaN}',
        '{"html": "<p>' + "<b>" * 5000 + 'x</p>"}',
    ]
    lines = [rng.choice(bad) for _ in range(rng.randint(1, 6))]
    lines.insert(rng.randint(0, len(lines)), good)
    sep = rng.choice(["\n", "\r\n", "\r"])
    data = sep.join(lines).encode("utf-8", "surrogateescape")
    return ".jsonl", data.replace(b"\xc3\xbf\xc3\xbe", b"\xff\xfe")


def odd_html(rng: random.Random) -> tuple[str, bytes]:
    s = sentence(rng)
    return ".html", rng.choice([
        f"<html><body><p>{s}".encode(),  # never closed
        b"<html><script>" + b"var x = 1;" * 5000 + b"</script></html>",
        f"<!-- {'-' * 50000} --><p>{s}</p>".encode(),
        f"<html><body><p>{s}\x00{s}</p></body></html>".encode(),
        b"<?xml version='1.0' encoding='bogus'?><html><body><p>x</p></body></html>",
        f"<html><body>{'<p>' + s + '</p>' * 2}<iframe src='x'></body></html>".encode(),
        b"\xef\xbb\xbf\xef\xbb\xbf<html><body><p>Double BOM.</p></body></html>",
        b"   \n\t  ",  # only whitespace
        b"",  # empty
        f"<html><head><link rel=canonical href='javascript:alert(1)'></head><body><p>{s}"
        f"</p></body></html>".encode(),
    ])


MAKERS: list[tuple[Callable[[random.Random], tuple[str, bytes]], int]] = [
    (random_bytes, 60), (truncated_gzip, 40), (damaged_warc, 70), (odd_encoding, 40),
    (deep_nesting, 8), (huge_line, 4), (broken_jsonl, 40), (odd_html, 30),
]


def good_files(d: Path) -> list[Path]:
    """Readable inputs of every format, placed among the malformed ones."""
    rng = random.Random(SEED + 1)
    files = {
        "good-a.html": page(rng, 3),
        "good-b.txt": "\n".join(sentence(rng) for _ in range(4)).encode(),
        "good-c.jsonl": b"".join(json.dumps({"text": sentence(rng)}).encode() + b"\n"
                                 for _ in range(2)),
        "good-d.warc.gz": warc(rng, 2, gz=True, host="good.example"),
    }
    for name, data in files.items():
        (d / name).write_bytes(data)
    return [d / name for name in files]


def special_files(d: Path, rng: random.Random) -> tuple[list[str], socket.socket]:
    """FIFOs, a socket, symlinks that loop or dangle, directories, odd names: (the ones to
    name on the command line besides the directory, the socket to close)."""
    os.mkfifo(d / "fifo.html")
    sock = socket.socket(socket.AF_UNIX)
    sock.bind(str(d / "sock.html"))
    (d / "loop.html").symlink_to(d / "loop.html")
    (d / "dangling.html").symlink_to(d / "nowhere.html")
    (d / "dir.html").mkdir()  # walked: an empty subdirectory says nothing
    odd = os.fsencode(d) + b"/odd\xff\xfe name.html"
    with open(odd, "wb") as f:
        f.write(page(rng))
    named_dir = d.parent / "x.html"
    named_dir.mkdir()
    empty = d.parent / "empty"
    empty.mkdir()
    fifo = d.parent / "named-fifo.txt"
    os.mkfifo(fifo)
    return [str(named_dir), str(empty), str(fifo), "/dev/zero", os.fsdecode(odd)], sock


def shown(path: str) -> str:
    return os.fsencode(path).decode("utf-8", "backslashreplace")


def newsgraph(*args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "newsgraph", *args],
                          capture_output=True, timeout=HANG)


def records(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_bytes().decode("utf-8").splitlines()]


@dataclass
class Fuzz:
    top: Path  # the directory of generated inputs
    inputs: list[str]  # every malformed input, walked or named
    named: list[str]  # the odd inputs named on the command line besides the directory
    good: list[Path]  # the readable files among them
    alone: list[dict]  # the good files' records from a clean run of them alone

    def key(self, rec: dict) -> tuple[str, int | None]:
        return rec["source"]["path"], rec["source"]["offset"]


@pytest.fixture(scope="module")
def fuzz(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Fuzz]:
    rng = random.Random(SEED)
    d = tmp_path_factory.mktemp("fuzz") / "in"
    d.mkdir()
    inputs: list[str] = []
    for make, count in MAKERS:
        for i in range(count):
            ext, data = make(rng)
            path = d / f"{make.__name__}-{i:03d}{ext}"
            path.write_bytes(data)
            inputs.append(str(path))
    good = good_files(d)
    named, sock = special_files(d, rng)
    inputs += [str(d / n) for n in ("fifo.html", "sock.html", "loop.html", "dangling.html")]
    inputs += named
    clean = d.parent / "clean.jsonl"
    proc = newsgraph("extract", *map(str, good), "-o", str(clean))
    assert proc.returncode == 0, proc.stderr.decode()[-3000:]
    alone = records(clean)
    assert len(alone) == 6 and all(r["text"] for r in alone)
    try:
        yield Fuzz(d, inputs, named, good, alone)
    finally:
        sock.close()


def test_malformed_inputs_in_one_extract_batch(fuzz: Fuzz) -> None:
    assert len(fuzz.inputs) >= 300
    out = fuzz.top.parent / "out.jsonl"
    # the directory, then odd paths named one by one, and one good file named again
    proc = newsgraph("extract", str(fuzz.top), *fuzz.named, str(fuzz.good[0]), "-o", str(out))
    stderr = proc.stderr.decode("utf-8")  # valid UTF-8 too
    assert "Traceback" not in stderr, stderr[-5000:]
    assert proc.returncode == 1, stderr[-3000:]
    recs = records(out)
    by_path: dict[str, list[dict]] = {}
    for r in recs:
        by_path.setdefault(r["source"]["path"], []).append(r)
    # The catch-alls of the pipeline (a reader, cleaner or extractor bug) caught nothing.
    bugs = [e for r in recs for e in r["errors"]
            if any(m in e for m in ("unexpected error", "cleaning failed", "extraction failed"))]
    assert not bugs, bugs
    for inp in fuzz.inputs:  # every input ends: a record, or an error naming it
        got = by_path.get(shown(inp))
        assert got, f"no record for {shown(inp)}"
        for r in got:
            assert r["text"] is not None or (
                r["errors"] and all(e.startswith(shown(inp)) for e in r["errors"])), r
            assert r["text"] is not None or shown(inp) in stderr
    # the good files beside them: the records of the clean run, exactly
    beside = [r for r in recs if r["source"]["path"] in {str(p) for p in fuzz.good}]
    first = {fuzz.key(r): r for r in reversed(beside)}  # good-a.html was named twice
    assert len(beside) == 7 and sorted(first) == sorted(map(fuzz.key, fuzz.alone))
    assert all(first[fuzz.key(r)] == r for r in fuzz.alone)


def test_malformed_inputs_in_one_ingest_batch(fuzz: Fuzz) -> None:
    from newsgraph.store import open_store

    db = f"sqlite:///{fuzz.top.parent}/kb.db"
    # Every JSON Lines input (ingest sniffs them for records) and a few of each other kind:
    # the extraction of the rest is what the extract batch tests.
    picked = [p for p in fuzz.inputs if ".jsonl" in Path(p).name
              or not re.match(r"[a-z_]+-\d{3}\.", Path(p).name)  # the special files
              or re.search(r"-00[0-2]\.", Path(p).name)]
    # (a symlink that dangles or loops, named, is a missing input: a usage error for ingest)
    picked = [p for p in picked if not p.endswith(("/loop.html", "/dangling.html"))]
    picked = list(dict.fromkeys([*picked, *fuzz.named, *map(str, fuzz.good)]))
    proc = newsgraph("ingest", *picked, "--db", db, "--json", "--quiet")
    stderr = proc.stderr.decode("utf-8")
    assert "Traceback" not in stderr, stderr[-5000:]
    assert proc.returncode == 1, stderr[-3000:]
    report = json.loads(proc.stdout)
    assert report["articles_failed"] > 100 and report["articles_new"] >= len(fuzz.alone)
    with open_store(db, read_only=True) as kb:  # the good files' articles are all there
        for rec in fuzz.alone:
            article = kb.article(rec["id"])
            assert article is not None and article.title == rec["title"], rec["source"]

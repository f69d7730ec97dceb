"""`newsgraph extract` end to end: real files, the real pipeline, a real subprocess."""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from tests.conftest import EXAMPLES, GOLDEN_GOLD, GOLDEN_TEXT, REFEREE

ARTICLE = """<!DOCTYPE html><html><head><title>Ferry service resumes | Coast Herald</title>
<meta property="og:title" content="Ferry service resumes">
<meta property="article:published_time" content="2024-05-02T08:00:00Z"></head>
<body><nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article><h1>Ferry service resumes</h1>
<p>The island ferry sailed again on Wednesday after a two-week strike by its crews ended
with a new pay deal agreed late on Tuesday night.</p>
<p>“We are glad to be back at sea, and we thank passengers for their patience,” said Marta
Lindqvist, who captains the morning crossing.</p>
<p>The operator said timetables would return to normal from Friday, and that passengers
with cancelled tickets could claim refunds online until the end of the month.</p>
</article><footer>© Coast Herald</footer></body></html>"""


def run(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "newsgraph", "extract", *args],
        input=stdin, capture_output=True, timeout=600,
    )


def records(out: bytes) -> list[dict]:
    return [json.loads(line) for line in out.decode().splitlines() if line.strip()]


def broken_warc(path: Path) -> None:
    """A WARC whose second record is damaged, between two good ones."""
    buf = io.BytesIO()
    w = WARCWriter(buf, gzip=False)
    for n in range(3):
        http = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        body = ARTICLE.replace("island ferry", f"island ferry number {n}").encode()
        w.write_record(w.create_warc_record(f"https://example.org/{n}", "response",
                                            payload=io.BytesIO(body), http_headers=http))
    data = buf.getvalue()
    second = data.index(b"WARC/1.", data.index(b"WARC/1.") + 1)
    data = data[:second] + b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: x\r\n\r\n" + \
        data[second + 40:]
    path.write_bytes(data)


@pytest.fixture
def batch(tmp_path: Path) -> dict[str, Path]:
    files = {
        "good": tmp_path / "good.html",
        "empty": tmp_path / "empty.txt",
        "binary": tmp_path / "binary.html",
        "undecodable": tmp_path / "undecodable.txt",
        "truncated": tmp_path / "truncated.html.gz",
        "warc": tmp_path / "crawl.warc",
        "huge": tmp_path / "huge.html",
        "notext": tmp_path / "notext.html",
    }
    files["good"].write_text(ARTICLE, encoding="utf-8")
    files["empty"].write_bytes(b"")
    files["binary"].write_bytes(bytes(range(256)) * 64)
    files["undecodable"].write_bytes(bytes(range(0x80, 0x100)) * 40)
    files["truncated"].write_bytes(gzip.compress(ARTICLE.encode())[:-30])
    broken_warc(files["warc"])
    with files["huge"].open("wb") as f:
        f.write(b"<html><body><p>" + b"word " * (11 << 20) + b"</p></body></html>")
    files["notext"].write_text(
        "<html><body><nav><a href='/'>Home</a></nav><footer>©</footer></body></html>")
    return files


def test_bad_inputs_each_get_a_clear_error_and_the_batch_goes_on(batch):
    proc = run(*[str(p) for p in batch.values()])
    assert proc.returncode == 1, proc.stderr.decode()[-2000:]
    recs = records(proc.stdout)
    by_file: dict[str, list[dict]] = {}
    for r in recs:
        by_file.setdefault(Path(r["source"]["path"]).name, []).append(r)
    good = by_file["good.html"][0]
    assert good["text"] and good["title"] == "Ferry service resumes"
    assert any(q["speaker_name"] == "Marta Lindqvist" for q in good["quotes"])
    warc = by_file["crawl.warc"]
    assert sum(1 for r in warc if r["text"]) == 2  # the two good records around the broken one
    assert sum(1 for r in warc if r["text"] is None) >= 1
    stderr = proc.stderr.decode()
    for name in ("empty.txt", "binary.html", "undecodable.txt", "truncated.html.gz", "huge.html",
                 "notext.html"):
        failed = [r for r in by_file[name] if r["text"] is None]
        assert failed, f"{name} should have failed"
        assert all(name in e for r in failed for e in r["errors"])
        assert name in stderr


def test_stdin_with_forced_format():
    proc = run("-", "--format", "html", "--quiet", stdin=ARTICLE.encode())
    assert proc.returncode == 0, proc.stderr.decode()
    (rec,) = records(proc.stdout)
    assert rec["source"]["path"] == "-" and "ferry" in rec["text"]


def test_raw_keeps_the_input_exactly_and_offsets_index_into_it(tmp_path: Path):
    text = "Menu\n\n“We will rebuild,” said Mayor Ana Ruiz on Monday.\r\nShare this\n"
    path = tmp_path / "raw.txt"
    path.write_bytes(text.encode())
    proc = run("--raw", str(path), "-o", str(tmp_path / "out.jsonl"))
    assert proc.returncode == 0, proc.stderr.decode()
    (rec,) = records((tmp_path / "out.jsonl").read_bytes())
    assert rec["text"] == text
    (q,) = rec["quotes"]
    for key in ("content", "cue", "speaker"):
        span = q[key]
        assert text[span["start"] : span["end"]] == span["text"]


def test_declared_url_fills_source_url_when_the_input_has_none(tmp_path: Path):
    canonical = "https://coastherald.example/2024/05/ferry-resumes"
    page = ARTICLE.replace(
        "</head>", f'<link rel="canonical" href="{canonical}">'
        '<meta property="og:url" content="https://coastherald.example/share/1"></head>')
    html = tmp_path / "saved.html"
    html.write_text(page, encoding="utf-8")
    relative = tmp_path / "relative.html"
    relative.write_text(ARTICLE.replace("</head>", '<link rel="canonical" href="/a"></head>'))
    dump = tmp_path / "dump.jsonl"  # the dump's url field wins over the declared one
    dump.write_text(json.dumps({"url": "https://mirror.example/1", "html": page}) + "\n")
    warc = tmp_path / "crawl.warc"  # so does the WARC record's target URI
    with warc.open("wb") as f:
        w = WARCWriter(f, gzip=False)
        http = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        w.write_record(w.create_warc_record("https://crawled.example/1", "response",
                                            payload=io.BytesIO(page.encode()),
                                            http_headers=http))
    proc = run(str(html), str(relative), str(dump), str(warc), "--quiet")
    assert proc.returncode == 0, proc.stderr.decode()
    recs = {Path(r["source"]["path"]).name: r for r in records(proc.stdout)}
    assert {name: r["source"]["url"] for name, r in recs.items()} == {
        "saved.html": canonical, "relative.html": None,
        "dump.jsonl": "https://mirror.example/1", "crawl.warc": "https://crawled.example/1"}
    # The id stays that of the input (its bytes here): a page's claim about its own URL does
    # not merge it with other pages claiming the same URL (see docs/record.md).
    assert recs["saved.html"]["id"] == hashlib.sha1(html.read_bytes()).hexdigest()
    assert recs["crawl.warc"]["id"] == hashlib.sha1(b"https://crawled.example/1").hexdigest()


def test_lone_surrogates_do_not_stop_the_batch(tmp_path: Path):
    """JSON may escape a lone surrogate ("\\ud800"): spaCy's tokenizer failed on it, and the
    whole batch stopped with a traceback."""
    dump = tmp_path / "dump.jsonl"
    dump.write_text(json.dumps({"text": "Mayor Ana Ruiz said \ud800 the bridge will reopen."})
                    + "\n", encoding="utf-8")  # json.dumps writes the escape
    good = tmp_path / "good.html"
    good.write_text(ARTICLE, encoding="utf-8")
    proc = run(str(dump), str(good))
    assert proc.returncode == 0, proc.stderr.decode()
    first, second = records(proc.stdout)
    assert first["text"] == "Mayor Ana Ruiz said \ufffd the bridge will reopen."
    assert "lone surrogate" in first["errors"][0] and "ferry" in second["text"]

    from newsgraph.pipeline import extract  # the library's str API: the same

    rec = extract("Mayor Ana Ruiz said \ud800 the bridge will reopen.", kind="text", raw=True)
    assert rec.text == first["text"] and rec.quotes and rec.to_json().encode("utf-8")


@pytest.mark.parametrize(
    "args,message",
    [
        (["--format", "pdf", "x.html"], "--format"),
        (["--published", "last week", "x.html"], "--published"),
        (["--model", "no_such_pipeline", "x.html"], "no_such_pipeline"),
    ],
)
def test_usage_errors_exit_2_with_a_message(args, message):
    proc = run(*args)
    assert proc.returncode == 2
    assert message in proc.stderr.decode()


def test_examples_all_extract(tmp_path: Path):
    proc = run(str(EXAMPLES / "articles"), str(EXAMPLES / "crawl.warc.gz"), "--quiet")
    assert proc.returncode == 0, proc.stderr.decode()
    recs = records(proc.stdout)
    assert len(recs) >= 5 and all(r["text"] and r["quotes"] for r in recs)


@pytest.mark.skipif(not (GOLDEN_TEXT.exists() and REFEREE.exists()),
                    reason="the golden article and referee live in ../shared, absent here")
def test_golden_article_is_perfect_with_the_referee(tmp_path: Path):
    out = tmp_path / "g.jsonl"
    proc = run(str(GOLDEN_TEXT), "-o", str(out))
    assert proc.returncode == 0, proc.stderr.decode()
    score = subprocess.run([sys.executable, str(REFEREE), "golden", str(out), str(GOLDEN_GOLD)],
                           capture_output=True, text=True)
    assert score.returncode == 0, score.stdout[-3000:]


def test_a_dated_file_name_anchors_relative_dates(tmp_path: Path):
    text = "Mayor Lena Ortiz met Governor Tom Reyes in Springfield on Monday about the bridge.\n"
    dated = tmp_path / "herald_2019-04-26_bridge-talks.txt"
    plain = tmp_path / "bridge-talks.txt"
    for p in (dated, plain):
        p.write_text(text, encoding="utf-8")
    out = run("--raw", str(dated), str(plain))
    assert out.returncode == 0, out.stderr
    by_name = {Path(r["source"]["path"]).name: r for r in records(out.stdout)}
    on_dated = by_name[dated.name]
    assert on_dated["published"] is None  # the file name is no publication date
    assert [e["date"] for e in on_dated["events"]] == ["2019-04-22"]  # the Monday before
    assert [e["date"] for e in by_name[plain.name]["events"]] != ["2019-04-22"]

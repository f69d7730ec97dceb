"""Write examples/crawl.warc.gz from the example articles in examples/articles/*.html.

One ``warcinfo`` record, then one HTTP ``response`` record per article, as a crawler would
have fetched it from https://example.org/news/<stem>. The output is deterministic (fixed
dates, record ids derived from the URLs), so re-running the script gives identical bytes.

    python examples/make_warc.py [--articles DIR] [--out FILE]

Needs warcio (a dev dependency).
"""

from __future__ import annotations

import argparse
import io
import uuid
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

HERE = Path(__file__).resolve().parent
BASE_URL = "https://example.org/news/"
WARC_DATE = "2024-03-01T12:00:00Z"
HTTP_DATE = "Fri, 01 Mar 2024 12:00:00 GMT"


def record_id(name: str) -> str:
    """A stable WARC-Record-ID: a UUID derived from ``name`` (a URL)."""
    return f"<urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, name)}>"


def write_warc(articles: list[Path], out: Path) -> int:
    """Write the WARC; return the number of response records."""
    with out.open("wb") as f:
        writer = WARCWriter(f, gzip=True)
        info = writer.create_warcinfo_record(
            out.name,
            {"software": "newsgraph examples/make_warc.py", "format": "WARC File Format 1.1"},
        )
        info.rec_headers.replace_header("WARC-Record-ID", record_id(f"warcinfo:{out.name}"))
        info.rec_headers.replace_header("WARC-Date", WARC_DATE)
        writer.write_record(info)
        for path in articles:
            writer.write_record(response_record(writer, path))
    return len(articles)


def response_record(writer: WARCWriter, path: Path):  # -> warcio ArcWarcRecord
    url = BASE_URL + path.stem
    body = path.read_bytes()
    http = StatusAndHeaders(
        "200 OK",
        [
            ("Date", HTTP_DATE),
            ("Content-Type", "text/html; charset=utf-8"),
            ("Content-Length", str(len(body))),
        ],
        protocol="HTTP/1.1",
    )
    return writer.create_warc_record(
        url,
        "response",
        payload=io.BytesIO(body),
        http_headers=http,
        warc_headers_dict={"WARC-Record-ID": record_id(url), "WARC-Date": WARC_DATE},
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=Path, default=HERE / "articles")
    parser.add_argument("--out", type=Path, default=HERE / "crawl.warc.gz")
    args = parser.parse_args(argv)
    articles = sorted(args.articles.glob("*.html"))
    if not articles:
        parser.error(f"no *.html articles in {args.articles}")
    n = write_warc(articles, args.out)
    print(f"wrote {args.out} ({n} articles)")


if __name__ == "__main__":
    main()

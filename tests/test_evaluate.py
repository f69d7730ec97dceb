"""The project's evaluation (newsgraph.evaluate, `newsgraph eval`) against the referee.

Gold and predictions are small synthetic files written here. Each mode is scored by our
scorer and by the referee script (shared/referee/score.py, run as a subprocess), and the
figures must be equal; those comparisons skip, saying so, when the referee is absent.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import typer
from typer.testing import CliRunner

from newsgraph import cli_eval
from newsgraph.evaluate import (
    EvalError,
    evaluate_ggt,
    evaluate_golden,
    evaluate_polnear,
    load_predictions,
    score_aeb,
    score_ggt,
    score_golden,
    score_polnear,
)
from newsgraph.evaluate.metrics import (
    bag_overlap,
    doc_key,
    greedy_match,
    norm_name,
    prf,
    shingles,
    tokset,
    word_spans,
)
from newsgraph.record import Document

REFEREE = Path(__file__).resolve().parents[2] / "shared" / "referee" / "score.py"
needs_referee = pytest.mark.skipif(
    not REFEREE.is_file(), reason=f"the referee script {REFEREE} is absent: no comparison"
)


# ---------------------------------------------------------------- builders
def locate(text: str, sub: str, nth: int = 0) -> tuple[int, int]:
    """Character range of the nth occurrence of ``sub`` in ``text``."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(sub, start + 1)
    return start, start + len(sub)


def span(text: str, sub: str | None, nth: int = 0) -> dict[str, Any] | None:
    if sub is None:
        return None
    s, e = locate(text, sub, nth)
    return {"start": s, "end": e, "text": sub}


def quote(
    text: str,
    content: str | None,
    speaker: str | None = None,
    name: str | None = None,
    cue: str | None = None,
) -> dict[str, Any]:
    return {
        "id": "Q",
        "type": "direct",
        "content": span(text, content),
        "cue": span(text, cue),
        "speaker": span(text, speaker),
        "speaker_entity": None,
        "speaker_name": name,
    }


def record(path: str | None, text: str | None, **fields: Any) -> dict[str, Any]:
    rec = {
        "schema": "newsgraph/1",
        "id": fields.pop("id", path or "x"),
        "source": {"path": path, "url": fields.pop("url", None), "format": "text"},
        "title": None,
        "published": None,
        "text": text,
        "entities": [],
        "quotes": [],
        "events": [],
        "errors": [],
    }
    rec.update(fields)
    return rec


def write_jsonl(path: Path, rows: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")
    return path


def referee(mode: str, pred: Path, gold: Path) -> tuple[dict[str, Any], str, int]:
    """The referee's JSON object, summary line and exit status."""
    out = subprocess.run(
        [sys.executable, str(REFEREE), mode, str(pred), str(gold)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert out.stdout, f"referee printed nothing: {out.stderr}"
    body, _, summary = out.stdout.rstrip("\n").rpartition("\n")
    return json.loads(body), summary, out.returncode


def referee_stdout(mode: str, pred: Path, gold: Path) -> str:
    return subprocess.run(
        [sys.executable, str(REFEREE), mode, str(pred), str(gold)],
        capture_output=True,
        text=True,
        check=False,
    ).stdout


def eval_cli(*args: str) -> Any:
    app = typer.Typer()
    cli_eval.register(app)
    return CliRunner().invoke(app, ["eval", *args])


# ---------------------------------------------------------------- GGT data
G1 = (
    'Mayor Ann Lee said the bridge will reopen in May. "We are ahead of schedule," she said. '
    'Critics disagree. "This is a waste of money and time," said Tom Ray, a local builder. '
    "Ray added that costs had doubled."
)
G2 = 'The council voted on Tuesday. "It was a fair process," Jo Park told reporters.'
G3 = "Nothing was said. Officials declined to comment on the plan."
G4 = 'Dr. Kim Wu spoke first. "Hospitals are full," she warned.'


def gold_quote(text: str, q: str, speaker: str | None, reference: str | None) -> dict[str, Any]:
    s, e = locate(text, q)
    return {"quote": q, "quote_span": [s, e], "speaker": speaker, "reference": reference}


def ggt_gold() -> list[dict[str, Any]]:
    return [
        {
            "id": "g1",
            "text": G1,
            "quotes": [
                gold_quote(G1, "the bridge will reopen in May", "Ann Lee", "Ann Lee"),
                gold_quote(G1, "We are ahead of schedule", "she", "Ann Lee"),
                gold_quote(G1, "This is a waste of money and time", "Tom Ray", "Tom Ray"),
                gold_quote(G1, "costs had doubled", "Ray", "Tom Ray"),
                {"quote": "?", "quote_span": [None, None], "speaker": "X", "reference": None},
            ],
        },
        {
            "id": "g2",
            "text": G2,
            "quotes": [gold_quote(G2, "It was a fair process", "Jo Park", None)],
        },
        {"id": "g3", "text": G3, "quotes": []},
        {"id": "g4", "text": G4, "quotes": [gold_quote(G4, "Hospitals are full", "she", "Kim Wu")]},
    ]


def ggt_predictions() -> list[dict[str, Any]]:
    big = '"This is a waste of money and time," said Tom Ray, a local builder'
    return [
        record(
            "text/g1.txt",
            G1,
            quotes=[
                quote(G1, "the bridge will reopen in May", "Ann Lee", "Ann Lee", "said"),
                # partial: 3 of 5 gold tokens; the speaker is a pronoun resolved right
                quote(G1, "We are ahead", "she", "Ann Lee"),
                # too long for strict@0.8, enough for GGT's loose rule; speaker only a mention
                quote(G1, big, "Tom Ray", None),
                # overlaps the one above: competes for the same gold quote and loses
                quote(G1, "a waste of money", "Tom Ray", "Tom Ray"),
                # right quote, wrong first name: surname right, resolved wrong
                quote(G1, "costs had doubled", "Ray", "Mr. Ray"),
                quote(G1, None),  # no content: not a quote
            ],
        ),
        # no source path: found by id
        record(None, G3, id="g3", quotes=[quote(G3, "declined to comment on the plan")]),
        # the pronoun is left unresolved: the mention "she" is not Kim Wu
        record("g4.txt", G4, quotes=[quote(G4, "Hospitals are full", "she", None, "warned")]),
    ]


@pytest.fixture
def ggt_files(tmp_path: Path) -> tuple[Path, Path]:
    gold = write_jsonl(tmp_path / "gold.jsonl", ggt_gold())
    pred = write_jsonl(tmp_path / "pred.jsonl", ggt_predictions())
    return pred, gold


def test_ggt_hand_computed(ggt_files: tuple[Path, Path]) -> None:
    pred, gold = ggt_files
    res = score_ggt(load_predictions(pred), gold)
    assert res["documents_missing"] == ["g2"]
    assert (res["gold_quotes"], res["pred_quotes"]) == (6, 7)
    assert res["quotes_strict_0.3"] == prf(5, 7, 6)
    assert res["quotes_strict_0.8"] == prf(3, 7, 6)
    assert res["quotes_loose_0.8"] == prf(4, 7, 6)
    assert res["speaker_resolved_acc_0.3"] == 0.6  # Ann Lee twice, Tom Ray by mention
    assert res["speaker_surname_acc_0.3"] == 0.8  # and Mr. Ray
    assert res["pronoun_resolved_acc_0.3"] == 0.5  # "she" resolved once of twice


@needs_referee
def test_ggt_equals_referee(ggt_files: tuple[Path, Path]) -> None:
    pred, gold = ggt_files
    report = evaluate_ggt(load_predictions(pred), gold)
    ref, summary, rc = referee("ggt", pred, gold)
    assert report.scores == ref
    assert report.summary == summary
    assert report.ok == (rc == 0) and rc == 1  # g2 has no prediction


def test_ggt_accepts_documents(ggt_files: tuple[Path, Path]) -> None:
    pred, gold = ggt_files
    docs = [Document.from_dict(r) for r in ggt_predictions()]
    assert score_ggt(docs, gold) == score_ggt(load_predictions(pred), gold)


def test_ggt_details(ggt_files: tuple[Path, Path]) -> None:
    pred, gold = ggt_files
    details = evaluate_ggt(load_predictions(pred), gold).details
    assert [d["quote"] for d in details["missed"]] == ["It was a fair process"]
    assert {d["quote"] for d in details["extra"]} == {
        "a waste of money",
        "declined to comment on the plan",
    }
    assert details["wrong_speaker"] == [
        {"doc": "g1", "quote": "costs had doubled", "gold": "Tom Ray", "pred": "Mr. Ray"},
        {"doc": "g4", "quote": "Hospitals are full", "gold": "Kim Wu", "pred": "she"},
    ]
    assert details["documents_missing"] == [{"doc": "g2"}]


@needs_referee
def test_ggt_counts_speech_only(ggt_files: tuple[Path, Path], tmp_path: Path) -> None:
    pred, gold = ggt_files
    before = score_ggt(load_predictions(pred), gold)
    recs = [json.loads(line) for line in pred.read_text("utf-8").splitlines() if line.strip()]
    for r in recs:
        for q in r.get("quotes", []):
            q["kind"] = "belief"
    beliefs = write_jsonl(tmp_path / "beliefs.jsonl", recs)
    after = score_ggt(load_predictions(beliefs), gold)
    assert before["pred_quotes"] > 0
    assert after["pred_quotes"] == 0
    assert after == referee("ggt", beliefs, gold)[0]


@needs_referee
def test_ggt_empty_predictions_equal_referee(tmp_path: Path) -> None:
    gold = write_jsonl(tmp_path / "gold.jsonl", ggt_gold())
    pred = tmp_path / "empty.jsonl"
    pred.write_text("")
    res = score_ggt(load_predictions(pred), gold)
    assert res == referee("ggt", pred, gold)[0]
    assert res["documents_missing"] == ["g1", "g2", "g3", "g4"]
    assert res["quotes_strict_0.3"] == {"p": 0.0, "r": 0.0, "f1": 0.0}


def test_ggt_text_not_raw_is_an_error(tmp_path: Path) -> None:
    gold = write_jsonl(tmp_path / "gold.jsonl", ggt_gold())
    preds = {"g1": record("g1.txt", G1.upper())}
    with pytest.raises(EvalError, match="raw mode"):
        score_ggt(preds, gold)
    failed = {"g1": record("g1.txt", None, errors=["g1.txt: cannot decode"])}
    with pytest.raises(EvalError, match="extraction failed"):
        score_ggt(failed, gold)


# ---------------------------------------------------------------- PolNeAR data
PA = (
    "Senator Jane Doe said on Monday that the tax plan would fail. The plan, aides said, "
    '"is dead on arrival." Polls show support is falling.'
)
PB = 'Officials confirmed the deal. The minister called it "a historic step".'
PC = "The governor insisted the budget was balanced."
PE = "Farm groups warned the new rules will hurt farmers. Prices are expected to rise."


def t_line(tid: str, label: str, text: str, *subs: str | tuple[str, int]) -> str:
    """A brat span line; several substrings make a multi-range span."""
    ranges = [locate(text, s) if isinstance(s, str) else locate(text, *s) for s in subs]
    locs = ";".join(f"{s} {e}" for s, e in ranges)
    return f"{tid}\t{label} {locs}\t{' '.join(text[s:e] for s, e in ranges)}"


def polnear_split(root: Path) -> Path:
    (root / "text").mkdir(parents=True)
    (root / "attributions").mkdir()
    for stem, text in (("a", PA), ("b", PB), ("c", PC), ("d", "Not annotated."), ("e", PE)):
        (root / "text" / f"{stem}.txt").write_text(text, "utf-8")
    ann_a = [
        t_line("T1", "Source", PA, "Senator Jane Doe"),
        t_line("T2", "Cue", PA, "said"),
        t_line("T3", "Content", PA, "that the tax plan would fail"),
        t_line("T4", "Attribution", PA, "said"),
        "E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1",
        # the spans of E2 come after it; its content has two ranges
        "E2\tAttribution:T8 Source:T5 Cue:T6 Content:T7",
        t_line("T5", "Source", PA, "aides"),
        t_line("T6", "Cue", PA, ("said", 1)),
        t_line("T7", "Content", PA, "The plan,", '"is dead on arrival."'),
        t_line("T8", "Attribution", PA, ("said", 1)),
        t_line("T9", "Cue", PA, "show"),
        t_line("T10", "Content", PA, "support is falling"),
        t_line("T11", "Attribution-no-source", PA, "show"),
        "E3\tAttribution-no-source:T11 Cue:T9 Content:T10",
    ]
    ann_b = [
        t_line("T1", "Source", PB, "Officials"),
        t_line("T2", "Cue", PB, "confirmed"),
        t_line("T3", "Content", PB, "the deal"),
        "E1\tAttribution:T2 Source:T1 Cue:T2 Content:T3",
        t_line("T4", "Source", PB, "The minister"),
        t_line("T5", "Cue", PB, "called"),
        t_line("T6", "Content", PB, '"a historic step"'),
        "E2\tAttribution:T5 Source:T4 Cue:T5 Content:T6",
    ]
    ann_c = [
        t_line("T1", "Source", PC, "The governor"),
        t_line("T2", "Cue", PC, "insisted"),
        t_line("T3", "Content", PC, "the budget was balanced"),
        "E1\tAttribution:T2 Source:T1 Cue:T2 Content:T3",
    ]
    ann_e = [
        t_line("T1", "Source", PE, "Farm groups"),
        t_line("T2", "Cue", PE, "warned"),
        t_line("T3", "Content", PE, "the new rules will hurt farmers"),
        "E1\tAttribution:T2 Source:T1 Cue:T2 Content:T3",
        t_line("T4", "Cue", PE, "expected"),
        t_line("T5", "Content", PE, "Prices are expected to rise"),
        "E2\tAttribution-no-source:T4 Cue:T4 Content:T5",
        "E3\tAttribution:T2 Cue:T2",  # no content: not an attribution to find
    ]
    files = {
        "a_1.ann": ann_a,
        "a_2.ann": ann_a[:4],
        "b_k.ann": ann_b,
        "c_1.ann": ann_c,
        "e_1.ann": ann_e,
    }
    for name, lines in files.items():
        (root / "attributions" / name).write_text("\n".join(lines) + "\n", "utf-8")
    return root


def polnear_predictions() -> list[dict[str, Any]]:
    return [
        record(
            "text/a.txt",
            PA,
            quotes=[
                quote(PA, "that the tax plan would fail", "Senator Jane Doe", "Jane Doe", "said"),
                quote(PA, '"is dead on arrival."', "aides"),
                quote(PA, "support is falling", None, None, "show"),
                quote(PA, "the tax plan", "Jane Doe", "Jane Doe"),  # overlaps the first
            ],
        ),
        record(
            "b.txt",
            PB,
            quotes=[
                quote(PB, 'it "a historic step"', "The minister", None, "called"),
                quote(PB, "the deal", "The minister", None, None),  # wrong source
            ],
        ),
        # content Jaccard exactly 0.5 (3 of 6 tokens): the attribution matches
        record(
            "e.txt",
            PE,
            quotes=[
                quote(PE, "the new rules", "Farm groups", None, "warned"),
                # gold has no source, this prediction has one: no match
                quote(PE, "Prices are expected to rise", "Farm groups", None, "expected"),
                quote(PE, None, cue="warned"),  # no content
            ],
        ),
        record("d.txt", "Not annotated.", quotes=[quote("Not annotated.", "annotated")]),
    ]


@pytest.fixture
def polnear_files(tmp_path: Path) -> tuple[Path, Path]:
    root = polnear_split(tmp_path / "split")
    pred = write_jsonl(tmp_path / "pred.jsonl", polnear_predictions())
    return pred, root


def test_polnear_hand_computed(polnear_files: tuple[Path, Path]) -> None:
    pred, root = polnear_files
    res = score_polnear(load_predictions(pred), root)
    assert (res["documents"], res["documents_missing"]) == (4, 1)  # a, b, c, e; c is missing
    # gold: a 3 (first annotator's file), b 2, c 1, e 2 = 8 contents; predicted 8
    assert res["content_exact"] == prf(4, 8, 8)  # a1, a3, b "the deal", e "Prices ..."
    assert res["source_exact"] == prf(4, 7, 6)  # Senator Jane Doe, aides, The minister, Farm groups
    # a1, a2 (Jaccard 4/6), a3 (both without source), b1 (3/4), e1 (3/6)
    assert res["attribution"] == prf(5, 8, 8)


@needs_referee
def test_polnear_equals_referee(polnear_files: tuple[Path, Path]) -> None:
    pred, root = polnear_files
    report = evaluate_polnear(load_predictions(pred), root)
    ref, summary, rc = referee("polnear", pred, root)
    assert report.scores == ref
    assert report.summary == summary
    assert not report.ok and rc == 1


def test_polnear_details(polnear_files: tuple[Path, Path]) -> None:
    pred, root = polnear_files
    details = evaluate_polnear(load_predictions(pred), root).details
    assert details["wrong_speaker"] == [
        {"doc": "b", "content": "the deal", "gold": "Officials", "pred": "The minister"},
        {"doc": "e", "content": "Prices are expected to rise", "gold": "", "pred": "Farm groups"},
    ]
    assert [(d["doc"], d["content"]) for d in details["missed"]] == [
        ("c", "the budget was balanced")
    ]
    assert [(d["doc"], d["content"]) for d in details["extra"]] == [("a", "the tax plan")]


def test_polnear_multi_range_span_is_one_token_set(polnear_files: tuple[Path, Path]) -> None:
    pred, root = polnear_files
    exact = {
        "a": record(
            "a.txt",
            PA,
            quotes=[
                {
                    "id": "Q",
                    "type": "mixed",
                    # one predicted span over both gold ranges and the words between
                    "content": span(PA, 'The plan, aides said, "is dead on arrival."'),
                    "cue": None,
                    "speaker": span(PA, "aides"),
                    "speaker_name": None,
                }
            ],
        )
    }
    res = score_polnear(exact, root)
    assert res["content_exact"]["p"] == 0.0  # {The plan is dead on arrival} + {aides said}
    assert res["attribution"]["p"] == 1.0  # Jaccard 6/8


def _split_pieces() -> dict[str, Any]:
    first = quote(PA, "The plan,", "aides")
    first["cue"] = span(PA, "said", 1)
    second = quote(PA, '"is dead on arrival."')
    return {"a": record("a.txt", PA, quotes=[first, second])}


def test_polnear_group_is_one_attribution(polnear_files: tuple[Path, Path]) -> None:
    _, root = polnear_files
    apart = _split_pieces()
    assert score_polnear(apart, root)["content_exact"]["r"] == 0.0
    grouped = _split_pieces()
    for q in grouped["a"]["quotes"]:
        q["group"] = "Q1"
    res = score_polnear(grouped, root)
    # the two pieces are gold E2's content; one source, one cue, one content predicted
    assert res["content_exact"] == prf(1, 1, 8)
    assert res["source_exact"] == prf(1, 1, 6)


@needs_referee
def test_polnear_group_equals_referee(polnear_files: tuple[Path, Path], tmp_path: Path) -> None:
    _, root = polnear_files
    grouped = _split_pieces()
    for q in grouped["a"]["quotes"]:
        q["group"] = "g"
    pred = write_jsonl(tmp_path / "grouped.jsonl", list(grouped.values()))
    ours = evaluate_polnear(load_predictions(pred), root).scores
    assert ours == referee("polnear", pred, root)[0]


@needs_referee
def test_polnear_empty_predictions_equal_referee(tmp_path: Path) -> None:
    root = polnear_split(tmp_path / "split")
    pred = tmp_path / "empty.jsonl"
    pred.write_text("\n")
    res = score_polnear(load_predictions(pred), root)
    assert res == referee("polnear", pred, root)[0]
    assert res["documents_missing"] == 4


def test_polnear_not_a_split(tmp_path: Path) -> None:
    with pytest.raises(EvalError, match="not a PolNeAR split"):
        score_polnear({}, tmp_path)


# ---------------------------------------------------------------- golden data
ART = (
    "Subscribe now\n"
    "Town Opens New Bridge\n"
    "The new bridge opened on May 1 in Springfield. Mayor Ann Lee cut the ribbon.\n"
    '"This bridge connects our town," Lee said. Builder Tom Ray said the work took two years.\n'
    'A sign read "Drive slowly". Tolls will start next spring.\n'
    "Share this\n"
)


def golden_gold() -> dict[str, Any]:
    return {
        "document": "art.txt",
        "title": "Town Opens New Bridge",
        "body_starts": "The new bridge",
        "body_ends": "next spring.",
        "boilerplate_lines": ["Subscribe now", "Share this"],
        "people": [
            {
                "name": "Ann Lee",
                "aliases": ["Lee"],
                "roles": [{"title": "Mayor", "place": "Springfield"}],
            },
            {"name": "Tom Ray", "aliases": [], "roles": [{"org": "Ray Builders"}]},
        ],
        "organizations": [],
        "places": ["Springfield"],
        "quotes": [
            {
                "speaker": "Ann Lee",
                "speaker_mention": "Lee",
                "speaker_aliases": ["Mayor Lee"],
                "text": "This bridge connects our town",
            },
            {"speaker": "Tom Ray", "text": "the work took two years"},
        ],
        "optional_quotes": [{"speaker": None, "text": "Drive slowly"}],
        "events": [
            {
                "type": "opening",
                "participants": ["Ann Lee"],
                "place": "Springfield",
                "date": "2024-05-01",
            },
            {"type": "meeting", "participants": ["Tom Ray"], "place": None, "date": "--05-02"},
        ],
    }


def golden_record(perfect: bool) -> dict[str, Any]:
    # the imperfect page lost the body's last words
    text = ART.replace("next spring", "next year")
    if perfect:
        text = ART.replace("Subscribe now\n", "").replace("Share this\n", "")
    people = [
        {
            "id": "E1",
            "type": "PERSON",
            "name": "Ann Lee",
            "mentions": [],
            "roles": [{"title": "mayor", "org": None, "place": None, "start": None, "end": None}],
        },
        {"id": "E2", "type": "PERSON", "name": "Tom Ray", "mentions": [], "roles": []},
    ]
    if not perfect:
        people.append({"id": "E3", "type": "PERSON", "name": "Drive", "mentions": [], "roles": []})
    quotes = [
        quote(text, "This bridge connects our town", "Lee", "Ann Lee" if perfect else None),
        # words cover 3/5 of the gold quote and make 3/6 of the prediction: a match at 0.5
        quote(text, "Tom Ray said the work took", "Builder Tom Ray", "Tom Ray"),
        # optional: neither required nor false; with more words (cover 2/5 < 0.5) it is extra
        quote(text, "Drive slowly" if perfect else 'A sign read "Drive slowly"'),
    ]
    if not perfect:
        quotes.append(quote(text, "Tolls will start next year"))
    events = [
        {
            "id": "V1",
            "type": "opening",
            "trigger": span(text, "opened"),
            "participants": ["E1"],
            "place": "Springfield, Ill.",
            "date": "2024-05-01",
        },
        {
            "id": "V2",
            "type": "meeting",
            "trigger": span(text, "work"),
            "participants": ["E2"],
            "place": None,
            "date": "2024-05-02" if perfect else None,
        },
    ]
    return record(
        "pages/art.html",
        text,
        title="Town opens new bridge",
        entities=people,
        quotes=quotes,
        events=events,
    )


@pytest.fixture
def golden_dir(tmp_path: Path) -> Path:
    (tmp_path / "art.txt").write_text(ART, "utf-8")
    (tmp_path / "art.gold.json").write_text(json.dumps(golden_gold()), "utf-8")
    return tmp_path


@pytest.mark.parametrize("perfect", [True, False])
def test_golden_hand_computed(golden_dir: Path, perfect: bool) -> None:
    res = score_golden([golden_record(perfect)], golden_dir / "art.gold.json")
    assert res["perfect"] is perfect
    assert res["titles_found"] == "1/1"  # the role without a title is not counted
    if perfect:
        assert res["quotes"] == prf(2, 2, 2)
        return
    assert res["boilerplate_leaked"] == ["Subscribe now", "Share this"]
    assert res["people_spurious"] == ["Drive"]
    assert res["quotes"] == prf(2, 4, 2)
    assert res["quotes_extra"] == ['A sign read "Drive slowly"', "Tolls will start next year"]
    assert (res["body_start_kept"], res["body_end_kept"]) == (True, False)
    # the speaker given only as the mention "Lee" is not the gold name or an alias
    assert res["speaker_correct"] == "1/2"
    assert res["events_found"] == "1/2"


@needs_referee
@pytest.mark.parametrize("perfect", [True, False])
def test_golden_equals_referee(golden_dir: Path, tmp_path: Path, perfect: bool) -> None:
    pred = write_jsonl(tmp_path / "pred.jsonl", [golden_record(perfect)])
    gold = golden_dir / "art.gold.json"
    report = evaluate_golden(load_predictions(pred), gold)
    ref, summary, rc = referee("golden", pred, gold)
    assert report.scores == ref
    assert report.summary == summary
    assert report.ok == (rc == 0)


def test_golden_details(golden_dir: Path) -> None:
    details = evaluate_golden([golden_record(False)], golden_dir / "art.gold.json").details
    assert [e["participants"] for e in details["events_missed"]] == [["Tom Ray"]]
    assert details["speaker_wrong"][0]["pred"] == "Lee"
    assert details["quotes_extra"][1] == {"quote": "Tolls will start next year", "speaker": None}


def test_golden_without_prediction_is_an_error(golden_dir: Path) -> None:
    with pytest.raises(EvalError, match="no prediction for art.txt"):
        score_golden([record("other.txt", ART)], golden_dir / "art.gold.json")


# ---------------------------------------------------------------- aeb data
BODY1 = "The quick brown fox jumps over the lazy dog near the river bank today."
BODY2 = (
    "Markets rose sharply on Friday after the central bank held rates. Traders said "
    "the decision was expected. Bond yields fell slightly in late trading."
)
BODY3 = "Rain is expected across the region for most of the coming week."


def aeb_truth() -> dict[str, Any]:
    return {
        "p1": {
            "articleBody": BODY1,
            "title": "Fox Story",
            "published": "2024-01-02T08:00:00Z",
            "url": "https://ex.com/p1",
        },
        "p2": {
            "articleBody": BODY2,
            "title": "Markets Rise",
            "published": None,
            "url": "https://ex.com/p2",
        },
        "p3": {"articleBody": BODY3, "title": "", "url": "https://ex.com/p3"},
        "p4": {"articleBody": "Nobody extracted this page at all, sadly.", "url": "u4"},
        "p5": {"articleBody": "", "url": "u5"},
        "p6": {"articleBody": "Hello world", "url": "u6"},
    }


def aeb_predictions() -> list[dict[str, Any]]:
    half = BODY2[: len(BODY2) // 2] + " Subscribe to our newsletter for more news."
    return [
        record("html/p1.html.gz", BODY1, title="Fox story!", published="2024-01-02T10:00:00"),
        record("html/p2.html.gz", half, title="Markets", published="2024-01-03"),
        # found by URL: a crawl record's path is the crawl file
        record("crawl.warc.gz", BODY3, url="https://ex.com/p3"),
        record("html/p5.html.gz", "Cookie banner text here and more."),
        record("html/p6.html.gz", "Hello world"),
    ]


@pytest.fixture
def aeb_files(tmp_path: Path) -> tuple[Path, Path]:
    truth = tmp_path / "ground-truth.json"
    truth.write_text(json.dumps(aeb_truth()), "utf-8")
    return write_jsonl(tmp_path / "pred.jsonl", aeb_predictions()), truth


def test_aeb_hand_computed(aeb_files: tuple[Path, Path]) -> None:
    pred, truth = aeb_files
    res = score_aeb(load_predictions(pred), truth)
    assert res["documents_missing"] == ["p4"]
    assert res["title_acc"] == 0.5  # p1 right (words), p2 wrong; p3's empty title not counted
    assert res["date_acc"] == 1.0  # only p1 gives a date
    # precision over p1 p2 p3 p5 p6 (p4 has no predicted shingle), recall over p1-p4 and p6
    assert 0 < res["precision"] < 1 and 0 < res["recall"] < 1


@needs_referee
def test_aeb_equals_referee(aeb_files: tuple[Path, Path]) -> None:
    pred, truth = aeb_files
    ref, summary, rc = referee("aeb", pred, truth)
    assert score_aeb(load_predictions(pred), truth) == ref
    out = eval_cli("aeb", str(truth), "--predictions", str(pred), "--json")
    assert out.exit_code == 0
    assert out.stdout == referee_stdout("aeb", pred, truth)
    assert out.stdout.rstrip("\n").endswith(summary)


@needs_referee
def test_aeb_empty_predictions_equal_referee(aeb_files: tuple[Path, Path], tmp_path: Path) -> None:
    _, truth = aeb_files
    pred = tmp_path / "empty.jsonl"
    pred.write_text("")
    res = score_aeb(load_predictions(pred), truth)
    assert res == referee("aeb", pred, truth)[0]
    assert len(res["documents_missing"]) == 6
    # only p5 (empty gold, empty prediction: 1 and 1) gives a precision; recall is 1/6
    assert (res["precision"], res["recall"], res["f1"]) == (1.0, 0.1667, 0.2857)


# ---------------------------------------------------------------- metrics
def test_metric_primitives() -> None:
    assert norm_name("The Ángela Merkel-Smith") == "angela merkel smith"
    assert norm_name(None) == ""
    assert doc_key("html/abc.html.gz") == "abc"
    assert doc_key("crawl/x.warc.gz#1234") == "x"
    assert doc_key("a.b.c") == "a.b.c"
    assert bag_overlap(["a", "a", "b"], ["a", "c"]) == (1 / 3, 1 / 2)
    assert prf(0, 0, 3) == {"p": 0.0, "r": 0.0, "f1": 0.0}
    assert sum(shingles("Hello world").values()) == 1  # shorter than 4 words: one shingle
    assert sum(shingles("").values()) == 0
    text = "Hi, big world!"
    assert tokset(word_spans(text), [(0, 3), (4, 14)]) == {0, 1, 2}
    assert tokset(word_spans(text), [(1, 7)]) == {1}  # 'Hi' is cut: not inside
    assert tokset(word_spans(text), [(1, 6)]) == set()


def test_greedy_match_takes_best_pairs_first() -> None:
    gold = [{1, 2, 3, 4}, {5, 6}]
    pred = [{1, 2, 3, 4, 5, 6}, {1, 2, 3, 4}]

    def cov(a: set[int], b: set[int]) -> tuple[float, float]:
        return len(a & b) / len(a), len(a & b) / len(b)

    m = greedy_match(gold, pred, cov, 0.3)
    assert m["strict"] == [(0, 1), (1, 0)]
    m = greedy_match(gold, pred, cov, 0.8)
    assert m["strict"] == [(0, 1)]  # {5, 6} covers only 1/3 of the first prediction
    assert sorted(m["loose"]) == [(0, 1), (1, 0)]


# ---------------------------------------------------------------- the command
@needs_referee
@pytest.mark.parametrize("mode", ["ggt", "polnear", "golden"])
def test_cli_json_output_is_the_referees(
    mode: str,
    ggt_files: tuple[Path, Path],
    polnear_files: tuple[Path, Path],
    golden_dir: Path,
    tmp_path: Path,
) -> None:
    if mode == "ggt":
        pred, gold = ggt_files
    elif mode == "polnear":
        pred, gold = polnear_files
    else:
        pred = write_jsonl(tmp_path / "golden.jsonl", [golden_record(False)])
        gold = golden_dir / "art.gold.json"
    out = eval_cli(mode, str(gold), "--predictions", str(pred), "--json")
    assert out.exit_code == 0, out.stderr
    assert out.stdout == referee_stdout(mode, pred, gold)


def test_cli_table_and_details(ggt_files: tuple[Path, Path]) -> None:
    pred, gold = ggt_files
    out = eval_cli("ggt", str(gold), "--predictions", str(pred), "--details")
    assert out.exit_code == 0, out.stderr
    lines = out.stdout.rstrip("\n").splitlines()
    assert lines[-1] == evaluate_ggt(load_predictions(pred), gold).summary
    assert any(
        ln.split()[:4] == ["quotes_strict_0.3", "0.7143", "0.8333", "0.7692"] for ln in lines
    )
    assert "missed (1):" in out.stdout and '"It was a fair process"' in out.stdout
    assert "wrong speaker (2):" in out.stdout and '"Mr. Ray"' in out.stdout
    assert "1 gold documents have no prediction" in out.stderr


def test_cli_details_in_json(ggt_files: tuple[Path, Path]) -> None:
    pred, gold = ggt_files
    out = eval_cli("ggt", str(gold), "--predictions", str(pred), "--json", "--details")
    obj = json.loads(out.stdout.rstrip("\n").rpartition("\n")[0])
    assert obj["details"]["documents_missing"] == [{"doc": "g2"}]
    assert obj["quotes_strict_0.3"] == prf(5, 7, 6)


@pytest.mark.parametrize(
    "args, message",
    [
        (["ggt", "missing.jsonl"], "does not exist"),
        (["ggt", "{gold}", "--predictions", "missing.jsonl"], "cannot read predictions"),
        (["ggt", "{gold}", "--predictions", "{bad}"], "not JSON"),
        (["ggt", "{gold}", "--predictions", "{upper}"], "raw mode"),
        (["ggt", "{gold}", "--predictions", "{pred}", "-o", "x.jsonl"], "-o keeps"),
        (["polnear", "{tmp}"], "not a PolNeAR split"),
        (["golden", "{gold}"], "not JSON"),
        (["golden", "{obj}"], "not a golden gold file (lacks document"),
        (["aeb", "{gold}"], "INPUTS"),
    ],
)
def test_cli_usage_errors(
    args: list[str], message: str, ggt_files: tuple[Path, Path], tmp_path: Path
) -> None:
    pred, gold = ggt_files
    bad = tmp_path / "bad.jsonl"
    bad.write_text("{not json\n")
    upper = write_jsonl(tmp_path / "upper.jsonl", [record("g1.txt", G1.upper())])
    obj = tmp_path / "obj.json"
    obj.write_text('{"title": "x"}')
    names = {"gold": gold, "pred": pred, "bad": bad, "upper": upper, "tmp": tmp_path, "obj": obj}
    out = eval_cli(*(a.format(**names) for a in args))
    assert out.exit_code == 2
    assert message in out.stderr
    assert not out.stdout


@pytest.mark.slow
@needs_referee
def test_cli_end_to_end_ggt(tmp_path: Path) -> None:
    """The real extraction (raw mode) on a tiny GGT file; the referee scores the kept output."""
    text = (
        '"The new clinic will open in June," said Maria Lopez, the health minister. '
        "Lopez said the clinic would serve 5,000 patients a year."
    )
    gold = write_jsonl(
        tmp_path / "gold.jsonl",
        [
            {
                "id": "t1",
                "text": text,
                "quotes": [
                    gold_quote(
                        text, "The new clinic will open in June", "Maria Lopez", "Maria Lopez"
                    ),
                    gold_quote(
                        text, "the clinic would serve 5,000 patients a year", "Lopez", "Maria Lopez"
                    ),
                ],
            }
        ],
    )
    kept = tmp_path / "out.jsonl"
    out = eval_cli("ggt", str(gold), "--json", "-o", str(kept))
    assert out.exit_code == 0, out.stderr or repr(out.exception)
    assert out.stdout == referee_stdout("ggt", kept, gold)
    res = json.loads(out.stdout.rstrip("\n").rpartition("\n")[0])
    assert res["documents_missing"] == []
    assert res["quotes_strict_0.3"]["r"] > 0


# ---------------------------------------------------------------- events


def _events_files(tmp_path: Path) -> tuple[Path, Path]:
    """A gold of two documents and predictions that match, miss, add and get attributes
    wrong (a surname for a full name, a partial date, a place inside another, a status)."""
    gold = {
        "d1": {"published": "2019-04-26", "events": [
            {"type": "meeting", "trigger": "summit", "participants": ["Kim Jong-Un",
             "Vladimir Putin"], "place": "Vladivostok, Russia", "date": "2019-04-25",
             "status": "occurred"},
            {"type": "visit", "trigger": "visit", "participants": ["Kim Jong-Un"],
             "place": "Vladivostok", "date": None, "status": "planned"},
            {"type": "meeting", "trigger": "Web Summit", "participants": [],
             "place": "Lisbon", "date": "2026-11-09", "status": "planned"}]},
        "d2": {"published": None, "events": [
            {"type": "arrest", "trigger": "arrested", "participants": ["Tom Ray"],
             "place": None, "date": "XXXX-05", "status": "occurred"}]},
    }
    ents = [{"id": "E1", "type": "PERSON", "name": "Kim Jong-Un"},
            {"id": "E2", "type": "PERSON", "name": "Putin"},
            {"id": "E3", "type": "PERSON", "name": "Ann Lee"}]
    span = {"start": 0, "end": 6, "text": "summit"}
    preds = [
        {"source": {"path": "x/d1.txt"}, "entities": ents, "events": [
            {"type": "meeting", "trigger": span, "participants": ["E1", "E2", "E3"],
             "place": "Vladivostok", "date": "2019-04"},
            {"type": "visit", "trigger": {"start": 0, "end": 5, "text": "visit"},
             "participants": ["E1"], "place": None, "date": None, "status": "occurred"},
            {"type": "meeting", "trigger": {"start": 0, "end": 10, "text": "Web Summit"},
             "participants": [], "place": "Lisbon, Portugal", "date": "2026-11-09",
             "status": "planned"},
            {"type": "attack", "trigger": {"start": 0, "end": 4, "text": "shot"},
             "participants": ["E3"], "place": None, "date": None}]},
        {"source": {"path": "x/d3.txt"}, "entities": [], "events": [
            {"type": "meeting", "trigger": span, "participants": [], "place": "Oslo",
             "date": None}]},
    ]
    return write_jsonl(tmp_path / "pred.jsonl", preds), _write_json(tmp_path / "gold.json",
                                                                     gold)


def _write_json(path: Path, obj: Any) -> Path:
    path.write_text(json.dumps(obj), "utf-8")
    return path


@needs_referee
def test_events_equal_referee(tmp_path: Path) -> None:
    from newsgraph.evaluate.events import evaluate_events

    pred, gold = _events_files(tmp_path)
    rep = evaluate_events(load_predictions(pred), gold)
    ref, summary, rc = referee("events", pred, gold)
    assert rep.scores == ref
    assert rep.summary == summary
    assert rep.ok == (rc == 0)
    assert rep.scores["matched"] == 3 and rep.scores["documents_missing"] == ["d2"]
    assert rep.scores["status_acc"] == round(2 / 3, 4)


@needs_referee
def test_cli_events_is_the_referees(tmp_path: Path) -> None:
    pred, gold = _events_files(tmp_path)
    out = eval_cli("events", str(gold), "--predictions", str(pred), "--json")
    assert out.exit_code == 0, out.stderr
    assert out.stdout == referee_stdout("events", pred, gold)
    usage = eval_cli("events", str(gold))
    assert usage.exit_code == 2 and "INPUTS" in usage.stderr


def test_events_gold_must_have_event_lists(tmp_path: Path) -> None:
    from newsgraph.evaluate.events import load_events_gold

    bad = _write_json(tmp_path / "bad.json", {"d1": {"events": "none"}})
    with pytest.raises(EvalError, match="no events list"):
        load_events_gold(bad)

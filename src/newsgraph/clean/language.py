"""The language of an article, judged on its clean body text.

py3langid (langid.py's maintained fork; its model ships inside the package, nothing is
downloaded) with probabilities normalised over its 97 languages. Measured on this project's
texts (docs/cleaning.md): no English dev text judged otherwise, ~2 ms per page.
"""

from __future__ import annotations

from functools import lru_cache

ENGLISH = "en"
SAMPLE_CHARS = 3000  # the body's first characters are enough; longer samples cost time only
SHORT_CHARS = 200  # a body shorter than this is judged together with its title
# another language wins only with this probability; below it the text is too short or too
# mixed to tell, and English (what the pipeline is built for) stays: on 5,000 English
# paragraphs of 5-30 words a weaker threshold calls 2-6% of them something else
MIN_CONFIDENCE = 0.5
NO_LANGUAGE = "zxx"  # the identifier's label for text without linguistic content


@lru_cache(maxsize=1)
def _identifier():  # noqa: ANN202 - py3langid has no type hints
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def has_letters(text: str) -> bool:
    return any(c.isalpha() for c in text[:SAMPLE_CHARS])


def language_scores(text: str) -> tuple[str, float]:
    """The most likely language of ``text`` (ISO 639-1 code) and its probability."""
    lang, prob = _identifier().classify(text[:SAMPLE_CHARS])
    return str(lang), float(prob)


def detect_language(text: str, title: str | None = None) -> str | None:
    """ISO 639-1 code of the language ``text`` is written in; None when it has no letters.
    A short text is judged with ``title``; an unsure call of another language gives English."""
    sample = text.strip()
    if title and len(sample) < SHORT_CHARS:
        sample = f"{title}\n{sample}"
    if not has_letters(sample):
        return None
    lang, prob = language_scores(sample)
    if lang == NO_LANGUAGE:
        return None
    if lang != ENGLISH and prob < MIN_CONFIDENCE:
        return ENGLISH
    return lang

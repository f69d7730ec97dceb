"""newsgraph as a spaCy pipeline component, for spaCy users.

    import spacy
    nlp = spacy.load("en_core_web_sm")
    nlp.add_pipe("newsgraph")
    doc = nlp(text)
    doc._.quotes, doc._.people, doc._.entities, doc._.events

The component runs the same extractors as ``newsgraph extract`` on the parsed Doc (the text
is taken as it is: no boilerplate removal). The factory is registered through the
``spacy_factories`` entry point, so ``add_pipe("newsgraph")`` works without importing
newsgraph first.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from newsgraph.extractors import extract_doc

EXTENSIONS = ("quotes", "people", "entities", "events")


class NewsgraphComponent:
    def __init__(self, published: str | None = None):
        self.published = published
        for name in EXTENSIONS:
            if not Doc.has_extension(name):
                Doc.set_extension(name, default=None)

    def __call__(self, doc: Doc) -> Doc:
        result = extract_doc(doc, self.published)
        doc._.entities = result.entities
        doc._.people = [e for e in result.entities if e.type == "PERSON"]
        doc._.quotes = result.quotes
        doc._.events = result.events
        return doc


@Language.factory("newsgraph", default_config={"published": None})
def make_component(nlp: Language, name: str, published: str | None) -> NewsgraphComponent:
    return NewsgraphComponent(published)

"""The spaCy component: nlp.add_pipe("newsgraph") works without importing newsgraph."""

from __future__ import annotations

import subprocess
import sys


def test_add_pipe_by_name_in_a_fresh_process():
    code = (
        "import spacy\n"
        "from newsgraph import nlp as m\n"
        "nlp = spacy.load(m.DEFAULT_MODEL)\n"
        "nlp.add_pipe('newsgraph')\n"
        "doc = nlp('“We will rebuild the bridge,” said Mayor Ana Ruiz.')\n"
        "print(doc._.quotes[0].speaker_name, '|', doc._.people[0].name)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "Ana Ruiz | Ana Ruiz"

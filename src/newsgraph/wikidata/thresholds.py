"""Weights and thresholds of Wikidata linking, in one place (see ``choose.py``).

A candidate's score adds up what supports it: the name (a label counts more than an alias),
words its description and occupations share with the person's titles and organisations,
words they share with what the articles mention beside the person (places, organisations,
other people), a country the articles mention; and takes off what rules it out: a gender
that clashes with the one the articles show, articles dated after the item's death or
before its person could speak (born less than ``MIN_AGE`` years before).
"""

from __future__ import annotations

LABEL = 1.0  # the name is one of the item's labels
ALIAS = 0.6  # ... only one of its aliases
ROLE_WORD = 0.5  # each word of a title/organisation in the description or occupations
ROLE_MAX = 1.5
CONTEXT_WORD = 0.2  # each word of the articles' other entities in the description
CONTEXT_MAX = 1.0
COUNTRY = 0.5  # one of the item's countries is mentioned (or its adjective: Russian)
GENDER_AGREES = 0.25
GENDER_CLASHES = -3.0
DEAD = -3.0  # quoted in an article dated after the person's death year
TOO_YOUNG = -3.0  # ... or before they were MIN_AGE
MIN_AGE = 16

MIN_SCORE = 1.5  # weaker: no link (a label alone is not enough: context must agree)
# An organisation's name of two words or more is rarely shared ("United Nations", "NK
# News"): its label alone may do. A one-word name ("TASS", "Apple") needs context too.
ORG_MIN_SCORE = 1.0
MIN_MARGIN = 0.5  # the best must beat the second by this much, else ambiguous: no link
MAX_ARTICLES = 200  # a profile's context is read from its latest articles, at most these
WORD_PREFIX = 5  # "Russia"/"Russian", "Korea"/"Korean": a word of this length or more
# matches the words it begins

# Place words that name a country without beginning with its name ("Spanish", "U.S."):
# what the articles write -> the country's words as the extract gives them. Adjectives that
# begin with the country's name ("Russian", "Korean", "Canadian") need no entry.
COUNTRY_WORDS = {
    "spanish": "spain", "french": "france", "german": "germany", "british": "united kingdom",
    "english": "england", "scottish": "scotland", "welsh": "wales", "irish": "ireland",
    "dutch": "netherlands", "swiss": "switzerland", "greek": "greece", "turkish": "turkey",
    "polish": "poland", "danish": "denmark", "swedish": "sweden", "finnish": "finland",
    "norwegian": "norway", "chinese": "china", "japanese": "japan", "vietnamese": "vietnam",
    "thai": "thailand", "filipino": "philippines", "iraqi": "iraq", "peruvian": "peru",
    "american": "united states", "u s": "united states", "us": "united states",
    "usa": "united states", "u k": "united kingdom", "uk": "united kingdom",
    "soviet": "soviet union", "saudi": "saudi arabia", "emirati": "united arab emirates",
}

"""Wikidata identities for the knowledge base's people and organisations (issue 16).

``extract.py`` reads a user-supplied extract (JSON Lines, one item a line; made from the
public dump by ``scripts/wikidata_extract.py``), ``context.py`` says what the knowledge base
knows about a profile, ``choose.py`` scores an item against it and picks one or none
(weights and thresholds in ``thresholds.py``); ``store/wikidata.py`` writes the links and
merges profiles linked to the same item. No network: nothing is fetched.
"""

"""The web UI and JSON API over the knowledge base (``newsgraph serve``).

Only this package knows HTTP. Pages: search, person, article, people, "Try it"; the JSON API
is under /api (docs at /api/docs). See docs/web.md.
"""

from newsgraph.web.app import create_app

__all__ = ["create_app"]

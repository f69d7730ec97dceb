"""HTTP routes: ``pages`` (HTML), ``api`` (JSON under /api), ``docs`` (the API's docs page)."""

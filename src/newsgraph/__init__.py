"""newsgraph: raw news pages in, who-said-what records out."""

__version__ = "0.1.0"

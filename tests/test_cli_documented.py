"""Every command of the `newsgraph` CLI is documented (README.md or docs/*.md name it as
`newsgraph COMMAND`), and every option of `newsgraph search` is in docs/knowledge-base.md."""

from __future__ import annotations

from pathlib import Path

import typer.main

from newsgraph.cli import app

ROOT = Path(__file__).resolve().parents[1]


def _docs() -> str:
    return "\n".join(p.read_text(encoding="utf-8")
                     for p in [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))])


def test_every_command_is_documented() -> None:
    docs = _docs()
    names = [c.name or c.callback.__name__ for c in app.registered_commands]
    names += [g.name for g in app.registered_groups]
    assert len(names) >= 8
    missing = [n for n in names if f"newsgraph {n}" not in docs]
    assert missing == []


def test_every_search_option_is_documented() -> None:
    kb = (ROOT / "docs" / "knowledge-base.md").read_text(encoding="utf-8")
    cmd = typer.main.get_command(app).commands["search"]  # type: ignore[attr-defined]
    options = [o for p in cmd.params for o in p.opts if o.startswith("--")]
    assert "--facets" in options and "--format" in options
    missing = [o for o in options if o not in kb]
    assert missing == []

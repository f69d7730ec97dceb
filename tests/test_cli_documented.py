"""Every command of the `newsgraph` app, and every command of its groups, is shown in use in
the README or the docs (``newsgraph stats gender ...``), and every option of
`newsgraph search` is in docs/knowledge-base.md."""

from __future__ import annotations

from pathlib import Path

import typer.main

from newsgraph.cli import app

ROOT = Path(__file__).resolve().parents[1]


def command_lines() -> list[str]:
    click_app = typer.main.get_command(app)
    out = []
    for name, cmd in click_app.commands.items():  # type: ignore[attr-defined]
        subs = getattr(cmd, "commands", None)
        out += [f"newsgraph {name} {s}" for s in subs] if subs else [f"newsgraph {name}"]
    return out


def test_every_command_is_documented() -> None:
    docs = "\n".join(p.read_text(encoding="utf-8")
                     for p in [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))])
    lines = command_lines()
    assert "newsgraph stats gender" in lines
    missing = [c for c in lines if c + " " not in docs and c + "\n" not in docs
               and c + "`" not in docs]
    assert not missing, f"commands never shown in README.md or docs/: {missing}"


def test_every_search_option_is_documented() -> None:
    kb = (ROOT / "docs" / "knowledge-base.md").read_text(encoding="utf-8")
    cmd = typer.main.get_command(app).commands["search"]  # type: ignore[attr-defined]
    options = [o for p in cmd.params for o in p.opts if o.startswith("--")]
    assert "--facets" in options and "--format" in options
    missing = [o for o in options if o not in kb]
    assert missing == []

"""What the chromium tests share: where the browser is, how it is launched, where the
screenshots go, and the marks that skip a browser test module when chromium or playwright
is missing (scripts/test.sh installs chromium as root)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"

BROWSER_MARKS = [
    pytest.mark.slow,
    pytest.mark.skipif(not os.path.exists(CHROMIUM),
                       reason=f"{CHROMIUM} is missing (apt-get install chromium; "
                              "scripts/test.sh installs it as root)"),
]

"""Progress on stderr for long batches: a live counter with rate when stderr is a terminal,
nothing otherwise (logs and pipes stay clean)."""

from __future__ import annotations

import sys
from types import TracebackType


class Progress:
    def __init__(self, enabled: bool, what: str = "items", total: int | None = None):
        self.enabled = enabled
        self._bar = None
        self._task = None
        self._what = what
        self._total = total

    def __enter__(self) -> Progress:
        if self.enabled:
            from rich.console import Console
            from rich.progress import (
                BarColumn,
                MofNCompleteColumn,
                TextColumn,
                TimeElapsedColumn,
            )
            from rich.progress import Progress as RichProgress

            self._bar = RichProgress(
                TextColumn(f"[bold]{self._what}"),
                BarColumn(),
                MofNCompleteColumn(),
                TextColumn("{task.fields[rate]}"),
                TimeElapsedColumn(),
                console=Console(file=sys.stderr),
                transient=True,
            )
            self._bar.__enter__()
            self._task = self._bar.add_task(self._what, total=self._total, rate="")
        return self

    def advance(self, n: int = 1) -> None:
        if self._bar is not None:
            task = self._bar.tasks[0]
            elapsed = task.elapsed or 0
            rate = f"{(task.completed + n) / elapsed:.1f}/s" if elapsed > 0 else ""
            self._bar.update(self._task, advance=n, rate=rate)

    def print(self, message: str) -> None:
        if self._bar is not None:
            self._bar.console.print(message, markup=False, highlight=False)
        else:
            print(message, file=sys.stderr)

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self._bar is not None:
            self._bar.__exit__(exc_type, exc, tb)

"""A one-line progress report for long builds: articles done, articles/s and, when the number of
input files is known, the time left. Shown only on a terminal: logs and pipes stay clean."""
from __future__ import annotations

import sys
import time
from typing import TextIO

#: Seconds between redraws: often enough to look alive, rarely enough to cost nothing.
REDRAW_EVERY = 0.5


def format_duration(seconds: float) -> str:
    minutes, secs = divmod(int(round(seconds)), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02}:{secs:02}" if hours else f"{minutes}:{secs:02}"


class Progress:
    """Call `read(path)` as each article is read, `done()` as its facts are merged, `close()` at
    the end.

    ETA is reckoned in input files, as an archive file may hold many articles (e.g. JSONL): files
    are counted where the input is read, in input order, as the articles' paths change.
    """

    def __init__(self, total_files: int | None = None, stream: TextIO | None = None,
                 quiet: bool = False, clock=time.monotonic) -> None:
        self.stream = stream if stream is not None else sys.stderr
        self.enabled = not quiet and _is_terminal(self.stream)
        self.total_files = total_files
        self.articles = 0
        self.files = 0
        self._last_path: str | None = None
        self._clock = clock
        self._started = clock()
        self._drawn_at = float("-inf")

    def read(self, path: str) -> None:
        if path != self._last_path:
            self.files += 1
            self._last_path = path

    def done(self) -> None:
        self.articles += 1
        if self.enabled and self._clock() - self._drawn_at >= REDRAW_EVERY:
            self._draw()

    def line(self) -> str:
        elapsed = max(self._clock() - self._started, 1e-9)
        rate = self.articles / elapsed
        parts = [f"{self.articles:,} articles", f"{rate:,.1f} articles/s"]
        if self.total_files:
            parts.append(f"file {self.files:,}/{self.total_files:,}")
            if self.files:
                left = elapsed / self.files * max(self.total_files - self.files, 0)
                parts.append(f"ETA {format_duration(left)}")
        return "  ".join(parts)

    def _draw(self) -> None:
        self._drawn_at = self._clock()
        self.stream.write("\r\033[K" + self.line())
        self.stream.flush()

    def close(self) -> None:
        if self.enabled and self.articles:
            self._draw()
            self.stream.write("\n")
            self.stream.flush()


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # closed or not a real stream
        return False

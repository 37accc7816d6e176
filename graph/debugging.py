"""Tracebacks only for those who ask for them (`govkg --debug …` or GOVKG_DEBUG=1).

The switch is an environment variable so that it reaches every process the build starts.
"""
from __future__ import annotations

import os

DEBUG_ENV = "GOVKG_DEBUG"


def debug_enabled() -> bool:
    return os.environ.get(DEBUG_ENV, "") not in ("", "0")


def enable_debug() -> None:
    os.environ[DEBUG_ENV] = "1"


def describe(exc: BaseException) -> str:
    """An unexpected exception as one line: its type and the first line of its message."""
    lines = str(exc).strip().splitlines()
    return f"{type(exc).__name__}: {lines[0]}" if lines else type(exc).__name__

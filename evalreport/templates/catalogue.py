"""The bundled templates: list them, and export a copy for staff to edit in Word."""
from __future__ import annotations

import difflib
from pathlib import Path

from ..errors import EvalReportError
from ..output import write_bytes
from ..word.rendering import BUILTIN, load_template


def list_templates() -> list[tuple[str, str]]:
    """The bundled templates: (name, description)."""
    return list(BUILTIN.items())


def export(name: str, directory: str | Path, force: bool = False) -> Path:
    """Copy a bundled template into ``directory`` to be edited in Word."""
    if name not in BUILTIN:
        close = difflib.get_close_matches(name, BUILTIN, n=1)
        hint = f"; maksudnya '{close[0]}'?" if close else ""
        hint_en = f"; did you mean '{close[0]}'?" if close else ""
        raise EvalReportError(f"templat bawaan '{name}' tidak ada{hint} (ada: {', '.join(BUILTIN)})",
                              f"no bundled template '{name}'{hint_en} (there are: {', '.join(BUILTIN)})")
    target = Path(directory) / f"{name}.docx"
    if target.exists() and not force:
        raise EvalReportError(f"sudah ada: {target}; pakai --force untuk menimpa",
                              f"already exists: {target}; use --force to overwrite")
    return write_bytes(target, load_template(name).blob)

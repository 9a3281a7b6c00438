"""The bundled templates: list them, and export a copy for staff to edit in Word."""
from __future__ import annotations

from pathlib import Path

from ..errors import EvalReportError
from ..i18n.messages import LANGS, Message, _, suggestion
from ..output import write_bytes
from ..word.rendering import BUILTIN, load_template

__all__ = ["list_templates", "export", "TEMPLATE_LANGS"]

# Every bundled template comes in each of these document languages.
TEMPLATE_LANGS: tuple[str, ...] = LANGS


def list_templates() -> list[tuple[str, Message]]:
    """The bundled templates: (name, description); each is bundled in every language of
    :data:`TEMPLATE_LANGS`."""
    return list(BUILTIN.items())


def export(name: str, directory: str | Path, force: bool = False, lang: str = "id") -> Path:
    """Copy a bundled template, in document language ``lang``, into ``directory`` to be
    edited in Word (as ``NAME.docx``, the name ``render --template`` recognises)."""
    if name not in BUILTIN:
        raise EvalReportError(_("no bundled template '{name}'{hint} (there are: {names})", name=name,
                                hint=suggestion(name, BUILTIN) or "", names=", ".join(BUILTIN)))
    target = Path(directory) / f"{name}.docx"
    if target.exists() and not force:
        raise EvalReportError(_("already exists: {path}; use --force to overwrite", path=str(target)))
    return write_bytes(target, load_template(name, lang).blob)

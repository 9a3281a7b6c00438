"""`evalreport init`: a blank workbook and an example YAML to start an evaluation from."""
from __future__ import annotations

from importlib import resources
from pathlib import Path

from ..data import workbook
from ..errors import EvalReportError
from ..i18n.messages import _
from ..output import write_bytes

EXAMPLE = "kota-batu.yaml"


def write_starter(directory: str | Path, force: bool = False) -> list[Path]:
    """Write ``data.xlsx`` (blank, with dropdowns) and ``contoh.yaml`` (a filled example)."""
    directory = Path(directory)
    targets = [directory / "data.xlsx", directory / "contoh.yaml"]
    existing = [p for p in targets if p.exists()]
    if existing and not force:
        names = ", ".join(str(p) for p in existing)
        raise EvalReportError(_("already exists: {path}; use --force to overwrite", path=names))
    directory.mkdir(parents=True, exist_ok=True)
    write_bytes(targets[0], workbook.build())
    example = resources.files("evalreport.samples").joinpath(EXAMPLE).read_bytes()
    write_bytes(targets[1], example)
    return targets

"""Writing the regional summary (ringkasan-wilayah.docx) of a run."""
from __future__ import annotations

from pathlib import Path

from ..charts.figures import FigureMaker
from ..charts.style import DEFAULT_DPI
from ..context.summary import build_summary
from ..data.model import Dataset
from ..errors import Lang
from ..output import write_bytes
from ..scoring.scorecard import score
from ..word.rendering import Properties, environment, load_template
from ..word.rendering import render as render_docx
from .convert import to_pdf


def render_summary(data: Dataset, out_dir: str | Path, template: str | Path | None = None,
                   lang: Lang = "id", pdf: bool = False, dpi: int = DEFAULT_DPI) -> Path:
    """Write ``out_dir/ringkasan-wilayah.docx`` (and its PDF), its charts at ``dpi``; returns
    the .docx path."""
    card = score(data)
    tpl = load_template(template or "ringkasan-wilayah")
    ctx = build_summary(card, lang, FigureMaker(card, lang, dpi))
    props = Properties(title=f"Ringkasan Perbandingan Antarwilayah {data.programme.name} "
                             f"{data.programme.current_period}",
                       author=data.document.letterhead.agency, subject=data.programme.name,
                       comments=f"Data: {data.source_name} (SHA-256 {data.source_sha256})",
                       date=data.document.date)
    blob = render_docx(tpl, ctx, props, environment(lang))
    path = write_bytes(Path(out_dir) / "ringkasan-wilayah.docx", blob)
    if pdf:
        to_pdf([path])
    return path

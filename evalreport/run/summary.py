"""Writing the regional summary (ringkasan-wilayah.docx) of a run."""
from __future__ import annotations

from pathlib import Path

from ..context.summary import build_summary
from ..data.model import Dataset
from ..errors import Lang
from ..output import write_bytes
from ..scoring.scorecard import score
from ..word.rendering import Properties, environment, load_template
from ..word.rendering import render as render_docx
from .convert import to_pdf
from .documents import provenance, provenance_note


def render_summary(data: Dataset, out_dir: str | Path, template: str | Path | None = None,
                   lang: Lang = "id", pdf: bool = False) -> Path:
    """Write ``out_dir/ringkasan-wilayah.docx`` (and its PDF); returns the .docx path."""
    card = score(data)
    tpl = load_template(template or "ringkasan-wilayah")
    ctx = build_summary(card, lang)
    props = Properties(title=f"Ringkasan Perbandingan Antarwilayah {data.programme.name} "
                             f"{data.programme.current_period}",
                       author=data.programme.agency, subject=data.programme.name,
                       comments=provenance_note(data, card.scheme.title),
                       date=data.document.date, custom=provenance(data, tpl))
    blob = render_docx(tpl, ctx, props, environment(lang))
    path = write_bytes(Path(out_dir) / "ringkasan-wilayah.docx", blob)
    if pdf:
        to_pdf([path])
    return path

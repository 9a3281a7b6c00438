"""Writing the regional summary (ringkasan-wilayah.docx) of a run."""
from __future__ import annotations

from pathlib import Path

from ..charts.figures import FigureMaker
from ..context.summary import build_summary
from ..data.model import Dataset
from ..errors import Lang
from ..i18n.messages import _
from ..output import write_together
from ..scoring.scorecard import Scorecard, score
from ..word.rendering import Properties, Template, environment, load_template
from ..word.rendering import render as render_docx
from .convert import to_pdf
from .documents import chart_mode, fit_property, provenance

SUMMARY_DOC = "ringkasan-wilayah"


def render_summary(data: Dataset, out_dir: str | Path, template: str | Path | Template | None = None,
                   lang: Lang = "id", pdf: bool = False, card: Scorecard | None = None,
                   figures: FigureMaker | None = None, charts: str | None = None) -> Path:
    """Write ``out_dir/ringkasan-wilayah.docx`` (and its PDF); returns the .docx path.

    ``lang`` is the language of the document. A run passes its scorecard (``card``) and its
    figure maker (``figures``, whose shared charts a one-province summary reuses); without
    them the dataset is scored here and the charts made as ``charts`` says ("picture",
    "native"; None: as the template asks). An old PDF of the summary is removed with the old
    document, so it never disagrees with it."""
    card = card if card is not None else score(data)
    tpl = template if isinstance(template, Template) else load_template(template or SUMMARY_DOC)
    if figures is None:
        figures = FigureMaker(card, lang, charts=chart_mode(charts, tpl))
    ctx = build_summary(card, lang, figures)
    props = Properties(
        title=fit_property(_("Regional comparison summary {programme} {period}",
                             programme=data.programme.name,
                             period=data.programme.current_period).render(lang)),
        author=fit_property(data.programme.agency),
        subject=fit_property(data.programme.name),
        comments=fit_property(_("Data: {source} (SHA-256 {sha})", source=data.source_name,
                                sha=data.source_sha256).render(lang)),
        date=data.document.date, custom=provenance(data, tpl))
    blob = render_docx(tpl, ctx, props, environment(lang))
    path = Path(out_dir) / f"{SUMMARY_DOC}.docx"
    write_together({path: blob}, remove=[path.with_suffix(".pdf")])
    if pdf:
        to_pdf([path])
    return path

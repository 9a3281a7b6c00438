"""Drafting findings and recommendations from rules into a copy of the workbook.

>>> import evalreport
>>> result = evalreport.recommend("data-2025.xlsx", "usulan.xlsx")   # bundled rules
>>> len(result.drafts.findings), result.path

The copy holds the dataset as it was plus the drafts, appended to its Temuan and Rekomendasi
sheets with Status "usulan". The evaluator edits them in Excel and sets Status to "diterima" for
those accepted (or deletes the rest); documents print accepted items only unless rendered with
drafts (``render --include-drafts``), whose pages then say KONSEP.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from ..data.load import load
from ..data.model import Dataset
from ..data.rules import BUNDLED_RULES, RuleSet, bundled_rules, load_rules
from ..data.workbook import build
from ..output import write_bytes, write_text
from ..scoring.recommend import Drafts, draft
from ..scoring.scorecard import score

__all__ = ["RecommendResult", "recommend", "export_rules"]


@dataclass
class RecommendResult:
    """The workbook written and the drafts it holds."""

    path: Path
    drafts: Drafts


def recommend(data: Dataset | str | Path, output: str | Path,
              rules: RuleSet | str | Path | None = None, lang: str = "id") -> RecommendResult:
    """Draft a finding and a recommendation for each indicator a rule applies to (the bundled
    rules by default) and write the dataset with the drafts as a workbook to ``output``. Drafts
    of an earlier run (the same codes) are replaced; other drafts and accepted items are kept."""
    if not isinstance(data, Dataset):
        data = load(data)
    if rules is None:
        ruleset = bundled_rules()
    elif isinstance(rules, RuleSet):
        ruleset = rules
    else:
        ruleset = load_rules(rules)
    drafts = draft(score(data), ruleset, lang)
    new_codes = {x.code for x in drafts.findings} | {x.code for x in drafts.recommendations}
    raw = data.model_dump(mode="json", exclude={"draft_findings", "draft_recommendations"})
    raw["findings"] = [x.model_dump(mode="json") for x in
                       [*data.findings, *(d for d in data.draft_findings if d.code not in new_codes),
                        *drafts.findings]]
    raw["recommendations"] = [x.model_dump(mode="json") for x in
                              [*data.recommendations,
                               *(d for d in data.draft_recommendations if d.code not in new_codes),
                               *drafts.recommendations]]
    path = Path(output)
    logo = data.document.letterhead.logo
    if logo and data.source_dir and not Path(logo).is_absolute():
        # the logo is named relative to the data file: the copy names the same picture
        where = Path(data.source_dir) / logo
        raw["document"]["letterhead"]["logo"] = os.path.relpath(where, path.resolve().parent)
    write_bytes(path, build(raw))
    return RecommendResult(path, drafts)


def export_rules(output: str | Path) -> Path:
    """Write the bundled rules (YAML, with comments) to ``output``, to copy and edit."""
    path = Path(output)
    write_text(path, BUNDLED_RULES)
    return path

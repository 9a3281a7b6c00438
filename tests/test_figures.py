"""Which charts a report holds and what they show (evalreport.figures)."""
from __future__ import annotations

import re
from pathlib import Path

import evalreport
from evalreport.charts import draw as charts
from evalreport.charts.figures import FigureMaker

ROOT = Path(__file__).resolve().parents[1]


def test_regions_are_compared_by_achievement_so_bars_follow_the_ranking():
    """Kota Surabaya has its own, higher targets: by its raw values it would sit above regions
    it ranks below. The comparison charts the measure the ranking uses: achievement, in %."""
    data = evalreport.load(ROOT / "samples" / "jatim.yaml")
    card = evalreport.score(data)
    pictures = FigureMaker(card).comparison(data.regions[0].parent)
    alt = " ".join(p["gambar"].alt_text for p in pictures)
    for ind in data.reported_indicators:
        said = re.search(rf"{ind.code} [^:]*: (.*?) Target ", alt)
        if not said:
            continue
        values = [float(v.replace(".", "").replace(",", "."))
                  for v in re.findall(r" (\d[\d.]*,\d+)%[;.]", said.group(1))]
        assert values == sorted(values, reverse=True), ind.code
        ranked = [r for r in card.ranking(ind.code) if r.achievement is not None]
        assert values == [float(r.achievement) for r in ranked]
    assert "Capaian" in alt or "capaian" in alt


def test_a_dimension_with_many_indicators_is_split_over_pictures_of_two_columns():
    assert [list(g) for g in charts.comparison_groups(3, 23)] == [[0, 1], [2]]
    assert [list(g) for g in charts.comparison_groups(3, 8)] == [[0, 1, 2]]
    assert [list(g) for g in charts.comparison_groups(5, 17)] == [[0, 1, 2, 3], [4]]
    from evalreport.run.synthetic import national_dataset

    data = national_dataset(300, seed=2)
    big = max({r.parent for r in data.regions},
              key=lambda p: sum(r.parent == p for r in data.regions))
    assert sum(r.parent == big for r in data.regions) > 17
    pictures = FigureMaker(evalreport.score(data)).comparison(big)
    names = [p["dimensi"] for p in pictures]
    assert any(n.endswith("(1 dari 2)") for n in names) and any(n.endswith("(2 dari 2)") for n in names)


def test_the_summary_names_regions_with_their_own_target():
    """Kota Surabaya has its own targets for KP01 and PA01: the summary must not state one
    target that Surabaya's 'tidak tercapai' would contradict."""
    from evalreport.context.summary import build_summary

    data = evalreport.load(ROOT / "samples" / "jatim.yaml")
    ctx = build_summary(evalreport.score(data))
    by_code = {i["kode"]: i for i in ctx["indikator_peringkat"]}
    assert by_code["KP01"]["target"] == "≥ 70,00, kecuali Kota Surabaya ≥ 75,00"
    assert by_code["KP02"]["target"] == "≥ 85,00"
    surabaya = next(b for b in by_code["PA01"]["baris"] if b["wilayah"] == "Kota Surabaya")
    assert surabaya["target"] == "≥ 55,00"


def test_many_regions_with_their_own_target_are_counted_not_all_named():
    from types import SimpleNamespace as NS

    from evalreport.context.summary import _targets
    from evalreport.data.model import Comparator
    from evalreport.i18n.formatting import Formatter
    from evalreport.scoring.scorecard import Target

    def row(name: str, value: float):
        return NS(region=NS(name=name), target=Target(Comparator.GE, value))

    rows = [row(f"Kab. {i}", 70.0) for i in range(10)] + [row(f"Kota {i}", 60.0 + i) for i in range(7)]
    text = _targets(rows, Formatter("id"), 2)
    assert text == ("≥ 70,00, kecuali Kota 0 ≥ 60,00; Kota 1 ≥ 61,00; Kota 2 ≥ 62,00; Kota 3 ≥ 63,00; "
                    "Kota 4 ≥ 64,00 dan 2 lainnya")

"""The synthetic national dataset used by the benchmarks is valid, deterministic and national."""
from __future__ import annotations

import evalreport
from evalreport.synthetic import national_dataset, write_national


def test_national_dataset_is_valid_deterministic_and_spread_over_provinces(tmp_path):
    a = national_dataset(40, seed=3)
    b = national_dataset(40, seed=3)
    assert a.model_dump() == b.model_dump()
    assert len(a.regions) == 40
    assert len({r.parent for r in a.regions}) > 10
    path = tmp_path / "nasional.yaml"
    write_national(path, 40, seed=3)
    loaded = evalreport.load(path)
    assert [r.code for r in loaded.regions] == [r.code for r in a.regions]
    card = evalreport.score(loaded)
    assert any(r.met is False for r in card.results) and any(r.met for r in card.results)


def test_a_national_summary_compares_every_region_and_a_report_its_province():
    """The regional summary of a multi-province dataset charts all its regions; a region's
    report charts the regions of its own province."""
    from evalreport.figures import FigureMaker, short_name
    from evalreport.summary import build_summary

    data = national_dataset(60, seed=1)
    card = evalreport.score(data)
    figures = FigureMaker(card)
    provinces = sorted({r.parent for r in data.regions})
    alt = " ".join(g["gambar"].alt_text
                   for g in build_summary(card, figures=figures)["grafik"]["perbandingan"])
    assert "60 daerah" in alt
    assert data.programme.region.name in alt
    one = [r for r in data.regions if r.parent == provinces[0]]
    report = " ".join(g["gambar"].alt_text for g in figures.comparison(provinces[0]))
    assert provinces[0] in report
    assert all(short_name(r.name) in report for r in one[:3])
    others = [r for r in data.regions if r.parent != provinces[0]]
    assert not any(short_name(r.name) in report for r in others)

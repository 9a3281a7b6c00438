"""The synthetic national dataset used by the benchmarks is valid, deterministic and national."""
from __future__ import annotations

import evalreport
from evalreport.run.synthetic import national_dataset, write_national


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
    from evalreport.charts.figures import FigureMaker, short_name
    from evalreport.context.summary import build_summary

    data = national_dataset(60, seed=1)
    card = evalreport.score(data)
    figures = FigureMaker(card)
    provinces = sorted({r.parent for r in data.regions})
    alt = " ".join(g["gambar"].alt_text
                   for g in build_summary(card, figures=figures)["grafik"]["perbandingan"])
    assert "60 wilayah" in alt
    assert data.programme.region.name in alt
    one = [r for r in data.regions if r.parent == provinces[0]]
    report = " ".join(g["gambar"].alt_text for g in figures.comparison(provinces[0]))
    assert provinces[0] in report
    assert all(short_name(r.name) in report for r in one[:3])
    others = [r for r in data.regions if r.parent != provinces[0]]
    assert not any(short_name(r.name) in report for r in others)


def test_national_dataset_has_national_neutral_document_settings():
    """No Jawa Timur letterhead, signatory, addressee or story of eight sampled regencies in
    a dataset of the whole country; the sample's region-specific rows are still copied."""
    data = national_dataset(60, seed=1)
    doc, prog = data.document, data.programme
    assert "KEMENTERIAN" in doc.letterhead.parent and doc.letterhead.logo == "logo-nasional.png"
    assert prog.agency.startswith("Direktorat Jenderal")
    assert doc.place == "Jakarta" and doc.addressee is None  # letters go to each region's head
    assert "{no" in doc.number  # and each carries its own number
    settings = doc.model_dump_json() + prog.model_dump_json()
    general = "".join(x.model_dump_json() for x in (*data.findings, *data.recommendations,
                                                     *data.actions, *data.indicators)
                      if getattr(x, "region", None) is None)
    for word in ("Jawa Timur", "Surabaya", "Bangkalan", "Jember", "Malang", "delapan"):
        assert word not in settings, word
        assert word not in general, word
    assert any(f.region for f in data.findings)


def test_districts_and_villages_have_dotted_codes_parents_and_render_end_to_end(tmp_path):
    import re

    from click.testing import CliRunner

    from evalreport.cli import main
    from evalreport.run.batch import run_batch
    from evalreport.run.documents import region_folder
    from evalreport.run.state import RunState

    desa = national_dataset(40, seed=2, level="desa")
    assert len(desa.regions) == 40 and {r.level.value for r in desa.regions} == {"desa"}
    assert all(re.fullmatch(r"\d\d\.\d\d\.\d\d\.[12]\d{3}", r.code) for r in desa.regions)
    for r in desa.regions:  # a village's parent is its district, and its code starts with it
        assert r.parent.startswith("Kecamatan ")
        kelurahan = r.code.rsplit(".", 1)[1].startswith("1")
        assert r.name.startswith("Kelurahan " if kelurahan else "Desa ")
    by_parent = {}
    for r in desa.regions:
        by_parent.setdefault(r.parent, set()).add(r.code.rsplit(".", 1)[0])
    assert all(len(codes) == 1 for codes in by_parent.values())  # one district code per parent
    assert "desa/kelurahan" in desa.programme.scope

    path = tmp_path / "kecamatan.xlsx"
    run = CliRunner().invoke(main, ["synthetic", str(path), "--level", "kecamatan",
                                    "--regions", "6", "--seed", "1"])
    assert run.exit_code == 0, run.output
    data = evalreport.load(path)
    assert all(re.fullmatch(r"\d\d\.\d\d\.\d\d", r.code) for r in data.regions)
    assert all(r.parent.startswith(("Kabupaten ", "Kota ")) for r in data.regions)
    out = tmp_path / "out"
    result = run_batch(path, out, docs=["rekomendasi"], summary=False)
    assert result.ok
    folders = sorted(p.parent.name for p in result.paths)
    assert folders[0] == region_folder(data.regions[0])
    assert folders[0].startswith(data.regions[0].code + "-kecamatan-")  # the code as written
    assert sorted(RunState.load(out).regions) == sorted(r.code for r in data.regions)
    again = run_batch(path, out, docs=["rekomendasi"], summary=False, resume=True)
    assert not again.outcomes and len(again.skipped) == 6

"""Given the sample province, the documents say the right things, in Indonesian format."""
from __future__ import annotations

import os
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from docx import Document

import evalreport
from evalreport.run.documents import DOCUMENTS, DocumentMaker, region_folder
from evalreport.word.properties import read_custom_properties
from evalreport.word.rendering import BUILTIN, load_template

SAMPLES = Path(__file__).resolve().parent.parent / "samples"


def _need_templates() -> None:
    missing = [n for n in BUILTIN if not (Path(__file__).parent.parent / "templates" / f"{n}.docx").exists()]
    if missing:
        pytest.skip(f"bundled templates not built: {missing}")


def _need_soffice() -> None:
    if shutil.which("soffice") is None:
        if os.environ.get("CI"):
            pytest.fail("LibreOffice (soffice) must be installed in CI")
        pytest.skip("LibreOffice not installed")


@pytest.fixture(scope="module")
def jatim():
    return evalreport.load(SAMPLES / "jatim.yaml")


@pytest.fixture(scope="module")
def rendered(jatim, tmp_path_factory):
    _need_templates()
    out = tmp_path_factory.mktemp("out")
    maker = DocumentMaker(jatim)
    region = jatim.region("Kab. Bangkalan")
    paths = maker.region(region, out)
    return region, {p.stem: p for p in paths}


def _all_text(path: Path) -> str:
    doc = Document(str(path))
    parts = [p.text for p in doc.paragraphs]
    for t in doc.tables:
        for row in t.rows:
            for c in row.cells:
                parts.append(c.text)
    for s in doc.sections:
        parts += [p.text for p in s.header.paragraphs] + [p.text for p in s.footer.paragraphs]
    return "\n".join(parts)


def test_three_documents_per_region(rendered):
    region, paths = rendered
    assert set(paths) == set(DOCUMENTS)
    for p in paths.values():
        assert p.parent.name == region_folder(region) == "3526-kabupaten-bangkalan"


def test_report_carries_the_hand_computed_numbers(rendered):
    _, paths = rendered
    text = _all_text(paths["laporan-evaluasi"])
    # public trust in Bangkalan 2024: T = 70, R = 64.2 -> 91,71%, Sangat Tinggi, not met
    assert "64,20" in text and "91,71%" in text
    assert "Tidak tercapai" in text
    assert "Kab. Bangkalan" in text
    assert "None" not in text and "{{" not in text and "{%" not in text


def test_report_keeps_its_source_in_the_file_properties_not_on_its_pages(rendered, jatim):
    _, paths = rendered
    for doc, path in paths.items():
        text = _all_text(path)
        assert jatim.source_sha256 not in text and "evalreport" not in text.casefold(), doc
        custom = read_custom_properties(path.read_bytes())
        assert custom["evalreport.data_sha256"] == jatim.source_sha256
        assert custom["evalreport.data_file"] == "jatim.yaml"
        assert custom["evalreport.achievement_cap"] == "100"
        assert custom["evalreport.band_scheme"] == "Permendagri 86/2017 (5 predikat)"
        assert custom["evalreport.template"] == f"{doc}.docx"
        assert custom["evalreport.template_sha256"] == load_template(doc).sha256
    props = Document(str(paths["laporan-evaluasi"])).core_properties
    assert jatim.source_sha256 in props.comments


def test_report_has_charts_with_alt_text(rendered):
    _, paths = rendered
    with zipfile.ZipFile(paths["laporan-evaluasi"]) as z:
        xml = z.read("word/document.xml").decode()
        media = [n for n in z.namelist() if n.startswith("word/media/")]
    assert len(media) >= 4  # logo + charts
    assert xml.count("descr=") >= 4
    assert "Grafik" in xml or "grafik" in xml


def test_action_plan_in_rupiah_and_landscape(rendered):
    _, paths = rendered
    doc = Document(str(paths["rencana-tindak-lanjut"]))
    text = _all_text(paths["rencana-tindak-lanjut"])
    assert "Rp150.000.000" in text or "Rp" in text
    assert "FKDM & FKUB" in text  # an ampersand in the data survives
    sec = doc.sections[-1]
    assert sec.page_width > sec.page_height


def test_same_input_gives_identical_bytes(jatim, tmp_path):
    _need_templates()
    a = DocumentMaker(jatim).render_region(jatim.regions[0])
    b = DocumentMaker(jatim).render_region(jatim.regions[0])
    assert a == b


def test_every_document_converts_to_pdf(rendered):
    _need_soffice()
    from evalreport.run.convert import to_pdf
    _, paths = rendered
    pdfs = to_pdf(list(paths.values()))
    assert len(pdfs) == 3
    for pdf in pdfs:
        assert pdf.read_bytes().startswith(b"%PDF")
        if shutil.which("pdfinfo"):
            info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
            pages = int(next(ln for ln in info.splitlines() if ln.startswith("Pages")).split()[-1])
            assert pages >= 1


def test_missing_soffice_is_a_clear_error(monkeypatch, tmp_path):
    from evalreport.run.convert import to_pdf
    monkeypatch.setenv("EVALREPORT_SOFFICE", str(tmp_path / "no-such-soffice"))
    (tmp_path / "a.docx").write_bytes(b"x")
    with pytest.raises(evalreport.ConversionError) as exc:
        to_pdf([tmp_path / "a.docx"])
    assert "LibreOffice" in exc.value.describe("id")


def test_python_api_render_returns_paths(jatim, tmp_path):
    _need_templates()
    result = evalreport.render(jatim, tmp_path, regions=["Kota Malang"], docs=["rekomendasi"])
    assert [p.name for p in result.paths] == ["rekomendasi.docx"]
    assert not result.failures


def test_bundled_templates_load_after_install():
    _need_templates()
    for name in BUILTIN:
        assert load_template(name).blob[:2] == b"PK"

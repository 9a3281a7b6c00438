"""``templates repair`` never changes what a template makes (evalreport.templates.repair).

Each template is rendered before and after repair with the same data, and the documents' text
(tabs and line breaks included, in the body, text boxes, headers, footers and notes) compared.
The corpus: the bundled templates/ folder, templates built here the way Word writes them
(split runs, spelling marks, bookmarks, curly quotes, tabs and tracked changes inside tags,
text boxes, content controls, notes), and any folder of .docx files named by
``EVALREPORT_TEMPLATE_CORPUS`` (e.g. docxtpl's own tests/templates: for those, whose data is
not ours, the Jinja source docxtpl makes of each part is compared instead).
"""
from __future__ import annotations

import io
import os
import re
import sys
import zipfile
from pathlib import Path

import pytest
from docx import Document
from docx.oxml import parse_xml
from docxtpl import DocxTemplate
from lxml import etree

sys.path.insert(0, str(Path(__file__).resolve().parent))

import wordlike as w  # noqa: E402

import evalreport  # noqa: E402
from evalreport.context.summary import build_summary  # noqa: E402
from evalreport.errors import TemplateProblemError  # noqa: E402
from evalreport.run.documents import DocumentMaker  # noqa: E402
from evalreport.templates import check, repair  # noqa: E402
from evalreport.word import scan  # noqa: E402
from evalreport.word.rendering import Properties, environment, load_template, render  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
WN = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
# docxtpl's own test templates (tests/corpus/docxtpl, LGPL, see its README), or another folder
CORPUS = os.environ.get("EVALREPORT_TEMPLATE_CORPUS") or str(ROOT / "tests" / "corpus" / "docxtpl")


@pytest.fixture(scope="module")
def contexts() -> dict:
    """A region's context (with charts) and the regional summary's."""
    data = evalreport.load(ROOT / "samples" / "jatim.yaml")
    maker = DocumentMaker(data)
    region = data.regions[0]
    return {"region": maker.contexts.build(region, maker.figures.for_region(region)),
            "summary": build_summary(maker.card)}


def visible_text(blob: bytes) -> list[str]:
    """Every paragraph's text as a reader sees it (tabs and breaks too, deleted text not), in
    each part that holds text, part by part."""
    out = []
    with zipfile.ZipFile(io.BytesIO(blob)) as z:
        for name in sorted(z.namelist()):
            if not re.fullmatch(r"word/(document|header\d*|footer\d*|footnotes|endnotes)\.xml", name):
                continue
            root = etree.fromstring(z.read(name))
            for p in root.iter(WN + "p"):
                text = []
                for el in p.iter(WN + "t", WN + "tab", WN + "br", WN + "cr"):
                    if scan.nearest_paragraph(el) is not p:
                        continue
                    if el.tag == WN + "t":
                        text.append(el.text or "")
                    elif el.getparent().tag != WN + "tabs":
                        text.append("\t" if el.tag == WN + "tab" else "\n")
                out.append(f"{name}: {''.join(text)}")
    return out


def fill(path: Path, context: dict) -> list[str] | str:
    """The text of the document ``path`` makes with ``context`` (or why it cannot)."""
    try:
        return visible_text(render(load_template(path), context, Properties("Uji", "Penguji"),
                                   environment()))
    except TemplateProblemError as err:
        return err.describe("en")


def jinja_sources(path: Path) -> list[str]:
    """The Jinja source docxtpl makes of each part (its tags and text, XML left out), with
    every kind of quote straightened (docxtpl straightens some, repair all)."""
    tpl = DocxTemplate(path)
    tpl.init_docx()
    parts = [tpl.get_xml()]
    for rel in tpl.docx.part.rels.values():
        if not rel.is_external and re.search(r"(header|footer|footnotes|endnotes)", rel.reltype):
            parts.append(etree.tostring(parse_xml(rel.target_part.blob), encoding="unicode"))
    out = []
    for xml in parts:
        src = re.sub(r"<[^>]+>", "", tpl.patch_xml(xml))
        for curly, straight in (("\u201e", '"'), ("\u201a", "'")):
            src = src.replace(curly, straight)
        out.append(src)
    return out


def repaired_fills_the_same(path: Path, context: dict | None, tmp_path: Path) -> Path:
    fixed = tmp_path / f"{path.stem}-baik.docx"
    repair(path, fixed)
    assert jinja_sources(fixed) == jinja_sources(path), path.name
    if context is not None:
        before, after = fill(path, context), fill(fixed, context)
        assert isinstance(after, list), after
        if isinstance(before, list):
            assert after == before, path.name
        else:  # what could not be filled at all is told where, and repair is what mends it
            assert "paragraph" in before and "'templates repair' mends it" in before, before
    return fixed


# --------------------------------------------------------------------- the corpus

@pytest.mark.parametrize("path", sorted((ROOT / "templates").glob("*.docx")), ids=lambda p: p.stem)
def test_bundled_templates_fill_the_same_after_repair(path, contexts, tmp_path):
    ctx = contexts["summary" if path.stem == "ringkasan-wilayah" else "region"]
    repaired_fills_the_same(path, ctx, tmp_path)


def _tab_in_tag(path: Path) -> Path:
    """Paragraph 2: 'Wilayah: {{ wil<tab>ayah.nama }} tahun ini.' — a tab Word put inside the
    tag (filling drops it)."""
    doc = w.new_doc()
    w.body_xml(doc, w.p_xml("Wilayah: ", ("{{ wil", "b"), "<tab>", "ayah.nama }}", " tahun ini."))
    return w.save(doc, path)


def _tracked_in_tag(path: Path) -> Path:
    """Paragraph 2: a tag typed with track changes on: '{{ wil' + deleted 'xx' + inserted
    'ayah.' + 'nama }}'; paragraph 3: a tag whose start was inserted, '{{ program.' + 'nama }}'."""
    doc = w.new_doc()
    w.body_xml(doc, w.p_xml("Wilayah: ", "{{ wil", "<del:xx>", "<ins:ayah.>", "nama }}", " selesai."))
    w.body_xml(doc, w.p_xml("Program: ", "<ins:{{ program.>", "nama }}", "<del:lama>", " baru."))
    return w.save(doc, path)


def _line_break_in_tag(path: Path) -> Path:
    doc = w.new_doc()
    w.body_xml(doc, w.p_xml("Nama: ", "{{ program", "<goBack>", ".nama }}") .replace(
        "<w:bookmarkEnd", '<w:r><w:br/></w:r><w:bookmarkEnd'))
    return w.save(doc, path)


BUILT = {
    "split": w.split_tag, "curly": w.curly_quotes, "table": w.table_loop,
    "everywhere": lambda p: w.everywhere(p, split=True),
    "everywhere-curly": lambda p: w.everywhere(p, tag="{{ wilayah.nama|replace(“a”, ‘a’) }}", split=True),
    "tab": _tab_in_tag, "tracked": _tracked_in_tag, "break": _line_break_in_tag,
}


@pytest.mark.parametrize("name", BUILT)
def test_built_templates_fill_the_same_after_repair(name, contexts, tmp_path):
    path = BUILT[name](tmp_path / f"{name}.docx")
    fixed = repaired_fills_the_same(path, contexts["region"], tmp_path)
    assert [f.code for f in check(fixed) if f.code in ("split-runs", "curly-quotes")] == []


def test_an_outside_corpus_makes_the_same_jinja_after_repair(tmp_path):
    paths = sorted(Path(CORPUS).glob("*.docx"))
    assert paths, CORPUS
    refused = []
    for path in paths:
        try:
            repaired_fills_the_same(path, None, tmp_path)
        except TemplateProblemError as exc:  # the intake refuses it (macros, DTD, damaged XML)
            refused.append(f"{path.name}: {exc.problems[0].describe('en')}")
    assert len(refused) <= len(paths) // 10, "\n".join(refused)


def test_check_reads_every_template_of_the_outside_corpus_and_its_footnotes():
    for path in sorted(Path(CORPUS).glob("*.docx")):
        problems = check(path)  # never raises: a broken file is one located problem
        assert all(p.location.file for p in problems), path.name
    notes = [p for p in check(Path(CORPUS) / "footnotes_tpl.docx")
             if p.code == "unknown-variable" and "footnote" in p.location.describe("en")]
    if (Path(CORPUS) / "footnotes_tpl.docx").exists():
        assert notes, "tags in footnotes are checked"


# ------------------------------------------------------------------- each case

def test_a_tab_inside_a_tag_is_taken_out_not_moved_out(tmp_path, contexts):
    path = _tab_in_tag(tmp_path / "t.docx")
    changes = repair(path, tmp_path / "baik.docx")
    assert [c.code for c in changes] == ["split-runs", "removed-from-tag"]
    assert "tab" in changes[1].describe("en") and changes[1].tag == "{{ wilayah.nama }}"
    p = Document(tmp_path / "baik.docx").paragraphs[1]
    assert p.text == "Wilayah: {{ wilayah.nama }} tahun ini."  # no tab before ' tahun'
    name = contexts["region"]["wilayah"]["nama"]
    assert fill(tmp_path / "baik.docx", contexts["region"])[1] == f"word/document.xml: Wilayah: {name} tahun ini."


def test_tracked_changes_inside_a_tag_are_accepted(tmp_path, contexts):
    path = _tracked_in_tag(tmp_path / "t.docx")
    found = check(path)
    # paragraph 2's pieces are all outside the insertion: filling reads it; paragraph 3's
    # tag starts inside the insertion and ends outside: filling cannot
    assert [(f.code, f.fixable) for f in found] == [("crosses-markup", True), ("split-runs", True)]
    assert "paragraf 3" in found[0].describe() and "paragraf 2" in found[1].describe()
    before = fill(path, contexts["region"])  # docxtpl alone would write broken XML here
    assert "paragraph 3" in before and "tracked change" in before
    changes = repair(path, tmp_path / "baik.docx")
    assert [c.code for c in changes] == ["split-runs", "tracked-change"] * 2
    assert "diterima" in changes[1].describe("id")
    doc = Document(tmp_path / "baik.docx")
    first, second = doc.paragraphs[1]._p, doc.paragraphs[2]._p
    # no deletion inside a tag is left, and no tag is half inserted
    assert first.findall(f".//{WN}del") == [] and first.findall(f".//{WN}ins") == []
    assert doc.paragraphs[1].text == "Wilayah: {{ wilayah.nama }} selesai."
    assert second.findall(f".//{WN}ins") == []
    # the deletion after the tag is the user's own, outside the tag: kept
    assert [d.text for d in second.iter(f"{WN}delText")] == ["lama"]
    assert doc.paragraphs[2].text == "Program: {{ program.nama }} baru."


def test_a_deleted_tag_is_noted_by_check(tmp_path):
    doc = w.new_doc()
    w.body_xml(doc, w.p_xml("Nama: ", "<del:{{ program.nama }}>", "Tetap"))
    path = w.save(doc, tmp_path / "t.docx")
    (f,) = check(path)
    assert f.code == "deleted-tag" and f.tag == "{{ program.nama }}" and "paragraph 2" in f.describe("en")


def test_both_copies_of_a_text_box_and_the_notes_are_mended(tmp_path):
    path = w.everywhere(tmp_path / "t.docx", split=True)
    changes = repair(path, tmp_path / "baik.docx")
    assert len(changes) == 10  # one per place; the older copy of the text box silently
    doc = Document(tmp_path / "baik.docx")
    paras = scan.paragraphs(doc, scan.notes(doc), fallbacks=True)
    holding = [p for p in paras if "{{ wilayah.nama }}" in p.text]
    assert len(holding) == 11
    for p in holding:
        assert [n.text for n, _ in p.runs if "{{" in (n.text or "")] == [p.text[p.text.index("{{"):]], p.where()
    assert check(tmp_path / "baik.docx") == []

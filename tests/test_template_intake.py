"""Hostile and broken template files (evalreport.word.intake): each is one located problem from
every command that takes a template, never a traceback; a zip bomb is refused before it is
inflated; macros and links to outside files never reach a document.

Every bad file is built here from a good one built in code (tests/wordlike.py).
"""
from __future__ import annotations

import io
import shutil
import sys
import tracemalloc
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from docx import Document

sys.path.insert(0, str(Path(__file__).resolve().parent))

import wordlike as w  # noqa: E402

import evalreport  # noqa: E402
from evalreport.cli import main  # noqa: E402
from evalreport.context.region import ContextBuilder  # noqa: E402
from evalreport.errors import TemplateProblemError  # noqa: E402
from evalreport.templates import annotate, check, repair  # noqa: E402
from evalreport.word import intake, rendering  # noqa: E402
from evalreport.word.rendering import Properties, environment, load_template, render  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
PNG = (ROOT / "samples" / "logo-jatim.png").read_bytes()
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
WORD_DOC = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
DOCM = "application/vnd.ms-word.document.macroEnabled.main+xml"


@pytest.fixture(scope="module")
def ctx() -> dict:
    ds = evalreport.load(ROOT / "samples" / "kota-batu.yaml")
    return ContextBuilder(evalreport.score(ds)).build(ds.regions[0])


@pytest.fixture(autouse=True)
def fresh_cache():
    rendering._admit.cache_clear()  # a file's checks are kept per content: start each test anew
    yield
    rendering._admit.cache_clear()


def good(path: Path) -> Path:
    return w.with_tags(path, "Wilayah: {{ wilayah.nama }}")


def members(blob: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(blob)) as z:
        return {n: z.read(n) for n in z.namelist()}


def refused(path: Path) -> TemplateProblemError:
    with pytest.raises(TemplateProblemError) as err:
        load_template(path)
    (problem,) = err.value.problems
    assert problem.location.file == str(path)
    return err.value


def one_line_from_every_command(path: Path, *words: str) -> None:
    """``templates check``, ``repair``, ``check --annotate`` and ``render --template`` each end
    with exit status 1 and the located problem, without a traceback or an output file."""
    runner = CliRunner()
    out = path.parent / "out"
    for args in (["templates", "check", str(path)],
                 ["templates", "check", str(path), "--annotate", str(out / "periksa.docx")],
                 ["templates", "repair", str(path), str(out / "baik.docx")],
                 ["render", str(ROOT / "samples" / "kota-batu.yaml"), "-o", str(out), "--template",
                  f"laporan-evaluasi={path}", "--docs", "laporan-evaluasi"]):
        res = runner.invoke(main, ["--lang", "en", *args])
        assert res.exit_code == 1, (args, res.output, res.exception)
        assert "Traceback" not in res.output and not isinstance(res.exception, (KeyError, ValueError,
                                                                                 AttributeError))
        assert str(path) in res.stderr, res.stderr
        for word in words:
            assert word in res.stderr, (word, res.stderr)
        assert not out.exists() or not any(out.rglob("*.docx")), list(out.rglob("*"))


# --------------------------------------------------------------------------- not a .docx

def test_text_file_named_docx(tmp_path):
    path = tmp_path / "t.docx"
    path.write_text("Laporan", encoding="utf-8")
    err = refused(path)
    assert err.problems[0].code == "not-docx"
    assert "bukan paket zip" in err.describe("id") and "not a zip package" in err.describe("en")
    one_line_from_every_command(path, "not a zip package")


def test_old_word_document_named_docx(tmp_path):
    path = tmp_path / "t.docx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 1024)
    err = refused(path)
    assert ".doc" in err.describe("en") and "password" in err.describe("en")


def test_empty_zip(tmp_path):
    path = tmp_path / "t.docx"
    with zipfile.ZipFile(path, "w"):
        pass
    err = refused(path)
    assert "empty" in err.describe("en") and "kosong" in err.describe("id")
    one_line_from_every_command(path, "empty")


def test_package_without_its_main_document(tmp_path):
    path = w.rewrite_zip(good(tmp_path / "t.docx"), lambda m: m.pop("word/document.xml"))
    err = refused(path)
    assert err.problems[0].code == "not-docx" and "word/document.xml" in err.describe("en")
    one_line_from_every_command(path, "no main document")


def test_a_workbook_named_docx(tmp_path):
    path = tmp_path / "t.docx"
    shutil.copy(ROOT / "samples" / "jatim.xlsx", path)
    err = refused(path)
    assert "not a Word document" in err.describe("en")


def test_damaged_xml_names_the_part_and_line(tmp_path):
    def cut(m):
        m["word/document.xml"] = m["word/document.xml"][:-40]
    path = w.rewrite_zip(good(tmp_path / "t.docx"), cut)
    err = refused(path)
    p = err.problems[0]
    assert p.code == "damaged"
    assert "word/document.xml" in p.describe("en") and "line" in p.describe("en")
    one_line_from_every_command(path, "word/document.xml")


def test_a_part_it_refers_to_is_missing(tmp_path):
    doc = w.new_doc()
    doc.add_picture(io.BytesIO(PNG))
    path = w.save(doc, tmp_path / "t.docx")
    w.rewrite_zip(path, lambda m: m.pop(next(n for n in m if n.startswith("word/media/"))))
    err = refused(path)
    assert "word/media/" in err.describe("en") and "missing" in err.describe("en")


# ---------------------------------------------------------------------------- DTDs

BILLION_LAUGHS = ('<!DOCTYPE w:document [<!ENTITY a "ha"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
                  '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]>')


@pytest.mark.parametrize("member", ["word/document.xml", "word/styles.xml", "[Content_Types].xml"])
def test_a_dtd_in_any_part_is_refused(tmp_path, member):
    def add_dtd(m):
        xml = m[member].decode("utf-8")
        end = xml.index("?>") + 2
        xml = xml[:end] + BILLION_LAUGHS + xml[end:]
        if member == "word/document.xml":
            xml = xml.replace("Laporan Hasil Evaluasi", "&d;")
        m[member] = xml.encode("utf-8")
    path = w.rewrite_zip(good(tmp_path / "t.docx"), add_dtd)
    err = refused(path)
    p = err.problems[0]
    assert p.code == "dtd" and member in p.describe("en")
    assert "DOCTYPE" in p.describe("en") and "ditolak" in p.describe("id")
    one_line_from_every_command(path, "DOCTYPE")


def test_an_entity_written_as_utf16_is_refused_too(tmp_path):
    def utf16(m):
        xml = m["word/settings.xml"].decode("utf-8")
        xml = xml.replace("encoding='UTF-8'", "encoding='UTF-16'").replace('encoding="UTF-8"', 'encoding="UTF-16"')
        end = xml.index("?>") + 2
        m["word/settings.xml"] = (xml[:end] + BILLION_LAUGHS.replace("w:document", "w:settings")
                                  + xml[end:]).encode("utf-16")
    path = w.rewrite_zip(good(tmp_path / "t.docx"), utf16)
    assert refused(path).problems[0].code == "dtd"


# ---------------------------------------------------------------------------- sizes

def _bomb(path: Path, member: str, size: int) -> Path:
    """``member`` replaced by ``size`` bytes of zeros (stored deflated: a few hundred kB)."""
    src = members(path.read_bytes())
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as z:
        for name, data in src.items():
            if name != member:
                z.writestr(name, data)
        info = zipfile.ZipInfo(member)
        info.compress_type = zipfile.ZIP_DEFLATED
        with z.open(info, "w") as fh:
            chunk = b"\0" * 2**20
            for _ in range(size // 2**20):
                fh.write(chunk)
    return path


def test_a_part_inflating_to_a_gigabyte_is_refused_without_inflating_it(tmp_path):
    path = _bomb(good(tmp_path / "t.docx"), "word/media/image1.png", 2**30)
    assert path.stat().st_size < 2 * 2**20
    tracemalloc.start()
    try:
        err = refused(path)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 20 * 2**20, peak  # not a gigabyte, nor a tenth of it
    p = err.problems[0]
    assert p.code == "too-large" and "word/media/image1.png" in p.describe("en")
    assert "1024 MB" in p.describe("en")
    one_line_from_every_command(path, "1024 MB")


def test_a_highly_compressed_part_is_refused(tmp_path):
    path = _bomb(good(tmp_path / "t.docx"), "word/media/image1.png", 20 * 2**20)
    p = refused(path).problems[0]
    assert p.code == "too-large" and "zip bomb" in p.describe("en")


def test_the_whole_package_has_a_budget(tmp_path, monkeypatch):
    monkeypatch.setattr(intake, "MAX_TOTAL_BYTES", 2**20)
    def add(m):
        for i in range(3):
            m[f"word/media/noise{i}.bin"] = bytes(range(256)) * 2048  # 512 kB each
    path = w.rewrite_zip(good(tmp_path / "t.docx"), add)
    p = refused(path).problems[0]
    assert p.code == "too-large" and "package" in p.describe("en")


def test_a_file_too_large_is_not_read(tmp_path, monkeypatch):
    monkeypatch.setattr(rendering, "MAX_FILE_BYTES", 1000)
    path = good(tmp_path / "t.docx")
    read = []
    monkeypatch.setattr(Path, "read_bytes", lambda self: read.append(self) or b"")
    p = refused(path).problems[0]
    assert p.code == "too-large" and read == []


# --------------------------------------------------------------------------- macros

def docm(path: Path) -> Path:
    """A macro-enabled document (as Word saves a .docm) with the .docx name."""
    w.rewrite_zip(good(path), lambda m: m.__setitem__("[Content_Types].xml", m["[Content_Types].xml"].replace(
        WORD_DOC.encode(), DOCM.encode())))
    w.add_part(path, "word/vbaProject.bin", b"VBA\0" * 100, "application/vnd.ms-office.vbaProject",
               "http://schemas.microsoft.com/office/2006/relationships/vbaProject")
    return w.add_part(path, "word/vbaData.xml",
                      b'<?xml version="1.0"?><wne:vbaSuppData xmlns:wne="http://schemas.microsoft.com/office/'
                      b'word/2006/wordml"/>', "application/vnd.ms-word.vbaData+xml",
                      "http://schemas.microsoft.com/office/2006/relationships/wordVbaData",
                      source="word/vbaProject.bin")


def no_macros(blob: bytes) -> None:
    m = members(blob)
    assert not [n for n in m if "vba" in n.lower()], list(m)
    assert b"vbaProject" not in m["[Content_Types].xml"] and DOCM.encode() not in m["[Content_Types].xml"]
    assert b"vbaProject" not in m["word/_rels/document.xml.rels"]
    Document(io.BytesIO(blob))


def test_macros_are_dropped_from_every_output_with_a_warning(tmp_path, ctx):
    path = docm(tmp_path / "t.docx")
    assert "word/vbaProject.bin" in members(path.read_bytes())
    found = [p for p in check(path) if p.code == "macros-removed"]
    assert len(found) == 1 and found[0].severity == "warning"
    assert "makro" in found[0].describe("id") and "macros" in found[0].describe("en")
    no_macros(load_template(path).blob)
    no_macros(render(load_template(path), ctx, Properties("a", "b"), environment()))
    changes = repair(path, tmp_path / "baik.docx")
    assert "macros-removed" in [c.code for c in changes]
    no_macros((tmp_path / "baik.docx").read_bytes())
    annotate(path, tmp_path / "periksa.docx", check(path))
    no_macros((tmp_path / "periksa.docx").read_bytes())
    res = CliRunner().invoke(main, ["--lang", "en", "templates", "check", str(path)])
    assert res.exit_code == 0 and "WARNING" in res.stdout and "macros (VBA)" in res.stdout


def test_render_says_which_template_had_its_macros_taken_out(tmp_path):
    """A run with an edited template that held macros writes documents without them and says
    so on its own line, naming the template; the run itself succeeds."""
    template = docm(tmp_path / "rekomendasi.docx")
    out = tmp_path / "out"
    res = CliRunner().invoke(main, ["--lang", "en", "render", str(ROOT / "samples" / "jatim.yaml"),
                                    "--region", "3507", "--docs", "rekomendasi",
                                    "--template", str(template), "-o", str(out)])
    assert res.exit_code == 0, res.output
    warned = [ln for ln in res.stderr.splitlines() if ln.startswith("WARNING")]
    assert len(warned) == 1 and "rekomendasi.docx" in warned[0] and "macros (VBA)" in warned[0]
    written = list(out.glob("*/rekomendasi.docx"))
    assert len(written) == 1
    no_macros(written[0].read_bytes())
    result = evalreport.render(ROOT / "samples" / "jatim.yaml", tmp_path / "api", regions=["3507"],
                               docs=["rekomendasi"], templates={"rekomendasi": template})
    assert result.ok and [p.code for p in result.warnings] == ["macros-removed"]


# --------------------------------------------------------------------- outside links

def linked_picture(path: Path, target: str) -> Path:
    """A picture inserted with "Link to File": the picture's relationship points outside."""
    doc = w.new_doc()
    w.para(doc, "Wilayah: {{ wilayah.nama }}")
    doc.add_picture(io.BytesIO(PNG))
    p = doc.add_paragraph()
    p.add_run("situs").font.underline = True
    w.save(doc, path)

    def link(m):
        rels = m["word/_rels/document.xml.rels"].decode()
        media = next(n for n in m if n.startswith("word/media/"))
        rels = rels.replace(f'Target="{media[5:]}"', f'Target="{target}" TargetMode="External"')
        m["word/_rels/document.xml.rels"] = rels.encode()
        m["word/document.xml"] = m["word/document.xml"].replace(b"r:embed=", b"r:link=")
        del m[media]
    w.rewrite_zip(path, link)
    return w.add_part(path, "", b"", "", R + "hyperlink", target="https://jatimprov.go.id/", external=True)


def outside_targets(blob: bytes) -> list[str]:
    m = members(blob)
    return [t for name, data in m.items() if name.endswith(".rels")
            for t in _external(data)]


def _external(rels: bytes) -> list[str]:
    from lxml import etree
    root = etree.fromstring(rels)
    return [r.get("Target") for r in root if r.get("TargetMode") == "External"]


def test_a_linked_picture_is_taken_out_and_hyperlinks_kept(tmp_path, ctx):
    path = linked_picture(tmp_path / "t.docx", "file:///etc/passwd")
    assert "file:///etc/passwd" in outside_targets(path.read_bytes())
    found = [p for p in check(path) if p.code == "external-link-removed"]
    assert len(found) == 1 and found[0].severity == "warning"
    assert "file:///etc/passwd" in found[0].describe("en") and "linked picture" in found[0].describe("en")
    assert "gambar tertaut" in found[0].describe("id")
    blob = render(load_template(path), ctx, Properties("a", "b"), environment())
    assert outside_targets(blob) == ["https://jatimprov.go.id/"]
    body = members(blob)["word/document.xml"]
    assert b"r:link=" not in body
    assert Document(io.BytesIO(blob)).paragraphs[1].text == "Wilayah: Kota Batu"
    repair(path, tmp_path / "baik.docx")
    assert outside_targets((tmp_path / "baik.docx").read_bytes()) == ["https://jatimprov.go.id/"]


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_never_sees_the_linked_file(tmp_path, ctx):
    """Converted to PDF, the document holds no picture: the linked file was never loaded."""
    import subprocess

    from evalreport.run.convert import to_pdf
    path = linked_picture(tmp_path / "t.docx", (ROOT / "samples" / "logo-jatim.png").as_uri())
    out = tmp_path / "laporan.docx"
    out.write_bytes(render(load_template(path), ctx, Properties("a", "b"), environment()))
    (pdf,) = to_pdf([out])
    images = subprocess.run(["pdfimages", "-list", str(pdf)], capture_output=True, text=True).stdout
    assert len(images.strip().splitlines()) == 2, images  # the header lines only


def test_an_attached_template_on_a_server_is_taken_out(tmp_path):
    path = good(tmp_path / "t.docx")

    def attach(m):
        settings = m["word/settings.xml"].decode()
        settings = settings.replace("<w:zoom", '<w:attachedTemplate r:id="rId77"/><w:zoom', 1)
        m["word/settings.xml"] = settings.encode()
    w.rewrite_zip(path, attach)
    w.add_part(path, "", b"", "", R + "attachedTemplate", source="word/settings.xml", rid="rId77",
               target="https://example.org/t.dotm", external=True)
    (p,) = [p for p in check(path) if p.code == "external-link-removed"]
    assert "attached template" in p.describe("en") and "word/settings.xml" in p.describe("en")
    blob = load_template(path).blob
    assert outside_targets(blob) == []
    assert b"attachedTemplate" not in members(blob)["word/settings.xml"]
    Document(io.BytesIO(blob))


def test_a_clean_template_is_taken_as_it_is(tmp_path):
    path = good(tmp_path / "t.docx")
    tpl = load_template(path)
    assert tpl.blob == path.read_bytes() and tpl.problems == []
    assert check(path) == []


def test_a_picture_inserted_and_linked_keeps_its_inserted_copy(tmp_path):
    doc = w.new_doc()
    doc.add_picture(io.BytesIO(PNG))
    path = w.save(doc, tmp_path / "t.docx")
    w.add_part(path, "", b"", "", R + "image", rid="rId55", target="https://example.org/logo.png", external=True)
    w.rewrite_zip(path, lambda m: m.__setitem__("word/document.xml", m["word/document.xml"].replace(
        b"r:embed=", b'r:link="rId55" r:embed=')))
    blob = load_template(path).blob
    body = members(blob)["word/document.xml"]
    assert b"r:link" not in body and b"r:embed" in body
    assert len(Document(io.BytesIO(blob)).inline_shapes) == 1
    assert outside_targets(blob) == []


def test_a_word_template_named_docx_is_read_as_a_document(tmp_path):
    dotx = "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml"
    path = w.rewrite_zip(good(tmp_path / "t.docx"), lambda m: m.__setitem__(
        "[Content_Types].xml", m["[Content_Types].xml"].replace(WORD_DOC.encode(), dotx.encode())))
    tpl = load_template(path)
    assert tpl.problems == [] and WORD_DOC.encode() in members(tpl.blob)["[Content_Types].xml"]
    assert check(path) == []


def test_macros_typed_by_extension_go_and_other_parts_keep_their_type(tmp_path):
    """Word types vbaProject.bin by its extension (a Default for .bin); an embedded object,
    also a .bin, may rely on that Default too: it keeps it."""
    path = docm(tmp_path / "t.docx")

    def by_extension(m):
        ct = m["[Content_Types].xml"].decode()
        vba = "application/vnd.ms-office.vbaProject"
        ct = ct.replace(f'<Override PartName="/word/vbaProject.bin" ContentType="{vba}"/>', "")
        ct = ct.replace("<Default ", f'<Default Extension="bin" ContentType="{vba}"/><Default ', 1)
        m["[Content_Types].xml"] = ct.encode()
    w.rewrite_zip(path, by_extension)
    blob = load_template(path).blob
    no_macros(blob)
    w.add_part(path, "word/embeddings/data.bin", b"\0" * 10, "application/vnd.ms-office.vbaProject",
               R + "package")
    w.rewrite_zip(path, lambda m: m.__setitem__("[Content_Types].xml", m["[Content_Types].xml"].replace(
        b'<Override PartName="/word/embeddings/data.bin" ContentType="application/vnd.ms-office.vbaProject"/>', b"")))
    ct = members(load_template(path).blob)["[Content_Types].xml"]
    assert b'Extension="bin"' in ct and "word/embeddings/data.bin" in members(load_template(path).blob)

"""What `evalreport validate` accepts, `score` and `render` accept.

Every value below once passed validation and then crashed scoring or rendering, or was read as
something else. Each now either works end to end or is one located validation error, from every
command, without a traceback and without writing anything.
"""
from __future__ import annotations

import copy
import json
import zipfile
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from conftest import MINIMAL, write_json, write_yaml
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from lxml import etree
from PIL import Image

import evalreport
from evalreport import DataError
from evalreport.cli import main
from evalreport.data.numbers import read_number
from evalreport.run.batch import STATE_FILE

COMMANDS = ("validate", "score", "render")


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner(env={"EVALREPORT_LANG": None})


def refused(runner: CliRunner, path: Path, where: str, words: str, tmp_path: Path) -> None:
    """Each command exits 1 with one located error line naming ``where`` and saying ``words``,
    no traceback, and ``render`` writes nothing."""
    out = tmp_path / "out"
    for command in COMMANDS:
        args = [command, str(path)] + (["-o", str(out)] if command == "render" else [])
        result = runner.invoke(main, args)
        assert result.exit_code == 1, (command, result.output)
        assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
        assert "Traceback" not in result.output
        errors = [line for line in result.stderr.splitlines() if line.startswith("GALAT: ")]
        assert len(errors) == 1, (command, result.stderr)
        assert errors[0].startswith(f"GALAT: {path}") and where in errors[0], errors[0]
        assert words in errors[0], errors[0]
    assert not out.exists() or not any(out.iterdir())


def render_ok(data: evalreport.Dataset, out: Path, **kw) -> list[Path]:
    result = evalreport.render(data, out, **kw)
    assert not result.failures, [o.describe("en") for o in result.failures]
    return result.paths


# ------------------------------------------------------------------ numbers that are not numbers

@pytest.mark.parametrize("literal", ["NaN", "Infinity", "-Infinity", "1e308"])
def test_json_non_finite_and_overflowing_numbers_are_located_errors(runner, tmp_path, literal):
    text = json.dumps(MINIMAL, indent=2).replace('"value": 72.5', f'"value": {literal}', 1)
    path = tmp_path / "data.json"
    path.write_text(text, encoding="utf-8")
    line = next(n for n, s in enumerate(text.splitlines(), 1) if f'"value": {literal}' in s)
    words = "terlalu besar" if literal == "1e308" else "bukan angka; kosongkan bila tidak ada nilai"
    refused(runner, path, f"baris {line} (observations[1].value)", words, tmp_path)


@pytest.mark.parametrize("literal", [".nan", ".inf", "-.inf", "1.0e+308"])
def test_yaml_non_finite_and_overflowing_numbers_are_located_errors(runner, tmp_path, literal):
    data = copy.deepcopy(MINIMAL)
    data["indicators"][0]["target"] = "@@"
    text = yaml.safe_dump(data, sort_keys=False).replace("'@@'", literal)
    path = write_yaml(tmp_path, text)
    line = next(n for n, s in enumerate(text.splitlines(), 1) if f"target: {literal}" in s)
    refused(runner, path, f"baris {line} (indicators[0].target)",
            "terlalu besar" if "308" in literal else "bukan angka", tmp_path)


def test_a_number_typed_the_indonesian_way_is_scored_as_meant(tmp_path, minimal_dict):
    minimal_dict["observations"][5]["value"] = "1.096"       # KS01A 3507 2024: 1096 cases
    minimal_dict["observations"][7]["value"] = "2.740.466"   # KS01B: population
    minimal_dict["observations"][1]["value"] = "72,5"
    minimal_dict["regions"][0]["population"] = "2.740.466"
    data = evalreport.load(write_yaml(tmp_path, minimal_dict))
    card = evalreport.score(data)
    assert card.get("3507", "2024", "KS01").actual == 4.0  # 1096 / 2740466 x 10000
    assert card.get("3507", "2024", "KP01").actual == 72.5
    assert data.regions[0].population == 2740466


@pytest.mark.parametrize("budget, read", [("Rp1.500.000", 1500000), ("1.500.000", 1500000),
                                          (1500000, 1500000), ("1500000.00", 1500000)])
def test_a_budget_is_read_in_whole_rupiah(minimal_dict, budget, read):
    minimal_dict.update(_plan(budget))
    assert evalreport.parse(minimal_dict).actions[0].budget == read


def test_a_budget_with_sen_is_refused_since_words_have_none(minimal_dict):
    minimal_dict.update(_plan("1500000.50"))
    with pytest.raises(DataError) as info:
        evalreport.parse(minimal_dict)
    (p,) = info.value.problems
    assert p.location.path == "actions[0].budget"
    assert p.message.render("en") == "a budget is a whole number of rupiah, found '1500000.50'"


def _plan(budget) -> dict:
    return {
        "findings": [{"code": "T1", "title": "Partisipasi rendah", "condition": "a",
                      "criterion": "b", "cause": "c", "effect": "d"}],
        "recommendations": [{"code": "R1", "findings": ["T1"], "text": "Perluas forum",
                             "addressed_to": "Bupati"}],
        "actions": [{"code": "A1", "recommendation": "R1", "activity": "Forum warga",
                     "responsible": "Kesbangpol", "deadline": "2025-06-30",
                     "success_indicator": "4 forum", "budget": budget}],
    }


def test_a_derived_value_beyond_the_limit_is_a_located_error(minimal_dict):
    minimal_dict["observations"][7]["value"] = 0.000001  # population of 3507 in 2024, mistyped
    minimal_dict["indicators"][1]["formula"]["scale"] = 1e15
    with pytest.raises(DataError) as info:
        evalreport.parse(minimal_dict)
    (p,) = info.value.problems
    assert p.location.path == "indicators[1].formula"
    assert "the derived value of KS01 for 3507, 2024" in p.message.render("en")


# ------------------------------------------------------------------------------------- text

def test_a_control_character_in_a_name_is_a_located_error(runner, tmp_path, minimal_dict):
    minimal_dict["regions"][1]["name"] = "Kabupaten\x01Bangkalan"
    path = write_json(tmp_path, minimal_dict)
    line = next(n for n, s in enumerate(path.read_text().splitlines(), 1) if "\\u0001" in s)
    refused(runner, path, f"baris {line} (regions[1].name)",
            "karakter kendali tak terlihat (U+0001) pada posisi ke-10", tmp_path)


def test_words_pasted_from_word_keep_their_line_breaks_and_print(tmp_path, minimal_dict):
    """Word's line break (vertical tab) and page break (form feed) arrive in Excel cells as
    control characters; they become line breaks, and the documents carry no control character."""
    minimal_dict.update(_plan(1000))
    minimal_dict["findings"][0]["condition"] = "Forum warga\x0bhanya di kota.\x0cLampiran"
    minimal_dict["regions"][0]["name"] = "Kabupaten\x0bMalang"  # a name stays on one line
    data = evalreport.parse(minimal_dict)
    assert data.findings[0].condition == "Forum warga\nhanya di kota.\nLampiran"
    assert data.regions[0].name == "Kabupaten Malang"
    paths = render_ok(data, tmp_path / "out", regions=["3507"])
    for p in paths:
        with zipfile.ZipFile(p) as z:
            xml = z.read("word/document.xml")
        assert b"\x0b" not in xml and b"\x0c" not in xml
        etree.fromstring(xml)


def test_an_over_long_name_is_a_located_error(tmp_path, minimal_dict):
    minimal_dict["regions"][0]["name"] = "Kabupaten " + "Malang " * 40
    with pytest.raises(DataError) as info:
        evalreport.load(write_yaml(tmp_path, minimal_dict))
    (p,) = info.value.problems
    assert p.location.path == "regions[0].name"
    assert p.message.render("en") == "is 289 characters long; it may hold at most 200"


def test_a_title_over_255_characters_is_shortened_in_the_properties_only(tmp_path, minimal_dict):
    minimal_dict["programme"]["name"] = "Program " + "Penguatan Ketahanan Sosial " * 7
    minimal_dict["regions"][0]["name"] = "Kabupaten " + "Kepulauan Malang Raya " * 8
    data = evalreport.parse(minimal_dict)
    paths = render_ok(data, tmp_path / "out", regions=["3507"])
    for p in paths:
        with zipfile.ZipFile(p) as z:
            core = etree.fromstring(z.read("docProps/core.xml"))
        title = core.findtext("{http://purl.org/dc/elements/1.1/}title")
        assert len(title) <= 255 and title.endswith("\u2026")
        assert title.startswith(("Laporan Evaluasi Program Penguatan", "Rekomendasi Program",
                                 "Rencana Tindak Lanjut Program"))
    assert len(paths[0].parent.name) <= 64 + 1 + 60


# ------------------------------------------------------------------------------ dotted codes

@pytest.fixture
def dotted(tmp_path, minimal_dict) -> Path:
    """Kemendagri codes: province 35, regencies 35.07 and 35.26."""
    for r in minimal_dict["regions"]:
        r["code"] = r["code"][:2] + "." + r["code"][2:]
    for o in minimal_dict["observations"]:
        o["region"] = o["region"][:2] + "." + o["region"][2:]
    return write_yaml(tmp_path, minimal_dict)


def test_dotted_region_codes_work_end_to_end(runner, tmp_path, dotted):
    out = tmp_path / "out"
    result = runner.invoke(main, ["render", str(dotted), "-o", str(out), "--jobs", "1"])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir() if p.is_dir()) == [
        "35.07-kabupaten-malang", "35.26-kabupaten-bangkalan"]
    state = json.loads((out / STATE_FILE).read_text(encoding="utf-8"))
    assert set(state["regions"]) == {"35.07", "35.26"}

    result = runner.invoke(main, ["--lang", "en", "score", str(dotted), "--region", "35.07",
                                  "--format", "json"])
    assert result.exit_code == 0, result.output
    assert {r["region_code"] for r in json.loads(result.stdout)} == {"35.07"}

    result = runner.invoke(main, ["--lang", "en", "render", str(dotted), "-o", str(out),
                                  "--region", "35.07", "--resume"])
    assert result.exit_code == 0, result.output
    assert "0 regions done, 1 skipped" in result.stderr


def test_regions_whose_folders_would_coincide_are_refused(minimal_dict):
    minimal_dict["regions"].append({"code": "35-07", "name": "Kabupaten Malang"})
    minimal_dict["regions"][0]["code"] = "35.07"
    for o in minimal_dict["observations"]:
        o["region"] = "35.07" if o["region"] == "3507" else o["region"]
    ok = evalreport.parse(minimal_dict)  # 35.07 and 35-07 have folders of their own
    assert len({r.folder for r in ok.regions}) == 3
    minimal_dict["regions"][2]["code"] = "35.07."
    with pytest.raises(DataError) as info:
        evalreport.parse(minimal_dict)
    (p,) = info.value.problems
    assert p.location.path == "regions[2].code"
    assert "would share the output folder '35.07-kabupaten-malang'" in p.message.render("en")


# -------------------------------------------------------------------------------------- logo

@pytest.mark.parametrize("name, content, words", [
    ("logo.png", b"not a picture at all", "bukan gambar PNG atau JPEG"),
    ("logo.png", "gif", "berupa gambar GIF; logo harus berkas PNG atau JPEG"),
    ("logo.png", "truncated", "tidak dapat dibaca sebagai gambar"),
    ("logo.jpg", b"\xff\xd8\xff\xe0" + b"\x00" * 40, "bukan gambar PNG atau JPEG"),
    ("logo.jpg", "bare-jpeg", "berupa gambar JPEG yang tidak dapat ditempatkan Word"),
])
def test_a_logo_that_is_not_a_picture_is_a_located_error(runner, tmp_path, minimal_dict, name,
                                                          content, words):
    logo = tmp_path / name
    if content == "gif":
        Image.new("RGB", (20, 20), "navy").save(logo, format="GIF")
    elif content == "bare-jpeg":  # a JPEG without its JFIF/Exif header: Word cannot take it
        Image.new("RGB", (20, 20), "navy").save(logo, format="JPEG")
        blob = logo.read_bytes()
        logo.write_bytes(blob[:2] + blob[4 + int.from_bytes(blob[4:6], "big"):])
    elif content == "truncated":
        Image.new("RGB", (200, 200), "navy").save(logo, format="PNG")
        logo.write_bytes(logo.read_bytes()[:60])
    else:
        logo.write_bytes(content)
    minimal_dict["document"]["letterhead"]["logo"] = name
    path = write_yaml(tmp_path, minimal_dict)
    line = next(n for n, s in enumerate(path.read_text().splitlines(), 1) if f"logo: {name}" in s)
    refused(runner, path, f"baris {line} (document.letterhead.logo)", words, tmp_path)


def test_a_real_jpeg_logo_is_accepted_and_printed(tmp_path, minimal_dict):
    Image.new("RGB", (40, 40), "navy").save(tmp_path / "logo.jpg", format="JPEG")
    minimal_dict["document"]["letterhead"]["logo"] = "logo.jpg"
    data = evalreport.load(write_yaml(tmp_path, minimal_dict))
    (path,) = render_ok(data, tmp_path / "out", regions=["3507"], docs=["rekomendasi"])
    with zipfile.ZipFile(path) as z:
        assert any(n.startswith("word/media/") and n.endswith((".jpg", ".jpeg")) for n in z.namelist())


# ------------------------------------------------------------------------- the property

_TRICKY = ["&<>\"'", "{{ x }}", "{% if %}", "Tab\tdi tengah", "Baris\nbaru", "مرحبا", "漢字",
           "🙂 emoji", "e\u0301", "\u200b", "\u202etulisan terbalik", "Word\x0bbaris", "Hal\x0cbaru",
           "  spasi  ", "-", "x" * 200, "Kab. Malang", "35.07"]
_TEXT = st.one_of(st.sampled_from(_TRICKY),
                  st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")),
                          min_size=1, max_size=30))  # refused control characters: tested above
_CODE = st.one_of(st.from_regex(r"[0-9]{2}(\.[0-9]{2}){0,3}", fullmatch=True),
                  st.from_regex(r"[A-Za-z0-9][A-Za-z0-9 ./_-]{0,8}", fullmatch=True))
_EDGES = [0, 1e15, -1e15, 1e-6, -1e-6, 999999999999999.9, 0.1 + 0.2, 64.2, 70, 100, 5]
_NUMBER = st.one_of(
    st.sampled_from(_EDGES),
    st.floats(min_value=-1e15, max_value=1e15, allow_nan=False).filter(lambda x: x == 0 or abs(x) >= 1e-6),
    st.integers(-10**15, 10**15),
    st.sampled_from(["1.500", "64,2", "1.234,5", "Rp1.500.000", "91,71%", "1500000.50"]))


@st.composite
def datasets(draw) -> dict:
    data = copy.deepcopy(MINIMAL)
    data["programme"]["name"] = draw(_TEXT)
    regions = draw(st.lists(_CODE, min_size=1, max_size=3, unique_by=str.casefold))
    data["regions"] = [{"code": c, "name": draw(_TEXT)} for c in regions]
    data["observations"] = []
    for ind in data["indicators"]:
        if ind["code"] in ("KS01A", "KS01B") or draw(st.booleans()):
            continue
        if ind["comparator"] == "between":
            lo, hi = sorted([draw(_NUMBER), draw(_NUMBER)], key=lambda v: float(read_number(v)))
            ind["target_min"], ind["target_max"] = lo, hi
        else:
            ind["target"] = draw(_NUMBER)
        ind["name"] = draw(_TEXT)
    data["indicators"][1]["formula"]["scale"] = draw(st.sampled_from([1, 100, 10000, 1e6]))
    for r in regions:
        for period in data["programme"]["periods"]:
            for ind in data["indicators"]:
                if draw(st.integers(0, 4)) == 0:
                    continue  # a value not yet collected
                value = draw(st.one_of(_NUMBER, st.sampled_from(["Baik", "tersedia", None])))
                data["observations"].append({"region": r, "period": period,
                                             "indicator": ind["code"], "value": value})
    data.update(_plan(draw(st.integers(0, 10**15))))
    data["findings"][0]["condition"] = draw(_TEXT)
    data["recommendations"][0]["text"] = draw(_TEXT)
    data["actions"][0]["activity"] = draw(_TEXT)
    return data


@settings(max_examples=10, deadline=None,
          suppress_health_check=[HealthCheck.filter_too_much, HealthCheck.too_slow,
                                 HealthCheck.data_too_large])
@given(datasets())
def test_whatever_validate_accepts_renders(tmp_path_factory, raw):
    folder = tmp_path_factory.mktemp("property")
    path = write_yaml(folder, raw)
    errors = [p for p in evalreport.check_data(path) if p.severity == "error"]
    assume(not errors)  # what validate refuses is the other tests' business
    data = evalreport.load(path)
    evalreport.score(data)
    paths = render_ok(data, folder / "out", jobs=1)
    assert len(paths) == 3 * len(data.regions) + (1 if len(data.regions) > 1 else 0)
    for p in paths:
        with zipfile.ZipFile(p) as z:
            etree.fromstring(z.read("word/document.xml"))

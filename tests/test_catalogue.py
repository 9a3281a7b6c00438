"""The message catalogue is in step with the code: every msgid translated, no stale entry, the
compiled catalogue current, and translations fill the same {fields} as their msgid."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from evalreport.errors import Location, Problem
from evalreport.i18n.messages import _, join, n_, suggestion, translation, verbatim

ROOT = Path(__file__).resolve().parent.parent


def test_catalogue_is_current_and_complete():
    res = subprocess.run([sys.executable, str(ROOT / "scripts" / "catalogue.py"), "--check"],
                         capture_output=True, text=True, cwd=ROOT)
    assert res.returncode == 0, res.stdout + res.stderr


def test_a_message_renders_in_each_language_with_its_parameters():
    m = _("unknown region: {regions}; known: {names}", regions="3599", names="3507 Kab. Malang")
    assert m.render("en") == "unknown region: 3599; known: 3507 Kab. Malang"
    assert m.render("id") == "wilayah tidak dikenal: 3599; yang ada: 3507 Kab. Malang"
    assert str(m) == m.render("en")


def test_messages_inside_messages_and_plurals():
    place = _("{part}, paragraph {number}", part=_("body"), number=3)
    assert place.render("id") == "isi dokumen, paragraf 3"
    assert n_("{n} problem found", "{n} problems found", 2, n=2).render("en") == "2 problems found"
    assert n_("{n} problem found", "{n} problems found", 1, n=1).render("en") == "1 problem found"
    assert join([_("body"), verbatim("Kab. Malang")]).render("id") == "isi dokumen, Kab. Malang"


def test_did_you_mean_is_one_helper():
    assert suggestion("K1O", ["K10", "K20"]).render("id") == "; maksudnya 'K10'?"
    assert suggestion("zzz", ["K10"]) is None


def test_a_problem_describes_its_place_in_the_readers_language():
    p = Problem(Location(file="data.xlsx", sheet="Realisasi", row=40, column="C", header="Indikator"),
                _("unknown region: {regions}; known: {names}", regions="x", names="y"))
    assert p.describe("id") == ("data.xlsx, lembar 'Realisasi', baris 40, kolom C (Indikator): "
                                "wilayah tidak dikenal: x; yang ada: y")
    assert p.describe("en").startswith("data.xlsx, sheet 'Realisasi', row 40, column C (Indikator): ")


def test_english_needs_no_catalogue():
    assert translation("en").gettext("body") == "body"


def _choice_kinds():
    """Every closed set of the package, wherever it is declared (every module imported)."""
    import importlib
    import pkgutil

    import evalreport
    from evalreport.data.model import Choice

    for mod in pkgutil.walk_packages(evalreport.__path__, "evalreport."):
        if mod.name != "evalreport.cli" and ".dask" not in mod.name:
            importlib.import_module(mod.name)
    kinds, todo = [], list(Choice.__subclasses__())
    while todo:
        kind = todo.pop()
        kinds.append(kind)
        todo += kind.__subclasses__()
    return kinds


def test_a_short_word_keeps_its_own_sense():
    """p_ gives a word a context: "high" as a priority has its own entry in the catalogue,
    apart from any other "high"."""
    from evalreport.i18n.messages import p_

    assert p_("priority", "high").render("id") == "tinggi"
    assert p_("priority", "high").render("en") == "high"
    assert p_("regions of a level", "cities").render("id") == "kota"
    assert p_("no such sense", "high").render("id") == "high"  # untranslated: the msgid


def test_every_choice_label_is_in_the_catalogue_and_loads_back():
    """The labels of closed sets (polarity, priority, status, level, ...) are catalogue words,
    each with its own Indonesian entry; either language's label parses back to its code."""
    kinds = _choice_kinds()
    assert len(kinds) >= 10 and any(k.__name__ == "Flag" for k in kinds)
    catalog = translation("id")._catalog  # type: ignore[attr-defined]
    for kind in kinds:
        for code, label in kind.labels().items():
            assert label.context is not None, (kind.__name__, code)
            assert f"{label.context}\x04{label.msgid}" in catalog, (kind.__name__, label.msgid)
            member = kind(code)
            assert kind.parse(member.label("id").upper()) == code
            assert kind.parse(member.label("en")) == code
            assert member.label_message.render("id") == member.label_id

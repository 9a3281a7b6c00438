"""The evaluation cycle: last cycle's recommendations followed up in this cycle's documents.

Given the Jawa Timur sample (the 2024 evaluation, documents dated 15 January 2025) and its
previous cycle (samples/jatim-2023.yaml, followed up in samples/tindak-lanjut-2023.xlsx), the
reports list each region's earlier actions with their statuses and mark the late ones with the
days overdue, counted by hand below.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from click.testing import CliRunner
from docx import Document
from openpyxl import load_workbook

import evalreport
from evalreport.cli import main
from evalreport.data.followup import (
    CYCLE_SHEET,
    FOLLOWUP_SHEET,
    ActionUpdate,
    PreviousCycle,
    check_pair,
    followup_workbook,
    load_previous,
)
from evalreport.data.model import Action, FollowUpStatus
from evalreport.errors import DataError
from evalreport.scoring.followup import ActionFollowUp, days_overdue, recommendation_status

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
CURRENT = SAMPLES / "jatim.yaml"
PREVIOUS = SAMPLES / "jatim-2023.yaml"
WORKBOOK = SAMPLES / "tindak-lanjut-2023.xlsx"


@pytest.fixture(scope="module")
def current():
    return evalreport.load(CURRENT)


@pytest.fixture(scope="module")
def previous():
    return load_previous(WORKBOOK)


def _texts(path: Path) -> list[str]:
    """Every paragraph of a document, in the body and in its table cells, in order."""
    doc = Document(str(path))
    out = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            out += [c.text for c in row.cells]
    return out


def _row(path: Path, first: str) -> list[str]:
    """The cells of the first table row whose text contains ``first``."""
    doc = Document(str(path))
    for table in doc.tables:
        for row in table.rows:
            cells = [c.text for c in row.cells]
            if any(first in c for c in cells):
                return cells
    raise AssertionError(f"no row with {first!r}")


# ----------------------------------------------------------------------------- the report

@pytest.fixture(scope="module")
def rendered(tmp_path_factory, current):
    out = tmp_path_factory.mktemp("cycle")
    result = evalreport.render(current, out, regions=["3526"], previous=WORKBOOK)
    assert result.ok
    return out / "3526-kabupaten-bangkalan"


def test_report_marks_late_actions_with_days_counted_to_the_document_date(rendered, current):
    # document date 15 January 2025 (samples/jatim.yaml)
    assert current.document.date == dt.date(2025, 1, 15)
    report = rendered / "laporan-evaluasi.docx"
    # TL23-02, due 30 September 2024, 55 % done: October 31 + November 30 + December 31 +
    # January 15 = 107 days late
    row = _row(report, "TL23-02")
    assert "30 September 2024" in row[2] and "Terlambat 107 hari" in row[2]
    assert "Belum sesuai" in row[3] and "0% → 55%" in row[3]
    # TL23-03, due 31 December 2024, not started: 15 days late
    assert "Terlambat 15 hari" in _row(report, "TL23-03")[2]
    # TL23-01 is done (not late although its deadline passed); TL23-04 is due 31 March 2025
    assert "Terlambat" not in _row(report, "TL23-01")[2]
    assert "Sesuai rekomendasi" in _row(report, "TL23-01")[3]
    assert "Terlambat" not in _row(report, "TL23-04")[2]


def test_report_says_how_many_earlier_recommendations_were_followed_up(rendered):
    texts = "\n".join(_texts(rendered / "laporan-evaluasi.docx"))
    assert "Tindak Lanjut Hasil Evaluasi Periode 2023" in texts
    # R23-01 (one action done, one not) and R23-02 (none done) are both "belum sesuai"
    # none done: the sentence does not open with "0 dari 2"
    assert ("Belum ada satu pun dari 2 rekomendasi hasil evaluasi periode 2023 yang telah "
            "ditindaklanjuti sesuai rekomendasi; 2 kegiatan terlambat.") in texts
    assert "0 dari 2 rekomendasi" not in texts
    # another region's earlier actions are not in this region's report
    assert "TL23-05" not in texts and "TL23-08" not in texts


def test_action_plan_shows_status_then_and_now(rendered):
    row = _row(rendered / "rencana-tindak-lanjut.docx", "Pembentukan SKDK di 20 desa prioritas")
    assert "Belum ditindaklanjuti" in row  # as recorded in January 2024
    assert "Belum sesuai" in row  # now
    assert any("0% → 55%" in c and "+55 poin" in c for c in row)
    assert "Terlambat 107 hari" in row


def test_without_previous_there_is_no_follow_up_section(tmp_path, current):
    result = evalreport.render(current, tmp_path, regions=["3526"], docs=["laporan-evaluasi"])
    assert result.ok
    texts = "\n".join(_texts(tmp_path / "3526-kabupaten-bangkalan" / "laporan-evaluasi.docx"))
    assert "Tindak Lanjut Hasil Evaluasi Periode" not in texts


def test_summary_counts_every_region(tmp_path, current):
    from evalreport.context.summary import build_summary

    card = evalreport.score(current, previous=evalreport.previous(current, WORKBOOK))
    ctx = build_summary(card)["tindak_lanjut_lalu"]
    # R23-03 is done; R23-01, R23-02 and R23-05 not yet; R23-04 cannot; R23-06 not started.
    # Late: TL23-02, TL23-03, TL23-07 (due 30 November 2024, 70 %), TL23-08 (programme-wide).
    assert ctx["kalimat"] == ("1 dari 6 rekomendasi hasil evaluasi periode 2023 telah "
                              "ditindaklanjuti sesuai rekomendasi; 4 kegiatan terlambat.")
    jember = next(w for w in ctx["wilayah"] if w["nama"] == "Kabupaten Jember")
    assert (jember["jumlah_sesuai"], jember["jumlah_tidak_dapat"], jember["jumlah_terlambat"]) == (1, 1, 0)
    # the total row adds up the regions' rows (and the programme-wide one)
    for key, total in ctx["jumlah"].items():
        assert total == sum(w[key] for w in ctx["wilayah"]), key
    assert (ctx["jumlah"]["jumlah_rekomendasi"], ctx["jumlah"]["jumlah_belum_sesuai"]) == (6, 3)


# ----------------------------------------------------------------------------- statuses

def _follow(status: str, progress: float = 0, deadline=dt.date(2024, 6, 30)) -> ActionFollowUp:
    action = Action(code="X", recommendation="R", activity="a", responsible="b", deadline=deadline,
                    success_indicator="c")
    s = FollowUpStatus(status)
    return ActionFollowUp(action, None, s, progress, None, "update",
                          days_overdue(deadline, s, dt.date(2025, 1, 15)))


def test_recommendation_status_follows_from_its_actions():
    assert recommendation_status([]) == FollowUpStatus.NOT_STARTED
    assert recommendation_status([_follow("sesuai", 100), _follow("tidak_dapat_ditindaklanjuti")]
                                 ) == FollowUpStatus.DONE
    assert recommendation_status([_follow("tidak_dapat_ditindaklanjuti")]) == FollowUpStatus.CANNOT
    assert recommendation_status([_follow("belum_ditindaklanjuti"), _follow("belum_ditindaklanjuti")]
                                 ) == FollowUpStatus.NOT_STARTED
    assert recommendation_status([_follow("sesuai", 100), _follow("belum_ditindaklanjuti")]
                                 ) == FollowUpStatus.NOT_YET_DONE
    # some progress is a start, even before the status is changed
    assert recommendation_status([_follow("belum_ditindaklanjuti", 10)]) == FollowUpStatus.NOT_YET_DONE


def test_days_overdue_only_for_open_actions_past_their_deadline():
    as_of = dt.date(2025, 1, 15)
    assert days_overdue(dt.date(2024, 6, 30), "belum_sesuai", as_of) == 199
    assert days_overdue(dt.date(2025, 1, 14), "belum_ditindaklanjuti", as_of) == 1
    assert days_overdue(dt.date(2025, 1, 15), "belum_ditindaklanjuti", as_of) is None  # due today
    assert days_overdue(dt.date(2024, 6, 30), "sesuai", as_of) is None
    assert days_overdue(dt.date(2024, 6, 30), "tidak_dapat_ditindaklanjuti", as_of) is None


def test_an_action_carried_into_this_cycle_takes_its_status_from_there(current):
    previous = load_previous(PREVIOUS)  # the full dataset: every action still as planned
    carried = previous.actions[0].model_copy(update={"status": "sesuai", "progress": 100})
    data = current.model_copy(update={"actions": [*current.actions, carried]})
    card = evalreport.score(data, previous=previous)
    first = card.followup.recommendations[0].actions
    assert (first[0].status, first[0].source, first[0].overdue) == (FollowUpStatus.DONE, "current", None)
    assert first[1].source == "recorded" and first[1].overdue == 107


# ----------------------------------------------------------------------------- the pair

def test_pair_problems_have_places(current, previous):
    late_period = previous.model_copy(update={"period": "2024", "document_date": dt.date(2025, 2, 1)})
    codes = {p.code for p in check_pair(current, late_period)}
    assert {"previous-period", "previous-date"} <= codes

    bad_action = previous.actions[0].model_copy(update={"recommendation": "R23-1"})
    moved = previous.model_copy(update={"actions": [bad_action, *previous.actions[1:]]})
    [problem] = [p for p in check_pair(current, moved) if p.code == "unknown-code"]
    text = problem.describe("id")
    assert "kegiatan TL23-01" in text and "'R23-1'" in text and "R23-01" in text  # a suggestion

    gone = previous.recommendations[0].model_copy(update={"region": "3599"})
    regions = previous.model_copy(update={"recommendations": [gone, *previous.recommendations[1:]]})
    [warning] = [p for p in check_pair(current, regions) if p.code == "previous-region"]
    assert warning.severity == "warning" and "3599" in warning.describe("id")

    assert check_pair(current, previous) == []


def test_carried_action_under_another_recommendation_is_an_error(current, previous):
    carried = previous.actions[0].model_copy(update={"recommendation": "R01"})
    data = current.model_copy(update={"actions": [*current.actions, carried]})
    [problem] = check_pair(data, previous)
    assert problem.code == "carried-action" and "R01" in problem.describe("id")
    with pytest.raises(DataError):
        evalreport.previous(data, previous)


def test_validate_with_previous_names_the_problem(tmp_path):
    bad = tmp_path / "tindak-lanjut.xlsx"
    wb = load_workbook(WORKBOOK)
    wb[CYCLE_SHEET]["B3"] = "2024"  # Periode evaluasi: the same period as this cycle
    wb.save(bad)
    result = CliRunner().invoke(main, ["validate", str(CURRENT), "--previous", str(bad)])
    assert result.exit_code == 1
    assert "evaluasi sebelumnya" in result.output and "2024" in result.output


def test_render_refuses_a_previous_cycle_that_does_not_come_before(tmp_path):
    result = CliRunner().invoke(main, ["render", str(PREVIOUS), "--previous", str(CURRENT),
                                       "-o", str(tmp_path / "out"), "--region", "3526"])
    assert result.exit_code == 1
    assert not (tmp_path / "out" / "3526-kabupaten-bangkalan").exists()


def test_score_lists_earlier_actions_with_days_overdue():
    result = CliRunner().invoke(main, ["score", str(CURRENT), "--region", "3526", "--previous",
                                       str(WORKBOOK), "--format", "json"])
    assert result.exit_code == 0, result.output
    import json
    rows = {r["action"]: r for r in json.loads(result.output)["followup"]}
    assert set(rows) == {"TL23-01", "TL23-02", "TL23-03", "TL23-04"}
    assert rows["TL23-02"]["days_overdue"] == 107 and rows["TL23-02"]["progress_change"] == 55


# ----------------------------------------------------------------------------- the workbook

def test_followup_command_writes_a_status_dropdown(tmp_path):
    out = tmp_path / "tindak-lanjut.xlsx"
    result = CliRunner().invoke(main, ["followup", str(PREVIOUS), "-o", str(out)])
    assert result.exit_code == 0, result.output
    wb = load_workbook(out)
    ws = wb[FOLLOWUP_SHEET]
    header = [c.value for c in ws[1]]
    status_col = header.index("Status Terkini") + 1
    [dv] = [d for d in ws.data_validations.dataValidation if d.type == "list"]
    letter = ws.cell(1, status_col).column_letter
    assert f"{letter}2" in dv.sqref and f"{letter}9" in dv.sqref  # 8 actions
    listed = wb[dv.formula1.split("!")[0].strip("'")]
    assert [c.value for c in listed["A"]] == FollowUpStatus.choices_id()
    assert ws.max_row == 9
    # it is never overwritten by accident
    again = CliRunner().invoke(main, ["followup", str(PREVIOUS), "-o", str(out)])
    assert again.exit_code != 0 and "--force" in again.output


def test_a_workbook_row_with_progress_but_no_status_is_located(tmp_path):
    bad = tmp_path / "tindak-lanjut.xlsx"
    wb = load_workbook(WORKBOOK)
    ws = wb[FOLLOWUP_SHEET]
    header = [c.value for c in ws[1]]
    ws.cell(4, header.index("Status Terkini") + 1).value = None
    ws.cell(5, header.index("Batas Waktu") + 1).value = "kemarin"
    wb.save(bad)
    with pytest.raises(DataError) as err:
        load_previous(bad)
    texts = [p.describe("id") for p in err.value.problems]
    assert any("baris 4" in t and "Status Terkini" in t for t in texts), texts
    assert any("baris 5" in t and "Batas Waktu" in t for t in texts), texts


def test_the_workbook_stands_for_the_dataset(previous):
    from_dataset = load_previous(PREVIOUS)
    assert previous.model_copy(update={"updates": []}).model_dump() == from_dataset.model_dump()
    assert [u.action for u in previous.updates] == [f"TL23-0{n}" for n in range(1, 8)]


# the lossless round trip: written, read back, equal -------------------------------------

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_LINE = st.text(st.characters(categories=("L", "N", "P", "S", "Zs"),
                              exclude_characters="\x85\xa0\u2028\u2029"),
                min_size=1, max_size=30).map(lambda s: " ".join(s.split())).filter(bool)
_CODE = _LINE.map(lambda s: s[:20])
_TEXT = st.lists(_LINE, min_size=1, max_size=3).map("\n".join)
_DATE = st.dates(dt.date(1990, 1, 1), dt.date(2100, 12, 31))
_STATUS = st.sampled_from([s.value for s in FollowUpStatus])
_PROGRESS = st.one_of(st.integers(0, 100), st.floats(0, 100, allow_nan=False).map(lambda x: round(x, 4)))


@st.composite
def cycles(draw) -> PreviousCycle:
    regions = draw(st.lists(st.tuples(_CODE, _LINE), max_size=3, unique_by=lambda r: r[0]))
    rec_codes = draw(st.lists(_CODE, min_size=1, max_size=3, unique=True))
    region_codes = [r[0] for r in regions]
    recs = [dict(code=c, text=draw(_TEXT), addressed_to=draw(_LINE),
                 priority=draw(st.sampled_from(["high", "medium", "low"])),
                 findings=draw(st.lists(_CODE.filter(lambda s: "," not in s and ";" not in s),
                                        max_size=2)),
                 region=draw(st.sampled_from([None, *region_codes]))) for c in rec_codes]
    actions, updates = [], []
    for code in draw(st.lists(_CODE, max_size=4, unique=True)):
        actions.append(dict(
            code=code, recommendation=draw(st.sampled_from(rec_codes)), activity=draw(_TEXT),
            responsible=draw(_LINE), partners=draw(st.one_of(st.none(), _LINE)), deadline=draw(_DATE),
            success_indicator=draw(_TEXT), budget=draw(st.one_of(st.none(), st.integers(0, 10**13))),
            funding_source=draw(st.one_of(st.none(), _LINE)), status=draw(_STATUS),
            progress=draw(_PROGRESS), evidence=draw(st.one_of(st.none(), _TEXT)),
            region=draw(st.sampled_from([None, *region_codes]))))
        if draw(st.booleans()):
            updates.append(ActionUpdate(action=code, status=draw(_STATUS), progress=draw(_PROGRESS),
                                        evidence=draw(st.one_of(st.none(), _TEXT))))
    return PreviousCycle(
        programme=draw(_LINE), period=draw(_CODE), periods=draw(st.lists(_CODE.filter(
            lambda s: "," not in s and ";" not in s), min_size=1, max_size=3)),
        document_date=draw(_DATE), programme_region=draw(_CODE),
        regions=[dict(code=c, name=n) for c, n in regions], recommendations=recs,
        actions=actions, updates=updates)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(cycle=cycles())
def test_followup_workbook_round_trip_is_lossless(tmp_path, cycle):
    path = tmp_path / "tindak-lanjut.xlsx"
    path.write_bytes(followup_workbook(cycle))
    back = load_previous(path)
    assert back.model_dump() == cycle.model_dump()


def test_this_cycles_late_action_is_marked_in_the_action_plan(tmp_path, current):
    # an action due 30 June 2024 still not followed up in documents dated 15 January 2025:
    # July 31 + August 31 + September 30 + October 31 + November 30 + December 31 + January 15
    # = 199 days late
    late = Action.model_validate({**current.actions[0].model_dump(), "deadline": "2024-06-30",
                                  "status": "belum_ditindaklanjuti", "progress": 0})
    data = current.model_copy(update={"actions": [late, *current.actions[1:]]})
    assert evalreport.render(data, tmp_path, regions=[late.region], docs=["rencana-tindak-lanjut"]).ok
    [folder] = [p for p in tmp_path.iterdir() if p.is_dir()]
    row = _row(folder / "rencana-tindak-lanjut.docx", late.activity)
    assert "30 Juni 2024" in row
    assert any("Belum ditindaklanjuti" in c and "Terlambat 199 hari" in c for c in row)
    others = "\n".join(_texts(folder / "rencana-tindak-lanjut.docx"))
    assert others.count("Terlambat") == 1

"""Scoring, as DOMAIN.md defines it: achievement (capaian), target met, band, change, rank.

Every expected number below is worked out by hand in the comment next to it, the way an M&E
officer would check a report with a calculator: C = R / T x 100 (higher is better),
C = (2T - R) / T x 100 (lower is better), rounded half-up to two decimals, never below 0.
"""
from __future__ import annotations

import copy
from decimal import Decimal

import pytest
from conftest import write_yaml
from hypothesis import given, settings
from hypothesis import strategies as st

import evalreport
from evalreport.data import bands
from evalreport.data.model import BandDef, Comparator, Polarity
from evalreport.scoring.scorecard import Flag, Target, achievement, target_met

GE, LT, LE, EQ, BETWEEN = (Comparator.GE, Comparator.LT, Comparator.LE, Comparator.EQ,
                           Comparator.BETWEEN)
HIGHER, LOWER, RANGE, EXACT = Polarity.HIGHER, Polarity.LOWER, Polarity.RANGE, Polarity.EXACT


def at_least(t: float) -> Target:
    return Target(GE, t)


def below(t: float) -> Target:
    return Target(LT, t)


def between(lo: float, hi: float) -> Target:
    return Target(BETWEEN, None, lo, hi)


def D(text: str) -> Decimal:
    return Decimal(text)


# ------------------------------------------------------------------ achievement, by the formula

class TestHigherIsBetter:
    def test_public_trust_example_from_the_syllabus(self):
        # T = 70, R = 64.2: 64.2 / 70 x 100 = 91.714285... -> 91.71
        c = achievement(64.2, at_least(70), HIGHER)
        assert c == D("91.71")
        assert str(c) == "91.71"  # two decimals, as the report prints it

    def test_top_band_yet_target_not_met(self):
        # DOMAIN.md: 91.71 % is in the top band, but 64.2 < 70 so the target is not met.
        c = achievement(64.2, at_least(70), HIGHER)
        assert bands.PRESETS["permendagri-86-2017"].classify(float(c)).label == "Sangat Tinggi"
        assert target_met(64.2, at_least(70)) is False

    def test_above_target_goes_above_hundred(self):
        # 72.5 / 70 x 100 = 103.5714... -> 103.57
        assert achievement(72.5, at_least(70), HIGHER) == D("103.57")
        assert target_met(72.5, at_least(70)) is True

    def test_met_exactly_at_the_target(self):
        assert achievement(70, at_least(70), HIGHER) == D("100.00")
        assert target_met(70, at_least(70)) is True
        assert target_met(70, Target(Comparator.GT, 70)) is False


class TestLowerIsBetter:
    def test_conflict_cases_below_the_limit(self):
        # T = 5, R = 3.8: (10 - 3.8) / 5 x 100 = 124
        assert achievement(3.8, below(5), LOWER) == D("124.00")
        assert target_met(3.8, below(5)) is True

    def test_conflict_cases_above_the_limit(self):
        # T = 5, R = 6.1: (10 - 6.1) / 5 x 100 = 78
        assert achievement(6.1, below(5), LOWER) == D("78.00")
        assert target_met(6.1, below(5)) is False

    def test_never_below_zero(self):
        # T = 5, R = 12: (10 - 12) / 5 x 100 = -40 -> shown as 0.00
        assert achievement(12, below(5), LOWER) == D("0.00")

    def test_strict_and_non_strict_limits(self):
        assert target_met(5, below(5)) is False
        assert target_met(5, Target(LE, 5)) is True


class TestRangeTarget:
    def test_inside_the_range_is_hundred(self):
        assert achievement(85, between(80, 90), RANGE) == D("100.00")
        assert achievement(80, between(80, 90), RANGE) == D("100.00")
        assert achievement(90, between(80, 90), RANGE) == D("100.00")
        assert target_met(85, between(80, 90)) is True

    def test_below_the_range_is_measured_against_the_lower_bound(self):
        # 72 / 80 x 100 = 90
        assert achievement(72, between(80, 90), RANGE) == D("90.00")
        assert target_met(72, between(80, 90)) is False

    def test_above_the_range_is_measured_against_the_upper_bound(self):
        # (2 x 90 - 99) / 90 x 100 = 81 / 90 x 100 = 90
        assert achievement(99, between(80, 90), RANGE) == D("90.00")
        assert target_met(99, between(80, 90)) is False


class TestExactTarget:
    def test_at_the_target(self):
        assert achievement(100, Target(EQ, 100), EXACT) == D("100.00")
        assert target_met(100, Target(EQ, 100)) is True

    def test_below_the_target(self):
        # 95 / 100 x 100 = 95
        assert achievement(95, Target(EQ, 100), EXACT) == D("95.00")
        assert target_met(95, Target(EQ, 100)) is False

    def test_above_the_target_counts_as_a_miss_too(self):
        # (200 - 105) / 100 x 100 = 95
        assert achievement(105, Target(EQ, 100), EXACT) == D("95.00")


class TestUndefinedAchievement:
    def test_target_zero_gives_no_achievement(self):
        assert achievement(3, at_least(0), HIGHER) is None
        assert achievement(3, below(0), LOWER) is None

    def test_no_target_gives_no_achievement_and_no_verdict(self):
        assert achievement(3, Target(GE, None), HIGHER) is None
        assert target_met(3, Target(GE, None)) is None
        assert achievement(3, Target(BETWEEN, None, 80, None), RANGE) is None


class TestHalfUpRounding:
    """C is rounded half-up on the decimal numbers as written, like a hand calculation."""

    @pytest.mark.parametrize("actual, target, expected", [
        (1, 8, "12.50"),        # 1/8 x 100 = 12.5 exactly
        (2, 3, "66.67"),        # 66.666... -> 66.67
        (1, 3, "33.33"),        # 33.333... -> 33.33
        (0.9, 8, "11.25"),      # 0.9/8 x 100 = 11.25 exactly
        (1, 16, "6.25"),        # 6.25 exactly
        (1, 400, "0.25"),       # 0.25 exactly
        (1, 8000, "0.01"),      # 0.0125 -> third decimal 2 -> 0.01
        (1.0004, 80, "1.25"),   # 1.0004/80 x 100 = 1.2505 -> third decimal 0 -> 1.25
        (1, 800, "0.13"),       # 0.125 exactly: half-up gives 0.13 (banker's would give 0.12)
        (1.25, 200, "0.63"),    # 0.625 exactly: half-up gives 0.63 (banker's would give 0.62)
        (1.005, 100, "1.01"),   # 1.005 as written (a binary float would say 1.00499... -> 1.00)
        (70.007, 100, "70.01"),  # 70.007 -> 70.01
    ])
    def test_higher_is_better(self, actual, target, expected):
        assert achievement(actual, at_least(target), HIGHER) == D(expected)

    def test_lower_is_better_tie(self):
        # T = 8, R = 15.99: (16 - 15.99) / 8 x 100 = 0.125 -> 0.13
        assert achievement(15.99, below(8), LOWER) == D("0.13")

    def test_result_always_has_two_decimals(self):
        assert achievement(7, at_least(7), HIGHER).as_tuple().exponent == -2


# ------------------------------------------------------------------------------------- bands

PERMENDAGRI = bands.PRESETS["permendagri-86-2017"]
FOUR = bands.PRESETS["kinerja-individu-4"]
SIX = bands.PRESETS["lkjip-6"]


@pytest.mark.parametrize("scheme, value, label", [
    # Permendagri 86/2017: > 90, > 75, > 65, > 50, otherwise
    (PERMENDAGRI, 90, "Tinggi"),
    (PERMENDAGRI, 90.01, "Sangat Tinggi"),
    (PERMENDAGRI, 75, "Sedang"),
    (PERMENDAGRI, 75.01, "Tinggi"),
    (PERMENDAGRI, 65, "Rendah"),
    (PERMENDAGRI, 65.01, "Sedang"),
    (PERMENDAGRI, 50, "Sangat Rendah"),
    (PERMENDAGRI, 50.01, "Rendah"),
    (PERMENDAGRI, 150, "Sangat Tinggi"),
    (PERMENDAGRI, -5, "Sangat Rendah"),
    # 4 bands: >= 100 Baik, 80 to < 100 Cukup, 60 to < 80 Kurang, < 60 Sangat Kurang
    (FOUR, 100, "Baik"),
    (FOUR, 99.99, "Cukup"),
    (FOUR, 80, "Cukup"),
    (FOUR, 79.99, "Kurang"),
    (FOUR, 60, "Kurang"),
    (FOUR, 59.99, "Sangat Kurang"),
    (FOUR, 150, "Baik"),
    (FOUR, -5, "Sangat Kurang"),
    # 6 bands: > 85, > 75, > 65, > 50, > 30, otherwise
    (SIX, 85, "Sangat Baik"),
    (SIX, 85.01, "Memuaskan"),
    (SIX, 75, "Baik"),
    (SIX, 65, "Cukup Baik"),
    (SIX, 50, "Agak Kurang"),
    (SIX, 30, "Kurang"),
    (SIX, 30.01, "Agak Kurang"),
    (SIX, 150, "Memuaskan"),
    (SIX, -5, "Kurang"),
])
def test_preset_band_boundaries(scheme, value, label):
    assert scheme.classify(value).label == label


def test_presets_are_resolved_by_name_and_unknown_names_are_refused():
    assert bands.resolve("lkjip-6") is SIX
    with pytest.raises(ValueError, match="permendagri-86-2017"):
        bands.resolve("lkjip-7")


def test_the_band_is_chosen_from_the_rounded_achievement(minimal_dict):
    # T = 1000, R = 900.04: 90.004 % is printed as 90.00 %, and 90.00 is 'Tinggi', not
    # 'Sangat Tinggi' (> 90): the report never shows a band its own number contradicts.
    minimal_dict["indicators"][0].update(target=1000, unit="orang")
    minimal_dict["observations"][1]["value"] = 900.04
    r = evalreport.score(evalreport.parse(minimal_dict)).get("3507", "2024", "KP01")
    assert r.achievement == D("90.00")
    assert r.band.label == "Tinggi"


def _matching(scheme: bands.BandScheme, value: float) -> list[str]:
    """Bands whose own rule admits the value: above its bound and not above the one before."""
    out = []
    for i, band in enumerate(scheme.bands):
        above_own = band.contains_above(value)
        above_previous = i > 0 and scheme.bands[i - 1].contains_above(value)
        if above_own and not above_previous:
            out.append(band.label)
    return out


@settings(max_examples=200, deadline=None)
@given(st.floats(min_value=-1e6, max_value=1e6, allow_nan=False))
def test_every_value_falls_in_exactly_one_band_of_each_preset(value):
    for scheme in bands.PRESETS.values():
        matching = _matching(scheme, value)
        assert len(matching) == 1, (scheme.name, value, matching)
        assert scheme.classify(value).label == matching[0]


@st.composite
def custom_schemes(draw):
    n = draw(st.integers(min_value=1, max_value=6))
    mins = sorted(draw(st.lists(st.integers(-200, 300), min_size=n, max_size=n, unique=True)),
                  reverse=True)
    defs = [BandDef(label=f"P{i}", min=m, inclusive=draw(st.booleans())) for i, m in enumerate(mins)]
    defs.append(BandDef(label="Lainnya"))
    return defs


@settings(max_examples=200, deadline=None)
@given(custom_schemes(), st.floats(min_value=-1e6, max_value=1e6, allow_nan=False))
def test_every_value_falls_in_exactly_one_band_of_a_custom_scheme(defs, value):
    scheme = bands.resolve(defs)
    matching = _matching(scheme, value)
    assert len(matching) == 1
    assert scheme.classify(value).label == matching[0]


CUSTOM_BANDS = [
    {"label": "Hijau", "min": 100, "inclusive": True, "color": "#1B7837"},
    {"label": "Kuning", "min": 80, "inclusive": True, "color": "#F6C141"},
    {"label": "Merah", "color": "#D6404E"},
]


@pytest.fixture(scope="module")
def custom_band_data(tmp_path_factory):
    """The small dataset with its own traffic-light bands, loaded from a YAML file."""
    from conftest import MINIMAL
    raw = copy.deepcopy(MINIMAL)
    raw["bands"] = CUSTOM_BANDS
    return evalreport.load(write_yaml(tmp_path_factory.mktemp("bands"), raw))


@settings(max_examples=200, deadline=None)
@given(st.floats(min_value=-1e6, max_value=1e6, allow_nan=False))
def test_custom_bands_from_the_data_file_cover_every_value_once(custom_band_data, value):
    scheme = bands.resolve(custom_band_data.bands)
    matching = _matching(scheme, value)
    assert len(matching) == 1
    expected = "Hijau" if value >= 100 else "Kuning" if value >= 80 else "Merah"
    assert scheme.classify(value).label == expected


def test_custom_bands_from_the_data_file_are_used_by_the_scorecard(custom_band_data):
    card = evalreport.score(custom_band_data)
    # 3507 2024 KP01: 72.5 / 70 -> 103.57 -> Hijau; 3526 2024 KP01: 91.71 -> Kuning;
    # 3526 2023 KS02: (10 - 7) / 5 = 60.00 -> Merah
    assert card.get("3507", "2024", "KP01").band.label == "Hijau"
    assert card.get("3526", "2024", "KP01").band.label == "Kuning"
    assert card.get("3526", "2023", "KS02").band.label == "Merah"
    assert card.get("3526", "2023", "KS02").band.color == "#D6404E"


# ---------------------------------------------------------------------- properties of C

positive_targets = st.decimals(min_value="0.01", max_value="10000", places=2).map(float)
actuals = st.decimals(min_value="-1000", max_value="100000", places=3).map(float)


@settings(max_examples=200, deadline=None)
@given(positive_targets, actuals, actuals)
def test_higher_is_better_achievement_never_falls_when_the_actual_rises(t, r1, r2):
    lo, hi = sorted((r1, r2))
    assert achievement(lo, at_least(t), HIGHER) <= achievement(hi, at_least(t), HIGHER)


@settings(max_examples=200, deadline=None)
@given(positive_targets, actuals, actuals)
def test_lower_is_better_achievement_never_rises_when_the_actual_rises(t, r1, r2):
    lo, hi = sorted((r1, r2))
    assert achievement(lo, below(t), LOWER) >= achievement(hi, below(t), LOWER)


@settings(max_examples=200, deadline=None)
@given(positive_targets, actuals, st.sampled_from([HIGHER, LOWER, EXACT]))
def test_achievement_is_never_negative(t, r, polarity):
    cmp = {HIGHER: GE, LOWER: LT, EXACT: EQ}[polarity]
    c = achievement(r, Target(cmp, t), polarity)
    assert c is not None and c >= 0


@settings(max_examples=200, deadline=None)
@given(st.decimals(min_value="0", max_value="500", places=2),
       st.decimals(min_value="0.01", max_value="500", places=2), actuals)
def test_range_achievement_is_hundred_inside_and_never_negative(a, width, r):
    lo, hi = float(a), float(a + width)
    c = achievement(r, between(lo, hi), RANGE)
    if lo == 0 and r < 0:
        assert c is None  # below a range starting at 0: no ratio to take, never a division by 0
        return
    assert c is not None and c >= 0
    if lo <= r <= hi:
        assert c == 100
    else:
        assert c <= 100


# --------------------------------------------------------------- the scorecard of a dataset

@pytest.fixture
def card(minimal_dict):
    return evalreport.score(evalreport.parse(minimal_dict))


class TestScorecard:
    def test_bangkalan_public_trust_2024(self, card):
        r = card.get("3526", "2024", "KP01")
        assert r.actual == 64.2
        assert r.achievement == D("91.71")
        assert r.band.label == "Sangat Tinggi"
        assert r.met is False
        assert r.flags == ()

    def test_auxiliary_inputs_are_not_reported(self, card):
        codes = {r.indicator.code for r in card.select("3507")}
        assert codes == {"KP01", "KS01", "IN01", "KS02"}
        assert card.get("3507", "2024", "KS01A") is None

    def test_select_defaults_to_the_current_period(self, card):
        assert {r.period for r in card.select("3507")} == {"2024"}
        assert {r.period for r in card.select("3507", "2023")} == {"2023"}
        assert {r.region.code for r in card.select(None, "2023")} == {"3507", "3526"}

    def test_derived_value_is_cases_per_population_times_scale_rounded(self, card):
        # 3507 2024: 1096 / 2740466 x 10000 = 3.99932... -> 4.00
        # 3526 2024: 577 / 1101958 x 10000 = 5.23613... -> 5.24
        # 3526 2023: 600 / 1090000 x 10000 = 5.50458... -> 5.50
        assert card.get("3507", "2024", "KS01").actual == 4.0
        assert card.get("3526", "2024", "KS01").actual == 5.24
        assert card.get("3526", "2023", "KS01").actual == 5.5

    def test_derived_value_is_scored_as_if_written(self, card):
        # (10 - 5.24) / 5 x 100 = 95.2 -> 'Sangat Tinggi', but 5.24 is not < 5: not met.
        r = card.get("3526", "2024", "KS01")
        assert r.achievement == D("95.20")
        assert r.band.label == "Sangat Tinggi"
        assert r.met is False
        # (10 - 5.50) / 5 x 100 = 90.00 -> not above 90 -> 'Tinggi'
        assert card.get("3526", "2023", "KS01").band.label == "Tinggi"

    def test_change_against_previous_period_and_baseline_is_exact(self, card, minimal_dict):
        r = card.get("3526", "2024", "KP01")
        assert r.previous_period == "2023"
        assert r.previous == 61.0
        assert r.change_previous == 3.2      # 64.2 - 61.0, not 3.2000000000000028
        assert r.trend == "better"
        # the indicator's baseline is the province's: Bangkalan's own change is not computed
        assert (r.baseline, r.baseline_own, r.change_baseline) == (65.4, False, None)
        minimal_dict["targets"] = [{"indicator": "KP01", "region": "3526", "baseline": 60.0,
                                    "baseline_year": "2022"}]
        r = evalreport.score(evalreport.parse(minimal_dict)).get("3526", "2024", "KP01")
        assert (r.baseline, r.baseline_year, r.baseline_own) == (60.0, "2022", True)
        assert r.change_baseline == 4.2      # 64.2 - 60.0, not 4.200000000000003
        assert r.target.value == 70          # a baseline row does not replace the target

    def test_trend_of_a_lower_is_better_indicator(self, card, minimal_dict):
        r = card.get("3507", "2024", "KS01")
        assert r.change_previous == -0.44   # 4.00 - 4.44 (1200 / 2700000 x 10000 = 4.444...)
        assert r.trend == "better"
        minimal_dict["targets"] = [{"indicator": "KS01", "region": "3507", "baseline": 4.12}]
        r = evalreport.score(evalreport.parse(minimal_dict)).get("3507", "2024", "KS01")
        assert r.change_baseline == -0.12   # 4.00 - 4.12
        assert r.baseline_year == "2021"    # the indicator's year when the row gives none

    def test_first_period_has_no_previous_and_a_range_moves_with_its_achievement(self, card):
        assert card.get("3507", "2023", "KP01").change_previous is None
        assert card.get("3507", "2023", "KP01").trend is None
        r = card.get("3507", "2024", "IN01")
        assert r.change_previous == 7.0
        assert r.change_baseline is None  # no baseline given
        # 78 below the 80-90 range (97.50 %) to 85 inside it (100 %): better
        assert r.trend == "better"
        # 70 -> 72 below the range for Bangkalan: 87.50 % -> 90.00 %, better as well
        assert card.get("3526", "2024", "IN01").trend == "better"

    def test_dimension_means_cap_each_achievement_at_100(self, card):
        d1, d2 = card.dimensions("3507")
        # D1: KP01 103.57 -> capped 100.00, IN01 100.00 -> 100.00 (uncapped: 101.785 -> 101.79)
        assert d1.dimension.code == "D1"
        assert (d1.indicators, d1.scored, d1.met) == (2, 2, 2)
        assert d1.mean_achievement == D("100.00")
        assert d1.aggregate.mean_uncapped == D("101.79")
        assert d1.band.label == "Sangat Tinggi"
        # D2: KS01 120.00, KS02 140.00 -> both capped at 100.00 (uncapped 130.00)
        assert d2.mean_achievement == D("100.00")
        assert d2.aggregate.mean_uncapped == D("130.00")

    def test_dimension_counts_targets_met_in_the_weaker_region(self, card):
        d1, d2 = card.dimensions("3526", "2023")
        # D1: KP01 61/70 = 87.14 (Tinggi, not met), IN01 70/80 = 87.50 -> mean 87.32
        assert d1.met == 0
        assert d1.mean_achievement == D("87.32")
        assert d1.band.label == "Tinggi"

    def test_dimension_mean_is_rounded_half_up_like_a_hand_calculation(self, minimal_dict):
        # Two D1 indicators with target 100 so that C equals R: 23.08 and 27.27.
        minimal_dict["indicators"][0]["target"] = 100
        minimal_dict["indicators"][4] = {
            "code": "IN01", "name": "Indikator uji", "dimension": "D1", "unit": "%",
            "comparator": ">=", "target": 100}
        for o in minimal_dict["observations"]:
            if o["region"] == "3507" and o["period"] == "2024" and o["indicator"] == "KP01":
                o["value"] = 23.08
            if o["region"] == "3507" and o["period"] == "2024" and o["indicator"] == "IN01":
                o["value"] = 27.27
        d1 = evalreport.score(evalreport.parse(minimal_dict)).dimensions("3507")[0]
        # (23.08 + 27.27) / 2 = 50.35 / 2 = 25.175 -> half-up 25.18
        assert d1.mean_achievement == D("25.18")


def _four_regions(minimal_dict, kp01: dict[str, float]) -> dict:
    minimal_dict["regions"] = [{"code": c, "name": n} for c, n in [
        ("3507", "Kabupaten Malang"), ("3509", "Kabupaten Jember"),
        ("3510", "Kabupaten Banyuwangi"), ("3526", "Kabupaten Bangkalan")]]
    minimal_dict["observations"] = [
        {"region": code, "period": "2024", "indicator": "KP01", "value": v}
        for code, v in kp01.items()]
    return minimal_dict


def test_competition_ranking_shares_a_place_and_skips_the_next(minimal_dict):
    # achievements 100.00, 90.00, 90.00, 80.00 -> ranks 1, 2, 2, 4
    data = _four_regions(minimal_dict, {"3507": 63, "3509": 70, "3510": 56, "3526": 63})
    card = evalreport.score(evalreport.parse(data))
    ranked = card.ranking("KP01")
    # a tie is listed by name: Bangkalan before Malang
    assert [(r.region.code, r.rank) for r in ranked] == [
        ("3509", 1), ("3526", 2), ("3507", 2), ("3510", 4)]
    assert all(r.rank_of == 4 for r in ranked)


def test_regions_without_a_value_are_ranked_last_and_not_counted(minimal_dict):
    data = _four_regions(minimal_dict, {"3507": 63, "3509": 70, "3510": 56})
    ranked = evalreport.score(evalreport.parse(data)).ranking("KP01")
    assert [(r.region.code, r.rank) for r in ranked] == [
        ("3509", 1), ("3507", 2), ("3510", 3), ("3526", None)]
    assert ranked[0].rank_of == 3


def test_lower_is_better_ranks_the_fewest_cases_first(minimal_dict):
    card = evalreport.score(evalreport.parse(minimal_dict))
    assert [r.region.code for r in card.ranking("KS01")] == ["3507", "3526"]  # 4.00 before 5.24


def test_the_most_specific_target_wins(minimal_dict):
    minimal_dict["targets"] = [
        {"indicator": "KP01", "period": "2024", "target": 72},
        {"indicator": "KP01", "region": "3526", "target": 65},
        {"indicator": "KP01", "region": "3526", "period": "2024", "target": 66},
    ]
    card = evalreport.score(evalreport.parse(minimal_dict))
    assert card.get("3507", "2023", "KP01").target.value == 70   # the indicator's own target
    assert card.get("3507", "2024", "KP01").target.value == 72   # the period's
    assert card.get("3526", "2023", "KP01").target.value == 65   # the region's
    r = card.get("3526", "2024", "KP01")
    assert r.target.value == 66                                  # region and period
    # 64.2 / 66 x 100 = 97.2727... -> 97.27, still not met
    assert r.achievement == D("97.27")
    assert r.met is False
    # 61 / 65 x 100 = 93.846... -> 93.85
    assert card.get("3526", "2023", "KP01").achievement == D("93.85")


def test_a_target_override_may_change_the_range(minimal_dict):
    minimal_dict["targets"] = [{"indicator": "IN01", "region": "3526",
                                "target_min": 70, "target_max": 75}]
    card = evalreport.score(evalreport.parse(minimal_dict))
    r = card.get("3526", "2024", "IN01")
    assert (r.target.min, r.target.max) == (70, 75)
    assert r.achievement == D("100.00") and r.met is True
    assert card.get("3507", "2024", "IN01").target.min == 80


# ----------------------------------------------------------------------------- flags

def _result(minimal_dict, region="3507", period="2024", indicator="KP01"):
    return evalreport.score(evalreport.parse(minimal_dict)).get(region, period, indicator)


def _set_value(minimal_dict, region, period, indicator, **fields):
    for o in minimal_dict["observations"]:
        if (o["region"], o["period"], o["indicator"]) == (region, period, indicator):
            o.update(fields)
            return
    raise AssertionError("no such observation")


class TestFlags:
    def test_target_zero_gives_no_achievement_and_a_flag(self, minimal_dict):
        minimal_dict["indicators"][0]["target"] = 0
        r = _result(minimal_dict)
        assert r.achievement is None and r.band is None
        assert Flag.TARGET_ZERO in r.flags
        assert r.met is True  # 72.5 >= 0 is still a verdict

    def test_missing_actual(self, minimal_dict):
        _set_value(minimal_dict, "3507", "2024", "KP01", value=None)
        r = _result(minimal_dict)
        assert r.actual is None and r.achievement is None and r.met is None
        assert r.flags == (Flag.NO_ACTUAL,)

    def test_a_dash_in_the_data_means_no_actual(self, minimal_dict):
        _set_value(minimal_dict, "3507", "2024", "KP01", value="-")
        assert _result(minimal_dict).flags == (Flag.NO_ACTUAL,)

    def test_text_actual_is_qualitative(self, minimal_dict):
        _set_value(minimal_dict, "3507", "2024", "KP01", value="belum disurvei")
        r = _result(minimal_dict)
        assert r.actual == "belum disurvei"
        assert r.achievement is None and r.met is None
        assert Flag.QUALITATIVE in r.flags

    def test_indonesian_decimal_comma_is_a_number(self, minimal_dict):
        _set_value(minimal_dict, "3526", "2024", "KP01", value="64,2")
        r = _result(minimal_dict, "3526")
        assert r.actual == 64.2 and r.achievement == D("91.71")

    def test_provisional_and_estimated_values(self, minimal_dict):
        _set_value(minimal_dict, "3507", "2024", "KP01", status="sementara")
        _set_value(minimal_dict, "3526", "2024", "KP01", status="estimate")
        card = evalreport.score(evalreport.parse(minimal_dict))
        r = card.get("3507", "2024", "KP01")
        assert r.flags == (Flag.PROVISIONAL,)
        assert r.achievement == D("103.57")  # still scored
        assert card.get("3526", "2024", "KP01").flags == (Flag.ESTIMATE,)

    def test_a_percentage_above_hundred_is_out_of_range(self, minimal_dict):
        _set_value(minimal_dict, "3507", "2024", "KP01", value=104)
        r = _result(minimal_dict)
        assert Flag.OUT_OF_RANGE in r.flags
        assert r.achievement == D("148.57")  # 104 / 70 x 100 = 148.5714..., still shown

    def test_no_target(self, minimal_dict):
        del minimal_dict["indicators"][0]["target"]
        r = _result(minimal_dict)
        assert r.flags == (Flag.NO_TARGET,)
        assert r.achievement is None and r.met is None

    def test_derived_value_with_a_missing_input(self, minimal_dict):
        minimal_dict["observations"] = [
            o for o in minimal_dict["observations"]
            if not (o["region"] == "3526" and o["period"] == "2024" and o["indicator"] == "KS01B")]
        r = _result(minimal_dict, "3526", "2024", "KS01")
        assert r.actual is None
        assert Flag.INPUT_MISSING in r.flags and Flag.NO_ACTUAL in r.flags

    def test_derived_value_takes_the_weakest_status_of_its_inputs(self, minimal_dict):
        _set_value(minimal_dict, "3526", "2024", "KS01A", status="sementara")
        r = _result(minimal_dict, "3526", "2024", "KS01")
        assert r.actual == 5.24
        assert Flag.PROVISIONAL in r.flags

    def test_a_value_written_directly_wins_over_the_formula(self, minimal_dict):
        minimal_dict["observations"].append(
            {"region": "3526", "period": "2024", "indicator": "KS01", "value": 4.9})
        r = _result(minimal_dict, "3526", "2024", "KS01")
        assert r.actual == 4.9 and r.met is True

    def test_range_starting_at_zero_is_not_a_zero_target(self, minimal_dict):
        minimal_dict["indicators"][4].update(unit="kasus", target_min=0, target_max=5)
        _set_value(minimal_dict, "3507", "2024", "IN01", value=3)
        r = _result(minimal_dict, indicator="IN01")
        assert r.achievement == D("100.00") and r.met is True
        assert Flag.TARGET_ZERO not in r.flags


@pytest.mark.parametrize("num, den, scale, decimals, expected", [
    (1096, 2740466, 10000, 2, 4.0),     # 3.99932... -> 4.00
    (1, 80000, 10000, 2, 0.13),         # 0.125 exactly -> half-up 0.13
    (25, 100000, 10000, 0, 3.0),        # 2.5 exactly -> half-up 3
    (3, 7, 100, 1, 42.9),               # 42.857... -> 42.9
])
def test_derived_value_rounding(minimal_dict, num, den, scale, decimals, expected):
    ind = minimal_dict["indicators"][1]
    ind["formula"]["scale"] = scale
    ind["decimals"] = decimals
    _set_value(minimal_dict, "3507", "2024", "KS01A", value=num)
    _set_value(minimal_dict, "3507", "2024", "KS01B", value=den)
    assert _result(minimal_dict, indicator="KS01").actual == expected

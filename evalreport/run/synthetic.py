"""A synthetic national dataset for benchmarks: hundreds of regencies and cities in 38 provinces.

Built from a real-looking sample (``samples/jatim.yaml`` by default): its programme name and
legal basis, bands, dimensions, indicators and province-wide findings, recommendations and
actions are kept. The agency, the narrative (background, aims, scope, methods, conclusions) and
the document settings (letterhead, signatory, addressee, place) are national and neutral
(:func:`_national_settings`): a ministry directorate evaluating every region, not the sample's
province office, its letterhead and logo, nor its story of eight sampled regencies. The
regions are made up (``Kabupaten``/``Kota`` with invented names, BPS-style codes, parent
``Provinsi <name>`` for the 38 real provinces, spread as the real 514 regencies and cities are),
and every value is drawn around the sample's values for the same indicator and period:

* a region has a "quality" that moves all of its indicators together (lower is better for
  rates such as conflict cases), each indicator its own offset, each period a little noise,
  so the trends look like the sample's (mostly improving, some regions lagging);
* a derived indicator (``formula``) is given through its inputs: the population from the
  region's population, the count from a drawn rate, so the computed rate is realistic;
* values respect the indicator's plausible range and decimals;
* exactly one value is provisional (``status: provisional``, with a note);
* the sample's region-specific findings, recommendations, actions, target overrides and
  disaggregated values are copied to a handful of regions, with the region's name written in.

Deterministic: the same ``n_regions`` and ``seed`` give the same dataset (``random.Random``).
Not kept as a data file; :func:`write_national` writes one on demand (YAML, or xlsx by suffix).
"""
from __future__ import annotations

import hashlib
import json
import math
import random
import shutil
import statistics
from collections import defaultdict
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from ..data import workbook
from ..data.load import TreeSource, load
from ..data.model import Dataset, Indicator
from ..data.validate import validate_data
from ..errors import DataError, EvalReportError
from ..i18n.formatting import Formatter
from ..i18n.messages import _
from ..output import OutputError, ensure_folder, write_bytes
from ..scoring.scorecard import Target, target_text

__all__ = ["PROVINCES", "LEVELS", "DEFAULT_REGIONS", "national_dataset", "write_national"]

# (code, name, regencies, cities): the 38 provinces and their regencies/cities (514 in all).
PROVINCES: tuple[tuple[str, str, int, int], ...] = (
    ("11", "Aceh", 18, 5),
    ("12", "Sumatera Utara", 25, 8),
    ("13", "Sumatera Barat", 12, 7),
    ("14", "Riau", 10, 2),
    ("15", "Jambi", 9, 2),
    ("16", "Sumatera Selatan", 13, 4),
    ("17", "Bengkulu", 9, 1),
    ("18", "Lampung", 13, 2),
    ("19", "Kepulauan Bangka Belitung", 6, 1),
    ("21", "Kepulauan Riau", 5, 2),
    ("31", "DKI Jakarta", 1, 5),
    ("32", "Jawa Barat", 18, 9),
    ("33", "Jawa Tengah", 29, 6),
    ("34", "DI Yogyakarta", 4, 1),
    ("35", "Jawa Timur", 29, 9),
    ("36", "Banten", 4, 4),
    ("51", "Bali", 8, 1),
    ("52", "Nusa Tenggara Barat", 8, 2),
    ("53", "Nusa Tenggara Timur", 21, 1),
    ("61", "Kalimantan Barat", 12, 2),
    ("62", "Kalimantan Tengah", 13, 1),
    ("63", "Kalimantan Selatan", 11, 2),
    ("64", "Kalimantan Timur", 7, 3),
    ("65", "Kalimantan Utara", 4, 1),
    ("71", "Sulawesi Utara", 11, 4),
    ("72", "Sulawesi Tengah", 12, 1),
    ("73", "Sulawesi Selatan", 21, 3),
    ("74", "Sulawesi Tenggara", 15, 2),
    ("75", "Gorontalo", 5, 1),
    ("76", "Sulawesi Barat", 6, 0),
    ("81", "Maluku", 9, 2),
    ("82", "Maluku Utara", 8, 2),
    ("91", "Papua", 8, 1),
    ("92", "Papua Barat", 7, 0),
    ("93", "Papua Selatan", 4, 0),
    ("94", "Papua Tengah", 8, 0),
    ("95", "Papua Pegunungan", 8, 0),
    ("96", "Papua Barat Daya", 5, 1),
)

_WORD_PREFIX = ("Tanjung", "Batu", "Sungai", "Muara", "Kuala", "Bukit", "Karang", "Pulau", "Teluk",
                "Tanah", "Rawa", "Padang", "Air", "Lubuk", "Gunung", "Kali", "Pematang", "Talang",
                "Labuhan", "Bumi", "Lembah", "Danau", "Tebing", "Ujung")
_JOIN_PREFIX = ("Suka", "Sido", "Mojo", "Banyu", "Wono", "Purwo", "Sri", "Sumber", "Karta",
                "Giri", "Tirta", "Sari", "Harja", "Jati", "Ngawi", "Pasir", "Cipa", "Kedung")
_SUFFIX = ("jaya", "maju", "sari", "rejo", "makmur", "indah", "baru", "raya", "asri", "mulya",
           "agung", "harjo", "kerto", "mulyo", "permai", "sentosa", "lestari", "wangi", "arum",
           "mekar", "tengah", "laut", "damai", "kencana")
_DIRECTION = ("Utara", "Selatan", "Timur", "Barat", "Tengah", "Hulu", "Hilir", "Raya")

_PROVISIONAL_NOTE = "Menunggu verifikasi silang dengan data dinas terkait (Januari 2025)"

# The national evaluator. Fictitious officials; the NIP only has the valid 18-digit form.
_AGENCY = "Direktorat Jenderal Politik dan Pemerintahan Umum, Kementerian Dalam Negeri"
_LETTERHEAD = {
    "parent": "KEMENTERIAN DALAM NEGERI REPUBLIK INDONESIA",
    "agency": "DIREKTORAT JENDERAL POLITIK DAN PEMERINTAHAN UMUM",
    "address": "Jl. Medan Merdeka Utara No. 7, Jakarta Pusat 10110",
    "contact": None, "logo": "logo-nasional.png",  # a placeholder, next to the sample
}
_SIGNATORY = {
    "name": "Dr. Andi Wicaksono, S.IP., M.Si.",
    "title": "Direktur Jenderal Politik dan Pemerintahan Umum",
    "rank": "Pembina Utama (IV/e)", "nip": "197205101998031001", "acting": "",
}


@dataclass(frozen=True)
class _Level:
    """How the narrative names the evaluated regions and the groups they are compared in."""

    units: str      # the evaluated regions: "kabupaten/kota"
    parent: str     # their comparison group: "provinsi"
    parents: str    # "di {parents}": "provinsinya"
    per_regency: float = 1.0  # how many of them a regency or city has, on average


# kabupaten: the 514 regencies and cities; kecamatan: about 7,300 districts, 14 a regency;
# desa: about 83,000 villages (desa and kelurahan), 11 a district.
LEVELS: dict[str, _Level] = {
    "kabupaten": _Level("kabupaten/kota", "provinsi", "provinsinya"),
    "kecamatan": _Level("kecamatan", "kabupaten/kota", "kabupaten/kotanya", 7300 / 514),
    "desa": _Level("desa/kelurahan", "kecamatan", "kecamatannya", 83000 / 514),
}
DEFAULT_REGIONS = {"kabupaten": 514, "kecamatan": 7300, "desa": 83000}


def _provincial_phrases(level: _Level) -> tuple[tuple[str, str], ...]:
    """Phrases of the sample that only fit its province and its eight sampled regencies."""
    return (
        ("di antara delapan kabupaten/kota sampel", f"di antara {level.units} di {level.parents}"),
        ("dari 8 kabupaten/kota sampel", f"dari {level.units} sasaran"),
        ("kabupaten/kota sampel", level.units),
        ("Provinsi Jawa Timur", "provinsi"),
    )


def _neutral(text: Any, level: _Level = LEVELS["kabupaten"]) -> Any:
    if not isinstance(text, str):
        return text
    for old, new in _provincial_phrases(level):
        text = text.replace(old, new)
    return text


def _neutral_rows(raw: dict[str, Any], sample_names: list[str],
                  level: _Level = LEVELS["kabupaten"]) -> None:
    """The sample's rows that every region shows (province-wide findings, recommendations and
    actions, indicator sources) without its province: a general finding's narrative, which
    quotes the sampled regencies' figures, is rewritten from its indicators and targets; the
    other texts lose the province's name; an indicator description naming a sampled regency
    is dropped. Region-specific copies get the same phrase changes."""
    f = Formatter("id")
    indicators = {i["code"]: Indicator.model_validate(i) for i in raw["indicators"]}
    for ind in raw["indicators"]:
        ind["source"] = _neutral(ind.get("source"), level)
        if any(name in (ind.get("description") or "") for name in sample_names):
            ind["description"] = None
    for key in ("findings", "recommendations", "actions"):
        raw[key] = [{k: _neutral(v, level) for k, v in row.items()} for row in raw[key]]
    for row in raw["findings"]:
        if row.get("region"):
            continue
        inds = [indicators[c] for c in row.get("indicators") or [] if c in indicators]
        named = [f"{i.code} ({i.name})" for i in inds]
        names = " dan ".join([", ".join(named[:-1]), named[-1]] if len(named) > 1 else named)
        targets = "; ".join(
            f"{i.code} {target_text(Target(i.comparator, i.target, i.target_min, i.target_max), f, i.decimals)}"
            for i in inds)
        row.update({
            "condition": f"Capaian indikator {names or 'program'} berbeda-beda antarwilayah: "
                         f"sebagian {level.units} telah "
                         f"mencapai target, sebagian lainnya belum (rincian pada tabel capaian "
                         f"setiap wilayah).",
            "criterion": f"Target program: {targets}." if targets else
                         f"Target program yang berlaku untuk seluruh {level.units}.",
            "cause": "Pelaksanaan kegiatan, dukungan anggaran dan ketersediaan data berbeda "
                     "antarwilayah dan belum dipantau secara berkala.",
            "effect": "Tanpa tindak lanjut, kesenjangan capaian antarwilayah berisiko menetap dan "
                      "target program tidak tercapai secara merata.",
            "evidence": f"Rekap data capaian indikator seluruh {level.units}.",
        })


def _national_settings(raw: dict[str, Any], n_regions: int, n_parents: int,
                       level: _Level = LEVELS["kabupaten"]) -> None:
    """Replace the sample's provincial agency, narrative and document settings in ``raw`` with
    national, neutral ones that fit any number of regions (no sampled regencies named)."""
    prog, doc = raw["programme"], raw["document"]
    periods = prog["periods"]
    first, current = periods[0], prog["current_period"]
    where = f"{n_regions} {level.units} di {n_parents} {level.parent}"
    prog["agency"] = _AGENCY
    prog["methods"] = [
        f"Survei rumah tangga dengan penarikan sampel acak bertahap di setiap {level.units}.",
        "Wawancara mendalam dengan informan kunci: pejabat Badan Kesatuan Bangsa dan Politik "
        "provinsi dan kabupaten/kota, pengurus FKUB, FPK dan FKDM, serta tokoh masyarakat.",
        "Telaah data sekunder: laporan penanganan konflik sosial, rekap pengaduan masyarakat, "
        "laporan penyelenggaraan pemilihan dan proyeksi penduduk BPS.",
    ]
    prog["evaluators"] = ["Tim Evaluasi Direktorat Jenderal Politik dan Pemerintahan Umum"]
    prog["background"] = (
        f"Ketahanan sosial dan politik daerah menjadi prasyarat pembangunan yang stabil dan "
        f"inklusif. Program ini dilaksanakan oleh pemerintah daerah bersama Forum Kerukunan Umat "
        f"Beragama (FKUB), Forum Pembauran Kebangsaan (FPK) dan Forum Kewaspadaan Dini "
        f"Masyarakat (FKDM) untuk mencegah konflik sosial, memperluas partisipasi warga dan "
        f"melibatkan kelompok rentan.\n\n"
        f"Evaluasi nasional ini mengukur capaian program periode {first} sampai dengan {current} "
        f"di {where} dengan indikator dan target yang sama, sehingga setiap wilayah dapat "
        f"dibandingkan dengan wilayah lain di {level.parents} dan setiap angka dapat ditelusuri ke "
        f"berkas data sumbernya.")
    prog["objectives"] = [
        f"Mengukur capaian indikator kinerja program periode {current} terhadap target dan "
        f"membandingkannya dengan periode sebelumnya.",
        f"Membandingkan capaian antarwilayah dalam setiap {level.parent}.",
        "Merumuskan rekomendasi beserta rencana tindak lanjut yang jelas penanggung jawab, "
        "tenggat waktu dan indikator keberhasilannya.",
    ]
    prog["purpose"] = None  # the sentence made from the programme and its period
    prog["scope"] = (f"Evaluasi mencakup pelaksanaan program periode {first} sampai dengan {current} "
                     f"di {where}.")
    prog["conclusions"] = [
        "Capaian program berbeda-beda antarwilayah; rincian setiap indikator, perbandingan "
        f"antarperiode dan perbandingan dengan wilayah lain di {level.parent} yang sama disajikan pada "
        "Bab III.",
        "Wilayah yang belum mencapai target perlu menindaklanjuti rekomendasi sesuai matriks "
        "rencana tindak lanjut.",
    ]
    doc.update({
        # one letter per region, each with its own running number in the register
        "number": f"400.10/{{no:04d}}/Polpum/{str(doc['date'])[:4]}", "place": "Jakarta",
        "subject": None, "addressee": None, "attachment": None,
        "copies": ["Menteri Dalam Negeri (sebagai laporan)",
                   "Inspektur Jenderal Kementerian Dalam Negeri"],
        "signatory": dict(_SIGNATORY), "letterhead": dict(_LETTERHEAD),
        "prepared_by": None,  # the sample's team leader is the province's
    })


def _sample_path():
    return resources.files("evalreport.samples").joinpath("jatim.yaml")


def _load_base(base: Dataset | str | Path | None) -> Dataset:
    if isinstance(base, Dataset):
        return base
    if base is not None:
        return load(base)
    with resources.as_file(_sample_path()) as path:
        return load(path)


def _spread(n: int) -> list[tuple[str, str, int, int]]:
    """n regions over the provinces in proportion to their real counts (each province one at
    least when n >= 38): (code, name, regencies, cities) per province that gets any."""
    total = sum(k + c for _, _, k, c in PROVINCES)
    if n == total:
        return list(PROVINCES)
    quota = [n * (k + c) / total for _, _, k, c in PROVINCES]
    counts = [int(q) for q in quota]
    if n >= len(PROVINCES):
        counts = [max(1, c) for c in counts]
    # largest remainder, bigger provinces first on ties; trim the largest if the minimum overshot
    order = sorted(range(len(PROVINCES)), key=lambda i: (-(quota[i] - int(quota[i])), -quota[i], i))
    i = 0
    while sum(counts) < n:
        counts[order[i % len(order)]] += 1
        i += 1
    floor = 1 if n >= len(PROVINCES) else 0
    while sum(counts) > n:
        big = max((j for j in range(len(counts)) if counts[j] > floor),
                  key=lambda j: (counts[j] - quota[j], counts[j]))
        counts[big] -= 1
    out = []
    for (code, name, k, c), m in zip(PROVINCES, counts):
        if m <= 0:
            continue
        cities = min(m - (1 if k else 0), round(m * c / (k + c))) if m > 1 or not k else 0
        out.append((code, name, m - cities, cities))
    return out


class _Names:
    """Invented, unique place names such as 'Sukamaju', 'Tanjung Sari', 'Batu Utara'.

    ``wide`` draws from about 9,000 names instead of 4,500 (a direction after any name), for
    the thousands of districts of a country."""

    def __init__(self, rng: random.Random, wide: bool = False):
        self.rng = rng
        self.wide = wide
        self.used: set[str] = set()

    def __call__(self) -> str:
        rng = self.rng
        for _attempt in range(5000):
            kind = rng.random()
            if kind < 0.45:
                name = rng.choice(_JOIN_PREFIX) + rng.choice(_SUFFIX)
            elif kind < 0.85:
                name = f"{rng.choice(_WORD_PREFIX)} {rng.choice(_SUFFIX).capitalize()}"
            else:
                name = f"{rng.choice(_JOIN_PREFIX)}{rng.choice(_SUFFIX)} {rng.choice(_DIRECTION)}"
            if self.wide and rng.random() < 0.5:
                name = f"{rng.choice(_WORD_PREFIX)} {rng.choice(_SUFFIX).capitalize()} {rng.choice(_DIRECTION)}"
            name = name[0].upper() + name[1:]
            if name not in self.used:
                self.used.add(name)
                return name
        raise EvalReportError(_("cannot invent {n} different place names; ask for fewer regions",
                                n=len(self.used) + 1))


def _portions(n: int, parts: int, rng: random.Random) -> list[int]:
    """``n`` split into ``parts`` counts of at least one, uneven as real districts are."""
    weights = [rng.lognormvariate(0, 0.35) for _ in range(parts)]
    total = sum(weights)
    counts = [1 + int((n - parts) * w / total) for w in weights]
    for i in rng.sample(range(parts), n - sum(counts)):
        counts[i] += 1
    return counts


def _lower_regions(level: str, n: int, rng: random.Random, names: _Names) -> tuple[list[dict], int]:
    """``n`` districts (``kecamatan``) or villages (``desa``) with their parents, BPS-style
    dotted codes (35.07, 35.07.01, 35.07.01.2001), spread over regencies and cities as the
    real ones are; and the number of comparison groups (their parents)."""
    lv = LEVELS[level]
    per_district = lv.per_regency / LEVELS["kecamatan"].per_regency
    districts_wanted = n if level == "kecamatan" else max(1, round(n / per_district))
    n_regencies = max(1, min(514, round(districts_wanted / LEVELS["kecamatan"].per_regency),
                             districts_wanted))
    regencies: list[dict[str, Any]] = []
    for code, _prov, kab, kota in _spread(n_regencies):
        for k in range(kab + kota):
            city = k >= kab
            num = (max(71, kab + 1) + k - kab) if city else (1 + k)
            regencies.append({"code": f"{code}.{num:02d}", "city": city,
                              "name": f"{'Kota' if city else 'Kabupaten'} {names()}"})
    districts: list[dict[str, Any]] = []
    for reg, count in zip(regencies, _portions(districts_wanted, len(regencies), rng)):
        for k in range(1, count + 1):
            districts.append({"code": f"{reg['code']}.{k:02d}", "name": f"Kecamatan {names()}",
                              "regency": reg})
    if level == "kecamatan":
        return [{"code": d["code"], "name": d["name"], "level": "kecamatan",
                 "parent": d["regency"]["name"],
                 "population": int(round(math.exp(rng.gauss(math.log(40_000), 0.6)), -1))}
                for d in districts], len(regencies)
    villages = []
    for dist, count in zip(districts, _portions(n, len(districts), rng)):
        local = _Names(rng)  # a village's name is unique in its district, not in the country
        city = dist["regency"]["city"]
        for k in range(1, count + 1):
            villages.append({
                "code": f"{dist['code']}.{(1000 if city else 2000) + k}",
                "name": f"{'Kelurahan' if city else 'Desa'} {local()}", "level": "desa",
                "parent": dist["name"],
                "population": int(round(math.exp(rng.gauss(math.log(9_000 if city else 3_500), 0.5)), -1))})
    return villages, len(districts)


def _bare(name: str) -> str:
    for prefix in ("Kabupaten ", "Kota ", "Kab. ", "Kecamatan ", "Kelurahan ", "Desa "):
        if name.startswith(prefix):
            return name[len(prefix):]
    return name


def _rename(text: Any, old: dict, new: dict) -> Any:
    """A sample region's name written in a text replaced by a synthetic region's name."""
    if not isinstance(text, str):
        return text
    ob, nb = _bare(old["name"]), _bare(new["name"])
    short_new = ("Kab. " + nb if new["name"].startswith("Kabupaten") else
                 "Kota " + nb if new["name"].startswith("Kota") else new["name"])
    text = text.replace(old["name"], new["name"])
    text = text.replace(f"Kab. {ob}", short_new)
    return text.replace(ob, nb)


def _clip(v: float, lo: float | None, hi: float | None) -> float:
    if lo is not None:
        v = max(lo, v)
    if hi is not None:
        v = min(hi, v)
    return v


def national_dataset(n_regions: int = 514, seed: int = 0, base: Dataset | str | Path | None = None,
                     level: str = "kabupaten") -> Dataset:
    """A validated synthetic dataset of ``n_regions`` regencies/cities (see the module docs);
    with ``level`` ``"kecamatan"`` or ``"desa"``, districts or villages instead, compared
    within their regency or district."""
    if n_regions < 1:
        raise EvalReportError(_("the number of regions must be at least 1, not {n}", n=n_regions))
    if level not in LEVELS:
        raise EvalReportError(_("unknown level '{level}'; choose from: {known}", level=level,
                                known=", ".join(LEVELS)))
    src = _load_base(base)
    rng = random.Random(seed)
    raw: dict[str, Any] = src.model_dump(mode="json")
    periods = list(src.programme.periods)[-3:]
    raw["programme"]["periods"] = periods
    raw["programme"]["current_period"] = periods[-1]
    raw["programme"]["region"] = {"code": "00", "name": "Indonesia", "level": "nasional",
                                  "parent": None, "population": None}
    sample_regions = {r["code"]: r for r in raw["regions"]}
    indicators = {i.code: i for i in src.indicators}

    # -- the regions
    names = _Names(rng, wide=level != "kabupaten")
    regions: list[dict] = []
    spread = _spread(n_regions) if level == "kabupaten" else []
    if level != "kabupaten":
        regions, n_parents = _lower_regions(level, n_regions, rng, names)
        _national_settings(raw, n_regions, n_parents, LEVELS[level])
    else:
        _national_settings(raw, n_regions, len(spread))
    for code, prov, kab, kota in spread:
        for k in range(kab + kota):
            city = k >= kab
            num = (max(71, kab + 1) + k - kab) if city else (1 + k)  # BPS: cities from 71
            regions.append({
                "code": f"{code}{num:02d}", "name": f"{'Kota' if city else 'Kabupaten'} {names()}",
                "level": "kota" if city else "kabupaten", "parent": f"Provinsi {prov}",
                "population": int(round(math.exp(rng.gauss(math.log(280_000 if city else 620_000), 0.6)), -1)),
            })
    raw["regions"] = regions

    # -- what the sample's values look like: per indicator and period, mean and spread
    headline = [o for o in src.observations if o.disaggregation is None and o.period in periods]
    values: dict[str, dict[str, dict[str, float]]] = defaultdict(lambda: defaultdict(dict))
    for o in headline:
        if isinstance(o.value, float):
            values[o.indicator][o.period][o.region] = o.value
    formula_inputs: dict[str, tuple[str, str, float]] = {}  # numerator -> (rate ind, den, scale)
    for ind in src.indicators:
        f = ind.formula
        if f and f.numerator in values and f.denominator in values:
            formula_inputs[f.numerator] = (ind.code, f.denominator, f.scale)
            for p in periods:
                nums, dens = values[f.numerator][p], values[f.denominator][p]
                for r in nums.keys() & dens.keys():
                    if dens[r]:
                        values[ind.code][p][r] = nums[r] / dens[r] * f.scale
    denominators = {den for _, den, _ in formula_inputs.values()}
    stats: dict[tuple[str, str], tuple[float, float]] = {}
    for code, by_period in values.items():
        for p, vals in by_period.items():
            xs = list(vals.values())
            mean = statistics.fmean(xs)
            sd = statistics.stdev(xs) if len(xs) > 1 else 0.0
            stats[(code, p)] = (mean, sd or max(abs(mean) * 0.05, 0.5))
    # a denominator such as the population: its ratio to the region's population, per period
    pop_ratio: dict[tuple[str, str], float] = {}
    for den in denominators:
        for p in periods:
            ratios = [v / sample_regions[r]["population"] for r, v in values[den][p].items()
                      if sample_regions.get(r, {}).get("population")]
            if ratios:
                pop_ratio[(den, p)] = statistics.fmean(ratios)

    # -- the observations
    observed = [c for c in (i.code for i in src.indicators) if any(values[c][p] for p in periods)]
    rate_of = {rate: (num, den, scale) for num, (rate, den, scale) in formula_inputs.items()}
    to_draw = [c for c in observed if c not in formula_inputs]  # a count comes from its rate
    observations: list[dict] = []
    for reg in regions:
        quality = rng.gauss(0, 1)
        drawn: dict[tuple[str, str], float] = {}
        for code in to_draw:
            ind = indicators[code]
            sign = -1.0 if ind.polarity and ind.polarity.value == "lower" else 1.0
            own = rng.gauss(0, 1)
            for p in periods:
                if (code, p) not in stats:
                    continue
                mean, sd = stats[(code, p)]
                if code in denominators and (code, p) in pop_ratio:
                    v = reg["population"] * pop_ratio[(code, p)] * (1 + rng.gauss(0, 0.002))
                else:
                    v = mean + sd * (0.6 * sign * quality + 0.8 * own + 0.3 * rng.gauss(0, 1))
                lo = ind.plausible_min if ind.plausible_min is not None else (0.0 if mean >= 0 else None)
                v = _clip(v, lo, ind.plausible_max)
                drawn[(code, p)] = round(v, ind.decimals) if ind.decimals else float(round(v))
        for numerator, (rate, den, scale) in formula_inputs.items():
            for p in periods:
                if (rate, p) in drawn and (den, p) in drawn:
                    drawn[(numerator, p)] = float(round(drawn[(rate, p)] * drawn[(den, p)] / scale))
        for p in periods:
            for code in observed:
                if code in rate_of or (code, p) not in drawn:
                    continue  # a derived value is computed from its inputs
                observations.append({"region": reg["code"], "period": p, "indicator": code,
                                     "value": drawn[(code, p)]})
    # one provisional value: a reported indicator of the current period
    current = [o for o in observations if o["period"] == periods[-1]
               and indicators[o["indicator"]].reported]
    if current:
        pick = rng.choice(current)
        pick["status"], pick["note"] = "provisional", _PROVISIONAL_NOTE

    # -- a handful of regions get the sample's region-specific rows, the name written in
    special_src = sorted({f.region for f in src.findings if f.region}
                         | {r.region for r in src.recommendations if r.region}
                         | {a.region for a in src.actions if a.region}
                         | {t.region for t in src.targets if t.region}
                         | {o.region for o in src.observations if o.disaggregation})
    special_src = [c for c in special_src if c in sample_regions]
    chosen = rng.sample(regions, min(len(regions), 2 * len(special_src)))
    mapping = [(special_src[i % len(special_src)], reg) for i, reg in enumerate(chosen)] if special_src else []

    def copies(code: str, ref: str) -> list[str]:
        """What a reference to a region-specific row becomes: its copies."""
        if code not in ref_region_codes[ref]:
            return [code]
        return [f"{code}-{reg['code']}" for old_code, reg in mapping
                if code in ref_owner[ref] and ref_owner[ref][code] == old_code]

    def copy_rows(rows: list[dict], key: str | None, links: dict[str, str] | None = None) -> list[dict]:
        out = []
        for r in rows:  # province-wide rows are kept, their references to copied rows updated
            if r.get("region"):
                continue
            r = dict(r)
            for field, ref in (links or {}).items():
                if isinstance(r.get(field), list):
                    r[field] = [c for code in r[field] for c in copies(code, ref)]
            out.append(r)
        for old_code, reg in mapping:
            old = sample_regions[old_code]
            for r in rows:
                if r.get("region") != old_code:
                    continue
                new = {k: _rename(v, old, reg) for k, v in r.items()}
                new["region"] = reg["code"]
                if key:
                    new[key] = f"{r[key]}-{reg['code']}"
                if links:
                    for field, ref in links.items():
                        if isinstance(new.get(field), list):
                            new[field] = [f"{c}-{reg['code']}" if c in ref_region_codes[ref] else c
                                          for c in new[field]]
                        elif new.get(field) in ref_region_codes[ref]:
                            new[field] = f"{new[field]}-{reg['code']}"
                out.append(new)
        return out

    ref_owner = {
        "findings": {f["code"]: f["region"] for f in raw["findings"] if f.get("region")},
        "recommendations": {r["code"]: r["region"] for r in raw["recommendations"] if r.get("region")},
    }
    ref_region_codes = {k: set(v) for k, v in ref_owner.items()}
    raw["findings"] = copy_rows(raw["findings"], "code")
    raw["recommendations"] = copy_rows(raw["recommendations"], "code", {"findings": "findings"})
    raw["actions"] = copy_rows(raw["actions"], "code", {"recommendation": "recommendations"})
    raw["targets"] = [t for t in copy_rows(raw["targets"], None) if t.get("period") in (None, *periods)]
    _neutral_rows(raw, [n for r in sample_regions.values() for n in (r["name"], _bare(r["name"]))],
                  LEVELS[level])
    # the sample's disaggregated values, moved by the same amount as the headline value
    head = {(o["region"], o["period"], o["indicator"]): o["value"] for o in observations}
    for old_code, reg in mapping:
        for o in src.observations:
            if o.region != old_code or not o.disaggregation or o.period not in periods:
                continue
            new_head = head.get((reg["code"], o.period, o.indicator))
            old_head = values[o.indicator][o.period].get(old_code)
            if not isinstance(o.value, float) or new_head is None or old_head is None:
                continue
            ind = indicators[o.indicator]
            v = _clip(o.value + new_head - old_head, ind.plausible_min, ind.plausible_max)
            observations.append({"region": reg["code"], "period": o.period, "indicator": o.indicator,
                                 "value": round(v, ind.decimals), "disaggregation": o.disaggregation})
    raw["observations"] = observations

    # -- validate like a loaded file (the logo is found next to the sample)
    name = (f"synthetic-national-{n_regions}-{seed}" if level == "kabupaten"
            else f"synthetic-{level}-{n_regions}-{seed}")
    tree = TreeSource(name)
    tree.base_dir = Path(src.source_dir) if src.source_dir else None
    data, problems = validate_data(raw, tree)
    errors = [p for p in problems if p.severity == "error"]
    if errors or data is None:
        raise DataError(errors)
    data.source_name = name
    data.source_sha256 = hashlib.sha256(json.dumps(raw, sort_keys=True, default=str).encode()).hexdigest()
    data.source_dir = src.source_dir
    return data


class _Row(dict):
    """A mapping written on one line in YAML."""


SUFFIXES = (".xlsx", ".yaml", ".yml", ".json")


def write_national(path: str | Path, n_regions: int = 514, seed: int = 0,
                   base: Dataset | str | Path | None = None, force: bool = False,
                   level: str = "kabupaten") -> Path:
    """Write :func:`national_dataset` to ``path``: YAML (``.yaml``/``.yml``), JSON or xlsx by
    suffix, with the letterhead logo copied next to it so the file loads on its own. An
    existing file is overwritten only with ``force``."""
    path = Path(path)
    suffix = path.suffix.casefold()
    if suffix not in SUFFIXES and suffix != ".xlsm":
        raise EvalReportError(_("cannot write a dataset as '{suffix}': name the file .xlsx, "
                                ".yaml or .json", suffix=path.suffix or path.name))
    if path.exists() and not force:
        raise EvalReportError(_("already exists: {path}; use --force to overwrite", path=str(path)))
    data = national_dataset(n_regions, seed, base, level)
    raw = data.model_dump(mode="json", exclude_none=True)
    if suffix in (".xlsx", ".xlsm"):
        blob = workbook.build(data.model_dump(mode="json"))
    elif suffix == ".json":
        blob = json.dumps(raw, ensure_ascii=False, indent=1).encode()
    else:  # .yaml, .yml
        head = (f"# Data sintetis nasional untuk uji kecepatan evalreport: {n_regions} wilayah "
                f"({LEVELS[level].units}), "
                f"seed {seed}.\n# Dibuat oleh 'evalreport synthetic'; jangan disunting.\n")
        dumper: Any = type("_Dumper", (getattr(yaml, "CSafeDumper", yaml.SafeDumper),), {})
        dumper.add_representer(_Row, lambda d, v: d.represent_mapping(
            "tag:yaml.org,2002:map", v, flow_style=True))
        for key in ("regions", "observations", "targets"):  # one line each, as in the sample
            raw[key] = [_Row(r) for r in raw.get(key, [])]
        body = yaml.dump(raw, Dumper=dumper, allow_unicode=True, sort_keys=False,
                         default_flow_style=False, width=100)
        blob = (head + body).encode()
    write_bytes(path, blob)
    logo = data.document.letterhead.logo
    if logo and data.source_dir:
        src_logo = Path(data.source_dir) / logo
        dst_logo = path.parent / logo
        if src_logo.is_file() and src_logo.resolve() != dst_logo.resolve():
            ensure_folder(dst_logo.parent)
            try:
                shutil.copyfile(src_logo, dst_logo)
            except OSError as exc:
                raise OutputError(dst_logo, exc) from None
    return path

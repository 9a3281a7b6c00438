"""Shared fixtures: a small, valid evaluation dataset built in code, and helpers to write it.

The dataset is a two-regency, two-year evaluation with one indicator of each kind the scoring
rules distinguish: higher is better (public trust, >= 70 %), lower is better (conflict cases
per 10,000 population, < 5, derived from two auxiliary counts that are not reported), a target
range (80-90 %) and a plain lower-is-better count.
"""
from __future__ import annotations

import copy
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_YAML = ROOT / "samples" / "jatim.yaml"
SAMPLE_XLSX = ROOT / "samples" / "jatim.xlsx"


def _obs(region: str, period: str, indicator: str, value: Any, **extra: Any) -> dict:
    return {"region": region, "period": period, "indicator": indicator, "value": value, **extra}


MINIMAL: dict[str, Any] = {
    "programme": {
        "name": "Program Penguatan Ketahanan Sosial dan Politik",
        "agency": "Badan Kesatuan Bangsa dan Politik Provinsi Jawa Timur",
        "region": {"code": "35", "name": "Provinsi Jawa Timur", "level": "provinsi"},
        "periods": ["2023", "2024"],
        "current_period": "2024",
    },
    "document": {
        "place": "Surabaya",
        "date": "2025-01-15",
        "signatory": {
            "name": "Dr. Ahmad Rofiq",
            "title": "Kepala Badan Kesatuan Bangsa dan Politik",
            "nip": "197003151995031002",
        },
        "letterhead": {
            "parent": "PEMERINTAH PROVINSI JAWA TIMUR",
            "agency": "BADAN KESATUAN BANGSA DAN POLITIK",
        },
    },
    "bands": "permendagri-86-2017",
    "regions": [
        {"code": "3507", "name": "Kabupaten Malang", "population": 2740466},
        {"code": "3526", "name": "Kabupaten Bangkalan", "population": 1101958},
    ],
    "dimensions": [
        {"code": "D1", "name": "Kepercayaan Publik"},
        {"code": "D2", "name": "Konflik Sosial"},
    ],
    "indicators": [
        {"code": "KP01", "name": "Persentase penduduk yang menilai pemda responsif",
         "dimension": "D1", "unit": "%", "comparator": ">=", "target": 70,
         "baseline": 65.4, "baseline_year": "2021"},
        {"code": "KS01", "name": "Kejadian konflik per 10.000 penduduk",
         "dimension": "D2", "unit": "kasus/10.000 penduduk", "comparator": "<", "target": 5,
         "baseline": 4.12, "baseline_year": "2021",
         "formula": {"numerator": "KS01A", "denominator": "KS01B", "scale": 10000}},
        {"code": "KS01A", "name": "Jumlah kejadian konflik", "dimension": "D2", "unit": "kasus",
         "reported": False, "decimals": 0},
        {"code": "KS01B", "name": "Jumlah penduduk", "dimension": "D2", "unit": "jiwa",
         "reported": False, "decimals": 0},
        {"code": "IN01", "name": "Persentase kelompok rentan yang terlibat",
         "dimension": "D1", "unit": "%", "comparator": "between", "target_min": 80, "target_max": 90},
        {"code": "KS02", "name": "Jumlah aduan ujaran kebencian", "dimension": "D2", "unit": "aduan",
         "comparator": "<=", "target": 5},
    ],
    "observations": [
        _obs("3507", "2023", "KP01", 68.0),
        _obs("3507", "2024", "KP01", 72.5),
        _obs("3526", "2023", "KP01", 61.0),
        _obs("3526", "2024", "KP01", 64.2),
        # 3507: 2024 -> 1096 / 2740466 * 10000 = 3.99932... -> 4.00 (2 decimals)
        _obs("3507", "2023", "KS01A", 1200),
        _obs("3507", "2023", "KS01B", 2700000),
        _obs("3507", "2024", "KS01A", 1096),
        _obs("3507", "2024", "KS01B", 2740466),
        # 3526: 2024 -> 577 / 1101958 * 10000 = 5.2361... -> 5.24
        _obs("3526", "2023", "KS01A", 600),
        _obs("3526", "2023", "KS01B", 1090000),
        _obs("3526", "2024", "KS01A", 577),
        _obs("3526", "2024", "KS01B", 1101958),
        _obs("3507", "2023", "IN01", 78.0),
        _obs("3507", "2024", "IN01", 85.0),
        _obs("3526", "2023", "IN01", 70.0),
        _obs("3526", "2024", "IN01", 72.0),
        _obs("3507", "2023", "KS02", 6),
        _obs("3507", "2024", "KS02", 3),
        _obs("3526", "2023", "KS02", 7),
        _obs("3526", "2024", "KS02", 4),
    ],
}


@pytest.fixture
def minimal_dict() -> dict:
    """A fresh deep copy of the small valid dataset (tests may change it freely)."""
    return copy.deepcopy(MINIMAL)


def write_yaml(tmp_path: Path, data: dict | str, name: str = "data.yaml") -> Path:
    """Write a dataset (or raw YAML text) to ``tmp_path/name`` and return the path."""
    path = tmp_path / name
    text = data if isinstance(data, str) else yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    path.write_text(text, encoding="utf-8")
    return path


def write_json(tmp_path: Path, data: dict, name: str = "data.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    return path


@pytest.fixture
def yaml_writer(tmp_path: Path) -> Callable[..., Path]:
    """``yaml_writer(data, name='data.yaml')`` writes into this test's tmp_path."""
    return lambda data, name="data.yaml": write_yaml(tmp_path, data, name)


@pytest.fixture
def sample_yaml() -> Path:
    if not SAMPLE_YAML.is_file():
        pytest.skip("samples/jatim.yaml is missing")
    return SAMPLE_YAML

"""The synthetic national dataset used by the benchmarks is valid, deterministic and national."""
from __future__ import annotations

import evalreport
from evalreport.synthetic import national_dataset, write_national


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

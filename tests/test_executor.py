"""How the local executor schedules a phase's items: together where they share work."""
from __future__ import annotations

import os

from evalreport.run.executor import InProcess, ProcessPool, groups


def _pid(_state, item):
    return os.getpid(), item


def test_groups_keep_a_key_together_largest_first_and_lose_nothing():
    items = [f"{p}-{i}" for p, n in (("a", 3), ("b", 30), ("c", 1), ("d", 5)) for i in range(n)]
    out = groups(items, lambda s: s.split("-")[0], workers=2)
    assert sorted(n for g in out for n in g) == list(range(len(items)))  # each item once
    for g in out:
        assert len({items[n].split("-")[0] for n in g}) == 1  # one key a group
    most = -(-len(items) // 8)  # a quarter of a worker's share
    assert max(map(len, out)) == most  # b's 30 regions cut so that they spread
    assert [len(g) for g in out] == sorted((len(g) for g in out), reverse=True)
    # small keys stay whole, in their order within the group
    assert [items[n] for g in out for n in g if items[n].startswith("d")] == [f"d-{i}" for i in range(5)]


def test_groups_of_one_key_still_use_every_worker():
    out = groups(list(range(8)), lambda _: "jatim", workers=2)
    assert len(out) == 8  # the sample: one province, eight regions, one region a task


def test_pool_runs_items_of_a_key_on_one_worker_and_returns_every_result():
    items = [(p, i) for p in "abcdef" for i in range(2)]  # groups of at most 12/8 -> 2
    got = dict(ProcessPool(2).map(None, _pid, None, items, together=lambda it: it[0]))
    assert set(got) == set(items)
    assert all(got[it][1] == it for it in items)
    for p in "abcdef":
        assert got[(p, 0)][0] == got[(p, 1)][0], p
    assert os.getpid() not in {pid for pid, _ in got.values()}


def test_in_process_ignores_together():
    items = list(range(5))
    assert [i for i, _ in InProcess().map(None, _pid, None, items, together=lambda i: i % 2)] == items


class _Stop:
    def __init__(self, item):
        self.item = item
        self.halts = item == ("a", 0)


def _stop_at_a0(_state, item):
    return _Stop(item)


def test_a_result_that_halts_stops_the_rest_of_its_group():
    items = [("a", i) for i in range(4)] * 4
    pool = ProcessPool(2)
    got = [it for it, _ in pool.map(None, _stop_at_a0, None, items, together=lambda it: it[0])]
    # 16 items of one key in groups of two (16 / (4 x 2)): the worker that meets ("a", 0)
    # starts nothing after it, nor does the other worker (nobody else halts the pool here)
    assert ("a", 0) in got
    assert len(got) < 16

"""The instruction counter's reading of callgrind's report and its arithmetic, in memory."""

from __future__ import annotations

import pytest

from benchmarks.instructions import collected, report

CALLGRIND_STDERR = """==4242== Callgrind, a call-graph generating cache profiler
==4242== For interactive control, run 'callgrind_control -h'.
==4242==
==4242== Events    : Ir
==4242== Collected : 4055562239
==4242==
==4242== I   refs:      4,055,562,239
"""


def test_the_count_is_read_from_callgrinds_report() -> None:
    assert collected(CALLGRIND_STDERR) == 4_055_562_239


def test_a_report_without_a_count_is_an_error() -> None:
    with pytest.raises(ValueError, match="no single instruction count"):
        collected("==1== error while loading shared libraries\n")


def test_the_report_gives_the_share_and_the_plugins_part() -> None:
    counts = {"stages": 3_000_000_000, "check": 2_000_000_000, "build": 60_000_000_000, "plain": 54_000_000_000}
    text = report(counts, "a synthetic project of N=1,000")
    assert "| generator stages (load + validate + render) | 3.000 |" in text
    assert "| full build (`briefing build`), whole process | 60.000 |" in text
    assert "generator stages / full build: 5.00% (the timed target: at most 5%)" in text
    assert "full build - plain-Markdown build, % of the full build: 10.0%" in text


def test_shares_are_left_out_when_their_parts_were_not_counted() -> None:
    text = report({"stages": 1_500_000_000}, "p")
    assert "| generator stages (load + validate + render) | 1.500 |" in text
    assert "share" not in text and "/ full build" not in text and "% of the full build" not in text

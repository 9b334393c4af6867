"""Loading YAML: positions kept, and everything but plain data refused."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import yaml
from conftest import raw_content, write_tree

from generator.read.files import READ_CHUNK, _file_bytes
from generator.read.load import load_content
from generator.read.yaml_nodes import _Loader


def problems_of(text: str) -> list[str]:
    return [str(problem) for problem in raw_content({"goals/g.yml": text}, {}).problems]


def test_positions_of_keys_and_items() -> None:
    record = raw_content({"goals/g.yml": "title: T\nparties:\n  - a\n  - b\n"}, {}).records[0]
    assert record.data == {"title": "T", "parties": ["a", "b"]}
    assert record.positions[("parties",)] == (2, 1)
    assert record.positions[("parties", 1)] == (4, 5)
    assert record.position(("parties", 1, "missing")) == (4, 5)


def test_dates_stay_text_for_the_schema_to_check() -> None:
    record = raw_content({"goals/g.yml": "as_of: 2025-02-30\n"}, {}).records[0]
    assert record.data == {"as_of": "2025-02-30"}


def test_duplicate_keys_are_refused() -> None:
    assert problems_of("title: A\ntitle: B\n") == [
        "content/goals/g.yml:2:1: duplicate field 'title' (first given on line 1); keep one"
    ]


def test_aliases_are_refused() -> None:
    assert problems_of("a: &x [1, 2]\nb: *x\n") == [
        "content/goals/g.yml:1:4: anchors and aliases (&, *) are not supported; write the value out"
    ]


def test_python_tags_are_refused() -> None:
    assert problems_of("title: !!python/object/apply:os.system ['true']\n") == [
        "content/goals/g.yml:1:8: unsupported YAML tag 'tag:yaml.org,2002:python/object/apply:os.system'; remove it"
    ]


def test_syntax_errors_name_line_and_column() -> None:
    assert problems_of("title: [a, b\nparties: x\n") == [
        "content/goals/g.yml:2:8: the '[' at line 1, column 8 is not closed where expected: end it with ']', "
        "and put any value that holds ',', '[', ']', '{' or '}' in double quotes"
    ]


def test_tabs_get_a_hint() -> None:
    (problem,) = problems_of("title: A\n\tparties: x\n")
    assert (
        problem
        == "content/goals/g.yml:2:1: a tab on line 2: YAML indents with spaces only; replace the tab with spaces"
    )


def test_bom_and_crlf_are_accepted_and_non_utf8_is_refused(tmp_path: Path) -> None:
    write_tree(
        tmp_path,
        {
            "content/goals/bom.yml": "\ufefftitle: A\r\nparties: [x]\r\n",
            "content/goals/latin.yml": "title: caf\xe9\n".encode("latin-1"),
            "seeds/s.txt": b"ok \xff",
        },
    )
    raw = load_content(tmp_path, tmp_path / "content", tmp_path / "seeds")
    assert raw.records[0].data == {"title": "A", "parties": ["x"]}
    assert [str(problem) for problem in raw.problems] == [
        "content/goals/latin.yml:1:11: file is not UTF-8 text; save it with UTF-8 encoding",
        "seeds/s.txt:1:4: file is not UTF-8 text; save it with UTF-8 encoding",
    ]


@pytest.mark.parametrize("seen", [0, 1, 999, 1000, 1001, 5000])
@pytest.mark.parametrize("size", [0, 1000, 3 * READ_CHUNK + 7])
def test_a_file_is_read_whole_whatever_size_was_seen(tmp_path: Path, size: int, seen: int) -> None:
    """The size given is the file's when last seen: it may have grown or shrunk since."""
    data = bytes(range(256)) * (size // 256) + b"x" * (size % 256)
    path = tmp_path / "f.yml"
    path.write_bytes(data)
    assert _file_bytes(path, seen) == data


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes on this system")
def test_a_file_swapped_for_a_pipe_since_its_stat_reads_as_empty_without_hanging(tmp_path: Path) -> None:
    pipe = tmp_path / "f.yml"
    os.mkfifo(pipe)  # no writer: a blocking open would wait for one for ever
    assert _file_bytes(pipe, 100) == b""


SCALARS = ["yes", "No", "on", "1", "-3", "0x1f", "0o17", "1_000", "1.5", ".inf", "-.Inf", ".nan", "1e3", "~", "null",
           "", "2025-02-18", "2025-02-18 10:00:00", "'1'", '"true"', "text", "=", "<<", "!!str 5", "+1", "0b101"]  # fmt: skip


@pytest.mark.parametrize("scalar", SCALARS)
def test_the_cut_down_resolver_tags_scalars_as_the_library_does(scalar: str) -> None:
    text = f"a: {scalar}\nb: [{scalar}]\n"
    library: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    assert str(yaml.compose(text, Loader=_Loader)) == str(yaml.compose(text, Loader=library))

"""The built-in templates' precompiled code: in step with the templates, used for them, and for nothing else."""

from __future__ import annotations

import traceback
from pathlib import Path

import jinja2
import pytest
from conftest import SAMPLE
from jinja2.bccache import Bucket

from generator import precompiled
from generator.pipeline import Project, check
from generator.precompiled import (
    COMMAND,
    PRECOMPILED,
    TEMPLATES,
    PrecompiledTemplates,
    built_in_names,
    precompiled_path,
    precompiled_text,
)
from generator.render import environment_for, render_pages


def test_every_built_in_template_is_precompiled_from_its_current_text() -> None:
    environment = environment_for(())
    assert sorted(path.name for path in PRECOMPILED.glob("*.py")) == sorted(f"{name}.py" for name in built_in_names())
    for name in sorted(built_in_names()):
        kept = precompiled_path(name).read_text(encoding="utf-8")
        assert kept == precompiled_text(environment, name), f"{name} changed: run `{COMMAND}` and commit the result"


class CountedCompiles:
    """A new environment, as a new process makes, that counts the templates Jinja compiles itself."""

    def __init__(self, template_dirs: tuple[Path, ...] = ()) -> None:
        self.environment = environment_for.__wrapped__(template_dirs)
        self.compiled: list[str] = []
        compile_template = self.environment.compile

        def counted(source: str, name: str | None = None, *args: object, **kwargs: object) -> object:
            self.compiled.append(str(name))
            return compile_template(source, name, *args, **kwargs)  # type: ignore[arg-type]

        self.environment.compile = counted  # type: ignore[method-assign]


def test_built_in_templates_are_not_compiled_again() -> None:
    counted = CountedCompiles()
    for name in sorted(built_in_names()):
        counted.environment.get_template(name)
    assert counted.compiled == []


def test_an_error_in_a_precompiled_template_points_at_the_templates_own_line() -> None:
    counted = CountedCompiles()
    template = counted.environment.get_template("event.md.j2")  # its first line reads `entity.data`
    with pytest.raises(jinja2.UndefinedError, match="'entity' is undefined") as raised:
        template.render()
    assert counted.compiled == []
    frames = [(frame.filename, frame.lineno) for frame in traceback.extract_tb(raised.value.__traceback__)]
    assert (str(TEMPLATES / "event.md.j2"), 1) in frames


def test_an_override_is_compiled_from_its_own_text(tmp_path: Path) -> None:
    (tmp_path / "goal.md.j2").write_text("Overridden {{ title }}\n", encoding="utf-8")
    counted = CountedCompiles((tmp_path,))
    assert counted.environment.get_template("goal.md.j2").render(title="here") == "Overridden here\n"
    counted.environment.get_template("event.md.j2")
    assert counted.compiled == ["goal.md.j2"]


def served(name: str, source: str) -> bool:
    """Whether the cache gives code for a template of this name and text (compiled afresh by each call)."""
    precompiled._code.cache_clear()
    cache = PrecompiledTemplates()
    bucket = Bucket(environment_for(()), cache.get_cache_key(name), cache.get_source_checksum(source))
    cache.load_bytecode(bucket)
    precompiled._code.cache_clear()
    return bucket.code is not None


EVENT = (TEMPLATES / "event.md.j2").read_text(encoding="utf-8")


def test_code_is_served_only_for_the_text_it_was_compiled_from() -> None:
    assert served("event.md.j2", EVENT)
    assert not served("event.md.j2", EVENT.replace("#", "##", 1))  # an edited template
    assert not served("mine.md.j2", EVENT)  # an override's own template, named like none of the generator's


def test_code_from_another_jinja_version_is_not_served(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(jinja2, "__version__", "3.1.999")
    assert not served("event.md.j2", EVENT)


def test_pages_are_the_same_as_with_templates_compiled_from_their_text(monkeypatch: pytest.MonkeyPatch) -> None:
    briefing, _ = check(Project(SAMPLE))
    assert briefing is not None
    precompiled = render_pages(briefing)
    monkeypatch.setattr(PrecompiledTemplates, "load_bytecode", lambda self, bucket: None)
    environment_for.cache_clear()
    try:
        compiled = render_pages(briefing)
    finally:
        environment_for.cache_clear()
    assert compiled == precompiled

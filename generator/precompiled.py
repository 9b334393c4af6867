"""The generator's own templates, compiled to Python ahead of time.

Compiling the dozen templates costs Jinja 0.05 to 0.08 s in every process
that renders: more than rendering all the pages of a briefing of 100
entities. `python -m generator.precompiled` writes the Python module Jinja
compiles each template in templates/ to, into precompiled/, headed by the
Jinja version and the checksum of the template's text. The renderer's
environment is given that code through Jinja's bytecode cache interface while
both still match; any other template (an edited one, an override in
site_config/templates/, or every one under another Jinja version) is compiled
as usual. The modules are part of the source, reviewed
like it, and a test keeps them in step with the templates; nothing is
written at run time but what Python keeps of any module it compiles, in
__pycache__.
"""

from __future__ import annotations

import functools
import importlib.machinery
import sys
from pathlib import Path
from types import CodeType

import jinja2
import jinja2.bccache

TEMPLATES = Path(__file__).parent / "templates"
PRECOMPILED = Path(__file__).parent / "precompiled"
COMMAND = "python -m generator.precompiled"


class PrecompiledTemplates(jinja2.BytecodeCache):
    """Serves the precompiled code of a built-in template whose text and Jinja version it was made from."""

    def get_cache_key(self, name: str, filename: str | None = None) -> str:
        return name

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        bucket.code = _code(bucket.key, bucket.checksum)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        """Nothing is written: the precompiled modules change only by the command above."""


def header(name: str, checksum: str) -> str:
    """The first line of a precompiled module: what it was made from."""
    return f"# {name}, compiled by `{COMMAND}` with Jinja {jinja2.__version__} from the text with sha1 {checksum}\n"


def precompiled_path(name: str) -> Path:
    return PRECOMPILED / f"{name}.py"


@functools.cache
def _code(name: str, checksum: str) -> CodeType | None:
    if name not in built_in_names():  # an override's own name: its text is not the generator's
        return None
    path = precompiled_path(name)
    try:
        with path.open(encoding="utf-8") as file:
            if file.readline() != header(name, checksum):
                return None
    except OSError:
        return None
    # Through the loader `import` uses, which keeps the compiled module in __pycache__ as it does for
    # any module: compiling the dozen modules again in every process would cost a quarter of what
    # precompiling saves.
    loader = importlib.machinery.SourceFileLoader(f"{__name__}.{name}", str(path))
    code = loader.get_code(loader.name)
    # Named after the template, as Jinja names the code it compiles: its tracebacks point at template lines.
    return None if code is None else _named(code, str(TEMPLATES / name))


def _named(code: CodeType, filename: str) -> CodeType:
    """The code, and the code of every function in it, as if compiled from `filename`."""
    consts = tuple(_named(const, filename) if isinstance(const, CodeType) else const for const in code.co_consts)
    return code.replace(co_filename=filename, co_consts=consts)


@functools.cache
def built_in_names() -> frozenset[str]:
    return frozenset(path.name for path in TEMPLATES.glob("*.j2"))


def precompiled_text(environment: jinja2.Environment, name: str) -> str:
    """What the precompiled module of a built-in template holds: its header, then Jinja's Python for it."""
    source = (TEMPLATES / name).read_bytes().decode("utf-8")  # as Jinja's loader reads it: line ends kept
    checksum = jinja2.BytecodeCache().get_source_checksum(source)
    return header(name, checksum) + environment.compile(source, name, str(TEMPLATES / name), raw=True) + "\n"


def main() -> int:
    """Write the precompiled module of every built-in template, and remove those of templates that are gone."""
    from .render import environment_for

    environment = environment_for(())
    PRECOMPILED.mkdir(exist_ok=True)
    for name in sorted(built_in_names()):
        precompiled_path(name).write_text(precompiled_text(environment, name), encoding="utf-8")
    for path in PRECOMPILED.glob("*.py"):
        if path.name.removesuffix(".py") not in built_in_names():
            path.unlink()
    print(f"precompiled {len(built_in_names())} templates into {PRECOMPILED}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())

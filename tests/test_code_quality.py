"""Properties of the code itself, checked with the tests so a fresh clone's run checks them too: the linters, and what `briefing check` imports."""

from __future__ import annotations

import subprocess
import sys

from conftest import REPO


def run(*command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", *command], cwd=REPO, capture_output=True, text=True, timeout=300)


def test_ruff_lint_and_format() -> None:
    lint = run("ruff", "check", ".")
    assert lint.returncode == 0, lint.stdout
    formatting = run("ruff", "format", "--check", ".")
    assert formatting.returncode == 0, formatting.stdout


def test_mypy_strict() -> None:
    result = run("mypy")
    assert result.returncode == 0, result.stdout


def test_the_check_command_does_not_load_the_renderer() -> None:
    """`briefing check` runs after every edit; importing Jinja and the renderer would add to each run."""
    code = (
        "import sys, generator.cli; print(sorted(n for n in sys.modules if n in ('jinja2', 'generator.render.pages')))"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"

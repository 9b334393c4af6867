"""The README's front door: the commands it gives are the ones that run."""

from __future__ import annotations

import re

from conftest import REPO

README = (REPO / "README.md").read_text(encoding="utf-8")


def readme_commands() -> list[str]:
    """The shell blocks of the README's "Two commands" section, in order."""
    section = README[README.index("## Two commands") :]
    section = section[: section.index("\n## ", 1)]
    return [block.strip() for block in re.findall(r"```sh\n(.*?)```", section, re.DOTALL)]


def test_ci_runs_the_readme_s_test_command_byte_for_byte() -> None:
    build, tests = readme_commands()
    assert "briefing build" in build and tests.endswith("-m pytest")
    assert tests in (REPO / ".ci/run").read_text(encoding="utf-8").splitlines()


def test_the_readme_installs_npm_only_where_node_js_brought_none() -> None:
    """NodeSource's Node.js, as on CI's machines, conflicts with Debian's npm: apt-get must not be asked for both."""
    _, tests = readme_commands()
    first_install = tests[: tests.index("{")]
    assert "npm" not in first_install
    assert "{ command -v npm >/dev/null || apt-get install -y npm; }" in tests

"""`python -m tests.regenerate`: rewrite every generated file the tests compare against, then review `git diff`.

- The JSON Schemas in site_config/schemas/ and the field reference in
  MAINTAINING.md, of the repo and of the sample project (what `briefing schemas`
  writes), from generator/content/schema.py.
- The golden pages in tests/golden/ and the messages pinned in
  tests/corpus/bad_input/, by running the tests that compare them with
  BRIEFING_REGENERATE=1: each such test writes what the code produced in place
  of the expected text. Run it from the repo root, in the test environment.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from generator.data.schemas import write_generated

REPO = Path(__file__).resolve().parent.parent
#: The environment variable that makes a comparing test write what it found instead.
VARIABLE = "BRIEFING_REGENERATE"
PROJECTS = (REPO, REPO / "tests" / "fixtures" / "sample")
COMPARING_TESTS = ("tests/test_render.py", "tests/test_render_scale.py", "tests/test_bad_input_corpus.py")


def regenerating() -> bool:
    """Whether this test run writes its expected files (see the module's docstring)."""
    return os.environ.get(VARIABLE) == "1"


def main() -> int:
    for project in PROJECTS:
        for path in write_generated(project):
            print(f"rewrote {(project / path).relative_to(REPO)}")
    command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *COMPARING_TESTS]
    result = subprocess.run(command, cwd=REPO, env={**os.environ, VARIABLE: "1"}, check=False)
    print("now review the changes: git diff -- site_config tests MAINTAINING.md")
    return result.returncode


if __name__ == "__main__":
    sys.exit(main())

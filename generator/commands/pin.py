"""`briefing pin SOURCE`: record a seed's current SHA-256 in its source file.

The maintainer asks for this after re-verifying the citations of a changed
seed; it is the only command that edits a content file, and it changes one
line of it: the `sha256:` line (added after `file:` if missing). It pins what
it is asked to, and names each citation whose quote the pinned seed no longer
holds, since `briefing check` will refuse them.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..check.citations import seed_sha256
from ..errors import BriefingError, Problem
from ..pipeline import Project, Session
from ..read.load import YAML_SUFFIXES, read_record

_SHA_LINE = re.compile(r"^sha256:[^\n]*$", re.MULTILINE)
_FILE_LINE = re.compile(r"^file:[^\n]*$", re.MULTILINE)


def pin_source(project: Project, source_id: str) -> tuple[Path, str]:
    """Record the seed's hash in content/sources/SOURCE.yml; returns the file and the hash."""
    path = _source_file(project, source_id)
    problems: list[Problem] = []
    record = read_record(project.root, path, "sources", problems)
    seed_name = record.data.get("file") if isinstance(record.data, dict) else None
    if problems or not isinstance(seed_name, str):
        raise BriefingError(
            f"{path.relative_to(project.root)} must name its seed in 'file:' first; run `briefing check`"
        )
    seed = project.seeds_dir / seed_name
    if not seed.is_file():
        raise BriefingError(f"seed file seeds/{seed_name} not found")
    try:
        digest = seed_sha256(seed.read_bytes().decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise BriefingError(f"seeds/{seed_name} is not UTF-8 text; save it with UTF-8 encoding") from None
    text = path.read_text(encoding="utf-8")
    line = f'sha256: "{digest}"'
    updated = (
        _SHA_LINE.sub(line, text, count=1)
        if _SHA_LINE.search(text)
        else _FILE_LINE.sub(rf"\g<0>\n{line}", text, count=1)
    )
    if updated != text:
        path.write_text(updated, encoding="utf-8")
    return path, digest


#: The problems of a quote its seed no longer holds as cited.
UNMATCHED = frozenset({"quote-not-found", "ambiguous-quote"})


def unmatched_citations(project: Project, source_id: str) -> list[Problem]:
    """The citations of a source whose quotes its seed, as pinned, no longer holds (or holds more than once)."""
    _, problems = Session(project).check()
    return [
        problem for problem in problems if problem.code in UNMATCHED and f"in source '{source_id}'" in problem.message
    ]


def _source_file(project: Project, source_id: str) -> Path:
    for suffix in YAML_SUFFIXES:
        path = project.content_dir / "sources" / f"{source_id}{suffix}"
        if path.is_file():
            return path
    known = sorted(p.stem for p in (project.content_dir / "sources").glob("*.y*ml"))
    raise BriefingError(
        f"no source '{source_id}' in content/sources/ (sources: {', '.join(known) or 'none'})", exit_code=2
    )

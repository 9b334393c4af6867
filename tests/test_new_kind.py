"""A new kind is what Contributing says it is: a model, a row in the kinds table, two templates and a nav line.

In a temporary copy of the generator and the sample project, a kind `proposals`
is added exactly as README.md's Contributing lists, and nothing else is edited;
a later source brings the first proposal, so it is new in the newest edition.
Every stage that reads the kinds table must then take it up unaided: the check,
the sidebar, the home page's "what changed", the feed, the search index, the
JSON, CSV and JSON Schema files, the content files' schemas and `briefing new`.
"""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from xml.etree import ElementTree

import pytest
from bs4 import BeautifulSoup
from conftest import REPO, SAMPLE

pytestmark = pytest.mark.slow

MODEL = '''

class ProposalFile(EntityFile):
    """content/proposals/ID.yml: a proposal one party put to the others."""

    title: Text = Field(description="The proposal in a few neutral words.")
    parties: list[ParticipantRef] = Field(min_length=1, description="Ids of the participants who made it.")
    facts: list[Fact] = Field(min_length=1, description="Cited facts describing the proposal.")
'''
ROW = 'PROPOSALS = Kind("proposals", ProposalFile, "proposal", "Proposals", "proposal.md.j2", "title", 6)\n'
PAGE_TEMPLATE = """# {{ entity.data.title }}

**Made by:** {{ page.refs("participants", entity.data.parties) }}

{{ page.fact_list(entity.facts) }}

{{ page.footnotes() }}
"""
INDEX_TEMPLATE = """# {{ title }}

| Proposal | Made by |
|---|---|
{% for entity in entities %}
| {{ page.link(entity) }} | {{ page.refs("participants", entity.data.parties) }} |
{% endfor %}

{{ page.pager(pager) }}
"""
NAV_LINE = "  - Proposals: proposals/index.md\n"
SEED = "Northland proposed further talks in Oslo, a statement said on Friday.\n"
SOURCE = """title: Statement on further talks
published: 2030-04-12
file: oslo-statement.txt
"""
PROPOSAL = """title: Further talks in Oslo
parties: [northland]
facts:
  - text: A statement said Northland proposed further talks in Oslo.
    cite:
      - source: oslo-statement
        quote: Northland proposed further talks in Oslo
"""


@pytest.fixture(scope="module")
def copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The generator and the sample project, copied, with the kind added as Contributing says, and one proposal."""
    root = tmp_path_factory.mktemp("new-kind")
    code = root / "code/generator"
    shutil.copytree(REPO / "generator", code, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(SAMPLE, root / "project")
    _append(code / "content/schema.py", MODEL)
    _edit(code / "content/kinds.py", "from .schema import EntityFile,", "from .schema import EntityFile, ProposalFile,")
    _edit(
        code / "content/kinds.py",
        "\n#: In the order content is declared",
        f"{ROW}\n#: In the order content is declared",
    )
    _edit(code / "content/kinds.py", "QUESTIONS, EVENTS)", "QUESTIONS, EVENTS, PROPOSALS)")
    (code / "render/templates/proposal.md.j2").write_text(PAGE_TEMPLATE, encoding="utf-8")
    (code / "render/templates/proposals_index.md.j2").write_text(INDEX_TEMPLATE, encoding="utf-8")
    project = root / "project"
    (project / "seeds/oslo-statement.txt").write_text(SEED, encoding="utf-8")
    (project / "content/sources/oslo-statement.yml").write_text(SOURCE, encoding="utf-8")
    (project / "content/proposals").mkdir()
    (project / "content/proposals/further-talks.yml").write_text(PROPOSAL, encoding="utf-8")
    _edit(project / "content/briefing.yml", "as_of: 2030-03-05", "as_of: 2030-04-12")
    pinned = briefing(root, "pin", "oslo-statement")
    assert pinned.returncode == 0, pinned.stderr
    return root


def _append(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def _edit(path: Path, old: str, new: str) -> None:
    """Replace the one place `old` is found; a second or no place fails, as the anchor would be ambiguous."""
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{path.name}: {old!r} found {text.count(old)} times"
    path.write_text(text.replace(old, new), encoding="utf-8")


def briefing(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """The copied generator's `briefing` command, in the copied project."""
    env = {**os.environ, "PYTHONPATH": str(root / "code"), "BRIEFING_CACHE": "off"}
    command = [sys.executable, "-m", "generator", *args]
    return subprocess.run(command, cwd=root / "project", env=env, capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="module")
def site(copy: Path) -> Path:
    """The copy built after the missing nav line was reported and then added, and the schemas regenerated."""
    unlisted = briefing(copy, "build")
    assert unlisted.returncode == 1, unlisted.stderr
    assert f"add under 'nav:'\n{NAV_LINE}" in unlisted.stderr + "\n"
    _edit(copy / "project/mkdocs.yml", "  - Sources: sources/index.md\n", f"  - Sources: sources/index.md\n{NAV_LINE}")
    schemas = briefing(copy, "schemas")
    assert schemas.returncode == 0, schemas.stderr
    built = briefing(copy, "build")
    assert built.returncode == 0, built.stderr
    return copy / "project/site"


def test_the_check_holds_the_new_kind_to_its_model(copy: Path) -> None:
    broken = copy / "project/content/proposals/broken.yml"
    broken.write_text("title: No parties\nfacts: []\n", encoding="utf-8")
    try:
        result = briefing(copy, "check")
    finally:
        broken.unlink()
    assert result.returncode == 1
    assert "content/proposals/broken.yml:1:1: missing required field 'parties'" in result.stdout


def test_the_sidebar_and_the_home_page_show_the_kind(site: Path) -> None:
    home = BeautifulSoup((site / "index.html").read_text(encoding="utf-8"), "html.parser")
    sidebar = [link.get_text(strip=True) for link in home.select("nav.md-nav--primary a.md-nav__link")]
    assert sidebar.index("Proposals") == sidebar.index("Sources") + 1
    (label,) = [strong for strong in home.find_all("strong") if strong.get_text(strip=True) == "New proposals:"]
    assert label.parent.find("a", href="proposals/further-talks/").get_text(strip=True) == "Further talks in Oslo"
    page = BeautifulSoup((site / "proposals/further-talks/index.html").read_text(encoding="utf-8"), "html.parser")
    assert page.h1.get_text(strip=True) == "Further talks in Oslo¶"
    assert "Northland proposed further talks in Oslo" in page.get_text()
    index = (site / "proposals/index.html").read_text(encoding="utf-8")
    assert 'href="further-talks/"' in index


def test_the_feed_and_the_search_index_take_the_kind_up(site: Path) -> None:
    feed = ElementTree.parse(site / "feed.xml").getroot()
    summaries = [element.text or "" for element in feed.iter("{http://www.w3.org/2005/Atom}summary")]
    assert any("Proposals: Further talks in Oslo" in summary for summary in summaries), summaries
    search = json.loads((site / "search/search_index.json").read_text(encoding="utf-8"))
    assert "proposals/further-talks/" in {document["location"] for document in search["docs"]}


def test_the_data_files_take_the_kind_up(site: Path, copy: Path) -> None:
    exported = json.loads((site / "data/briefing.json").read_text(encoding="utf-8"))
    (proposal,) = exported["proposals"]
    assert (proposal["id"], proposal["parties"]) == ("further-talks", ["northland"])
    (row,) = csv.DictReader(io.StringIO((site / "data/proposals.csv").read_text(encoding="utf-8")))
    assert (row["id"], row["title"], row["parties"]) == ("further-talks", "Further talks in Oslo", "northland")
    export_schema = json.loads((site / "data/briefing.schema.json").read_text(encoding="utf-8"))
    assert "parties" in export_schema["$defs"]["proposals"]["properties"]
    content_schema = json.loads((copy / "project/site_config/schemas/proposals.schema.json").read_text("utf-8"))
    assert set(content_schema["required"]) == {"title", "parties", "facts"}


def test_briefing_new_scaffolds_the_kind(copy: Path) -> None:
    listed = briefing(copy, "new", "--help")
    assert "proposal" in listed.stdout
    created = briefing(copy, "new", "proposal", "ceasefire-plan")
    assert created.returncode == 0, created.stderr
    scaffold = copy / "project/content/proposals/ceasefire-plan.yml"
    try:
        assert "proposals.schema.json" in scaffold.read_text(encoding="utf-8").splitlines()[0]
        assert "parties:" in scaffold.read_text(encoding="utf-8")
    finally:
        scaffold.unlink()

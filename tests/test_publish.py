"""Re-use and publishing: open data, JSON-LD, the updates feed, portable Markdown, stable links."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from urllib.parse import urljoin

import feedparser
import jsonschema
import pytest
import yaml
from bs4 import BeautifulSoup
from conftest import REPO, run_briefing

from generator.content.kinds import KINDS, SOURCES

pytestmark = pytest.mark.slow


def build(project: Path) -> Path:
    result = run_briefing("build", cwd=project)
    assert result.returncode == 0, result.stderr
    return project / "site"


def html(site: Path, url: str) -> BeautifulSoup:
    return BeautifulSoup((site / url / "index.html").read_text(encoding="utf-8"), "html.parser")


@pytest.fixture(scope="module")
def export() -> dict:  # type: ignore[type-arg]
    result = run_briefing("export", cwd=REPO)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)  # type: ignore[no-any-return]


def test_export_validates_against_its_published_schema(export: dict, real_site: Path) -> None:  # type: ignore[type-arg]
    site = real_site
    schema = json.loads((site / "data/briefing.schema.json").read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker()).validate(export)
    assert json.loads((site / "data/briefing.json").read_text()) == export
    assert export["schema_version"] == "2.4"


def test_export_round_trips_every_entity_and_citation(export: dict) -> None:  # type: ignore[type-arg]
    texts = {source["id"]: source["text"] for source in export["sources"]}
    for path in (REPO / "content").glob("*/*.yml"):
        written = yaml.safe_load(path.read_text())
        (exported,) = [entry for entry in export[path.parent.name] if entry["id"] == path.stem]
        assert sorted(_citations(written)) == sorted(_citations(exported)), path
    passages = 0
    for kind in (kind.name for kind in KINDS if kind is not SOURCES):
        for entry in export[kind]:
            for citation in _citation_objects(entry):
                for passage in citation["passages"]:
                    assert texts[citation["source"]][passage["start"] : passage["end"]] == passage["text"]
                    passages += 1
    assert passages >= 70


def _citation_objects(node: object) -> list[dict]:  # type: ignore[type-arg]
    if isinstance(node, dict):
        found = [node] if {"source", "quote"} <= node.keys() else []
        return found + [c for value in node.values() for c in _citation_objects(value)]
    if isinstance(node, list):
        return [c for item in node for c in _citation_objects(item)]
    return []


def _citations(node: object) -> list[tuple[str, str]]:
    return [(c["source"], c["quote"]) for c in _citation_objects(node)]


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("participants/marco-rubio", "Person"),
        ("participants/state-department", "Organization"),
        ("participants/ukraine", "Country"),
        ("events/riyadh-talks", "Event"),
        ("questions/sanctions", "Question"),
        ("sources/us-russia-talks-riyadh-2025-02-19", "CreativeWork"),
    ],
)
def test_each_page_kind_carries_json_ld_of_its_type(real_site: Path, url: str, expected: str) -> None:
    (script,) = html(real_site, url).select('script[type="application/ld+json"]')
    data = json.loads(script.string)
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == expected
    if expected == "CreativeWork":
        assert data["citation"]["datePublished"] == "2025-02-19"


def test_json_ld_cannot_close_its_script_element(sample_project: Path) -> None:
    person = sample_project / "content/participants/ana-lind.yml"
    person.write_text(
        person.read_text().replace("role: Foreign Minister", "role: '</script><script>alert(1)</script>'")
    )
    site = build(sample_project)
    (script,) = html(site, "participants/ana-lind").select('script[type="application/ld+json"]')
    assert json.loads(script.string)["jobTitle"] == "</script><script>alert(1)</script>"


def test_the_feed_is_atom_and_lists_a_change(sample_project: Path) -> None:
    person = sample_project / "content/participants/ana-lind.yml"
    person.write_text(person.read_text() + "updated: 2030-03-07\n")
    site = build(sample_project)
    feed = feedparser.parse((site / "feed.xml").read_text())
    assert not feed.bozo, feed.bozo_exception
    assert feed.version == "atom10"
    newest = feed.entries[0]
    assert newest.title == "Ana Lind (updated)"
    assert newest.link == "participants/ana-lind/"
    assert newest.updated.startswith("2030-03-07")
    assert [entry.title for entry in feed.entries] == ["Ana Lind (updated)", "Edition of 5 March 2030"]
    home = html(site, "")
    assert "Updated: Ana Lind (7 March 2030)" in home.get_text()


def test_the_home_page_links_the_export_and_the_feed(real_site: Path) -> None:
    links = {a["href"] for a in html(real_site, "").select("article a[href]")}
    assert {"data/briefing.json", "data/briefing.schema.json", "data/citations.csv", "feed.xml"} <= links
    for href in ("data/briefing.json", "data/participants.csv", "feed.xml"):
        assert (real_site / href).is_file()


def test_generated_markdown_builds_with_plain_mkdocs(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    result = run_briefing("generate", "--out", str(docs), cwd=REPO)
    assert result.returncode == 0, result.stderr
    config = {
        "site_name": "Plain build",
        "theme": {"name": "material", "font": False},
        "markdown_extensions": ["attr_list", "footnotes", "tables", {"toc": {"permalink": True}}],
        "validation": {"omitted_files": "ignore", "anchors": "warn", "unrecognized_links": "warn"},
    }
    (tmp_path / "mkdocs.yml").write_text(yaml.safe_dump(config))
    plain = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=tmp_path,
                           capture_output=True, text=True, timeout=300)  # fmt: skip
    assert plain.returncode == 0, plain.stderr
    assert "briefing" not in (tmp_path / "mkdocs.yml").read_text()
    assert (tmp_path / "site/participants/marco-rubio/index.html").is_file()
    again = run_briefing("generate", "--out", str(docs), cwd=REPO)
    assert again.returncode == 1 and "not an empty folder" in again.stderr


def test_a_renamed_id_keeps_its_old_url(sample_project: Path) -> None:
    old = sample_project / "content/participants/ana-lind.yml"
    new = old.with_name("ana-lind-minister.yml")
    new.write_text(old.read_text())
    old.unlink()
    for path in (sample_project / "content").rglob("*.yml"):
        path.write_text(
            path.read_text().replace("ana-lind\n", "ana-lind-minister\n").replace("ana-lind]", "ana-lind-minister]")
        )
    new.write_text(new.read_text() + "formerly: [ana-lind]\n")
    site = build(sample_project)
    redirect = BeautifulSoup((site / "participants/ana-lind/index.html").read_text(), "html.parser")
    target = redirect.select_one('meta[http-equiv="refresh"]')["content"].split("url=", 1)[1]
    landed = urljoin("/participants/ana-lind/", target)
    assert landed == "/participants/ana-lind-minister/"
    assert html(site, landed.strip("/")).h1.get_text(strip=True).startswith("Ana Lind")


def test_a_former_id_cannot_be_another_entry_s_id(sample_project: Path) -> None:
    person = sample_project / "content/participants/ana-lind.yml"
    person.write_text(person.read_text() + "formerly: [northland]\n")
    result = run_briefing("check", cwd=sample_project)
    assert result.returncode == 1
    assert "former id 'northland' is already used by participants/northland" in result.stdout


def test_each_csv_holds_its_kind_s_plain_fields_and_one_row_per_entity(export: dict, real_site: Path) -> None:  # type: ignore[type-arg]
    import csv

    from generator.data.export import csv_columns

    for kind in KINDS:
        rows = list(csv.DictReader((real_site / f"data/{kind.name}.csv").open(encoding="utf-8")))
        assert rows and list(rows[0]) == csv_columns(kind), kind.name
        assert [row["id"] for row in rows] == [entry["id"] for entry in export[kind.name]]
    assert csv_columns(KINDS[1]) == [
        "id", "name", "kind", "role", "member_of", "url", "updated", "formerly", "side", "page",
    ]  # fmt: skip
    participants = {row["id"]: row for row in csv.DictReader((real_site / "data/participants.csv").open())}
    assert participants["marco-rubio"]["member_of"] == "us-delegation"
    events = {row["id"]: row for row in csv.DictReader((real_site / "data/events.csv").open())}
    attendance = events["riyadh-talks"]["attendance"].split(";")
    assert "marco-rubio:member" in attendance and "saudi-arabia:host" in attendance and "ukraine:absent" in attendance
    assert events["trump-putin-conversation"]["attendance"] == ""


def test_every_per_kind_table_names_kinds_only() -> None:
    """A kind a table has no row for takes its default (no derived column, a schema.org Thing): a misspelt or
    retired kind's row would be dead."""
    from generator.content.kinds import BY_NAME
    from generator.data import jsonld
    from generator.data.export import DERIVED_COLUMNS
    from generator.render import grouping, pages

    tables = [DERIVED_COLUMNS, jsonld._BUILDERS, pages.NEWS_GROUPS, pages.ENTITY_VALUES, pages.SECTION_VALUES]
    tables += [pages.EXTRA_PAGES, grouping.SECTION_GROUPS, grouping.SECTION_ORDERS]
    assert [set(table) - set(BY_NAME) for table in tables] == [set()] * len(tables)


def test_csv_cells_a_spreadsheet_would_run_start_with_an_apostrophe(sample_project: Path, tmp_path: Path) -> None:
    import csv

    formulas = ['=HYPERLINK("https://example.org")', "+1+2", "-3", "@SUM(A1)", "\tTab", "\rReturn"]
    person = sample_project / "content/participants/ana-lind.yml"
    person.write_text(person.read_text().replace("role: Foreign Minister", f"role: {json.dumps(formulas[0])}"))
    country = sample_project / "content/participants/southland.yml"
    country.write_text(country.read_text().replace("name: Southland", f"name: {json.dumps(' '.join(formulas[1:]))}"))
    plain = sample_project / "content/participants/northland.yml"
    plain.write_text(plain.read_text().replace("name: Northland", "name: '-Northland = +home'"))
    out = tmp_path / "out"
    assert run_briefing("generate", "--out", str(out), cwd=sample_project).returncode == 0
    rows = {row["id"]: row for row in csv.DictReader((out / "data/participants.csv").open(newline=""))}
    assert rows["ana-lind"]["role"] == "'" + formulas[0]
    assert rows["southland"]["name"] == "'" + " ".join(formulas[1:])
    assert rows["northland"]["name"] == "'-Northland = +home"
    assert rows["ana-lind"]["name"] == "Ana Lind"
    exported = json.loads((out / "data/briefing.json").read_text())
    ana = next(entry for entry in exported["participants"] if entry["id"] == "ana-lind")
    southland = next(entry for entry in exported["participants"] if entry["id"] == "southland")
    assert (ana["role"], southland["name"]) == (formulas[0], " ".join(formulas[1:]))

"""Where each party stands, end to end on tests/fixtures/positions: three rounds, three parties on one question,
a position that moves, a disagreement of three voices two of them on one side, and a party that says nothing;
built for real by both engines, and as of the second round."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import jsonschema
import pytest
from bs4 import BeautifulSoup, Tag
from conftest import made_once, positions_project, run_briefing

from generator.content.model import CitedFact
from generator.content.positions import disagreements
from generator.content.schema import Fact
from generator.pipeline import Project, Session


def _built(tmp_path_factory: pytest.TempPathFactory, engine: str, *extra: str) -> Path:
    def build(folder: Path) -> None:
        project = positions_project(folder / "project")
        result = run_briefing("build", "--engine", engine, *extra, cwd=project)
        assert result.returncode == 0, result.stdout + result.stderr

    name = f"positions-{engine}{'-'.join(extra).replace('/', '')}"
    return made_once(tmp_path_factory, name, build) / "project" / "site"


@pytest.fixture(scope="module", params=["mkdocs", "zensical"])
def site(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _built(tmp_path_factory, request.param)


def page(site: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / path / "index.html").read_text(encoding="utf-8"), "html.parser")


def words(element: Tag) -> str:
    return " ".join(element.get_text().split())


def row(soup: BeautifulSoup, party: str) -> list[str]:
    """A party's statements on the question page, in the order shown."""
    heading = soup.find(id=f"position-{party}")
    assert heading is not None, party
    statements = heading.find_next_sibling("ul")
    assert statements is not None
    return [words(item) for item in statements.find_all("li", recursive=False)]


def test_each_party_s_statements_stand_in_its_row_latest_first_with_dates(site: Path) -> None:
    soup = page(site, "questions/border-region")
    lind = row(soup, "ana-lind")
    assert [statement.split(":")[0] for statement in lind] == [
        "2 April 2030 new since 20 March 2030",
        "20 March 2030",
    ]
    assert "could accept a ceasefire that leaves the border region to later talks" in lind[0]
    assert "must cover the border region" in lind[1]
    assert row(soup, "bo-berg")[0].startswith("20 March 2030: Berg said Southland")
    assert row(soup, "carla-ruiz")[0].startswith("2 April 2030 new since 20 March 2030: Ruiz said")
    sides = [words(heading).rstrip("¶") for heading in soup.select("h2#where-the-parties-stand ~ h3")]
    assert sides == ["Northland", "Southland", "Others"]


def test_the_page_says_who_disagrees_and_who_said_nothing(site: Path) -> None:
    text = words(page(site, "questions/border-region"))
    assert (
        "Parties disagree (3 voices): Ana Lind, 2 April 2030; Ivo Brandt, 2 April 2030; Carla Ruiz, 2 April 2030"
        in text
    )
    assert "No statement on this question recorded from: Mara Koss" in text


def test_no_statement_is_shown_in_quotation_marks_it_does_not_have(site: Path) -> None:
    for item in page(site, "questions/border-region").select("[id^=position-] + ul li"):
        assert "\u201c" not in words(item) and '"' not in words(item)


def test_the_home_page_grid_gives_each_side_s_latest_statements_linked_to_their_rows(site: Path) -> None:
    heading = page(site, "").find(id="where-the-parties-stand")
    assert heading is not None
    table = heading.find_next("table")
    assert table is not None
    assert [words(cell) for cell in table.find_all("th")] == ["Question", "Northland", "Southland", "Others"]
    (question, northland, southland, others) = table.find("tbody").find("tr").find_all("td")
    assert "parties disagree: 3 voices" in words(question)
    links = [link["href"] for link in northland.find_all("a")]
    assert links == ["questions/border-region/#position-ana-lind", "questions/border-region/#position-ivo-brandt"]
    assert words(northland).startswith("Lind said Northland could accept a ceasefire")
    assert "(2 April 2030)" in words(northland) and "(20 March 2030)" in words(southland)
    assert words(others).startswith("Ruiz said both sides had agreed")


def test_the_brief_holds_every_statement_and_the_disagreement(site: Path) -> None:
    text = words(page(site, "brief"))
    for said in ("Lind said a ceasefire must cover", "Lind said Northland could accept", "Brandt said", "Berg said"):
        assert said in text
    assert "Parties disagree (3 voices)" in text


def test_an_edition_of_the_second_round_shows_the_positions_of_that_date(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    soup = page(_built(tmp_path_factory, "mkdocs", "--as-of", "2030-03-20"), "questions/border-region")
    (lind,) = row(soup, "ana-lind")
    assert lind.startswith("20 March 2030 new since 5 March 2030: Lind said a ceasefire must cover the border region.")
    assert soup.find(id="position-ivo-brandt") is None and soup.find(id="position-carla-ruiz") is None
    assert "Parties disagree" not in words(soup)


def test_the_export_and_positions_csv_carry_every_statement(site: Path) -> None:
    exported = json.loads((site / "data/briefing.json").read_text(encoding="utf-8"))
    schema = json.loads((site / "data/briefing.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker()).validate(exported)
    rows = list(csv.DictReader(io.StringIO((site / "data/positions.csv").read_text(encoding="utf-8"))))
    assert [(row["party"], row["date"], row["disputed"]) for row in rows] == [
        ("ana-lind", "2030-04-02", "true"),
        ("ana-lind", "2030-03-20", "false"),
        ("bo-berg", "2030-03-20", "false"),
        ("ivo-brandt", "2030-04-02", "true"),
        ("carla-ruiz", "2030-04-02", "true"),
    ]
    assert rows[3]["side"] == "northland" and rows[3]["anchor"] == "f-brandt-never"
    assert rows[3]["quotes"] == "Ivo Brandt said Northland would never leave the border region out of a ceasefire."
    assert [position["anchor"] for position in exported["positions"]] == [row["anchor"] for row in rows]


def test_claims_chained_by_contests_are_one_disagreement_in_the_list_s_order(tmp_path: Path) -> None:
    briefing, problems = Session(Project(positions_project(tmp_path / "project"))).check()
    assert briefing is not None, problems
    question = briefing.entities["questions"]["border-region"]
    facts: list[CitedFact[Fact]] = [cited for cited in question.facts if cited.field == "facts"]
    assert [[cited.fact.id for cited in claims] for claims in disagreements(facts)] == [
        ["lind-later-talks", "brandt-never", "ruiz-april"]
    ]

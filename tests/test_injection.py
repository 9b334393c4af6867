"""The injection corpus: hostile text in every text field builds into inert, literal text.

Every payload of tests/corpus/injection.yml goes into every kind of text field of
a copy of the sample project (participant name and role, fact texts, goal title,
question, event title, location and basis, source title and publisher, the
briefing's title and summary) and into the seed, whose words the facts cite. One
real build; then every page is parsed and must hold no element, attribute or URL
that came from a payload, and each payload must read literally where it was put,
`<title>` and the search index included. URL fields must refuse anything but
http(s).
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from bs4 import BeautifulSoup, Tag
from conftest import SAMPLE, made_once, run_briefing, write_tree

from generator.content.kinds import SITE_ORDER
from generator.engines.build import ENGINES

pytestmark = pytest.mark.slow

CORPUS = yaml.safe_load((Path(__file__).parent / "corpus" / "injection.yml").read_text(encoding="utf-8"))
PLAIN: str = CORPUS["plain"]
#: The control payload first: its pages give the structure every other page of its kind must have.
PAYLOADS: list[str] = [PLAIN, *(entry["payload"] for entry in CORPUS["text"])]
BRIEFING_TITLE = "</title><script>alert('briefing')</script> {{ 7*7 }} # Talks"
SEED = "seeds/geneva-statement.txt"
BAD_SCHEMES = re.compile(r"^\s*(javascript|data|vbscript|file):", re.IGNORECASE)
URL_ATTRIBUTES = ("href", "src", "action", "formaction", "xlink:href", "data", "poster", "background")
#: The id (by attribute list, footnote or link reference) and class the payloads try to create. A heading's
#: id may contain the word: the table of contents makes it from the heading's text, letters and digits only.
PAYLOAD_ID = "pwned"
PAYLOAD_CLASSES = {"evil"}
HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
KINDS = tuple(kind.name for kind in SITE_ORDER)
#: The pictures' SVG (generator/render/pictures.py): the only SVG a page may hold, of these elements alone.
PICTURE_CLASSES = {"picture__svg", "trend"}
PICTURE_TAGS = {"svg", "title", "a", "rect", "line", "circle", "path", "text"}
#: Each engine's search index: its file in the site, and the key of its list of entries.
SEARCH_INDEXES = {
    "mkdocs": ("search/search_index.json", "docs"),
    "zensical": ("search.json", "items"),
    "generated": ("search.json", "items"),
}


def squash(text: str) -> str:
    return " ".join(text.split())


def quote_of(number: int) -> str:
    return f"Payload {number}: {PAYLOADS[number]}"


def cited(number: int) -> dict[str, Any]:
    """A fact whose text is the payload, citing the seed's paragraph that holds it."""
    return {"text": PAYLOADS[number], "cite": [{"source": "geneva-statement", "quote": quote_of(number)}]}


def unquoted(payload: str) -> str:
    """The payload with straight double quotation marks as apostrophes: the check refuses quotation marks in a
    correction's change and reason (they would read as someone's words), and an apostrophe delimits an HTML
    attribute as well."""
    return payload.replace('"', "'")


def corrected(number: int) -> dict[str, Any]:
    """A correction of a removed fact: the payload as its earlier words, and unquoted as its change and reason."""
    payload = PAYLOADS[number]
    correction = {"change": unquoted(payload), "earlier": payload, "reason": unquoted(payload)}
    return {"corrections": [{"date": "2030-03-06", "fact": "f-0removed", **correction}]}


def disputed(number: int) -> list[dict[str, Any]]:
    """Two claims that disagree, each the payload, side by side in a table."""
    return [
        {**cited(number), "said_by": f"p-{number}", "id": "claim"},
        {**cited(number), "said_by": f"p-{number}", "contests": "claim"},
    ]


def dump(data: dict[str, Any]) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


def hostile_files(root: Path) -> dict[str, str]:
    """Every entity once per payload, the payload in each of its text fields."""
    seed = (root / SEED).read_text(encoding="utf-8")
    seed += "".join(f"\n{quote_of(number)}\n" for number in range(len(PAYLOADS)))
    digest = hashlib.sha256(seed.encode("utf-8")).hexdigest()
    source = (root / "content/sources/geneva-statement.yml").read_text(encoding="utf-8")
    files = {
        SEED: seed,
        "content/sources/geneva-statement.yml": re.sub(r"(?m)^sha256: .*$", f"sha256: {digest}", source),
    }
    briefing = yaml.safe_load((root / "content/briefing.yml").read_text(encoding="utf-8"))
    briefing["title"] = BRIEFING_TITLE
    briefing["summary"] += [cited(number) for number in range(len(PAYLOADS))]
    files["content/briefing.yml"] = dump(briefing)
    for number, payload in enumerate(PAYLOADS):
        files.update(
            {
                f"content/participants/p-{number}.yml": dump(
                    {"name": payload, "kind": "person", "role": payload, "facts": [cited(number)], **corrected(number)}
                ),
                f"content/goals/g-{number}.yml": dump(
                    {"title": payload, "parties": [f"p-{number}"], "facts": disputed(number), **corrected(number)}
                ),
                f"content/questions/q-{number}.yml": dump(
                    {
                        "question": payload,
                        "why_it_matters": cited(number),
                        "participants": [f"p-{number}"],
                        "goals": [f"g-{number}"],
                        "history": [{"status": "open", "as_of": "2030-03-05", **cited(number)}],
                        **corrected(number),
                    }
                ),
                f"content/events/e-{number}.yml": dump(
                    {
                        "title": payload,
                        "date": {"day": "2030-03-04", "basis": payload},
                        "location": payload,
                        "participants": [f"p-{number}"],
                        "attendance": [
                            {"participant": f"p-{number}", "capacity": "lead", "cite": cited(number)["cite"]}
                        ],
                        "facts": [cited(number)],
                        **corrected(number),
                    }
                ),
                f"content/sources/s-{number}.yml": dump(
                    {
                        "title": payload,
                        "published": "2030-03-05",
                        "file": "geneva-statement.txt",
                        "sha256": digest,
                        "publisher": payload,
                        "url": CORPUS["good_urls"][number % len(CORPUS["good_urls"])],
                        **corrected(number),
                    }
                ),
            }
        )
    return files


#: "generated": `briefing generate --out`'s Markdown built by plain Zensical, without the cleaning step
#: (finish.py) of `briefing build`: the Markdown must be inert on its own.
BUILDS = [*ENGINES, "generated"]


@pytest.fixture(scope="module", params=BUILDS)
def engine(request: pytest.FixtureRequest) -> str:
    """Every test of the built site runs on each engine's build, and on the uncleaned one."""
    return str(request.param)


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory, engine: str) -> Path:
    """The hostile project's site as `engine` builds it, once per test run."""

    def build(folder: Path) -> None:
        root = folder / "project"
        shutil.copytree(SAMPLE, root)
        write_tree(root, hostile_files(root))
        if engine == "generated":
            uncleaned_build(root)
            return
        result = run_briefing("build", "--engine", engine, cwd=root)
        assert result.returncode == 0, result.stdout + result.stderr

    return made_once(tmp_path_factory, f"hostile-{engine}", build) / "project" / "site"


def uncleaned_build(root: Path) -> Path:
    """The pages as `briefing generate --out` writes them, built by `zensical build` with nothing after it."""
    docs = root / "generated"
    result = run_briefing("generate", "--out", str(docs), cwd=root)
    assert result.returncode == 0, result.stdout + result.stderr
    shutil.copytree(root / "site_config/docs", docs, dirs_exist_ok=True)
    config = root / "generated.yml"
    config.write_text(f"INHERIT: mkdocs.yml\ndocs_dir: {docs.name}\nsite_dir: site\n", encoding="utf-8")
    built = subprocess.run([sys.executable, "-m", "zensical", "build", "--strict", "-f", str(config)],
                           cwd=root, capture_output=True, text=True, timeout=300)  # fmt: skip
    assert built.returncode == 0, built.stdout + built.stderr
    return root / "site"


@pytest.fixture(scope="module")
def hostile_pages(hostile_site: Path) -> dict[str, BeautifulSoup]:
    """Every HTML page of the site, parsed once, by its path in the site."""
    return {
        str(path.relative_to(hostile_site)): BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        for path in sorted(hostile_site.rglob("*.html"))
    }


def page(pages: dict[str, BeautifulSoup], kind: str, number: int) -> BeautifulSoup:
    return pages[f"{kind}/{kind[0]}-{number}/index.html"]


def article(soup: BeautifulSoup) -> Tag:
    found = soup.select_one("article")
    assert isinstance(found, Tag)
    return found


def structure(element: Tag) -> list[tuple[str, tuple[str, ...], tuple[str, ...]]]:
    """Tag names, attribute names and classes, in document order: what markup a page holds, not its words."""
    return [(tag.name, tuple(sorted(tag.attrs)), tuple(tag.get("class") or ())) for tag in element.find_all(True)]


# --- the tests ------------------------------------------------------------------------------------


def test_the_corpus_has_at_least_thirty_payloads() -> None:
    assert len(CORPUS["text"]) >= 30
    assert len({entry["name"] for entry in CORPUS["text"]}) == len(CORPUS["text"])


def test_no_page_holds_an_element_attribute_or_url_from_a_payload(hostile_pages: dict[str, BeautifulSoup]) -> None:
    assert len(hostile_pages) > 5 * len(PAYLOADS)
    for name, soup in hostile_pages.items():
        for tag in soup.find_all(True):
            handlers = [attribute for attribute in tag.attrs if attribute.lower().startswith("on")]
            assert not handlers, f"{name}: {tag.name} has {handlers}"
            for attribute in URL_ATTRIBUTES:
                value = tag.get(attribute)
                assert not (isinstance(value, str) and BAD_SCHEMES.match(value)), f"{name}: {attribute}={value}"
            element_id = str(tag.get("id") or "")
            assert PAYLOAD_ID not in element_id or (tag.name in HEADINGS and re.fullmatch("[a-z0-9_-]+", element_id)), (
                tag
            )
            assert not PAYLOAD_CLASSES & set(tag.get("class") or ()), f"{name}: {tag}"
        for script in soup.find_all("script"):
            if script.get("type") == "application/ld+json":
                # Structured data holds the words as JSON strings: it must still be one whole JSON document,
                # so no payload closed the element early.
                json.loads(script.get_text())
                continue
            assert "alert" not in script.get_text() and "alert" not in str(script.get("src")), f"{name}: {script}"
        body = article(soup) if soup.select_one("article") else soup
        assert not body.find_all(["script", "img", "iframe", "object", "embed", "form", "input", "style", "base"])
        assert not body.find_all(["meta", "math", "textarea", "link", "foreignobject", "use", "image"]), name
        for svg in body.find_all("svg"):
            assert PICTURE_CLASSES & set(svg.get("class") or ()), f"{name}: {svg}"
        assert "root:x:0:0" not in str(soup), f"{name} includes /etc/passwd"


def test_every_entity_page_has_the_markup_of_the_plain_control(hostile_pages: dict[str, BeautifulSoup]) -> None:
    for kind in KINDS:
        control = structure(article(page(hostile_pages, kind, 0)))
        for number in range(1, len(PAYLOADS)):
            assert structure(article(page(hostile_pages, kind, number))) == control, (kind, PAYLOADS[number])


#: Each kind's page also shows a correction's change, earlier words and reason: the payload all three, but for
#: a payload with quotation marks, which is only the earlier words.
FIELDS_SHOWN = {
    "participants": 5,  # name, role, fact (and the quoted words in its footnote), correction
    "goals": 5,  # title, two claims that disagree, correction
    "questions": 5,  # question, why it matters, status text, correction
    "events": 6,  # title, location, basis, fact, correction
    "sources": 4,  # title, publisher, correction
}


@pytest.mark.parametrize("kind", KINDS)
def test_every_payload_reads_literally_where_it_was_put(hostile_pages: dict[str, BeautifulSoup], kind: str) -> None:
    for number, payload in enumerate(PAYLOADS):
        soup = page(hostile_pages, kind, number)
        text = squash(article(soup).get_text(" "))
        words = squash(payload)
        assert text.count(words) >= FIELDS_SHOWN[kind] - ('"' in payload), (kind, payload, text)
        assert text.count(squash(unquoted(payload))) >= 2, (kind, payload, text)
        assert soup.title is not None
        assert squash(soup.title.get_text()).startswith(words), (kind, payload, soup.title)
        heading = soup.select_one("article h1")
        assert heading is not None and squash(heading.get_text(" ")).startswith(words)


def test_payloads_read_literally_on_the_home_page_and_section_indexes(
    hostile_pages: dict[str, BeautifulSoup],
) -> None:
    home = hostile_pages["index.html"]
    assert home.title is not None and squash(home.title.get_text()).startswith(squash(BRIEFING_TITLE))
    home_text = squash(article(home).get_text(" "))
    assert squash(BRIEFING_TITLE) in home_text  # {{ 7*7 }} as written, not 49
    for number, payload in enumerate(PAYLOADS):
        assert squash(payload) in home_text, payload
        assert squash(quote_of(number)) in home_text, payload  # the footnote's quoted words
    for kind in KINDS:
        index = hostile_pages[f"{kind}/index.html"]
        index_text = squash(article(index).get_text(" "))
        for payload in PAYLOADS:
            assert squash(payload) in index_text, (kind, payload)
    corrections = squash(article(hostile_pages["corrections/index.html"]).get_text(" "))
    for payload in PAYLOADS:
        # Each kind's entity corrected: its earlier words the payload, its change and reason the payload unquoted.
        assert corrections.count(squash(payload)) >= len(KINDS), payload
        assert corrections.count(squash(unquoted(payload))) >= 2 * len(KINDS), payload


def test_the_seed_s_hostile_text_reads_literally_on_its_source_page(hostile_site: Path) -> None:
    soup = BeautifulSoup(
        (hostile_site / "sources/geneva-statement/index.html").read_text(encoding="utf-8"), "html.parser"
    )
    for label in soup.select("sup.cited-by"):
        label.decompose()
    text = squash(article(soup).get_text(""))
    for number in range(len(PAYLOADS)):
        assert squash(quote_of(number)) in text, PAYLOADS[number]


def test_the_search_index_holds_payloads_as_text_not_markup(hostile_site: Path, engine: str) -> None:
    index_file, key = SEARCH_INDEXES[engine]
    docs = json.loads((hostile_site / index_file).read_text(encoding="utf-8"))[key]
    titles = {doc["location"]: doc["title"] for doc in docs}
    for doc in docs:
        for field in ("title", "text"):
            parsed = BeautifulSoup(doc[field], "html.parser")
            assert not parsed.find_all(["script", "img", "iframe", "object", "embed", "svg", "a", "style"]), doc
            assert not [tag for tag in parsed.find_all(True) if any(a.startswith("on") for a in tag.attrs)], doc
    for kind in KINDS:
        stem = kind[0]
        for number, payload in enumerate(PAYLOADS):
            title = titles[f"{kind}/{stem}-{number}/"]
            # Both engines show search titles as HTML: the payload must come out as its own text.
            assert squash(BeautifulSoup(title, "html.parser").get_text()) == squash(payload), (kind, payload, title)


def test_url_fields_refuse_anything_but_http_and_https(sample_project: Path) -> None:
    sha256 = yaml.safe_load((sample_project / "content/sources/geneva-statement.yml").read_text())["sha256"]
    source = {"title": "A", "published": "2030-03-05", "file": "geneva-statement.txt", "sha256": sha256}
    person = {"name": "Somebody", "kind": "person"}
    files, expected = {}, []
    for number, entry in enumerate(CORPUS["urls"]):
        # The url is the fifth field of the source and the third of the participant.
        files[f"content/sources/url-{number}.yml"] = dump({**source, "url": entry["url"]})
        expected.append(f"content/sources/url-{number}.yml:5:1: {entry['expect']}")
        files[f"content/participants/url-{number}.yml"] = dump({**person, "url": entry["url"]})
        expected.append(f"content/participants/url-{number}.yml:3:1: {entry['expect']}")
    write_tree(sample_project, files)
    result = run_briefing("check", cwd=sample_project)
    assert result.returncode == 1
    assert result.stdout.splitlines() == [*sorted(expected), f"{len(expected)} problems found."]


def test_good_urls_become_links_unchanged(hostile_pages: dict[str, BeautifulSoup]) -> None:
    for number in range(len(CORPUS["good_urls"])):
        links = [a["href"] for a in article(page(hostile_pages, "sources", number)).find_all("a", href=True)]
        assert CORPUS["good_urls"][number] in links


def test_text_inside_the_pictures_is_the_payload_as_written(hostile_pages: dict[str, BeautifulSoup]) -> None:
    """A meeting's picture names its participant, the timeline's marks their events: each payload, literally."""
    checked = 0
    for number, payload in enumerate(PAYLOADS):
        picture = article(page(hostile_pages, "events", number)).select_one("svg.picture__svg")
        assert picture is not None, payload
        assert {tag.name for tag in picture.find_all(True)} <= PICTURE_TAGS, payload
        name = picture.find_all("text")[1].get_text()
        assert squash(payload).startswith(squash(name).removesuffix("\u2026")) and name.strip(), (payload, name)
        checked += 1
    timeline = article(hostile_pages["events/index.html"]).select_one("svg.picture__svg")
    assert timeline is not None
    assert {tag.name for tag in timeline.find_all(True)} <= PICTURE_TAGS
    marks = [squash(title.get_text()) for title in timeline.select("a title")]
    for payload in PAYLOADS:
        assert f"4 March 2030: {squash(payload)}" in marks, payload
    assert checked == len(PAYLOADS)

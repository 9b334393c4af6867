"""The reader's experience, proven in a real browser: Debian's Chromium driven by Playwright.

The real content's site is built once and served on localhost. Every test fails,
never skips, when Chromium, Playwright or axe-core is missing: .ci/run installs them.
Screenshots for a person to look at land in test-artifacts/screenshots/.
"""

from __future__ import annotations

import functools
import http.server
import os
import re
import shutil
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pytest
from conftest import FIXTURES, REPO, positions_project, run_briefing
from playwright.sync_api import Browser, BrowserContext, Page, Playwright, expect, sync_playwright

from generator.content.kinds import SOURCES
from generator.content.model import Briefing, Entity, span_anchor
from generator.content.texts import without_header
from generator.engines.build import ENGINES
from generator.pipeline import Project, Session
from generator.render.fragments import text_fragment_url
from generator.render.source_page import citing_by_span

pytestmark = [pytest.mark.browser, pytest.mark.slow]

CHROMIUM = Path(os.environ.get("BRIEFING_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip
AXE = Path(__file__).parent / "node_modules/axe-core/axe.min.js"
ARTIFACTS = REPO / "test-artifacts/screenshots"
PHONE = {"width": 360, "height": 740}
#: The phone the screenshots are taken on: a common size today; the tests of fit use the narrower PHONE.
SCREENSHOT_PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}
SCHEMES = {"light": "default", "dark": "slate"}  # what the reader's system asks for -> Material's scheme
#: The home page, one page of each kind and each section index: what axe checks.
AXE_PAGES = [
    "", "participants/marco-rubio/", "goals/peace-negotiations-task-force/", "questions/sanctions/",
    "events/riyadh-talks/", "sources/us-russia-talks-riyadh-2025-02-19/",
    "participants/", "goals/", "questions/", "events/", "sources/", "brief/",
]  # fmt: skip
#: On a phone, the pages whose layout differs most from the desktop's: cards, framed labels, a drawer.
AXE_PHONE_PAGES = ["", "participants/marco-rubio/", "participants/", AXE_PAGES[5], "events/", "events/riyadh-talks/"]
SCREENSHOT_PAGES = {
    "home": "", "participant": "participants/marco-rubio/", "meeting": "events/riyadh-talks/",
    "question": "questions/sanctions/", "timeline": "events/", "source": AXE_PAGES[5], "print": "brief/",
}  # fmt: skip
#: Each page with a picture: its role and the start of its accessible name.
#: Where each engine's search reads its index from.
SEARCH_INDEX = {"mkdocs": "/search/search_index.json", "zensical": "/search.json"}
PICTURES = {
    "": ("img", "Who sat at the table at US\u2013Russia talks in Saudi Arabia: "),
    "events/riyadh-talks/": ("img", "Who sat at the table at US\u2013Russia talks in Saudi Arabia: "),
    "events/": ("group", "Timeline of 4 events, from "),
    "questions/sanctions/": ("img", "The question's status over time: open from 19 February 2025"),
}


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


class QuietServer(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # the browser drops connections it no longer needs when it leaves a page


@pytest.fixture(scope="session", params=list(ENGINES))
def engine(request: pytest.FixtureRequest) -> str:
    """Every test runs on the site each engine builds."""
    return str(request.param)


@pytest.fixture(scope="session")
def site(engine: str, real_sites: Callable[[str], Path]) -> Path:
    return real_sites(engine)


@pytest.fixture(scope="session")
def briefing() -> Briefing:
    """The real content's model, to hold the pages to: what each source says and where it is cited."""
    return Session(Project(REPO)).generate()[0]


def source_pages(briefing: Briefing) -> dict[str, Entity[Any]]:
    return {f"sources/{source.id}/": source for source in briefing.entities[SOURCES.name].values()}


@pytest.fixture(scope="session")
def base_url(site: Path) -> Iterator[str]:
    """The built site on a free localhost port, served by a threaded static server."""
    server = QuietServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


def served(site: Path) -> Iterator[str]:
    """A built site on a free localhost port, for as long as the fixture using this lasts."""
    server = QuietServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def rounds_url(engine: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The real content with two later fictional rounds (tests/fixtures/rounds), built by the engine and served."""
    root = tmp_path_factory.mktemp(f"rounds-{engine}") / "project"
    root.mkdir()
    for name in ("content", "seeds", "site_config"):
        shutil.copytree(REPO / name, root / name)
    shutil.copy(REPO / "mkdocs.yml", root)
    shutil.copytree(FIXTURES / "rounds", root, dirs_exist_ok=True)
    result = run_briefing("build", "--engine", engine, cwd=root)
    assert result.returncode == 0, result.stdout + result.stderr
    yield from served(root / "site")


@pytest.fixture(scope="session")
def playwright() -> Iterator[Playwright]:
    with sync_playwright() as driver:
        yield driver


@pytest.fixture(scope="session")
def browser(playwright: Playwright) -> Iterator[Browser]:
    if not CHROMIUM.is_file():
        pytest.fail(f"{CHROMIUM} not found: install Debian's chromium (`apt-get install chromium`), as .ci/run does")
    chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
    yield chromium
    chromium.close()


@dataclass
class Traffic:
    """Every request a context made and every error its pages reported."""

    base_url: str
    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def outside(self) -> list[str]:
        return [url for url in self.requests if not url.startswith(self.base_url)]

    def watch(self, context: BrowserContext, page: Page) -> None:
        context.on("request", lambda request: self.requests.append(request.url))
        page.on("console", lambda message: message.type == "error" and self.errors.append(message.text))
        page.on("pageerror", lambda error: self.errors.append(str(error)))
        page.on(
            "response",
            lambda response: response.status >= 400 and self.errors.append(f"{response.status} {response.url}"),
        )


@dataclass
class Reader:
    """A browser context as one reader has it: a viewport, a colour preference, a page."""

    context: BrowserContext
    page: Page
    traffic: Traffic
    base_url: str

    def open(self, path: str) -> Page:
        self.page.goto(self.base_url + path, wait_until="load")
        return self.page


def new_reader(browser: Browser, base_url: str, viewport: dict[str, int], scheme: str) -> Reader:
    context = browser.new_context(viewport=viewport, color_scheme=scheme)  # type: ignore[arg-type]
    context.set_default_timeout(15_000)
    page = context.new_page()
    traffic = Traffic(base_url)
    traffic.watch(context, page)
    return Reader(context, page, traffic, base_url)


@pytest.fixture
def reader_factory(browser: Browser, base_url: str) -> Iterator[Callable[..., Reader]]:
    readers: list[Reader] = []

    def make(viewport: dict[str, int] = DESKTOP, scheme: str = "light") -> Reader:
        readers.append(new_reader(browser, base_url, viewport, scheme))
        return readers[-1]

    yield make
    for reader in readers:
        reader.context.close()


def all_pages(site: Path) -> list[str]:
    """Every page of the site as a URL path relative to its root: '', 'participants/', ..."""
    return sorted(
        "" if p.parent == site else f"{p.parent.relative_to(site).as_posix()}/" for p in site.rglob("index.html")
    )


@dataclass(frozen=True)
class Visit:
    """What one page did when a reader on a phone opened it."""

    errors: list[str]
    requests: list[str]
    outside: list[str]
    widths: tuple[int, int]  # the document's scroll width and the viewport's width
    headings: int


@pytest.fixture(scope="session")
def phone_tour(site: Path, browser: Browser, base_url: str) -> dict[str, Visit]:
    """Every page of the site opened once, one after another, on a 360 px wide screen."""
    reader = new_reader(browser, base_url, PHONE, "light")
    visits = {}
    for path in all_pages(site):
        reader.traffic.requests.clear()
        reader.traffic.errors.clear()
        page = reader.open(path)
        widths = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
        headings = page.locator("article h1").count()
        traffic = reader.traffic
        visits[path] = Visit(list(traffic.errors), list(traffic.requests), traffic.outside(), tuple(widths), headings)
    reader.context.close()
    return visits


# --- every page -----------------------------------------------------------------------------


def test_every_page_loads_without_errors_or_requests_to_other_hosts(phone_tour: dict[str, Visit], engine: str) -> None:
    assert len(phone_tour) >= 30
    assert {path: visit.errors for path, visit in phone_tour.items() if visit.errors} == {}
    assert {path: visit.outside for path, visit in phone_tour.items() if visit.outside} == {}
    assert {path: visit.headings for path, visit in phone_tour.items() if visit.headings != 1} == {}
    requests = [url for visit in phone_tour.values() for url in visit.requests]
    assert any(url.endswith(SEARCH_INDEX[engine]) for url in requests), "search never loaded its index"
    assert any(url.endswith("/stylesheets/briefing.css") for url in requests)


def test_no_page_scrolls_sideways_on_a_phone(phone_tour: dict[str, Visit]) -> None:
    assert {path: visit.widths for path, visit in phone_tour.items() if visit.widths[0] > visit.widths[1]} == {}
    assert {visit.widths[1] for visit in phone_tour.values()} == {PHONE["width"]}


# --- finding and following --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "page", "title"),
    [
        ("sanctions", "questions/sanctions/", "Will the talks take up sanctions?"),
        ("Lavrov", "participants/sergey-lavrov/", "Sergey Lavrov"),
    ],
)
def test_search_lists_the_page_and_leads_to_it(
    reader_factory: Callable[..., Reader], engine: str, query: str, page: str, title: str
) -> None:
    reader = reader_factory(PHONE)
    browser_page = reader.open("")
    browser_page.locator('label.md-header__button[for="__search"]').click()
    SEARCHES[engine](browser_page, query, page)
    browser_page.wait_for_url(re.compile(re.escape(page)))
    expect(browser_page.locator("article h1")).to_contain_text(title)
    assert reader.traffic.errors == []


def search_on_material(browser_page: Page, query: str, page: str) -> None:
    """Material's search: a field in the header, and a list of links below it."""
    search = browser_page.locator("input.md-search__input")
    expect(search).to_be_focused()
    search.press_sequentially(query)
    # The results are drawn anew as each letter arrives: wait for one that leads to the page, not for a list
    # read while it is being replaced.
    hit = browser_page.locator(f'.md-search-result__list a.md-search-result__link[href*="/{page}"]').first
    expect(hit).to_be_visible()
    assert urlparse(hit.get_attribute("href") or "").path.endswith(f"/{page}")
    hit.click()


def search_on_zensical(browser_page: Page, query: str, page: str) -> None:
    """Zensical's search: a dialog with a combobox, and a listbox whose options are links."""
    dialog = browser_page.get_by_role("dialog", name="Search")
    search = dialog.get_by_role("combobox", name="Search")
    expect(search).to_be_focused()
    search.press_sequentially(query)
    results = dialog.get_by_role("listbox", name="Search results")
    hit = results.locator(f'a[role="option"][href*="/{page}"]').first
    expect(hit).to_be_visible()
    assert urlparse(hit.get_attribute("href") or "").path.endswith(f"/{page}")
    hit.click()


SEARCHES = {"mkdocs": search_on_material, "zensical": search_on_zensical}


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_footnote_leads_to_the_cited_passage_highlighted_and_in_view(
    reader_factory: Callable[..., Reader], viewport: dict[str, int]
) -> None:
    reader = reader_factory(viewport)
    page = reader.open("participants/marco-rubio/")
    ref = page.locator("article a.footnote-ref").last  # its passage is far down the source: it must scroll
    note_id = (ref.get_attribute("href") or "").lstrip("#")
    # Followed as a keyboard reader does: on a busy machine, Zensical's footnote tooltip, opened by the pointer's
    # hover, sometimes takes a mouse click for itself, and the reader reads the note in the tooltip instead.
    ref.focus()
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(f"#{re.escape(note_id)}$"))
    page.locator(f'.footnote li[id="{note_id}"] a[href*="sources/"]').click()
    page.wait_for_url(re.compile(r"/sources/[^/]+/#q-\d+-\d+$"))
    anchor = urlparse(page.url).fragment
    mark = page.locator(f'[id="{anchor}"] + mark.cited')
    expect(mark).to_be_visible()
    assert page.locator(":target").get_attribute("id") == anchor
    first_line, header_bottom, height = page.evaluate(
        """([anchor]) => {
            const mark = document.getElementById(anchor).nextElementSibling;
            const line = mark.getClientRects()[0];
            const header = document.querySelector('.md-header').getBoundingClientRect();
            return [{top: line.top, bottom: line.bottom}, header.bottom, window.innerHeight];
        }""",
        [anchor],
    )
    assert page.evaluate("window.scrollY") > 0
    assert header_bottom <= first_line["top"] and first_line["bottom"] <= height, (first_line, header_bottom, height)
    outlines = page.locator(f"mark.cited.{anchor}").evaluate_all(
        "marks => marks.map(m => getComputedStyle(m).outlineStyle)"
    )
    assert outlines and set(outlines) == {"solid"}, "the passage the reader came for is not set apart"
    assert reader.traffic.errors == []


# --- source pages -----------------------------------------------------------------------------

WORD = re.compile(r"[^\W_]+")


@pytest.mark.parametrize("viewport", [DESKTOP], ids=["1280"])
def test_a_source_page_reads_as_the_document_s_own_words(
    reader_factory: Callable[..., Reader], briefing: Briefing, viewport: dict[str, int]
) -> None:
    reader = reader_factory(viewport)
    for path, source in source_pages(briefing).items():
        own = WORD.findall(without_header(briefing.source_texts[source.id], source.data.header))
        visible = WORD.findall(reader.open(path).locator("article").inner_text())
        shown = iter(visible)
        assert all(word in shown for word in own), f"{path} does not show the whole document in order"
        assert len(own) / len(visible) >= 0.75, (path, len(own), len(visible))


def test_every_passage_a_link_lands_on_is_outlined_whole(
    reader_factory: Callable[..., Reader], briefing: Briefing
) -> None:
    """Overlapping passages and passages that start at the same place included: every piece of the mark."""
    reader = reader_factory(DESKTOP)
    checked = 0
    for path, source in source_pages(briefing).items():
        text = briefing.source_texts[source.id]
        spans = citing_by_span(briefing.citings.get(source.id, ())).facts
        page = reader.open(path)
        for span in spans:
            anchor = span_anchor(span)
            page.evaluate("anchor => { location.hash = anchor; }", anchor)
            marks = page.locator("mark.cited.target")
            expect(marks.first).to_be_visible()
            outlined = marks.evaluate_all(
                "marks => marks.map(m => [m.textContent, getComputedStyle(m).outlineStyle, m.classList.contains("
                f"'{anchor}')])"
            )
            assert {style for _, style, _ in outlined} == {"solid"}, anchor
            assert all(own for _, _, own in outlined), f"{anchor}: marks of another passage outlined"
            shown = " ".join("".join(piece for piece, _, _ in outlined).split())
            assert " ".join(text[span[0] : span[1]].split()) in shown, anchor
            checked += 1
    assert checked >= 70


#: What a text fragment must encode: the directive's comma and hyphen, dashes, quotes, any non-ASCII letter.
ENCODED = re.compile(r"[,\-\u2013\u2014\"'\u2018\u2019\u201c\u201d]|[^\x00-\x7f]")


def test_chromium_finds_the_words_a_text_fragment_link_names(
    reader_factory: Callable[..., Reader], briefing: Briefing
) -> None:
    """The original of the real source is not online here; its copy on the site has the same words to find."""
    checked = 0
    for path, source in source_pages(briefing).items():
        text = briefing.source_texts[source.id]
        spans = sorted(citing_by_span(briefing.citings.get(source.id, ())).facts)
        for span in [span for span in spans if span[0] > 1500 and ENCODED.search(text[span[0] : span[1]])]:
            reader = reader_factory(DESKTOP)
            page = reader.open(text_fragment_url(path, text, [span]))
            expect(page.locator(f"mark.cited.{span_anchor(span)}").first).to_be_in_viewport()
            reader.context.close()
            checked += 1
    assert checked >= 10
    missing = reader_factory(DESKTOP).open(f"{path}#:~:text=words%20not%20in%20it")
    assert missing.evaluate("window.scrollY") == 0, "the page scrolls whatever the fragment says"


def test_the_facts_citing_a_passage_open_on_demand_by_pointer_or_keyboard(
    reader_factory: Callable[..., Reader],
) -> None:
    reader = reader_factory(PHONE)
    page = reader.open(AXE_PAGES[5])
    lists = page.locator(".cited-by-list")
    assert lists.count() > 10
    expect(lists.first).to_be_hidden()
    button = page.locator("button.cited-by").first
    assert (button.get_attribute("aria-label") or "").startswith("The ")
    button.click()
    expect(lists.first).to_be_visible()
    expect(lists.first.locator("a").first).to_be_visible()
    page.keyboard.press("Escape")
    expect(lists.first).to_be_hidden()
    button.focus()
    page.keyboard.press("Enter")
    expect(lists.first).to_be_visible()
    box, width = lists.first.bounding_box(), PHONE["width"]
    assert box and box["x"] >= 0 and box["x"] + box["width"] <= width, box
    lists.first.locator("a").first.click()
    page.wait_for_url(re.compile(r"#f-[0-9a-f]+$"))
    assert reader.traffic.errors == []


def test_colour_scheme_toggle_changes_the_scheme_and_survives_a_reload(reader_factory: Callable[..., Reader]) -> None:
    reader = reader_factory(PHONE, "light")
    page = reader.open("")
    body = page.locator("body")
    expect(body).to_have_attribute("data-md-color-scheme", "default")
    page.locator('[data-md-component="palette"] label:not([hidden])').click()
    expect(body).to_have_attribute("data-md-color-scheme", "slate")
    page.reload()
    expect(body).to_have_attribute("data-md-color-scheme", "slate")
    reader.open("sources/")
    expect(body).to_have_attribute("data-md-color-scheme", "slate")
    page.locator('[data-md-component="palette"] label:not([hidden])').click()
    expect(body).to_have_attribute("data-md-color-scheme", "default")
    page.reload()
    expect(body).to_have_attribute("data-md-color-scheme", "default")


# --- the printable brief ---------------------------------------------------------------------

PDF_PAGE = re.compile(rb"/Type\s*/Page[^s]")


def test_the_brief_prints_on_at_most_eight_a4_pages_with_every_goal_and_open_question(
    reader_factory: Callable[..., Reader], briefing: Briefing
) -> None:
    reader = reader_factory(DESKTOP)
    home = reader.open("")
    home.locator('article a[href$="brief/"]').first.click()
    page = reader.page
    page.wait_for_url(re.compile(r"/brief/$"))
    page.emulate_media(media="print")
    expect(page.locator(".md-header")).to_be_hidden()
    expect(page.locator(".md-sidebar--primary")).to_be_hidden()
    text = " ".join(page.locator("article").inner_text().split())
    goals = [goal.data.title for goal in briefing.entities["goals"].values()]
    questions = [
        q.data.question for q in briefing.entities["questions"].values() if q.data.history[-1].status != "answered"
    ]
    assert goals and questions
    assert [title for title in goals + questions if " ".join(title.split()) not in text] == []
    assert page.locator("article .footnote li").count() >= 20, "the citations are not endnotes"
    pages = len(PDF_PAGE.findall(page.pdf(format="A4")))
    assert 1 <= pages <= 8, pages
    assert reader.traffic.errors == []


# --- pictures --------------------------------------------------------------------------------


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("path", PICTURES, ids=["home", "meeting", "timeline", "question"])
def test_each_picture_has_an_accessible_name_and_its_text_alternative_beside_it(
    reader_factory: Callable[..., Reader], path: str, scheme: str
) -> None:
    role, name = PICTURES[path]
    page = reader_factory(PHONE, scheme).open(path)
    picture = page.get_by_role(role, name=re.compile("^" + re.escape(name)))  # type: ignore[arg-type]
    expect(picture).to_be_visible()
    box = picture.bounding_box()
    assert box is not None and 250 <= box["width"] <= PHONE["width"]
    # The same in words right after it: the attendance table, the list of events or of statuses.
    beside = picture.evaluate(
        "svg => { let next = svg.closest('.picture').nextElementSibling; return next.matches('ul') ? 'list' :"
        " next.querySelector('table') ? 'table' : next.tagName }"
    )
    assert beside == ("list" if path == "events/" or "questions/" in path else "table")
    # Drawn in the scheme's colours: its text is the page's text colour, not the default black.
    fill = picture.evaluate("svg => getComputedStyle(svg.querySelector('text')).fill")
    colour = page.evaluate("getComputedStyle(document.querySelector('article')).color")
    assert fill == colour or path == "events/", (fill, colour)


def test_the_home_page_marks_each_open_question_s_trend(reader_factory: Callable[..., Reader]) -> None:
    page = reader_factory(DESKTOP).open("")
    rows = page.locator("article table:has(th:text-is('Trend')) tbody tr")
    assert rows.count() == 6
    marks = page.get_by_role("img", name=re.compile(r"^(First status on record|Toward|Away|No change)"))
    assert marks.count() == rows.count()


def test_every_mark_of_the_timeline_leads_to_its_event(
    reader_factory: Callable[..., Reader], briefing: Briefing
) -> None:
    reader = reader_factory(PHONE)
    page = reader.open("events/")
    links = page.locator("svg.picture__svg a.picture__link")
    events = {event.data.title: event.id for event in briefing.entities["events"].values()}
    assert links.count() == len(events)
    hrefs = [urlparse(link.evaluate("a => a.href.baseVal ?? a.href")).path for link in links.all()]
    assert {href.rstrip("/").rsplit("/", 1)[-1] for href in hrefs} == set(events.values())
    links.nth(2).click()
    page.wait_for_url(re.compile(r"/events/[a-z0-9-]+/$"))
    title = page.locator("article h1").inner_text()
    assert events[title.removesuffix("¶").strip()] in page.url
    assert reader.traffic.errors == []


# --- accessibility and looks ------------------------------------------------------------------


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize(
    ("viewport", "paths"), [(PHONE, AXE_PHONE_PAGES), (DESKTOP, AXE_PAGES)], ids=["phone", "desktop"]
)
def test_axe_finds_no_serious_violation(
    reader_factory: Callable[..., Reader], viewport: dict[str, int], paths: list[str], scheme: str
) -> None:
    if not AXE.is_file():
        pytest.fail(f"{AXE} not found: run `npm ci` in tests/browser, as .ci/run does")
    reader = reader_factory(viewport, scheme)
    found = {}
    for path in paths:
        page = reader.open(path)
        expect(page.locator("body")).to_have_attribute("data-md-color-scheme", SCHEMES[scheme])
        page.add_script_tag(path=AXE)
        violations = page.evaluate(
            """async () => (await axe.run(document, {resultTypes: ['violations']})).violations
                .filter(v => v.impact === 'serious' || v.impact === 'critical')
                .map(v => `${v.id}: ${v.help} at ${v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', ')}`)"""
        )
        if violations:
            found[path or "/"] = violations
    assert found == {}
    assert reader.traffic.errors == []


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("viewport", [SCREENSHOT_PHONE, DESKTOP], ids=["390", "1280"])
def test_screenshots_for_a_person_to_look_at(
    reader_factory: Callable[..., Reader], engine: str, viewport: dict[str, int], scheme: str
) -> None:
    reader = reader_factory(viewport, scheme)
    (ARTIFACTS / engine).mkdir(parents=True, exist_ok=True)
    for name, path in SCREENSHOT_PAGES.items():
        target = ARTIFACTS / engine / f"{name}-{viewport['width']}-{scheme}.png"
        target.unlink(missing_ok=True)
        page = reader.open(path)
        page.emulate_media(media="print" if name == "print" else "screen")
        page.screenshot(path=str(target), full_page=True)
        assert target.stat().st_size > 10_000, target


@pytest.mark.parametrize(
    ("path", "container", "words"),
    [
        ("events/riyadh-talks/#a-marco-rubio", "td", "Marco Rubio (member)"),
        ("participants/marco-rubio/#fact-2", "li", "Images from the meeting showed Rubio"),
    ],
    ids=["attendance-entry", "old-fact-anchor"],
)
def test_a_link_to_an_attendance_entry_or_an_old_fact_anchor_lands_on_it_outlined(
    reader_factory: Callable[..., Reader], path: str, container: str, words: str
) -> None:
    reader = reader_factory(PHONE)
    page = reader.open(path)
    anchor = urlparse(page.url).fragment
    target = page.locator(f'{container}:has(> [id="{anchor}"])')
    expect(target).to_contain_text(words)
    expect(target).to_be_in_viewport()
    assert target.evaluate("element => getComputedStyle(element).outlineStyle") == "solid"
    assert reader.traffic.errors == []


def test_facts_of_two_editions_on_one_page_each_show_their_date(browser: Browser, rounds_url: str) -> None:
    page = browser.new_page(viewport=DESKTOP)
    try:
        page.goto(rounds_url + "participants/nora-vance/")
        facts = page.locator("article li[id^=f-]")
        istanbul = facts.filter(has_text="in Istanbul")
        geneva = facts.filter(has_text="in Geneva")
        expect(istanbul).to_contain_text("in Istanbul. (as of 28 February 2025)")
        expect(geneva).to_contain_text("in Geneva. (as of 14 March 2025)")
        expect(geneva.get_by_text("as of 14 March 2025", exact=False)).to_be_visible()
    finally:
        page.close()


# --- where the parties stand -------------------------------------------------------------------


@pytest.fixture(scope="session")
def positions_url(engine: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The sample with two later rounds of statements on one question (tests/fixtures/positions), served."""
    root = positions_project(tmp_path_factory.mktemp(f"positions-{engine}") / "project")
    result = run_briefing("build", "--engine", engine, cwd=root)
    assert result.returncode == 0, result.stdout + result.stderr
    yield from served(root / "site")


def axe_violations(page: Page) -> list[str]:
    page.add_script_tag(path=AXE)
    return page.evaluate(  # type: ignore[no-any-return]
        """async () => (await axe.run(document, {resultTypes: ['violations']})).violations
            .filter(v => v.impact === 'serious' || v.impact === 'critical')
            .map(v => `${v.id}: ${v.help} at ${v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', ')}`)"""
    )


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["360", "1280"])
def test_the_parties_positions_read_side_by_side_and_the_grid_leads_to_them(
    browser: Browser, positions_url: str, viewport: dict[str, int], scheme: str
) -> None:
    reader = new_reader(browser, positions_url, viewport, scheme)
    try:
        page = reader.open("questions/border-region/")
        lind = page.locator("#position-ana-lind + ul > li")
        expect(lind.nth(0)).to_contain_text("2 April 2030 new since 20 March 2030: Lind said Northland could accept")
        expect(lind.nth(1)).to_contain_text("20 March 2030: Lind said a ceasefire must cover")
        expect(page.locator(".statement-new").first).to_be_visible()
        expect(page.get_by_text("Parties disagree (3 voices):")).to_be_visible()
        assert page.evaluate("document.scrollingElement.scrollWidth <= window.innerWidth")
        assert axe_violations(page) == []
        home = reader.open("")
        expect(home.locator("#where-the-parties-stand")).to_be_visible()
        assert axe_violations(home) == []
        assert home.evaluate("document.scrollingElement.scrollWidth <= window.innerWidth")
        home.locator('article a[href$="#position-ivo-brandt"]').click()
        home.wait_for_url(re.compile(r"/questions/border-region/#position-ivo-brandt$"))
        expect(home.locator("#position-ivo-brandt")).to_be_in_viewport()
        assert reader.traffic.errors == [] and reader.traffic.outside() == []
    finally:
        reader.context.close()


def test_the_brief_prints_positions_disagreements_and_whole_endnote_numbers(
    browser: Browser, positions_url: str
) -> None:
    reader = new_reader(browser, positions_url, DESKTOP, "light")
    try:
        page = reader.open("brief/")
        page.emulate_media(media="print")
        text = " ".join(page.locator("article").inner_text().split())
        assert "Where the parties stand" in text and "Parties disagree (3 voices)" in text
        assert page.locator("article .footnote li").count() >= 10
        # The room left of an endnote is wider than its number: "10." is not cut to "0.".
        room, number = page.evaluate(
            """() => {
                const list = document.querySelector('article .footnote ol');
                const probe = document.createElement('span');
                probe.textContent = '10.';
                list.querySelector('li').appendChild(probe);
                const width = probe.getBoundingClientRect().width;
                probe.remove();
                const left = list.querySelector('li').getBoundingClientRect().left;
                return [left - list.parentElement.getBoundingClientRect().left, width];
            }"""
        )
        assert room > number * 1.2, (room, number)
        pages = len(PDF_PAGE.findall(page.pdf(format="A4")))
        assert 1 <= pages <= 8, pages
    finally:
        reader.context.close()

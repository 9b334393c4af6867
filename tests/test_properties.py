"""Property-based: whatever text a maintainer writes in a text field reads literally on the page.

The text is any Unicode string YAML can carry (every code point but the UTF-16
surrogates, which no YAML file can hold), written with yaml.safe_dump so it is
correctly quoted. Either `check` refuses it with the one clear message for a blank
field, or the page shows exactly that text, whitespace runs collapsed to one space.
Many examples go through the stages in memory (load, validate, render, then
Python-Markdown with the extensions of mkdocs.yml and the plugin's sanitiser);
a few go through real MkDocs builds.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

import markdown
import pytest
import yaml
from bs4 import BeautifulSoup
from conftest import SAMPLE, raw_content, run_briefing
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from mkdocs.utils.meta import get_data

from generator.check.validate import validate
from generator.engines.finish import sanitise
from generator.errors import Problem
from generator.read.records import PLACEHOLDER_DATE, PLACEHOLDER_TEXT
from generator.render.pages import render_pages

#: (content file, field inside it, the page showing it). Every kind of text field a page prints.
FIELDS: list[tuple[str, tuple[str | int, ...], str]] = [
    ("briefing.yml", ("title",), "index.md"),
    ("briefing.yml", ("summary", 0, "text"), "index.md"),
    ("participants/ana-lind.yml", ("name",), "participants/ana-lind.md"),
    ("participants/ana-lind.yml", ("role",), "participants/ana-lind.md"),
    ("participants/northland.yml", ("facts", 0, "text"), "participants/northland.md"),
    ("goals/ceasefire.yml", ("title",), "goals/ceasefire.md"),
    ("goals/ceasefire.yml", ("facts", 0, "text"), "goals/ceasefire.md"),
    ("questions/second-round.yml", ("question",), "questions/second-round.md"),
    ("questions/second-round.yml", ("why_it_matters", "text"), "questions/second-round.md"),
    ("questions/second-round.yml", ("history", 0, "text"), "questions/second-round.md"),
    ("events/geneva-talks.yml", ("title",), "events/geneva-talks.md"),
    ("events/geneva-talks.yml", ("location",), "events/geneva-talks.md"),
    ("events/geneva-talks.yml", ("date", "basis"), "events/geneva-talks.md"),
    ("sources/geneva-statement.yml", ("title",), "sources/geneva-statement.md"),
    ("sources/geneva-statement.yml", ("publisher",), "sources/geneva-statement.md"),
]
#: Fields that are also the page's title.
TITLES = {("title",), ("name",), ("question",)}
#: Any code point but the surrogates, which no YAML file can hold (an escape like "\\uD800" is refused),
#: and three invisible controls a page cannot show: NUL, which HTML forbids in text (the sanitiser drops
#: it), and STX and ETX, which Python-Markdown reserves for its placeholders and strips from its input.
ANY_TEXT = st.text(st.characters(exclude_categories=("Cs",), exclude_characters="\x00\x02\x03"))
CONTENT = {
    str(path.relative_to(SAMPLE / "content")): path.read_text(encoding="utf-8")
    for path in sorted((SAMPLE / "content").rglob("*.yml"))
}
SEEDS = {path.name: path.read_text(encoding="utf-8") for path in (SAMPLE / "seeds").iterdir()}
MD_EXTENSIONS = ["attr_list", "footnotes", "tables", "toc"]


def squash(text: str) -> str:
    return " ".join(text.split())


#: Words of a text that refuses a number its quotes lack, or quotation marks no source's quotation holds.
WORDS_REFUSED = {"unquoted-number", "qualifier-changed", "not-their-words"}


def written(file: str, field: tuple[str | int, ...], text: str) -> str:
    """What a field is set to: the text, but for Ana Lind's name, which keeps "Lind"."""
    if (file, field) == ("participants/ana-lind.yml", ("name",)) and "Lind" not in text:
        return f"{text} Lind"
    return text


def with_text(file: str, text: str, *fields: tuple[str | int, ...]) -> str:
    """The file's YAML with the fields set to the text, dumped the way any YAML writer would.

    Ana Lind's facts name her as "Lind" (a claim names its speaker), so her name holds it whatever the text.
    """
    data = yaml.safe_load(CONTENT[file])
    for field in fields:
        holder = data
        for part in field[:-1]:
            holder = holder[part]
        holder[field[-1]] = written(file, field, text)
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


def check_in_memory(files: dict[str, str]) -> tuple[Any, list[Problem]]:
    return validate(raw_content(files, SEEDS))


def html_of(page: str) -> tuple[str, dict[str, Any]]:
    """A generated page as MkDocs turns it into HTML: front matter off, Markdown, then the plugin's sanitiser."""
    body, meta = get_data(page)
    converter = markdown.Markdown(extensions=MD_EXTENSIONS, extension_configs={"toc": {"permalink": True}})
    return sanitise(converter.convert(body)), meta


def blank_message(file: str, field: tuple[str | int, ...]) -> str:
    """The message for a blank field, as a pattern: it shows the value unless the value is empty."""
    dotted = ""
    for part in field:
        dotted += f"[{part}]" if isinstance(part, int) else f"{'.' if dotted else ''}{part}"
    return re.escape(f"'{dotted}'") + "(: '.*')? must not be empty"


# A random title can look like a file name or an address, which BeautifulSoup warns of; here it is markup on purpose.
@pytest.mark.filterwarnings("ignore::bs4.MarkupResemblesLocatorWarning")
@settings(max_examples=200, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
@given(field=st.sampled_from(FIELDS), text=ANY_TEXT)
def test_any_text_reads_literally_or_is_refused_as_blank(
    field: tuple[str, tuple[str | int, ...], str], text: str
) -> None:
    file, location, page_path = field
    briefing, problems = check_in_memory({**CONTENT, file: with_text(file, text, location)})
    if briefing is None and {problem.code for problem in problems if problem.is_error} <= WORDS_REFUSED:
        # A fact's words may hold a number or quotation marks its quotes lack: refused, as they would misquote.
        assert all(problem.path.as_posix() == f"content/{file}" for problem in problems), problems
        return
    if briefing is None and (text == PLACEHOLDER_DATE or text.startswith(PLACEHOLDER_TEXT)):
        assert [problem.code for problem in problems] == ["placeholder"], problems
        return
    if briefing is None:
        # The one text any field refuses: nothing but whitespace (or nothing).
        assert len(problems) == 1 and re.fullmatch(blank_message(file, location), problems[0].message), problems
        assert not text.strip()
        return
    # A random fact's text may well name a detail its quote lacks: a warning, which never stops a page.
    assert not [problem for problem in problems if problem.is_error], problems
    pages = render_pages(briefing)
    html, meta = html_of(pages[page_path])
    visible = squash(BeautifulSoup(html, "html.parser").get_text())
    assert squash(text) in visible
    if location in TITLES:
        assert BeautifulSoup(meta["title"], "html.parser").get_text() == squash(written(file, location, text))


@pytest.mark.slow
@settings(max_examples=5, deadline=None, database=None)
@given(
    text=st.text(st.characters(exclude_categories=("Cs", "Nd"), exclude_characters='\x00\x02\x03"\u201c\u201d')).filter(
        lambda text: bool(text.strip())
    )
)
def test_any_text_builds_and_reads_literally_in_a_real_site(
    tmp_path_factory: pytest.TempPathFactory, text: str
) -> None:
    root = tmp_path_factory.mktemp("property") / "project"
    shutil.copytree(SAMPLE, root)
    for file in {file for file, _, _ in FIELDS}:
        fields = [location for name, location, _ in FIELDS if name == file]
        (root / "content" / file).write_text(with_text(file, text, *fields), encoding="utf-8")
    result = run_briefing("build", cwd=root)
    assert result.returncode == 0, result.stdout + result.stderr
    for page in (
        "",
        "participants/ana-lind",
        "goals/ceasefire",
        "questions/second-round",
        "events/geneva-talks",
        "sources/geneva-statement",
    ):
        soup = BeautifulSoup((root / "site" / page / "index.html").read_text(encoding="utf-8"), "html.parser")
        assert soup.title is not None and squash(soup.title.get_text()).startswith(squash(text))
        article = soup.select_one("article")
        assert article is not None and squash(text) in squash(article.get_text())


# --- titles and text the renderer once got wrong (front matter, blank text), kept as regressions ---


def page_for(file: str, location: tuple[str | int, ...], page_path: str, text: str) -> str:
    briefing, problems = check_in_memory({**CONTENT, file: with_text(file, text, location)})
    assert briefing is not None, problems
    return render_pages(briefing)[page_path]


@pytest.mark.parametrize("title", ["Ana Lind \U0001f54a", "Ana \U0001d400 Lind", "\U0001f1fa\U0001f1e6 Ana Lind"])
def test_any_title_keeps_the_page_s_front_matter(title: str) -> None:
    body, meta = get_data(page_for("participants/ana-lind.yml", ("name",), "participants/ana-lind.md", title))
    assert meta.get("title") == title
    assert not body.startswith("---")


@pytest.mark.slow
def test_an_emoji_in_a_name_leaves_the_page_s_title_and_text_intact(sample_project: Path) -> None:
    person = sample_project / "content/participants/ana-lind.yml"
    person.write_text(person.read_text(encoding="utf-8").replace("name: Ana Lind", 'name: "Ana Lind \U0001f54a"'))
    result = run_briefing("build", cwd=sample_project)
    assert result.returncode == 0, result.stderr
    soup = BeautifulSoup(
        (sample_project / "site/participants/ana-lind/index.html").read_text(encoding="utf-8"), "html.parser"
    )
    assert soup.title is not None and soup.title.get_text().startswith("Ana Lind \U0001f54a")
    article = soup.select_one("article")
    # The bug this pins showed the front matter as content: a rule, then 'title: ...'.
    assert article is not None and "title:" not in article.get_text() and not article.find_all("hr", recursive=False)


def test_a_text_that_would_render_blank_is_refused() -> None:
    """U+001C-U+001F are whitespace to the renderer, so the schema does not count them as text either."""
    file = "goals/ceasefire.yml"
    briefing, problems = check_in_memory({**CONTENT, file: with_text(file, "\x1c\x1d", ("title",))})
    assert briefing is None
    assert [problem.message for problem in problems] == ["'title': '\\x1c\\x1d' must not be empty"]

"""The Jinja environment the pages are rendered with, and each page's front matter.

Templates print every value through `finalize`, which turns it into inert text: HTML and Markdown syntax become
character references, so nothing a maintainer writes can become markup, a link, a footnote or an include. Only
values the generator builds itself (`Md`, see inert.py) pass through as Markdown.
"""

from __future__ import annotations

import datetime
import html
import re
from pathlib import Path
from typing import Any

import jinja2
import yaml

from .display import STATUS_LABELS, format_day, format_event_date, title_of
from .inert import Md, inert
from .pictures import trend_mark

KIND_LABELS = {"person": "Person", "organisation": "Organisation", "country": "Country", "delegation": "Delegation"}


def environment_for(template_dirs: tuple[Path, ...]) -> jinja2.Environment:
    """The templates of `template_dirs`, file name for file name before the generator's own.

    Compiling templates is most of rendering's cost: a session keeps its environment (pipeline.Session). Jinja
    checks a template file's modification time before reusing it, so an edited override still shows in a preview.
    """
    loaders: list[jinja2.BaseLoader] = [jinja2.FileSystemLoader([str(d) for d in template_dirs])]
    loaders.append(jinja2.PackageLoader(__package__ or "generator.render", "templates"))
    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader(loaders),
        finalize=_finalize,
        autoescape=False,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["event_date"] = lambda date: Md(inert(format_event_date(date)))
    env.filters["upper_first"] = lambda text: Md(text[:1].upper() + text[1:])
    env.filters["status"] = lambda status: STATUS_LABELS[status]
    env.filters["trend"] = trend_mark
    env.filters["kind_label"] = lambda kind: KIND_LABELS[kind]
    env.filters["title_of"] = title_of
    env.filters["thousands"] = lambda number: f"{number:,}"
    env.filters["ordinal"] = _ordinal
    return env


def _finalize(value: Any) -> Any:
    if isinstance(value, Md):
        return value
    if value is None:
        return ""
    if isinstance(value, datetime.date):
        return format_day(value)
    return inert(value)


def _ordinal(number: int) -> str:
    suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number:,}{suffix}"


def front_matter(title: str) -> str:
    """A page's YAML front matter, giving its title."""
    # The theme prints meta titles into <title> unescaped, so the title is escaped
    # here once; the YAML dumper quotes whatever else YAML would misread.
    escaped = html.escape(" ".join(title.split()))
    if _is_plain_yaml(escaped):
        return f"---\ntitle: {escaped}\n---\n\n"
    meta = yaml.safe_dump({"title": escaped}, allow_unicode=True, width=1_000_000)
    return f"---\n{meta}---\n\n"


#: Words, spaces and a few punctuation marks that YAML never reads as syntax inside a
#: plain scalar that starts with a word character (no ': ', ' #' or leading indicator).
_PLAIN_YAML = re.compile(r"\w[\w .,?()/-]*")
_YAML_RESOLVER = yaml.resolver.Resolver()


def _is_plain_yaml(text: str) -> bool:
    """Whether yaml.safe_dump would print `text` unquoted, decided without the dumper's cost.

    Most titles are; the rest (and any doubt: dates, numbers, booleans, very long
    text the dumper might fold) go through the dumper itself.
    """
    return (
        len(text) < 1_000
        and _PLAIN_YAML.fullmatch(text) is not None
        and _YAML_RESOLVER.resolve(yaml.ScalarNode, text, (True, False)) == "tag:yaml.org,2002:str"  # type: ignore[no-untyped-call]
    )

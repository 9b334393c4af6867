"""The `briefing` command: each subcommand parses its options and calls one function."""

from __future__ import annotations

import json
import logging
import sys
from collections import Counter
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import click

from .errors import BriefingError, Problem, count_problems, format_problems
from .model import Briefing
from .pipeline import Project, check

config_file_option = click.option(
    "-f",
    "--config-file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    default="mkdocs.yml",
    show_default=True,
    help="The project's MkDocs configuration; the project root is its folder.",
)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
def main() -> None:
    """Briefing: a neutral, sourced briefing site from YAML fact files."""


@main.command("check")
@config_file_option
@click.option(
    "--format", "output_format", type=click.Choice(["text", "json", "github"]), default="text", show_default=True
)
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
def check_command(config_file: Path, output_format: str, strict: bool) -> None:
    """Validate all content; exit 0 when clean, 1 on content errors (or warnings, with --strict)."""
    briefing, problems = check(Project.from_config_file(config_file))
    if strict:
        problems = [replace(problem, severity="error") for problem in problems]
    click.echo(FORMATTERS[output_format](briefing, problems))
    sys.exit(1 if any(problem.is_error for problem in problems) else 0)


@main.command("build")
@config_file_option
@click.option(
    "-d",
    "--site-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Where to build (default: site/ beside mkdocs.yml).",
)
def build_command(config_file: Path, site_dir: Path | None) -> None:
    """Check the content, then build the site atomically."""
    from .build import build_site

    project = Project.from_config_file(config_file)
    briefing, problems = check(project)
    if briefing is None:
        raise click.ClickException(format_problems(problems))
    if problems:
        click.echo(format_problems(problems), err=True)
    _log_to_terminal()
    _run(lambda: build_site(config_file, site_dir or project.root / "site"))


@main.command("serve")
@config_file_option
@click.option(
    "-a", "--dev-addr", default="127.0.0.1:8000", show_default=True, metavar="HOST:PORT", help="Address to serve on."
)
def serve_command(config_file: Path, dev_addr: str) -> None:
    """Live preview: rebuild and reload on edits to content/, seeds/ and site_config/."""
    from mkdocs.commands.serve import serve

    _log_to_terminal()
    _run(lambda: serve(config_file=str(config_file), dev_addr=dev_addr, livereload=True))


def _run(action: Callable[[], None]) -> None:
    from mkdocs.exceptions import MkDocsException

    try:
        action()
    except BriefingError as error:
        click.echo(f"Error: {error}", err=True)
        sys.exit(error.exit_code)
    except MkDocsException as error:
        click.echo(f"Error: {error}", err=True)
        sys.exit(1)


def _log_to_terminal() -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)


# --- check output formats -------------------------------------------------------------------


def _text(briefing: Briefing | None, problems: list[Problem]) -> str:
    if briefing is None or problems:
        return format_problems(problems)
    counts = Counter({kind: len(entities) for kind, entities in briefing.entities.items()})
    facts = len(briefing.summary) + sum(len(e.facts) for kind in briefing.entities.values() for e in kind.values())
    listed = ", ".join(f"{count} {kind}" for kind, count in counts.items())
    return f"OK: {listed}; {facts} facts, every quote found in its source."


def _json(briefing: Briefing | None, problems: list[Problem]) -> str:
    rows = [
        {
            "path": str(p.path),
            "line": p.line,
            "column": p.col,
            "severity": p.severity,
            "code": p.code,
            "message": p.message,
        }
        for p in problems
    ]
    return json.dumps(rows, indent=2, ensure_ascii=False)


def _github(briefing: Briefing | None, problems: list[Problem]) -> str:
    lines = [
        f"::{p.severity} file={p.path},line={p.line or 1},col={p.col or 1},title={p.code}::{_github_escape(p.message)}"
        for p in problems
    ]
    return "\n".join([*lines, count_problems(problems) if problems else _text(briefing, problems)])


def _github_escape(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


FORMATTERS = {"text": _text, "json": _json, "github": _github}

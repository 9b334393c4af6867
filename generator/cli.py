"""The `briefing` command: each subcommand parses its options and calls one function."""

from __future__ import annotations

import datetime
import json
import logging
import os
import sys
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import NoReturn

import click

from .commands.coverage import format_coverage, format_shortfall, measure_coverage
from .commands.new_project import init_project
from .commands.pin import pin_source, unmatched_citations
from .commands.scaffold import new_entity, parse_id, parse_kind
from .content.kinds import KINDS
from .content.model import Briefing, Tally
from .data.schemas import out_of_date, write_generated
from .engines.build import DEFAULT_ENGINE, ENGINES, build_site
from .errors import BriefingError, ContentError, Problem, count_problems, fault_message, format_problems
from .pipeline import Project, Session, check_tally

config_file_option = click.option(
    "-f",
    "--config-file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    default="mkdocs.yml",
    show_default=True,
    help="The project's MkDocs configuration; the project root is its folder.",
)


as_of_option = click.option(
    "--as-of",
    "as_of",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    metavar="YYYY-MM-DD",
    help="The edition of that date: the briefing as a reader had it then, from the sources published by then.",
)


engine_option = click.option(
    "--engine",
    type=click.Choice(list(ENGINES)),
    default=DEFAULT_ENGINE,
    show_default=True,
    help="What turns the pages into the site: MkDocs with the briefing plugin, or Zensical.",
)


def _day(value: datetime.datetime | None) -> datetime.date | None:
    return value.date() if value else None


class _Commands(click.Group):
    """The commands, with the one boundary where a fault the system reports becomes a message, never a traceback."""

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except OSError as error:
            raise click.ClickException(fault_message(error)) from None


@click.group(cls=_Commands, context_settings={"help_option_names": ["-h", "--help"]})
def main() -> None:
    """Briefing: a neutral, sourced briefing site from YAML fact files."""


@main.command("check")
@config_file_option
@click.option(
    "--format", "output_format", type=click.Choice(["text", "json", "github"]), default="text", show_default=True
)
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
@as_of_option
def check_command(config_file: Path, output_format: str, strict: bool, as_of: datetime.datetime | None) -> None:
    """Validate all content; exit 0 when clean, 1 on content errors (or warnings, with --strict)."""
    try:
        tally, problems = check_tally(_session(config_file), _day(as_of))
    except BriefingError as error:
        raise _click_error(error) from None
    if strict:
        problems = [replace(problem, severity="error") for problem in problems]
    click.echo(FORMATTERS[output_format](tally, problems))
    _exit_at_once(1 if any(problem.is_error for problem in problems) else 0)


def _exit_at_once(code: int) -> NoReturn:
    """Exit without freeing the briefing object by object, as mypy does.

    In a large briefing, the interpreter's teardown (a last cycle collection
    and millions of deallocations) takes a third as long as the check itself.
    Nothing is left to clean up: output is flushed and no file is open.
    """
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


@main.command("build")
@config_file_option
@click.option(
    "-d",
    "--site-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Where to build (default: site/ beside mkdocs.yml).",
)
@click.option("--allow-outside", is_flag=True, help="Allow a site directory outside the project.")
@as_of_option
@engine_option
def build_command(
    config_file: Path, site_dir: Path | None, allow_outside: bool, as_of: datetime.datetime | None, engine: str
) -> None:
    """Check the content, then build the site atomically."""
    session = _session(config_file)
    _, problems = _checked(session, _day(as_of))
    if problems:
        click.echo(format_problems(problems), err=True)
    _log_to_terminal()
    site = site_dir or session.project.root / "site"
    _run(lambda: build_site(config_file, site, allow_outside, _day(as_of), engine, session))


def _session(config_file: Path) -> Session:
    return Session(Project.from_config_file(config_file))


def _checked(session: Session, as_of: datetime.date | None) -> tuple[Briefing, list[Problem]]:
    """The checked briefing's edition and its warnings; errors (or a date before every source) as a refusal."""
    try:
        briefing, problems = session.check(as_of)
    except BriefingError as error:
        raise _click_error(error) from None
    if briefing is None:
        raise click.ClickException(format_problems(problems))
    return briefing, problems


@main.command("serve")
@config_file_option
@click.option(
    "-a", "--dev-addr", default="127.0.0.1:8000", show_default=True, metavar="HOST:PORT", help="Address to serve on."
)
@engine_option
def serve_command(config_file: Path, dev_addr: str, engine: str) -> None:
    """Live preview: rebuild and reload on edits to content/, seeds/ and site_config/."""
    _log_to_terminal()
    _run(lambda: ENGINES[engine].serve(config_file, dev_addr))


@main.command("coverage")
@config_file_option
@click.option(
    "--fail-under",
    type=click.FloatRange(0, 100),
    default=None,
    metavar="P",
    help="Exit 1 when the overall share of cited sentences, all sources pooled (not each source), is below P percent.",
)
def coverage_command(config_file: Path, fail_under: float | None) -> None:
    """Show each source's share of cited sentences and the sentences no fact cites yet.

    Headlines the source marks in its YAML are not counted. Content errors are
    printed as `briefing check` prints them, and exit 1.
    """
    briefing, problems = _session(config_file).check()
    if problems:
        click.echo(format_problems(problems), err=True)
    if briefing is None:
        sys.exit(1)
    report = measure_coverage(briefing)
    click.echo(format_coverage(report))
    if fail_under is not None and report.below(fail_under):
        click.echo(format_shortfall(report, fail_under), err=True)
        sys.exit(1)


def _parsed(parse: Callable[[str], str]) -> Callable[[click.Context, click.Parameter, str], str]:
    """A click callback that turns the parser's ValueError into a usage error (exit 2)."""

    def callback(ctx: click.Context, param: click.Parameter, value: str) -> str:
        try:
            return parse(value)
        except ValueError as error:
            raise click.BadParameter(str(error), ctx, param) from None

    return callback


def _click_error(error: BriefingError) -> click.ClickException:
    """Refusals print without a traceback: exit 2 ones as usage errors, the others exit 1."""
    if error.exit_code == 2:
        return click.UsageError(str(error), click.get_current_context(silent=True))
    return click.ClickException(str(error))


def _kind_choices() -> str:
    singulars = [kind.singular for kind in KINDS]
    return f"{', '.join(singulars[:-1])} or {singulars[-1]}"


@main.command(
    "new",
    help=f"""Scaffold content/KIND/ID.yml: every field described, placeholders to replace.

    KIND is {_kind_choices()}. Placeholder quotes
    fail `briefing check` until they are the source's exact words.
    """,
)
@config_file_option
@click.argument("kind", metavar="KIND", callback=_parsed(parse_kind))
@click.argument("entity_id", metavar="ID", callback=_parsed(parse_id))
@click.option("--file", "seed_file", metavar="NAME", help="For a source (required): its document's file in seeds/.")
def new_command(config_file: Path, kind: str, entity_id: str, seed_file: str | None) -> None:
    try:
        path = new_entity(Project.from_config_file(config_file), kind, entity_id, seed_file)
    except BriefingError as error:
        raise _click_error(error) from None
    click.echo(f"created {_shown_path(path)}")


@main.command("init")
@click.argument("directory", metavar="DIR", type=click.Path(file_okay=False, path_type=Path))
def init_command(directory: Path) -> None:
    """Create a new, minimal briefing project in DIR (new or empty) that builds as it is."""
    try:
        init_project(directory)
    except BriefingError as error:
        raise _click_error(error) from None
    click.echo(f"created a briefing project in {_shown_path(directory)}; next: cd there and run `briefing build`")


@main.command("schemas")
@config_file_option
@click.option("--check", "check_only", is_flag=True, help="Write nothing; exit 1 naming each out-of-date file.")
def schemas_command(config_file: Path, check_only: bool) -> None:
    """Regenerate the JSON Schemas in site_config/schemas/ and the field reference in MAINTAINING.md.

    Both come from generator/content/schema.py; only those generated files are written.
    """
    root = Project.from_config_file(config_file).root
    try:
        stale = out_of_date(root) if check_only else write_generated(root)
    except BriefingError as error:
        raise _click_error(error) from None
    for path in map(_shown_path, (root / path for path in stale)):
        click.echo(f"out of date: {path}" if check_only else f"wrote {path}", err=check_only)
    if check_only and stale:
        click.echo("Run `briefing schemas` to regenerate them.", err=True)
        sys.exit(1)
    if not stale:
        click.echo("Schemas and field reference are up to date.")


@main.command("pin")
@config_file_option
@click.argument("source_id", metavar="SOURCE")
def pin_command(config_file: Path, source_id: str) -> None:
    """Record SOURCE's seed hash, after re-verifying the citations `briefing check` listed."""
    project = Project.from_config_file(config_file)
    try:
        path, digest = pin_source(project, source_id)
    except BriefingError as error:
        raise _click_error(error) from None
    click.echo(f"pinned {_shown_path(path)}: sha256 {digest}")
    unmatched = unmatched_citations(project, source_id)
    if unmatched:
        click.echo(
            f"warning: the pinned seed no longer holds the quotes of {len(unmatched)} citation(s); "
            "correct each quote (or the seed) before building:",
            err=True,
        )
        for problem in unmatched:
            click.echo(f"  {problem}", err=True)


@main.command("review")
@config_file_option
def review_command(config_file: Path) -> None:
    """List open questions whose status is older than a source: a newer source may answer them.

    After reading those sources, record a status change in the question's
    history, or add `reviewed: DATE` to it to say it still stands.
    """
    from .content.editions import to_review

    briefing, _ = _checked(_session(config_file), None)
    found = to_review(briefing)
    for item in found:
        status = item.question.data.history[-1].status.replace("-", " ")
        sources = ", ".join(f"{source.id} ({source.data.published.isoformat()})" for source in item.sources)
        click.echo(f"{item.question.path}: {status} since {item.since.isoformat()}; published since: {sources}")
    if found:
        newest = max(source.data.published for item in found for source in item.sources).isoformat()
        click.echo(
            f"{len(found)} to review: read those sources, then add a status change to the question's history, "
            f"or `reviewed: {newest}` to the question if its status still holds."
        )
    else:
        click.echo("Nothing to review: every open question's status is as new as the newest source.")


@main.command("export")
@config_file_option
@as_of_option
def export_command(config_file: Path, as_of: datetime.datetime | None) -> None:
    """Print the briefing as JSON, as the site publishes it in data/briefing.json."""
    from .data.export import export_briefing
    from .data.schemas import dump_json

    briefing, _ = _checked(_session(config_file), _day(as_of))
    click.echo(dump_json(export_briefing(briefing)), nl=False)


@main.command("generate")
@config_file_option
@click.option(
    "--out", "out_dir", required=True, type=click.Path(file_okay=False, path_type=Path), help="A new or empty folder."
)
@as_of_option
def generate_command(config_file: Path, out_dir: Path, as_of: datetime.datetime | None) -> None:
    """Write the generated Markdown pages and data files, for another Markdown site tool."""
    from .engines.writer import write_generated

    try:
        written = write_generated(Project.from_config_file(config_file), out_dir, _day(as_of))
    except ContentError as error:
        raise click.ClickException(str(error)) from None
    except BriefingError as error:
        raise _click_error(error) from None
    click.echo(f"wrote {len(written)} files into {_shown_path(out_dir)}")


def _shown_path(path: Path) -> str:
    """The path as the user would type it: relative to the current folder when inside it."""
    resolved = path.resolve()
    return str(resolved.relative_to(Path.cwd())) if resolved.is_relative_to(Path.cwd()) else str(resolved)


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


def _text(tally: Tally | None, problems: list[Problem]) -> str:
    if tally is None or problems:
        return format_problems(problems)
    listed = ", ".join(f"{count} {kind}" for kind, count in tally.entities.items())
    review = ""
    if tally.to_review:
        noun = "question" if tally.to_review == 1 else "questions"
        review = f" {tally.to_review} open or partly answered {noun} older than a source: see `briefing review`."
    edition = f"edition of {tally.as_of.isoformat()}"
    return f"OK ({edition}): {listed}; {tally.facts} facts, every quote found in its source.{review}"


def _json(tally: Tally | None, problems: list[Problem]) -> str:
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


def _github(tally: Tally | None, problems: list[Problem]) -> str:
    lines = [
        f"::{p.severity} file={p.path},line={p.line or 1},col={p.col or 1},title={p.code}::{_github_escape(p.message)}"
        for p in problems
    ]
    return "\n".join([*lines, count_problems(problems) if problems else _text(tally, problems)])


def _github_escape(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


FORMATTERS = {"text": _text, "json": _json, "github": _github}

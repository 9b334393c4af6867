"""A synthetic but valid briefing project of N entities over M sources, written to a folder.

Entities are about 40% participants (countries, their delegations and
ministries, people in them, linked by member_of), 15% goals, 15% questions
with a status history and 30% dated events; each holds about three facts of
one or two citations. mkdocs.yml and site_config/ are copied from the repo.
"""

from __future__ import annotations

import datetime
import hashlib
import random
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .citations import Citer
from .roster import Member, make_roster
from .snapshot import REPO
from .sources import Source, make_sources
from .vocabulary import CITIES, EVENT_KINDS, TOPICS, slug

CAPACITIES = ("lead", "member", "member", "host", "mediator", "observer")
SHARES = {"participants": 0.4, "goals": 0.15, "questions": 0.15}
"""Share of the N entities per kind; events take the rest."""
STATUSES = ("open", "partly-answered", "answered")

Files = dict[str, dict[str, Any]]
"""content-relative path without suffix ('goals/x') -> YAML data."""


@dataclass(frozen=True)
class ProjectShape:
    """What was generated, for the report."""

    entities: int
    sources: int
    counts: dict[str, int]
    facts: int
    citations: int


def default_sources(entities: int) -> int:
    """One source of a few KB per ten entities (at least five): about one citation per sentence."""
    return max(5, entities // 10)


def make_project(
    root: Path, entities: int, sources: int | None = None, seed: int = 0, template: Path = REPO
) -> ProjectShape:
    """Write a project of `entities` entities over `sources` sources into `root` (created, must not exist).

    mkdocs.yml and site_config/ are copied from `template`: the repo, or a snapshot of it.
    """
    rng = random.Random(f"{seed}-{entities}")
    files, texts = synthesise(entities, sources or default_sources(entities), rng)
    root.mkdir(parents=True)
    shutil.copy2(template / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(template / "site_config", root / "site_config", ignore=shutil.ignore_patterns("__pycache__"))
    _write_tree(root, files, texts)
    return _shape(files, len(texts))


def synthesise(entities: int, sources: int, rng: random.Random) -> tuple[Files, dict[str, str]]:
    """The content files and the seed texts, in memory."""
    counts = {kind: max(1, round(entities * share)) for kind, share in SHARES.items()}
    counts["events"] = max(1, entities - sum(counts.values()))
    roster = make_roster(counts["participants"], rng)
    docs = make_sources(sources, roster, rng)
    citer = Citer(docs, rng)
    files: Files = {f"sources/{doc.id}": _source_file(doc) for doc in docs}
    files.update((f"participants/{member.id}", _participant(member, citer)) for member in roster.everyone)
    participant_ids = [member.id for member in roster.everyone]
    groups = [member.id for member in roster.countries + roster.bodies]
    goals = dict(_numbered("goal", counts["goals"], lambda: _goal(groups, citer)))
    files.update((f"goals/{key}", data) for key, data in goals.items())
    goal_ids = list(goals)
    questions = _numbered("question", counts["questions"], lambda: _question(participant_ids, goal_ids, citer))
    files.update((f"questions/{key}", data) for key, data in questions)
    events = _numbered("event", counts["events"], lambda: _event(participant_ids, citer))
    files.update((f"events/{key}", data) for key, data in events)
    files["briefing"] = _briefing(entities, citer)
    return files, {doc.file: doc.text for doc in docs}


def _numbered(kind: str, count: int, make: Callable[[], dict[str, Any]]) -> Iterator[tuple[str, dict[str, Any]]]:
    for number in range(count):
        data = make()
        title = data.get("title") or data["question"]
        yield f"{slug(title)[:48].strip('-')}-{kind}-{number}", data


def _source_file(doc: Source) -> dict[str, Any]:
    return {
        "title": doc.title,
        "published": doc.published,
        "file": doc.file,
        "sha256": hashlib.sha256(doc.text.encode("utf-8")).hexdigest(),
        "publisher": doc.publisher,
        "url": f"https://example.org/sources/{doc.id}",
        "headlines": [doc.headline],
    }


def _participant(member: Member, citer: Citer) -> dict[str, Any]:
    data: dict[str, Any] = {"name": member.name, "kind": member.kind}
    if member.role:
        data["role"] = member.role
    if member.member_of:
        data["member_of"] = list(member.member_of)
    if member.kind != "person":
        data["url"] = f"https://example.org/{member.id}"
    facts = citer.rng.choice((2, 3, 3, 4))
    data["facts"] = _anchored([citer.fact(citer.ref_naming(member.id)) for _ in range(facts)])
    return data


def _goal(groups: list[str], citer: Citer) -> dict[str, Any]:
    rng = citer.rng
    parties = rng.sample(groups, k=min(len(groups), rng.randrange(2, 5)))
    return {
        "title": f"An agreement on {rng.choice(TOPICS)} in {rng.choice(CITIES)}",
        "parties": parties,
        "facts": _anchored([citer.fact(citer.ref_naming(parties[0])) for _ in range(rng.choice((2, 3, 3, 4)))]),
    }


def _question(participants: list[str], goals: list[str], citer: Citer) -> dict[str, Any]:
    rng = citer.rng
    involved = rng.sample(participants, k=min(len(participants), rng.randrange(1, 4)))
    data: dict[str, Any] = {
        "question": f"Will the talks on {rng.choice(TOPICS)} resume in {rng.choice(CITIES)}?",
        "why_it_matters": citer.fact(citer.ref_naming(involved[0])),
        "participants": involved,
    }
    if goals and rng.random() < 0.5:
        data["goals"] = rng.sample(goals, k=min(len(goals), rng.randrange(1, 3)))
    data["history"] = _anchored(_history(citer))
    if rng.random() < 0.5:
        data["facts"] = [citer.fact()]
    return data


def _history(citer: Citer) -> list[dict[str, Any]]:
    rng = citer.rng
    changes = rng.randrange(1, 4)
    # After every source's publication (see sources.py): a status cannot rest on a later source.
    dates = sorted(datetime.date(2030, 12, 1) + datetime.timedelta(days=rng.randrange(30)) for _ in range(changes))
    return [citer.fact(status=STATUSES[number], as_of=day) for number, day in enumerate(dates)]


def _event(participants: list[str], citer: Citer) -> dict[str, Any]:
    rng = citer.rng
    involved = rng.sample(participants, k=min(len(participants), rng.randrange(1, 5)))
    data: dict[str, Any] = {
        "title": f"{rng.choice(EVENT_KINDS)} {rng.choice(TOPICS)} in {rng.choice(CITIES)}",
        "date": _event_date(rng),
        "location": rng.choice(CITIES),
        "participants": involved,
        "facts": _anchored([citer.fact(citer.ref_naming(involved[0])) for _ in range(rng.choice((2, 3, 3, 4)))]),
    }
    if rng.random() < 0.3:  # a meeting: who was at the table, each entry cited
        data["attendance"] = [
            {"participant": who, "capacity": rng.choice(CAPACITIES), "cite": citer.fact(citer.ref_naming(who))["cite"]}
            for who in involved
        ]
    return data


def _anchored(facts: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The facts, with an `id` on each whose first quote may start where an earlier one's does, as a maintainer adds."""
    seen: set[tuple[str, str, int]] = set()
    for number, fact in enumerate(facts, 1):
        first = fact["cite"][0]
        start = (first["source"], " ".join(first["quote"].split()[:5]), first.get("occurrence", 1))
        if start in seen:
            fact["id"] = f"also-{number}"
        seen.add(start)
    return facts


def _event_date(rng: random.Random) -> dict[str, Any]:
    day = datetime.date(2030, 1, 1) + datetime.timedelta(days=rng.randrange(360))
    roll = rng.random()
    if roll < 0.6:
        return {"day": day}
    if roll < 0.8:
        return {"month": f"{day.year}-{day.month:02d}"}
    if roll < 0.9:
        return {"year": day.year}
    basis = f"'last {day.strftime('%A')}', resolved against the publication date."
    return {"day": day, "qualifier": "before", "basis": basis}


def _briefing(entities: int, citer: Citer) -> dict[str, Any]:
    return {
        "title": f"Synthetic briefing of {entities} entities",
        "summary": _anchored([citer.fact() for _ in range(3)]),
    }


class _Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):  # type: ignore[misc]
    """Never writes anchors or aliases: the loader refuses them. libyaml's emitter where there is one."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def _write_tree(root: Path, files: Files, texts: dict[str, str]) -> None:
    seeds = root / "seeds"
    seeds.mkdir()
    for name, text in texts.items():
        (seeds / name).write_text(text, encoding="utf-8")
    for relative, data in files.items():
        path = root / "content" / f"{relative}.yml"
        path.parent.mkdir(parents=True, exist_ok=True)
        kind = relative.split("/")[0] if "/" in relative else "briefing"
        schema = "../" * relative.count("/") + f"../site_config/schemas/{kind}.schema.json"
        header = f"# yaml-language-server: $schema={schema}\n"
        body = yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)
        path.write_text(header + body, encoding="utf-8")


def _shape(files: Files, sources: int) -> ProjectShape:
    counts: dict[str, int] = {}
    facts = citations = 0
    for relative, data in files.items():
        kind = relative.split("/")[0]
        counts[kind] = counts.get(kind, 0) + 1
        for fact in _facts_in(data):
            facts += 1
            citations += len(fact["cite"])
    entities = sum(count for kind, count in counts.items() if kind not in ("sources", "briefing"))
    return ProjectShape(entities, sources, counts, facts, citations)


def _facts_in(value: Any) -> Iterator[dict[str, Any]]:
    if isinstance(value, dict):
        if "cite" in value:
            yield value
        for item in value.values():
            yield from _facts_in(item)
    elif isinstance(value, list):
        for item in value:
            yield from _facts_in(item)

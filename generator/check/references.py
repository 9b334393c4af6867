"""Ids: a file's own (its name, unique and valid), the ids it gives of others (each must exist), and former ids."""

from __future__ import annotations

from pathlib import PurePosixPath

from ..content.fields import Location
from ..errors import Problem
from ..read.load import ID_RE
from ..read.records import RawRecord
from .messages import MAX_PROBLEMS_PER_FILE, at, did_you_mean


def misnamed(records: list[RawRecord], problems: list[Problem]) -> set[PurePosixPath]:
    """Files whose id another file has taken, or which is not a valid id: reported here, and not checked."""
    seen: dict[tuple[str, str], RawRecord] = {}
    found = set()
    for record in records:
        key = (record.kind, record.id)
        if key in seen:
            message = f"id '{record.id}' is already used by {seen[key].path}; rename or remove one of them"
            problems.append(Problem(record.path, 0, 0, "duplicate-id", message))
            found.add(record.path)
            continue
        seen[key] = record
        if record.kind != "briefing" and not ID_RE.match(record.id):
            problems.append(Problem(record.path, 0, 0, "invalid-id", _invalid_id_message(record.id)))
            found.add(record.path)
    return found


def _invalid_id_message(stem: str) -> str:
    suggestion = "-".join(
        filter(None, "".join(c if c.isalnum() and c.isascii() else " " for c in stem.lower()).split())
    )
    hint = f", e.g. '{suggestion}.yml'" if suggestion else ""
    return f"file name '{stem}' is not a valid id: use lowercase letters, digits and hyphens{hint}"


def check_references(
    record: RawRecord, links: list[tuple[Location, str, str]], known: set[tuple[str, str]], problems: list[Problem]
) -> None:
    dangling = [(location, kind, target) for location, kind, target in links if (kind, target) not in known]
    for number, (location, kind, target) in enumerate(dangling):
        # A suggestion costs a fuzzy match each, and only the first problems of a file are shown.
        shown = number < MAX_PROBLEMS_PER_FILE
        ids = sorted(entity_id for entity_kind, entity_id in known if entity_kind == kind) if shown else []
        what = kind[:-1]
        problems.append(
            at(
                record,
                location,
                "unknown-id",
                f"unknown {what} '{target}'{did_you_mean(target, ids)}; {what} ids are the file names in content/{kind}/",
            )
        )


def check_former_ids(
    current: set[tuple[str, str]], formerly: list[tuple[RawRecord, list[str]]], problems: list[Problem]
) -> None:
    """A former id keeps an old URL working, so it must not be any other entry's id, now or before."""
    claimed: dict[tuple[str, str], str] = {}
    for record, former_ids in formerly:
        for index, former in enumerate(former_ids):
            key = (record.kind, former)
            if key in current or key in claimed:
                owner = record.kind + "/" + (former if key in current else claimed[key])
                message = f"former id '{former}' is already used by {owner}; an old URL can lead to one page only"
                problems.append(at(record, ("formerly", index), "duplicate-id", message))
            claimed.setdefault(key, record.id)

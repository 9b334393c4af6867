"""Who takes part in a synthetic briefing: countries, their bodies, and people in those bodies."""

from __future__ import annotations

import itertools
import random
from dataclasses import dataclass

from .vocabulary import (
    COUNTRY_ENDINGS,
    COUNTRY_STEMS,
    FIRST_NAMES,
    LAST_NAMES,
    MINISTRIES,
    PERSON_ROLES,
    TOPICS,
    slug,
)


@dataclass(frozen=True)
class Member:
    """A participant before any fact is attached: the fields of its YAML file but `facts`."""

    id: str
    name: str
    kind: str
    """person, organisation, country or delegation."""
    role: str | None
    member_of: tuple[str, ...]


@dataclass(frozen=True)
class Roster:
    countries: tuple[Member, ...]
    bodies: tuple[Member, ...]
    """Delegations and organisations."""
    people: tuple[Member, ...]

    @property
    def everyone(self) -> tuple[Member, ...]:
        return self.countries + self.bodies + self.people


def make_roster(count: int, rng: random.Random) -> Roster:
    """`count` participants: about 2% countries, 16% delegations and organisations, the rest people."""
    countries = _countries(max(2, count // 50), rng)
    bodies = _bodies(max(2, count // 6), countries, rng)
    people = _people(max(1, count - len(countries) - len(bodies)), bodies, rng)
    return Roster(countries, bodies, people)


def _countries(count: int, rng: random.Random) -> tuple[Member, ...]:
    names = [stem + ending for stem, ending in itertools.product(COUNTRY_STEMS, COUNTRY_ENDINGS)]
    rng.shuffle(names)
    if count > len(names):
        names += [f"{name} {number}" for number in range(2, 2 + count // len(names)) for name in names]
    return tuple(Member(slug(name), name, "country", None, ()) for name in names[:count])


def _bodies(count: int, countries: tuple[Member, ...], rng: random.Random) -> tuple[Member, ...]:
    """A delegation per country first, then ministries of the countries and a few joint commissions."""
    return tuple(_body(number, countries, rng) for number in range(count))


def _body(number: int, countries: tuple[Member, ...], rng: random.Random) -> Member:
    country = countries[number % len(countries)]
    member_of: tuple[str, ...]
    if number < len(countries):
        name, kind, member_of = f"{country.name} delegation", "delegation", (country.id,)
    elif rng.random() < 0.15:
        name, kind, member_of = f"Joint Commission on {rng.choice(TOPICS)} {number}", "organisation", ()
    else:
        name, kind, member_of = (
            f"{country.name} Ministry of {rng.choice(MINISTRIES)} {number}",
            "organisation",
            (country.id,),
        )
    return Member(slug(name), name, kind, None, member_of)


def _people(count: int, bodies: tuple[Member, ...], rng: random.Random) -> tuple[Member, ...]:
    people: list[Member] = []
    used: set[str] = set()
    while len(people) < count:
        name = f"{rng.choice(FIRST_NAMES)} {chr(65 + rng.randrange(26))}. {rng.choice(LAST_NAMES)}"
        if name in used:
            continue
        used.add(name)
        groups = rng.sample(bodies, k=1 if rng.random() < 0.85 else min(2, len(bodies)))
        member_of = tuple(body.id for body in groups)
        people.append(Member(slug(name), name, "person", rng.choice(PERSON_ROLES), member_of))
    return tuple(people)

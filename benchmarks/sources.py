"""Synthetic source documents: a few KB of generated sentences naming the briefing's participants."""

from __future__ import annotations

import datetime
import random
import re
import textwrap
from dataclasses import dataclass

from .roster import Member, Roster
from .vocabulary import BOILERPLATE, CITIES, MONTHS, PUBLISHERS, REPORTED, SPOKEN, TOPICS, slug

BOILERPLATE_COPIES = 2
"""How often a source repeats its boilerplate sentence, so citing it needs `occurrence`."""
_SPEECH = re.compile("\u201c(.+?)[,.]?\u201d")
_PLACEHOLDER = re.compile(r"\{(\w+)\}")


@dataclass(frozen=True)
class Sentence:
    text: str
    """As written in the seed, typographic quotes included."""
    mentions: tuple[str, ...]
    """Ids of the participants it names."""
    speaker: str | None = None
    """Id of the person whose words it quotes, if it is direct speech."""
    speech: str | None = None
    """The spoken words, for a fact attributed with said_by."""
    surname: str | None = None
    """The speaker's surname, which an attributed fact names them by."""


@dataclass(frozen=True)
class Source:
    id: str
    title: str
    published: datetime.date
    publisher: str
    headline: str
    text: str
    """The seed file's text."""
    sentences: tuple[Sentence, ...]
    """Sentences that occur once in the text."""
    boilerplate: str
    """A sentence the text repeats BOILERPLATE_COPIES times."""

    @property
    def file(self) -> str:
        return f"{self.id}.txt"


def make_sources(count: int, roster: Roster, rng: random.Random, size: int = 4000) -> list[Source]:
    """`count` sources of about `size` characters each, published over 2030."""
    return [_source(number, roster, rng, size) for number in range(count)]


def _source(number: int, roster: Roster, rng: random.Random, size: int) -> Source:
    publisher = rng.choice(PUBLISHERS)
    published = datetime.date(2030, 1, 1) + datetime.timedelta(days=rng.randrange(330))
    topic, city = rng.choice(TOPICS), rng.choice(CITIES)
    headline = f"{topic.capitalize()} talks continue in {city}"
    boilerplate = rng.choice(BOILERPLATE)
    sentences = _sentences(roster, rng, size)
    text = _layout(headline, [sentence.text for sentence in sentences], boilerplate, rng)
    source_id = f"{slug(publisher)}-{published.isoformat()}-{number}"
    title = f"{publisher} report on the talks on {topic} in {city}"
    return Source(source_id, title, published, publisher, headline, text, tuple(sentences), boilerplate)


def _sentences(roster: Roster, rng: random.Random, size: int) -> list[Sentence]:
    sentences: list[Sentence] = []
    seen: set[str] = set()
    length = 0
    while length < size:
        sentence = _sentence(roster, rng)
        if sentence.text not in seen:
            seen.add(sentence.text)
            sentences.append(sentence)
            length += len(sentence.text) + 1
    return sentences


def _sentence(roster: Roster, rng: random.Random) -> Sentence:
    spoken = rng.random() < 0.2
    template = rng.choice(SPOKEN if spoken else REPORTED)
    speaker = rng.choice(roster.people)
    body = rng.choice(roster.bodies)
    country, other = rng.sample(roster.countries, 2)
    values = {
        "speaker": speaker.name,
        "body": body.name,
        "country": country.name,
        "other": other.name,
        "topic": rng.choice(TOPICS),
        "city": rng.choice(CITIES),
        "day": str(rng.randrange(1, 29)),
        "month": rng.choice(MONTHS),
        "hours": str(rng.randrange(2, 10)),
        "count": str(rng.randrange(3, 40)),
    }
    text = template.format(**values)
    used = set(_PLACEHOLDER.findall(template))
    named: dict[str, Member] = {"speaker": speaker, "body": body, "country": country, "other": other}
    mentions = tuple(member.id for key, member in named.items() if key in used)
    speech = _SPEECH.search(text) if spoken else None
    if speech is None:
        return Sentence(text, mentions)
    return Sentence(text, mentions, speaker.id, speech.group(1), speaker.name.split()[-1])


def _layout(headline: str, sentences: list[str], boilerplate: str, rng: random.Random) -> str:
    """Headline, then paragraphs of 3 to 5 sentences wrapped at 78 columns, the boilerplate among them."""
    body = list(sentences)
    for copy in range(BOILERPLATE_COPIES):
        body.insert((copy + 1) * len(body) // (BOILERPLATE_COPIES + 1), boilerplate)
    paragraphs: list[str] = []
    while body:
        take = rng.randrange(3, 6)
        paragraph = " ".join(body[:take])
        paragraphs.append(textwrap.fill(paragraph, 78, break_long_words=False, break_on_hyphens=False))
        body = body[take:]
    return "\n\n".join([headline, *paragraphs]) + "\n"

"""Word lists the synthetic briefing is written from: neutral words only, none on the built-in word lists."""

from __future__ import annotations

import re

FIRST_NAMES = (
    "Ana", "Boris", "Chiara", "Dmitri", "Elena", "Farid", "Greta", "Hugo", "Ines", "Jonas", "Karin", "Lars",
    "Maya", "Nikolai", "Olga", "Pavel", "Quentin", "Rania", "Stefan", "Tomas", "Ulla", "Viktor", "Wanda",
    "Xavier", "Yara", "Zoran", "Amira", "Bruno", "Clara", "Darius", "Emil", "Fatima", "Gustav", "Hanna",
    "Ivan", "Julia", "Kemal", "Lena", "Marek", "Nadia",
)  # fmt: skip
LAST_NAMES = (
    "Lind", "Okafor", "Petrov", "Moreau", "Schmidt", "Haddad", "Novak", "Rossi", "Kowalski", "Berg", "Tanaka",
    "Silva", "Dubois", "Horvat", "Ivanova", "Jensen", "Kaya", "Larsen", "Mendes", "Nilsen", "Ortiz", "Popescu",
    "Quist", "Romero", "Sato", "Toth", "Urban", "Varga", "Weber", "Yilmaz", "Zeller", "Abbas", "Bauer",
    "Costa", "Dahl", "Eriksen", "Fischer", "Gomez", "Holm", "Iqbal", "Jovanovic", "Keller", "Lopez", "Meyer",
    "Nagy", "Olsen", "Park", "Reyes", "Stone", "Thorn",
)  # fmt: skip
COUNTRY_STEMS = (
    "North", "South", "East", "West", "Val", "Kar", "Mor", "Tal", "Ost", "Ber", "Lun", "Sar", "Cor", "Dal",
    "Fen", "Gar", "Hel", "Ise", "Jor", "Kel",
)  # fmt: skip
COUNTRY_ENDINGS = ("land", "mark", "ia", "avia", "onia", "istan")
MINISTRIES = ("Foreign Affairs", "Defence", "Energy", "Trade", "Finance", "Justice", "the Interior", "Transport")
PERSON_ROLES = (
    "Foreign Minister", "Deputy Foreign Minister", "Special Envoy", "National Security Adviser", "Ambassador",
    "Chief Negotiator", "Defence Minister", "Energy Minister", "Spokesperson", "Senior Adviser",
)  # fmt: skip
TOPICS = (
    "grain exports", "prisoner exchanges", "energy infrastructure", "maritime navigation", "sanctions relief",
    "embassy staffing", "nuclear safety", "humanitarian corridors", "border demarcation", "debt restructuring",
    "civil aviation", "water rights", "rail links", "fisheries quotas", "cultural exchanges", "air defence",
    "mine clearance", "refugee returns", "power grid repairs", "port access", "customs rules", "data sharing",
    "satellite monitoring", "troop withdrawals", "ceasefire monitoring", "observer missions",
)  # fmt: skip
CITIES = (
    "Geneva", "Vienna", "Oslo", "Helsinki", "Lisbon", "Istanbul", "Doha", "Riyadh", "Muscat", "Baku", "Astana",
    "Tirana", "Valletta", "Reykjavik", "Ljubljana", "Tallinn", "Bern", "Nicosia", "Sarajevo", "Skopje",
)  # fmt: skip
MONTHS = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
    "November", "December",
)  # fmt: skip
PUBLISHERS = ("Wire Service", "Foreign Ministry", "Daily Record", "Evening Courier", "Policy Review", "News Agency")
EVENT_KINDS = ("Talks on", "Working group on", "Technical meeting on", "Round of consultations on", "Briefing on")
BOILERPLATE = (
    "No further details were given.",
    "The statement did not say more.",
    "Officials declined to comment further.",
)

# Sentence templates: {speaker} is a person, {body} an organisation or delegation, {country}/{other} countries.
# No sentence holds a word of the built-in word lists (generator/check/word_lists/): a warning on every
# synthetic briefing would measure the warnings. Hence "announced" and "stated", dates, never weekdays.
REPORTED = (
    "{speaker} announced on {day} {month} that the working group on {topic} would meet again in {city}.",
    "{speaker} informed reporters in {city} that talks on {topic} had run for {hours} hours.",
    "The {body} confirmed that {speaker} would lead the next round of talks on {topic}.",
    "Officials from {country} and {other} discussed {topic} in {city} for {hours} hours on {day} {month}.",
    "The {body} announced that no date was set for further talks on {topic} in {city}.",
    "{speaker} met members of the {body} in {city} to review progress on {topic}.",
    "{country} proposed a joint commission on {topic}, {speaker} announced after the meeting in {city}.",
    "The {body} announced that {count} experts on {topic} would travel to {city} in {month}.",
)
SPOKEN = (
    "{speaker} stated: \u201cWe expect progress on {topic} before {month}.\u201d",
    "\u201cThe talks on {topic} in {city} were useful,\u201d {speaker} stated.",
    "{speaker} stated: \u201c{country} is ready to discuss {topic} with {other} in {city}.\u201d",
)


def slug(text: str) -> str:
    """An id as the schema wants it: lowercase letters, digits and hyphens."""
    return "-".join(re.findall(r"[a-z0-9]+", text.lower()))

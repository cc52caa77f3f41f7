"""A tiny, fast, deterministic PRNG (splitmix64) with the subset of the ``random`` API we use.

``random.Random`` seeding costs a few microseconds (Mersenne-Twister state set-up);
the demo creates one generator per fact per article, so a cheap generator keeps
building 20,000-article sites fast.  Sequences are stable across Python versions.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from typing import TypeVar

T = TypeVar("T")
MASK = (1 << 64) - 1


def seed_int(seed: str | int) -> int:
    """64-bit integer seed from a string (blake2b) or an int."""
    if isinstance(seed, int):
        return seed & MASK
    return int.from_bytes(hashlib.blake2b(seed.encode(), digest_size=8).digest(), "big")


class Rng:
    """splitmix64 generator."""

    __slots__ = ("_s",)

    def __init__(self, seed: str | int) -> None:
        self._s = seed_int(seed)

    def next64(self) -> int:
        """Next raw 64-bit value."""
        self._s = (self._s + 0x9E3779B97F4A7C15) & MASK
        z = self._s
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
        return z ^ (z >> 31)

    def random(self) -> float:
        """Float in [0, 1)."""
        return (self.next64() >> 11) * (1.0 / (1 << 53))

    def randrange(self, n: int) -> int:
        """Integer in [0, n)."""
        return self.next64() % n

    def randint(self, a: int, b: int) -> int:
        """Integer in [a, b]."""
        return a + self.next64() % (b - a + 1)

    def uniform(self, a: float, b: float) -> float:
        """Float in [a, b)."""
        return a + (b - a) * self.random()

    def choice(self, seq: Sequence[T]) -> T:
        """One element of a non-empty sequence."""
        return seq[self.next64() % len(seq)]

    def sample(self, seq: Sequence[T], k: int) -> list[T]:
        """k distinct elements (partial Fisher–Yates)."""
        pool = list(seq)
        for i in range(k):
            j = i + self.next64() % (len(pool) - i)
            pool[i], pool[j] = pool[j], pool[i]
        return pool[:k]

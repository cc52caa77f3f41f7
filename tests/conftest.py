"""Shared fixtures: paths to ../shared (skipped when absent) and small page builders."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SEED = SHARED / "seed" / "jincheng-police-2021-07-12.txt"


@pytest.fixture
def seed_text() -> str:
    if not SEED.exists():
        pytest.skip("../shared/seed is not present")
    return SEED.read_text(encoding="utf-8")

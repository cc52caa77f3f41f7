"""Pytest fixtures shared by the web and browser tests: the labelled archive (:mod:`tests.web.labelled`), served.

Import them into a test module (``from tests.web.fixtures import lab, labelled``) to use them there.
"""

from __future__ import annotations

import pytest

from tests.web.labelled import build
from tests.web.server import serving


@pytest.fixture(scope="module")
def labelled(tmp_path_factory):
    """The labelled archive, written once per module."""
    return build(tmp_path_factory.mktemp("labelled") / "lab.db")


@pytest.fixture(scope="module")
def lab(labelled):  # noqa: F811 - the fixture above
    """``police-archive serve`` over it: the base URL."""
    with serving(labelled.db) as base:
        yield base

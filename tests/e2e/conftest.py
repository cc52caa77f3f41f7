"""Fixtures of the labelled archive, served (shared by the web and browser tests)."""

from tests.web.fixtures import lab, labelled  # noqa: F401 - pytest finds fixtures by name

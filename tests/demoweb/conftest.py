"""Fixtures of the demo-web tests: the end-to-end tests' Chromium (launched once per module) and a fresh page
per test that collects uncaught script errors, for the tests that watch the JS-rendered site in a browser."""

from tests.e2e.test_browser import browser, page, sync_playwright  # noqa: F401 - pytest fixtures

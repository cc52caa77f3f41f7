"""Sanity checker for the hand-written real-page expectations (stdlib only).

Loads ``expectations.json`` next to this file, reads the pages from the shared corpus
(``<workspace>/shared/corpus/realpages``, never copied into the project) and verifies that
every ``must_have`` / ``must_not_have`` snippet, the title, the info-table values, the
site code and the ICP number occur in the page's visible text (tags, scripts, styles and
inline ``display:none`` subtrees dropped, entities decoded, all whitespace removed).

It checks the annotations against the pages, not the extractor. Exit code 0 = pass
(or skipped when the corpus is absent), 1 = failures.

    .venv/bin/python tests/eval/realpages/check.py
"""

from __future__ import annotations

import json
import re
import sys
from html.parser import HTMLParser
from pathlib import Path

HERE = Path(__file__).resolve().parent
EXPECTATIONS = HERE / "expectations.json"
CORPUS = Path(__file__).resolve().parents[4] / "shared/corpus/realpages"

KEYS = ("file", "url", "title", "published", "source", "must_have", "must_not_have",
        "info_fields", "site_code", "icp", "notes")
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
        "param", "source", "track", "wbr"}
SKIP = {"script", "style", "noscript", "template", "textarea", "select", "title", "head"}
HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
WS = re.compile(r"[\s\u3000\xa0\u200b\ufeff]+")
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
SITE_CODE = re.compile(r"^(\d{10}|bm\d{8})$")


class _Visible(HTMLParser):
    """Collects text a reader can see: skips SKIP elements and inline-hidden subtrees."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip: str | None = None   # tag name of the subtree being skipped
        self._depth = 0                 # nesting of that same tag name inside it

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in VOID:
            return
        if self._skip is not None:
            if tag == self._skip:
                self._depth += 1
            return
        style = dict(attrs).get("style") or ""
        if tag in SKIP or HIDDEN_STYLE.search(style) or any(k == "hidden" for k, _ in attrs):
            self._skip, self._depth = tag, 1

    def handle_endtag(self, tag: str) -> None:
        if self._skip is not None and tag == self._skip:
            self._depth -= 1
            if self._depth == 0:
                self._skip = None

    def handle_data(self, data: str) -> None:
        if self._skip is None:
            self.parts.append(data)


def visible_text(raw: str) -> str:
    """Visible text of an HTML page with all whitespace removed."""
    parser = _Visible()
    parser.feed(raw)
    parser.close()
    return WS.sub("", "".join(parser.parts))


def squash(s: str) -> str:
    return WS.sub("", s)


def check_entry(entry: dict, text: str, raw: str) -> list[str]:
    errors: list[str] = []
    missing = [k for k in KEYS if k not in entry]
    if missing:
        return [f"missing keys {missing}"]
    if squash(entry["title"]) not in text:
        errors.append(f"title not on page: {entry['title']!r}")
    if entry["published"] is not None and not DATE.match(entry["published"]):
        errors.append(f"published not YYYY-MM-DD: {entry['published']!r}")
    mh, mnh = entry["must_have"], entry["must_not_have"]
    if len(mh) < 4:
        errors.append(f"only {len(mh)} must_have snippets")
    if len(mnh) < 4:
        errors.append(f"only {len(mnh)} must_not_have snippets")
    for kind, snippets, lo, hi in (("must_have", mh, 8, 25), ("must_not_have", mnh, 4, 20)):
        for s in snippets:
            if WS.search(s) or not lo <= len(s) <= hi:
                errors.append(f"{kind} snippet shape ({len(s)} chars, {lo}-{hi}, no whitespace): {s!r}")
            if s not in text:
                errors.append(f"{kind} snippet not in page text: {s!r}")
    overlap = set(mh) & set(mnh)
    if overlap:
        errors.append(f"snippets in both lists: {sorted(overlap)}")
    for label, value in entry["info_fields"].items():
        if squash(label) not in text:
            errors.append(f"info label not on page: {label!r}")
        if value and squash(value) not in text:
            errors.append(f"info value not on page: {label}={value!r}")
    if entry["site_code"] is not None:
        if not SITE_CODE.match(entry["site_code"]):
            errors.append(f"site_code format: {entry['site_code']!r}")
        if entry["site_code"] not in text:
            errors.append(f"site_code not on page: {entry['site_code']!r}")
    if entry["icp"] is not None and squash(entry["icp"]) not in text:
        errors.append(f"icp not on page: {entry['icp']!r}")
    if entry["source"] is not None and squash(entry["source"]) not in text and entry["source"] not in raw:
        # a source may come from the ContentSource meta when no visible line shows it
        errors.append(f"source neither visible nor in the page markup: {entry['source']!r}")
    return errors


def main() -> int:
    entries = json.loads(EXPECTATIONS.read_text(encoding="utf-8"))
    if not CORPUS.is_dir():
        print(f"SKIP: corpus not found at {CORPUS}")
        return 0
    failures = 0
    snippets = 0
    for entry in entries:
        name = entry.get("file", "?")
        path = CORPUS / name
        if not path.is_file():
            print(f"FAIL {name}: page missing from corpus")
            failures += 1
            continue
        raw = path.read_bytes().decode("utf-8")
        errors = check_entry(entry, visible_text(raw), raw)
        snippets += len(entry.get("must_have", [])) + len(entry.get("must_not_have", []))
        for err in errors:
            print(f"FAIL {name}: {err}")
        failures += len(errors)
    html_pages = sorted(p.name for p in CORPUS.glob("*.html"))
    listed = [e.get("file") for e in entries]
    if listed != html_pages:
        print(f"FAIL: expectations list {len(listed)} files, corpus has {len(html_pages)} HTML pages (or order differs)")
        failures += 1
    print(f"{len(entries)} pages, {snippets} snippets checked, {failures} failure(s)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())

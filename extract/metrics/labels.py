"""Canonical labels of a figure: category, measure and scope, from the closed vocabulary in taxonomy.tsv.

Two figures share (category, measure) exactly when a researcher would put them in one column of a table
before splitting by subtype (tests/eval/metrics/GUIDELINES.md). The trigger words and how they are read
(strong and weak triggers, which one wins) are documented in taxonomy.tsv's header; the file is read once
per process into tries of plain dicts, so labelling a figure is a few dictionary look-ups per character.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

TAXONOMY = Path(__file__).with_name("taxonomy.tsv")


@dataclass(frozen=True)
class Trigger:
    word: str
    code: str
    rank: int    # the row's order: earlier rows win ties
    weak: bool


@dataclass(frozen=True)
class Vocabulary:
    category: dict[str, list[Trigger]]  # first character → triggers starting with it, longest first
    measure: dict[str, list[Trigger]]
    codes: dict[str, tuple[str, ...]]   # kind → codes in file order


@cache
def vocabulary() -> Vocabulary:
    """The taxonomy file, parsed once."""
    index: dict[str, dict[str, list[Trigger]]] = {"category": {}, "measure": {}}
    codes: dict[str, list[str]] = {"category": [], "measure": [], "scope": []}
    for rank, line in enumerate(TAXONOMY.read_text(encoding="utf-8").splitlines()):
        cols = line.split("\t")
        if line.startswith("#") or len(cols) < 4 or cols[0] not in codes:
            continue
        kind, code = cols[0], cols[1]
        codes[kind].append(code)
        for word in (cols[4].split() if len(cols) > 4 else []):
            weak = word.startswith("~")
            word = word.lstrip("~")
            if kind in index and word:
                index[kind].setdefault(word[0], []).append(Trigger(word, code, rank, weak))
    for table in index.values():
        for triggers in table.values():
            triggers.sort(key=lambda t: (-len(t.word), t.rank))
    return Vocabulary(index["category"], index["measure"], {k: tuple(v) for k, v in codes.items()})


def _matches(text: str, table: dict[str, list[Trigger]]):
    """Every (position, trigger) of ``text``, longest trigger first at each position."""
    for i, ch in enumerate(text):
        for t in table.get(ch, ()):
            if text.startswith(t.word, i):
                yield i, t


def category_in(text: str, weak: bool = False) -> str | None:
    """The category ``text`` names by its longest strong trigger (or, with ``weak``, its longest weak one)."""
    best: Trigger | None = None
    for _, t in _matches(text, vocabulary().category):
        if t.weak != weak:
            continue
        if best is None or (len(t.word), -t.rank) > (len(best.word), -best.rank):
            best = t
    return best.code if best else None


def topic_of(text: str) -> str | None:
    """The category a passage is about: the one whose strong triggers occur most often, ties to the earliest."""
    counts: dict[str, list[int]] = {}
    taken_until = -1
    for i, t in _matches(text, vocabulary().category):
        if t.weak or i <= taken_until:
            continue  # a longer trigger already covers this position (刑事警情 is not also 警情)
        taken_until = i + len(t.word) - 1
        entry = counts.setdefault(t.code, [0, i])
        entry[0] += 1
    if not counts:
        return None
    return max(counts.items(), key=lambda kv: (kv[1][0], -kv[1][1]))[0]


_RATE = re.compile(r"(?:率|占比|比例|比重|满意度)$")


def measure_in(indicator: str, unit: str | None, is_level: bool) -> tuple[str | None, bool]:
    """(measure, strong) named by an indicator: the earliest trigger, longest at that position."""
    if (is_level and unit == "%") or _RATE.search(indicator):
        return "rate", True
    strong: tuple[int, Trigger] | None = None
    weak: tuple[int, Trigger] | None = None
    for i, t in _matches(indicator, vocabulary().measure):
        if t.weak:
            if weak is None:
                weak = (i, t)
        elif strong is None:
            strong = (i, t)
            break
    if strong:
        return strong[1].code, True
    if weak:
        return weak[1].code, False
    return None, False


def money_measure(indicator: str) -> str | None:
    """Money (元) is recovered, blocked or involved; a verb that does not say which means involved."""
    code, _ = measure_in(indicator, "元", True)
    if code in ("money_recovered", "money_blocked", "money_involved", "seized", "persons_penalized"):
        return code
    return "money_involved"


#: words after which what follows in a 其中 breakdown is the subtype's name: 刷单返利类案件 → 刷单返利类
_SUBTYPE_HEAD = re.compile(r"^(?:其中)?(?P<name>.+?(?:类|型|性))(?:案件|警情|案|犯罪|人员|嫌疑人|犯罪嫌疑人)?")
_GENERIC_TAIL = re.compile(r"(?:案件|警情|犯罪嫌疑人|嫌疑人|违法犯罪人员|人员|案)$")


def subgroup_name(indicator: str, parent: str | None) -> str | None:
    """The kind a breakdown names, as written: 刷单返利类案件 → 刷单返利类, 未成年人 → 未成年人."""
    text = indicator
    if parent and text.startswith(parent):
        text = text[len(parent):]
    m = _SUBTYPE_HEAD.match(text)
    if m:
        return m["name"]
    name = _GENERIC_TAIL.sub("", text)
    return name or text or None

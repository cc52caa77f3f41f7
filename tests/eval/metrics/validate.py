"""Check the gold sets (every *.jsonl here, and seed_figures.json) against GUIDELINES.md and print counts.

Usage: python tests/eval/metrics/validate.py [FILE.jsonl ...]   (stdlib only; exit status 1 on any error)

The seed's spans are checked against ../shared/seed/jincheng-police-2021-07-12.txt only when that file
exists; the rest of the seed annotation is always checked.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
BULLETINS = HERE / "bulletins.jsonl"
SEED_FIGURES = HERE / "seed_figures.json"
SEED_TEXT = ROOT.parent / "shared" / "seed" / "jincheng-police-2021-07-12.txt"

# measure words allowed in `unit` / `change_unit` ("" = a number without measure word, `劝阻3.4万群众`)
UNITS = {""} | set(
    "% 个百分点 元 起 名 人 个 张 台 户 次 条 部 箱 套 场 家 处 辆 份 件 笔 副 只 支 发 枚 把 粒 亩 吨 千克 "
    "人次 辆次 台次 场次 家次 户次 艘 轮次 轮 期 天 架次 架 宗 批 项 所 间 座 头 匹 盒 袋 瓶 包 块 克 公斤 本 册 "
    "单 封 株 棵 斤 平方米 公里 千米 万人次 余人".split()
)
PERIOD_KINDS = {"year", "half", "quarter", "month", "week", "day", "holiday", "campaign", "year_to_date", "since",
                "other"}
TAXONOMY = ROOT / "extract" / "metrics" / "taxonomy.tsv"


def vocabulary() -> dict[str, set[str]]:
    """The closed label codes (category, measure, scope) from the taxonomy file's first two columns."""
    codes: dict[str, set[str]] = {"category": set(), "measure": set(), "scope": set()}
    for line in TAXONOMY.read_text(encoding="utf-8").splitlines():
        cols = line.split("\t")
        if line.startswith("#") or len(cols) < 2 or cols[0] not in codes:
            continue
        codes[cols[0]].add(cols[1])
    return codes


VOCAB = vocabulary()
BULLETIN_KEYS = {"id", "title", "published_at", "text", "figures"}
FIGURE_REQUIRED = {
    "span", "indicator", "value", "unit", "approximate", "change_basis", "change_direction", "change_value",
    "change_unit", "period_text", "period_start", "period_end", "period_kind", "place", "category", "measure", "scope",
    "subgroup",
}
FIGURE_OPTIONAL = {"occurrence", "indicator_accept"}
APPROX_BEFORE = ("超过", "约", "近", "超", "逾")
APPROX_AFTER = ("左右", "以上")
PUBLISHED_RE = re.compile(r"^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2})?\+08:00)?$")
CN_DIGITS = {"零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
CN_POWERS = {"十": 10, "百": 100, "千": 1000}
SPAN_RE = re.compile(
    r"^(?P<num>[0-9]+(?:\.[0-9]+)?|[零一二两三四五六七八九十百千万亿]+)[ \u2002\u3000\u00a0]?"
    r"(?P<a1>余|多)?(?P<mag>千万|百万|万|亿)?(?P<a2>余|多)?(?P<unit>.*)$"
)


def cn_to_int(s: str) -> int:
    total = section = digit = 0
    for ch in s:
        if ch in CN_DIGITS:
            digit = CN_DIGITS[ch]
        elif ch in CN_POWERS:
            section += (digit or 1) * CN_POWERS[ch]
            digit = 0
        else:  # 万 / 亿
            total += (section + digit) * (10000 if ch == "万" else 100000000)
            section = digit = 0
    return total + section + digit


def parse_span(span: str):
    """(number, unit, approximate-inside-span, chinese-numeral) read from a span, or None."""
    m = SPAN_RE.match(span)
    if not m:
        return None
    num = m["num"]
    chinese = not num[0].isdigit()
    value = cn_to_int(num) if chinese else float(num)
    value *= {"千万": 10_000_000, "百万": 1_000_000, "万": 10000, "亿": 100000000, None: 1}[m["mag"]]
    unit = m["unit"]
    if unit.startswith("万") or unit.startswith("亿"):
        return None
    return round(value, 6), unit, bool(m["a1"] or m["a2"]), chinese


def is_number(x) -> bool:
    return isinstance(x, (int, float)) and not isinstance(x, bool)


def iso_date(x) -> dt.date | None:
    try:
        return dt.date.fromisoformat(x) if isinstance(x, str) and len(x) == 10 else None
    except ValueError:
        return None


def find_all(text: str, span: str) -> list[int]:
    out, i = [], text.find(span)
    while i >= 0:
        out.append(i)
        i = text.find(span, i + 1)
    return out


class Checker:
    def __init__(self) -> None:
        self.errors: list[str] = []
        self.counts: Counter = Counter()

    def err(self, where: str, msg: str) -> None:
        self.errors.append(f"{where}: {msg}")

    def figure(self, where: str, f: dict, text: str | None, published: str, title: str = "") -> None:
        if not isinstance(f, dict):
            return self.err(where, "figure is not an object")
        missing = FIGURE_REQUIRED - f.keys()
        extra = f.keys() - FIGURE_REQUIRED - FIGURE_OPTIONAL
        if missing:
            self.err(where, f"missing fields {sorted(missing)}")
        if extra:
            self.err(where, f"unknown fields {sorted(extra)}")
        if missing:
            return
        span = f["span"]
        where = f"{where} {span!r}"
        if not isinstance(span, str) or not span:
            return self.err(where, "span must be a non-empty string")
        occ = f.get("occurrence", 1)
        if not isinstance(occ, int) or isinstance(occ, bool) or occ < 1:
            self.err(where, "occurrence must be an integer >= 1")
            occ = 1
        pos = None
        if text is not None:
            found = find_all(text, span)
            if not found:
                self.err(where, "span not found in text")
            elif len(found) < occ:
                self.err(where, f"occurrence {occ} but span occurs {len(found)} times")
            else:
                pos = found[occ - 1]
                if len(found) > 1 and "occurrence" not in f:
                    self.err(where, f"span occurs {len(found)} times: occurrence required")
        # indicator
        ind = f["indicator"]
        if not isinstance(ind, str) or not ind.strip():
            self.err(where, "indicator must be a non-empty string")
        elif span in ind:
            self.err(where, "indicator contains the span")
        acc = f.get("indicator_accept")
        if acc is not None and (not isinstance(acc, list) or not all(isinstance(a, str) and a for a in acc)):
            self.err(where, "indicator_accept must be a list of non-empty strings")
        # value / unit / approximate
        parsed = parse_span(span)
        if parsed is None:
            self.err(where, "span is not number + measure word")
        value, unit = f["value"], f["unit"]
        if not isinstance(f["approximate"], bool):
            self.err(where, "approximate must be true/false")
        if value is None:
            if unit is not None:
                self.err(where, "unit must be null when value is null")
            if f["change_value"] is None:
                self.err(where, "value null needs a change (change stated without a level)")
        else:
            if not is_number(value):
                self.err(where, "value must be a JSON number or null")
            if not isinstance(unit, str) or unit not in UNITS:
                self.err(where, f"unit {unit!r} not in allowed list")
        if parsed is not None:
            num, punit, approx_inside, _ = parsed
            if value is not None and is_number(value) and abs(value - num) > 1e-6:
                self.err(where, f"value {value} does not match span ({num})")
            if value is not None and unit != punit:
                self.err(where, f"unit {unit!r} does not match span ({punit!r})")
            if value is None and not (
                is_number(f["change_value"]) and abs(f["change_value"] - num) < 1e-6 and f["change_unit"] == punit
            ):
                self.err(where, "change stated without a level: change_value/unit must match the span")
            approx = approx_inside
            if pos is not None:
                before, after = text[max(0, pos - 2):pos], text[pos + len(span):pos + len(span) + 2]
                approx = approx or before.endswith(APPROX_BEFORE) or after.startswith(APPROX_AFTER)
                if approx != f["approximate"]:
                    self.err(where, f"approximate should be {approx} (marker around the span)")
            elif approx_inside and not f["approximate"]:
                self.err(where, "approximate should be true (余/多 in span)")
            self.counts["chinese numerals"] += parsed[3]
        # change
        basis, direction, cval, cunit = f["change_basis"], f["change_direction"], f["change_value"], f["change_unit"]
        if basis is None:
            if any(x is not None for x in (direction, cval, cunit)):
                self.err(where, "change fields set without change_basis")
        else:
            if not isinstance(basis, str) or not basis:
                self.err(where, "change_basis must be a non-empty string or null")
            if direction not in ("up", "down"):
                self.err(where, "change_direction must be up/down when change_basis is set")
            if not is_number(cval) or cval < 0:
                self.err(where, "change_value must be a non-negative number")
            if not isinstance(cunit, str) or cunit not in UNITS - {""}:
                self.err(where, f"change_unit {cunit!r} not in allowed list")
            if text is not None and isinstance(basis, str) and basis not in text:
                self.err(where, "change_basis not found in text")
        # period
        ptext, pstart, pend = f["period_text"], f["period_start"], f["period_end"]
        for name, d in (("period_start", pstart), ("period_end", pend)):
            if d is not None and iso_date(d) is None:
                self.err(where, f"{name} must be an ISO date (YYYY-MM-DD) or null")
        if ptext is None:
            if pstart is not None or pend is not None:
                self.err(where, "period dates set without period_text")
        else:
            if not isinstance(ptext, str) or not ptext:
                self.err(where, "period_text must be a non-empty string or null")
            elif text is not None and ptext not in text and ptext not in (title or ""):
                self.err(where, "period_text found neither in text nor in title")
            s, e = iso_date(pstart), iso_date(pend)
            if s and e and s > e:
                self.err(where, "period_start after period_end")
            pub = iso_date(published[:10])
            if pub and e and e > pub and f.get("period_kind") not in ("since", "campaign", "other"):
                self.err(where, "period_end after published_at (a running period ends on the publish date)")
            self.period_kind(where, f.get("period_kind"), s, e, pub)
        if (f.get("period_kind") is None) != (ptext is None):
            self.err(where, "period_kind must be set exactly when period_text is")
        for name in ("category", "measure", "scope"):
            if f.get(name) not in VOCAB[name]:
                self.err(where, f"{name} {f.get(name)!r} is not a code of {TAXONOMY.name}")
        sub = f.get("subgroup")
        if (f.get("scope") == "subgroup") != (sub is not None):
            self.err(where, "subgroup must be set exactly when scope is subgroup")
        elif sub is not None and (not isinstance(sub, str) or (text is not None and sub not in text)):
            self.err(where, "subgroup must be a string found in the text")
        if f.get("scope") == "place" and f["place"] is None:
            self.err(where, "scope place needs a place")
        place = f["place"]
        if place is not None and (not isinstance(place, str) or not place):
            self.err(where, "place must be a non-empty string or null")
        elif place is not None and text is not None and place not in text:
            self.err(where, "place not found in text")
        # counts
        c = self.counts
        c["figures"] += 1
        c["approximate"] += f["approximate"] is True
        c["with change"] += basis is not None
        c["change without level"] += value is None
        c["with period"] += ptext is not None
        c["with resolved period dates"] += pstart is not None or pend is not None
        c["with place"] += place is not None
        c["万/亿 magnitudes"] += "万" in span or "亿" in span
        c["percent levels"] += unit == "%"
        c["个百分点 changes"] += cunit == "个百分点"
        c["money (元)"] += unit == "元" or (value is None and cunit == "元")
        c["with indicator_accept"] += bool(acc)
        c["with occurrence"] += "occurrence" in f

    def period_kind(self, where: str, kind, s, e, pub) -> None:
        """The kind agrees with the resolved dates (a running period may end on the publish date)."""
        if kind is None:
            return
        if kind not in PERIOD_KINDS:
            return self.err(where, f"period_kind {kind!r} unknown")
        running = e is not None and e == pub

        def month_end(d) -> bool:
            return (d + dt.timedelta(days=1)).day == 1

        if kind in ("year", "half", "quarter", "month", "year_to_date", "week", "day", "holiday", "since"):
            if s is None or e is None:
                return self.err(where, f"period_kind {kind} needs both dates")
        if kind == "year" and not (s.month == 1 and s.day == 1 and e.year == s.year and (running or (e.month, e.day) == (12, 31))):
            self.err(where, "year: Jan 1 .. Dec 31 of one year")
        if kind in ("half", "quarter", "month"):
            months = {"half": 6, "quarter": 3, "month": 1}[kind]
            if s.day != 1 or (s.month - 1) % months or e.year != s.year or not (running or month_end(e)) \
                    or e.month - s.month >= months:
                self.err(where, f"{kind}: a calendar {kind} (or its running part)")
        if kind == "year_to_date" and not (s.month == 1 and s.day == 1 and e.year == s.year):
            self.err(where, "year_to_date starts on Jan 1 and ends in the same year")
        if kind == "day" and s != e:
            self.err(where, "day: start = end")
        if kind == "week" and (e - s).days > 6:
            self.err(where, "week: at most 7 days")

    def published(self, where: str, value) -> bool:
        if not isinstance(value, str) or not PUBLISHED_RE.match(value):
            self.err(where, f"published_at {value!r} is not ISO 8601 (+08:00)")
            return False
        return True


def check_bulletins(ch: Checker, path: Path = BULLETINS) -> None:
    ids = set()
    with path.open(encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            where = f"{path.name}:{lineno}"
            if not line.strip():
                ch.err(where, "empty line")
                continue
            try:
                b = json.loads(line)
            except json.JSONDecodeError as e:
                ch.err(where, f"invalid JSON: {e}")
                continue
            if not isinstance(b, dict) or b.keys() != BULLETIN_KEYS:
                ch.err(where, f"keys must be exactly {sorted(BULLETIN_KEYS)}")
                continue
            where = f"{where} {b['id']}"
            if not isinstance(b["id"], str) or b["id"] in ids:
                ch.err(where, "id must be a unique string")
            ids.add(b["id"])
            for key in ("title", "text"):
                if not isinstance(b[key], str) or not b[key].strip():
                    ch.err(where, f"{key} must be a non-empty string")
            ch.published(where, b["published_at"])
            year = b["published_at"][:4] if isinstance(b["published_at"], str) else ""
            if not "2005" <= year <= "2026":
                ch.err(where, "published_at must be between 2005 and 2026 (years the holiday calendar knows)")
            paragraphs = b["text"].split("\n") if isinstance(b["text"], str) else []
            if not 1 <= len(paragraphs) <= 14:
                ch.err(where, f"text has {len(paragraphs)} paragraphs (1-14 expected)")
            if not isinstance(b["figures"], list):
                ch.err(where, "figures must be a list")
                continue
            ch.counts["bulletins"] += 1
            ch.counts["no-statistics bulletins"] += not b["figures"]
            seen = set()
            for i, f in enumerate(b["figures"]):
                ch.figure(f"{where} figure {i + 1}", f, b["text"], b["published_at"], b["title"])
                if isinstance(f, dict):
                    key = (f.get("span"), f.get("occurrence", 1))
                    if key in seen:
                        ch.err(where, f"figure {key} annotated twice")
                    seen.add(key)


def check_seed(ch: Checker) -> bool:
    data = json.loads(SEED_FIGURES.read_text(encoding="utf-8"))
    if not isinstance(data, dict) or data.keys() != {"published_at", "figures"}:
        ch.err("seed_figures.json", "must hold exactly published_at and figures")
        return False
    ch.published("seed_figures.json", data["published_at"])
    text = SEED_TEXT.read_text(encoding="utf-8") if SEED_TEXT.exists() else None
    seen = set()
    for i, f in enumerate(data["figures"]):
        ch.figure(f"seed_figures.json figure {i + 1}", f, text, data["published_at"])
        key = (f.get("span"), f.get("occurrence", 1))
        if key in seen:
            ch.err("seed_figures.json", f"figure {key} annotated twice")
        seen.add(key)
    return text is not None


ORDER = [
    "bulletins", "no-statistics bulletins", "figures", "approximate", "with change", "change without level",
    "with period", "with resolved period dates", "with place", "chinese numerals", "万/亿 magnitudes",
    "percent levels", "个百分点 changes", "money (元)", "with indicator_accept", "with occurrence",
]


def report(title: str, counts: Counter, keys: list[str]) -> None:
    print(title)
    for key in keys:
        print(f"  {key:28} {counts[key]}")


def main(argv: list[str]) -> int:
    files = [Path(a) for a in argv] or sorted(HERE.glob("*.jsonl"))
    errors: list[str] = []
    for path in files:
        ch = Checker()
        check_bulletins(ch, path)
        report(f"{path.name}:", ch.counts, ORDER)
        errors += ch.errors
    if not argv:
        seed = Checker()
        seed_spans_checked = check_seed(seed)
        report(f"{SEED_FIGURES.name} (spans {'checked against' if seed_spans_checked else 'NOT checked, missing'} "
               f"{SEED_TEXT.name}):", seed.counts, ORDER[2:])
        errors += seed.errors
    for e in errors:
        print("ERROR", e, file=sys.stderr)
    print(f"{len(errors)} error(s)")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

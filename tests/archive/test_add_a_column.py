"""The development guide's recipe for a new column holds: its line in archive/tables.py and the code that fills it
(two production files) are all it takes for the column to be stored, upgraded into old archives, rewritten by
re-extraction, described in Datasette and the export's data dictionary, and documented in the schema page.

The recipe is applied to a copy of the project, exactly as docs/development.md spells it out, and the copy is
then exercised in a subprocess."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

from tests.archive.test_opening import OLD_DB, OLD_WARC

ROOT = Path(__file__).resolve().parents[2]
GUIDE = (ROOT / "docs" / "development.md").read_text(encoding="utf-8")


def _recipe_lines() -> tuple[str, str, str]:
    """The three code lines of the worked example, as the guide prints them."""
    blocks = re.findall(r"```python\n(.*?)```", GUIDE[GUIDE.index("### Worked example"):], re.S)
    column = blocks[0].strip()
    field_line, fill_line = (line.split("#")[0].strip() for line in blocks[1].strip().splitlines() if "..." not in line)
    return column, field_line, fill_line


def _apply_recipe(copy: Path) -> list[str]:
    column, field_line, fill_line = _recipe_lines()
    tables = copy / "archive" / "tables.py"
    src = tables.read_text(encoding="utf-8")
    version = int(re.search(r"^SCHEMA_VERSION = (\d+)$", src, re.M).group(1))
    column = re.sub(r"added=\d+", f"added={version + 1}", column)
    src = src.replace(f"SCHEMA_VERSION = {version}", f"SCHEMA_VERSION = {version + 1}")
    anchor = src.index("), indexes=(", src.index("ARTICLES = Table("))
    src = src[:anchor] + "    " + column + "\n" + src[anchor:]
    tables.write_text(src, encoding="utf-8")
    article = copy / "extract" / "article.py"
    src = article.read_text(encoding="utf-8")
    src = src.replace("\n    def to_dict(self) -> dict:", f"\n    {field_line}\n\n    def to_dict(self) -> dict:", 1)
    src = re.sub(r"(\n\s+)(images=images,)", rf"\1\2\1{fill_line}", src, count=1)
    article.write_text(src, encoding="utf-8")
    return ["archive/tables.py", "extract/article.py"]


CHECK = r'''
import gzip, json, shutil, sqlite3, sys
from pathlib import Path
from archive import Archive
from archive.export import export
from archive.metadata import datasette_metadata
from archive.records import ArticleRecord, Extraction, PageFetch
from archive.tables import schema_markdown
from crawler.reextract import reextract
from extract import extract_article

work = Path(sys.argv[1])
html = ("<html><head><meta charset='utf-8'><title>全市破获电信网络诈骗案件75起_某市公安局</title></head><body>"
        "<h1>全市破获电信网络诈骗案件75起</h1><div id='zoom'><p>今年以来，全市公安机关共破获电信网络诈骗案件75起，"
        "抓获犯罪嫌疑人46名。</p></div></body></html>").encode()
url = "http://127.0.0.1:9/jwdt/202107/t20210712_1.html"
art = extract_article(html, url, "text/html; charset=utf-8")
extraction = Extraction.from_article(art.to_dict())
page = PageFetch(url=url, kind="article", status=200, body=html, content_type="text/html; charset=utf-8")
with Archive(work / "new.db") as a:
    a.write_batch([ArticleRecord(page=page, extraction=extraction)])
stored = sqlite3.connect(work / "new.db").execute("select text, text_length from articles").fetchone()
out = {"stored": stored[1] == len(stored[0]) > 0}
old = work / "old.db"
old.write_bytes(gzip.decompress(Path(sys.argv[2]).read_bytes()))
shutil.copytree(sys.argv[3], work / "old-warc")
with Archive(old, warc_dir=work / "old-warc") as a:
    report = reextract(a)
conn = sqlite3.connect(old)
out["upgraded"] = "text_length" in [r[1] for r in conn.execute("pragma table_info(articles)")]
out["reextracted"] = conn.execute("select count(*) from articles where text_length = length(text)").fetchone()[0] \
    == conn.execute("select count(*) from articles").fetchone()[0] > 0
meta = datasette_metadata("new")["databases"]["new"]["tables"]["articles"]["columns"]
out["datasette"] = meta.get("text_length") == "Characters of text"
export(work / "new.db", "csv", work / "export")
out["export"] = "text_length" in (work / "export" / "articles.csv").read_text(encoding="utf-8-sig").splitlines()[0] \
    and "`text_length`" in (work / "export" / "DATA_DICTIONARY.md").read_text(encoding="utf-8")
out["schema page"] = "| `text_length` |" in schema_markdown()
print(json.dumps(out))
'''


def test_the_add_a_column_recipe_touches_two_production_files_and_is_complete(tmp_path):
    copy = tmp_path / "project"
    for part in ("archive", "extract", "crawler"):
        shutil.copytree(ROOT / part, copy / part, ignore=shutil.ignore_patterns("__pycache__"))
    changed = _apply_recipe(copy)
    assert changed == ["archive/tables.py", "extract/article.py"]
    differ = sorted(str(p.relative_to(copy)) for p in copy.rglob("*.py")
                    if p.read_bytes() != (ROOT / p.relative_to(copy)).read_bytes())
    assert differ == changed
    proc = subprocess.run([sys.executable, "-c", CHECK, str(tmp_path), str(OLD_DB), str(OLD_WARC)],
                          cwd=copy, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-3000:]
    outcome = json.loads(proc.stdout.strip().splitlines()[-1])
    assert outcome == {"stored": True, "upgraded": True, "reextracted": True, "datasette": True, "export": True,
                       "schema page": True}

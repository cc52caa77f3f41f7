"""The documents say exactly what the code does: every command, option, table, column and setting is documented,
generated pages are current, links resolve, and no production module reads an undocumented environment variable."""

from __future__ import annotations

import ast
import re
import sqlite3

from click.testing import CliRunner

from archive import Archive, tables
from archive.metadata import datasette_metadata
from crawler import settings as project_settings
from crawler.cli import cli
from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
DOCS = ROOT / "docs"
PAGES = ("cli.md", "schema.md", "extraction.md", "vocabulary.md", "operations.md", "evaluation.md", "development.md")


def doc(name: str) -> str:
    return (DOCS / name).read_text(encoding="utf-8")


def test_readme_is_short_starts_with_the_two_commands_and_links_the_manual():
    assert len(README.splitlines()) <= 150
    first_block = re.findall(r"```(?:bash|sh)?\n(.*?)```", README, re.S)[0]
    commands = [line.split("#")[0].strip() for line in first_block.splitlines() if line.split("#")[0].strip()]
    assert commands == ["make demo", "make test"]
    for page in PAGES:
        assert f"(docs/{page})" in README, page
        assert (DOCS / page).is_file(), page


def test_every_relative_link_in_the_docs_resolves():
    for path in [ROOT / "README.md", *sorted(DOCS.glob("*.md"))]:
        for target in re.findall(r"\]\(([^)#]+)(?:#[^)]*)?\)", path.read_text(encoding="utf-8")):
            if "://" in target:
                continue
            assert (path.parent / target).exists(), f"{path.name}: {target}"


def _sections(text: str) -> dict[str, str]:
    """`## \\`police-archive NAME …\\`` section of the CLI reference → its text."""
    out = {}
    for m in re.finditer(r"^## `police-archive (\w[\w-]*)[^\n]*\n(.*?)(?=^## |\Z)", text, re.S | re.M):
        out[m.group(1)] = m.group(0)
    return out


def test_every_command_and_option_is_documented_in_its_own_section():
    sections = _sections(doc("cli.md"))
    assert set(sections) == set(cli.commands), "commands and CLI reference sections differ"
    for name, cmd in cli.commands.items():
        for param in cmd.params:
            for opt in getattr(param, "opts", []):
                if opt.startswith("--") and opt != "--help":
                    assert opt in sections[name], f"{name} {opt}"
        result = CliRunner().invoke(cli, [name, "--help"])
        assert result.exit_code == 0 and "Usage:" in result.output


def test_schema_page_is_generated_from_the_registry():
    assert doc("schema.md") == tables.schema_markdown(), "run: python -m archive schema > docs/schema.md"


def test_vocabulary_page_is_generated_from_the_taxonomy():
    from extract.metrics.__main__ import vocabulary_markdown
    from extract.metrics.labels import vocabulary

    page = doc("vocabulary.md")
    assert page == vocabulary_markdown(), "run: python -m extract.metrics vocabulary > docs/vocabulary.md"
    for kind, codes in vocabulary().codes.items():
        assert codes and all(f"| `{code}` |" in page for code in codes), kind


def test_the_registry_is_the_schema_of_a_new_archive(tmp_path):
    with Archive(tmp_path / "a.db"):
        pass
    conn = sqlite3.connect(tmp_path / "a.db")
    names = {r[0] for r in conn.execute("select name from sqlite_master where type='table'")} - set(tables.FTS_TABLES)
    assert names == set(tables.BY_NAME)
    for name in names:
        assert [r[1] for r in conn.execute(f"pragma table_info([{name}])")] == list(tables.BY_NAME[name].names)
    assert conn.execute("pragma user_version").fetchone()[0] == tables.SCHEMA_VERSION


def test_datasette_metadata_describes_every_table_and_column():
    meta = datasette_metadata("a")["databases"]["a"]["tables"]
    for table in tables.TABLES:
        assert meta[table.name]["description"] == table.description
        assert set(meta[table.name]["columns"]) == set(table.names)
        assert all(meta[table.name]["columns"].values()), table.name


def test_every_project_setting_is_in_the_settings_table():
    ops = doc("operations.md")
    table = ops[ops.index("## Settings"):]
    ours = [n for n in dir(project_settings) if n.isupper() and n.startswith(
        ("ARCHIVE_", "EXTRACT_", "PROGRESS", "RETRY_BACKOFF", "REDIS_IDLE"))]
    assert ours, "no project settings found"
    for name in [*ours, "CRAWL_PLAN"]:
        assert f"`{name}`" in table, name


def _environment_reads(path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and node.attr in ("environ", "getenv", "environb"):
            found.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    return found


def test_no_production_module_reads_the_environment():
    """Settings reach the code through documented options and settings, never through hidden variables."""
    reads = []
    for package in ("archive", "extract", "crawler"):
        for path in sorted((ROOT / package).rglob("*.py")):
            reads += _environment_reads(path)
    assert reads == []

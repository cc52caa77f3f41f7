"""The README documents exactly what the code does: every command, option, table and column."""

from __future__ import annotations

import re
import sqlite3

from click.testing import CliRunner

from archive import Archive
from crawler.cli import cli
from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_readme_starts_with_the_two_commands():
    first_block = re.findall(r"```(?:bash|sh)?\n(.*?)```", README, re.S)[0]
    commands = [line.split("#")[0].strip() for line in first_block.splitlines() if line.split("#")[0].strip()]
    assert commands == ["make demo", "make test"]


def test_every_command_and_option_is_documented():
    for name, cmd in cli.commands.items():
        assert f"police-archive {name}" in README, name
        for param in cmd.params:
            for opt in getattr(param, "opts", []):
                if opt.startswith("--") and opt != "--help":
                    assert opt in README, f"{name} {opt}"
        result = CliRunner().invoke(cli, [name, "--help"])
        assert result.exit_code == 0 and "Usage:" in result.output


def test_every_table_and_column_is_documented(tmp_path):
    with Archive(tmp_path / "a.db"):
        pass
    conn = sqlite3.connect(tmp_path / "a.db")
    tables = [r[0] for r in conn.execute("select name from sqlite_master where type='table' and name not like 'articles_fts%'")]
    for table in tables:
        section = re.search(rf"^### `{table}`\n(.*?)(?=^### |\Z)", README, re.S | re.M)
        assert section, f"table {table} not documented"
        for col in (r[1] for r in conn.execute(f"pragma table_info([{table}])")):
            assert f"`{col}`" in section.group(1), f"{table}.{col} not documented"


def test_datasette_metadata_describes_every_table_and_column(tmp_path):
    from archive.metadata import datasette_metadata

    with Archive(tmp_path / "a.db"):
        pass
    meta = datasette_metadata("a")["databases"]["a"]["tables"]
    conn = sqlite3.connect(tmp_path / "a.db")
    for (table,) in conn.execute("select name from sqlite_master where type='table' and name not like 'articles_fts%'"):
        assert meta[table]["description"], table
        cols = {r[1] for r in conn.execute(f"pragma table_info([{table}])")}
        assert cols == set(meta[table]["columns"]), table

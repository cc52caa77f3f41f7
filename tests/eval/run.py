"""`make eval`: every evaluation side by side, written to tests/eval/RESULTS.md so README figures can be traced."""

from __future__ import annotations

import datetime
import platform
import sys
from pathlib import Path

from tests.eval import extraction_eval, listpages_eval, metrics_eval

RESULTS = Path(__file__).resolve().parent / "RESULTS.md"


def main() -> None:
    parts = [f"# Evaluation results\n\nProduced by `make eval` on {datetime.date.today()} "
             f"(Python {platform.python_version()}, {platform.machine()}).\n"]
    text, _ = extraction_eval.run()
    parts.append("## Body text and metadata extraction\n\n" + text + "\n")
    text, _ = listpages_eval.run()
    parts.append("## List pages (issue 16: list scope and pagers)\n\nHeld-out pages written after the rules; their "
                 "first score, before the rules were looked at again, was macro precision 0.972, recall 1.000, next "
                 "page found on 4 of 5 (a table-layout side box taken for the list, a next link whose page parameter "
                 "has no known name); those two general rules were then fixed, so this set is no longer blind:\n\n"
                 + text + "\n")
    text, _ = metrics_eval.run()
    parts.append("## Statistics (issue: statistics extraction)\n\n### Gold set (development)\n\n" + text + "\n")
    held = metrics_eval.run_heldout("heldout.jsonl")
    if held:
        parts.append("### Held-out set 1\n\nWritten blind to the rules. Its first score was P 0.801 / R 0.801; its "
                     "errors were then read and the general rules they exposed fixed, so it is no longer blind:\n\n"
                     + held + "\n")
    held = metrics_eval.run_heldout("heldout2.jsonl")
    if held:
        parts.append("### Held-out set 2\n\nWritten blind to the rules. Its first score was P 0.883 / R 0.900, "
                     "periods 0.841; its errors were then read and the general rules they exposed fixed (bare-year "
                     "periods, split lists), so it is no longer blind:\n\n" + held + "\n")
    held = metrics_eval.run_heldout("heldout3.jsonl")
    if held:
        parts.append("### Held-out set 3 (blind)\n\nWritten by someone who never saw the rules, after the fixes "
                     "above, scored once, never tuned on: the figure to expect on bulletins we have not seen.\n\n"
                     + held + "\n")
    out = "\n".join(parts)
    RESULTS.write_text(out, encoding="utf-8")
    sys.stdout.write(out)


if __name__ == "__main__":
    main()

"""`make eval`: every evaluation side by side, written to tests/eval/RESULTS.md so README figures can be traced."""

from __future__ import annotations

import datetime
import platform
import sys
from pathlib import Path

from tests.eval import metrics_eval

RESULTS = Path(__file__).resolve().parent / "RESULTS.md"


def main() -> None:
    parts = [f"# Evaluation results\n\nProduced by `make eval` on {datetime.date.today()} "
             f"(Python {platform.python_version()}, {platform.machine()}).\n"]
    text, _ = metrics_eval.run()
    parts.append("## Statistics (issue: statistics extraction)\n\n" + text + "\n")
    held = metrics_eval.run_heldout()
    if held:
        parts.append("### Held-out bulletins (written after the rules were frozen, never tuned on)\n\n" + held + "\n")
    out = "\n".join(parts)
    RESULTS.write_text(out, encoding="utf-8")
    sys.stdout.write(out)


if __name__ == "__main__":
    main()

"""Statistics evaluation: our extractor and a naive baseline against the gold sets, side by side.

A predicted figure is *right* when its span overlaps a gold figure's span and value, unit and indicator
match (the indicator equal to the gold one or one of its ``indicator_accept`` spellings, ignoring
whitespace). Precision = right / predicted, recall = right / gold. Among right figures:

* comparison accuracy: basis, direction, change value and change unit all equal;
* period accuracy: period start, end and kind all equal (what a researcher selects on); the period text as
  written is reported separately;
* grouping F1: over every pair of right figures of the set, "same (category, measure)" in the prediction
  against the same in the gold (pairwise precision and recall of the grouping, as for clusterings), so a
  consistent naming of columns counts, not the codes alone; category and measure accuracy are reported too;
* scope accuracy: scope equal.

The seed's figures are scored when ../shared is present.
"""

from __future__ import annotations

import json
import math
import re
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from extract.metrics import extract_metrics
from extract.metrics import lexicon as lx
from extract.metrics.numbers import NUMBER_RE, clean_value, number_value

HERE = Path(__file__).resolve().parent / "metrics"
SEED = Path(__file__).resolve().parents[3] / "shared" / "seed" / "jincheng-police-2021-07-12.txt"


@dataclass
class Doc:
    id: str
    text: str
    published_at: str
    gold: list[dict] = field(default_factory=list)
    title: str | None = None


def _offset(text: str, span: str, occurrence: int) -> int:
    pos = -1
    for _ in range(occurrence):
        pos = text.find(span, pos + 1)
        if pos < 0:
            raise ValueError(f"span {span!r} not found")
    return pos


def load_docs(name: str = "bulletins.jsonl", with_seed: bool = True) -> list[Doc]:
    docs = []
    for line in (HERE / name).read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        d = json.loads(line)
        docs.append(Doc(d["id"], d["text"], d["published_at"], d["figures"], d.get("title")))
    if with_seed and SEED.exists():
        seed = json.loads((HERE / "seed_figures.json").read_text(encoding="utf-8"))
        docs.append(Doc("seed", SEED.read_text(encoding="utf-8"), seed["published_at"], seed["figures"],
                        seed.get("title")))
    for doc in docs:
        for g in doc.gold:
            start = _offset(doc.text, g["span"], g.get("occurrence", 1))
            g["_span"] = (start, start + len(g["span"]))
    return docs


def _norm(s: str | None) -> str:
    return re.sub(r"\s+", "", s or "")


def _num_eq(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is b
    return math.isclose(float(a), float(b), rel_tol=1e-9, abs_tol=1e-9)


def _right(p: dict, g: dict) -> bool:
    names = {_norm(g["indicator"]), *(_norm(x) for x in g.get("indicator_accept") or [])}
    return _num_eq(p["value"], g["value"]) and (p["unit"] or None) == (g["unit"] or None) \
        and _norm(p["indicator"]) in names


def baseline(text: str, published_at: str | None, title: str | None = None) -> list[dict]:
    """Every number followed by a measure word; indicator = the clause before it."""
    unit_re = re.compile("|".join(re.escape(u) for u in lx.UNITS))
    out = []
    for m in NUMBER_RE.finditer(text):
        um = unit_re.match(text[m.end():])
        if not um:
            continue
        value = number_value(m["num"], (m["mag"] or "") + (m["mag2"] or ""))
        if value is None:
            continue
        unit = um.group()
        if unit in lx.MONEY:
            value, unit = value * lx.MONEY[unit], "元"
        start = max(text.rfind(d, 0, m.start()) for d in "，。；：、\n") + 1
        out.append({"indicator": text[start:m.start()], "value": clean_value(value), "unit": unit,
                    "span_start": m.start(), "span_end": m.end() + len(um.group()), "change_basis": None,
                    "change_direction": None, "change_value": None, "change_unit": None,
                    "period_text": None, "period_start": None, "period_end": None, "period_kind": None,
                    "category": "other", "measure": "other", "scope": "total", "subgroup": None})
    return out


def ours(text: str, published_at: str | None, title: str | None = None) -> list[dict]:
    return [m.to_dict() for m in extract_metrics(text, published_at, title)]


@dataclass
class Score:
    name: str
    predicted: int = 0
    gold: int = 0
    right: int = 0
    change_ok: int = 0
    change_total: int = 0
    period_ok: int = 0
    period_text_ok: int = 0
    labelled: int = 0
    category_ok: int = 0
    measure_ok: int = 0
    scope_ok: int = 0
    #: (gold (category, measure), predicted (category, measure)) of every right, labelled figure
    groups: list[tuple[tuple[str, str], tuple[str, str]]] = field(default_factory=list)
    ms: float = 0.0
    errors: list[str] = field(default_factory=list)

    @property
    def periods(self) -> float:
        return self.period_ok / self.right if self.right else 0.0

    @property
    def grouping(self) -> tuple[float, float, float]:
        """Pairwise (precision, recall, F1) of the (category, measure) grouping."""
        def pairs(counts: Counter) -> int:
            return sum(n * (n - 1) // 2 for n in counts.values())

        both = pairs(Counter(self.groups))
        gold, pred = pairs(Counter(g for g, _ in self.groups)), pairs(Counter(p for _, p in self.groups))
        p = both / pred if pred else 0.0
        r = both / gold if gold else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)

    @property
    def scope_accuracy(self) -> float:
        return self.scope_ok / self.labelled if self.labelled else 0.0

    @property
    def precision(self) -> float:
        return self.right / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.right / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def evaluate(name: str, fn: Callable[[str, str | None, str | None], list[dict]], docs: list[Doc]) -> Score:
    sc = Score(name)
    t0 = time.perf_counter()
    for doc in docs:
        preds = fn(doc.text, doc.published_at, doc.title)
        sc.predicted += len(preds)
        sc.gold += len(doc.gold)
        used: set[int] = set()
        for g in doc.gold:
            gs, ge = g["_span"]
            match = None
            for i, p in enumerate(preds):
                if i not in used and p["span_start"] < ge and gs < p["span_end"]:
                    match = i
                    break
            if match is None:
                sc.errors.append(f"{doc.id} MISSED {g['span']} {g['indicator']}")
                continue
            used.add(match)
            p = preds[match]
            if not _right(p, g):
                sc.errors.append(f"{doc.id} WRONG {g['span']}: got {p['indicator']!r} {p['value']} {p['unit']!r}; "
                                 f"want {g['indicator']!r} {g['value']} {g['unit']!r}")
                continue
            sc.right += 1
            keys = ("change_basis", "change_direction", "change_value", "change_unit")
            if g["change_basis"] is not None or p["change_basis"] is not None:
                sc.change_total += 1
                if all((_num_eq(p[k], g[k]) if k == "change_value" else p[k] == g[k]) for k in keys):
                    sc.change_ok += 1
                else:
                    sc.errors.append(f"{doc.id} CHANGE {g['span']}: got {[p[k] for k in keys]} want {[g[k] for k in keys]}")
            pk = ("period_start", "period_end", "period_kind")
            if all(p.get(k) == g.get(k) for k in pk):
                sc.period_ok += 1
            else:
                sc.errors.append(f"{doc.id} PERIOD {g['span']}: got {[p['period_text']] + [p.get(k) for k in pk]} "
                                 f"want {[g['period_text']] + [g.get(k) for k in pk]}")
            sc.period_text_ok += _norm(p["period_text"]) == _norm(g["period_text"])
            if "category" in g:
                _score_labels(sc, doc.id, p, g)
        for i, p in enumerate(preds):
            if i not in used:
                sc.errors.append(f"{doc.id} EXTRA {doc.text[p['span_start']:p['span_end']]} {p['indicator']!r}")
    sc.ms = (time.perf_counter() - t0) * 1000 / max(len(docs), 1)
    return sc


def _score_labels(sc: Score, doc_id: str, p: dict, g: dict) -> None:
    sc.labelled += 1
    sc.groups.append(((g["category"], g["measure"]), (p["category"], p["measure"])))
    sc.category_ok += p["category"] == g["category"]
    sc.measure_ok += p["measure"] == g["measure"]
    sc.scope_ok += p["scope"] == g["scope"]
    for key in ("category", "measure", "scope"):
        if p[key] != g[key]:
            sc.errors.append(f"{doc_id} {key.upper()} {g['span']} {g['indicator']}: got {p[key]} want {g[key]}")


def table(scores: list[Score]) -> str:
    lines = ["| extractor | figures (gold) | predicted | precision | recall | F1 | comparison acc. | periods "
             "(start, end, kind) | period text | grouping F1 (P/R) | category | measure | scope | ms/doc |",
             "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for s in scores:
        cmp_acc = f"{s.change_ok / s.change_total:.3f} ({s.change_ok}/{s.change_total})" if s.change_total else "–"
        per_acc = f"{s.periods:.3f}" if s.right else "–"
        text_acc = f"{s.period_text_ok / s.right:.3f}" if s.right else "–"
        if s.labelled:
            gp, gr, gf = s.grouping
            labels = (f"{gf:.3f} ({gp:.3f}/{gr:.3f}) | {s.category_ok / s.labelled:.3f} | "
                      f"{s.measure_ok / s.labelled:.3f} | {s.scope_accuracy:.3f}")
        else:
            labels = "– | – | – | –"
        lines.append(f"| {s.name} | {s.gold} | {s.predicted} | {s.precision:.3f} | {s.recall:.3f} | {s.f1:.3f} | "
                     f"{cmp_acc} | {per_acc} | {text_acc} | {labels} | {s.ms:.2f} |")
    return "\n".join(lines)


def run(verbose: bool = False) -> tuple[str, list[Score]]:
    docs = load_docs()
    scores = [evaluate("police-archive", ours, docs), evaluate("baseline: number + measure word", baseline, docs)]
    if verbose:
        for e in scores[0].errors:
            print(e)
    seed_note = "seed included" if SEED.exists() else "seed skipped (../shared absent)"
    head = f"Statistics gold set: {len(docs)} documents, {sum(len(d.gold) for d in docs)} figures ({seed_note})"
    return head + "\n\n" + table(scores), scores


def run_heldout(name: str = "heldout.jsonl") -> str | None:
    """A held-out set of bulletins, scored the same way; None when the file is absent."""
    if not (HERE / name).exists():
        return None
    docs = load_docs(name, with_seed=False)
    scores = [evaluate("police-archive", ours, docs), evaluate("baseline: number + measure word", baseline, docs)]
    return f"{len(docs)} documents, {sum(len(d.gold) for d in docs)} figures\n\n" + table(scores)


def score_file(name: str) -> Score:
    """Our extractor's score on one gold file (for goals in tests)."""
    return evaluate("police-archive", ours, load_docs(name, with_seed=False))


if __name__ == "__main__":
    import sys

    text, _ = run(verbose="-v" in sys.argv)
    print(text)

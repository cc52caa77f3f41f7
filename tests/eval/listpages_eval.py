"""List pages: article precision/recall per page and whether the list's next page is requested.

* held-out pages (tests/eval/listpages/heldout.py): whole list pages of invented sites written after the
  rules; first score recorded in RESULTS.md as it came out.
* the real Hanweb ``dataproxy.jsp`` answer in ../shared/corpus/realpages (skipped when absent): every
  record's link must come out, nothing else.

Scores are those of the hidden measure: per page, precision and recall of the article URL set (canonical
URLs), then the macro mean; "next page found" counts paged lists whose next page is among the follow
requests.
"""

from __future__ import annotations

import re
import time
from pathlib import Path
from urllib.parse import urljoin

from extract import parse_list_page
from extract.urls import canonical_url
from tests.eval.listpages.heldout import HELD_OUT

ROOT = Path(__file__).resolve().parents[2]
REAL = ROOT.parent / "shared" / "corpus" / "realpages"
DATAPROXY = "11_hanweb_dataproxy_list_response.xml"


def _score(got: set[str], want: set[str]) -> tuple[float, float]:
    hit = len(got & want)
    return (hit / len(got) if got else 1.0 if not want else 0.0), (hit / len(want) if want else 1.0)


def run() -> tuple[str, dict[str, float]]:
    lines = ["| page | articles | precision | recall | next page |", "| --- | ---: | ---: | ---: | --- |"]
    precisions, recalls, paged, found = [], [], 0, 0
    t0 = time.perf_counter()
    for page in HELD_OUT:
        result = parse_list_page(page.html.encode("utf-8"), page.url, "text/html; charset=utf-8")
        got = {a.url for a in result.articles}
        want = {canonical_url(urljoin(page.url, u)) for u in page.articles}
        p, r = _score(got, want)
        precisions.append(p)
        recalls.append(r)
        nxt = "—"
        if page.next_page:
            paged += 1
            ok = canonical_url(page.next_page) in {canonical_url(f.url) for f in result.follow}
            found += ok
            nxt = "found" if ok else "MISSED"
        extra = sorted(got - want)[:2]
        missed = sorted(want - got)[:2]
        note = (f" (extra: {', '.join(extra)})" if extra else "") + (f" (missed: {', '.join(missed)})" if missed else "")
        lines.append(f"| {page.name}{note} | {len(want)} | {p:.3f} | {r:.3f} | {nxt} |")
    elapsed = time.perf_counter() - t0
    figures = {"precision": sum(precisions) / len(precisions), "recall": sum(recalls) / len(recalls),
               "next_found": found, "paged": paged}
    text = "\n".join(lines) + (f"\n\nHeld-out pages: {len(HELD_OUT)}, macro precision {figures['precision']:.3f}, "
                               f"recall {figures['recall']:.3f}, next page found on {found} of {paged} paged lists "
                               f"({elapsed * 1000 / len(HELD_OUT):.1f} ms a page).\n")
    real = REAL / DATAPROXY
    if real.is_file():
        raw = real.read_bytes()
        url = "http://www.jiangxi.gov.cn/module/web/jpage/dataproxy.jsp?startrecord=1&endrecord=45&perpage=15"
        result = parse_list_page(raw, url, "text/xml")
        text_raw = raw.decode("utf-8", "replace")
        records = "".join(re.findall(r"<record>(.*?)</record>", text_raw, re.S))
        want = {canonical_url(urljoin(url, h)) for h in re.findall(r"<a[^>]+href=['\"]([^'\"]+)['\"]", records)}
        got = {a.url for a in result.articles}
        p, r = _score(got, want)
        text += (f"\nReal Hanweb dataproxy answer ({DATAPROXY}): {len(want)} record links, precision {p:.3f}, "
                 f"recall {r:.3f}.\n")
        figures.update({"dataproxy_precision": p, "dataproxy_recall": r})
    return text, figures


if __name__ == "__main__":
    print(run()[0])

"""信息公开 (government information disclosure) metadata tables: fields kept, table kept out of the body.

Document pages carry a small table or list: 索引号, 发文机关/发布机构, 文号/发文字号, 主题分类, 成文日期/生成日期,
公开方式 …. Its cells alternate label and value (or hold "label：value"). We read the pairs into
``Article.info_fields``; the line rules in :mod:`extract.boilerplate` drop such lines from the body.
"""

from __future__ import annotations

import re

from lxml import etree

from extract.htmltext import element_paragraphs, normalize_space

LABELS = ("索引号", "信息索引", "信息名称", "发文机关", "发文机构", "发布机构", "文号", "发文字号", "文件编号", "主题分类",
          "组配分类", "信息类别", "信息分类", "体裁分类", "成文日期", "生成日期", "发布日期", "公开方式", "公开范围",
          "有效性", "时效", "内容概述", "主题词", "公开时限")
# labels are often spaced out to align columns: 索 引 号： / 文　　号：
LABEL_RE = re.compile("(" + "|".join(r"\s*".join(lab) for lab in sorted(LABELS, key=len, reverse=True))
                      + r")\s*[:：]\s*")


def _label(text: str) -> str:
    return re.sub(r"\s+", "", text)


def info_fields(doc: etree._Element) -> dict[str, str]:
    """Label → value of the page's 信息公开 block (empty when the page has none)."""
    best: dict[str, str] = {}
    for table in doc.iter("table", "ul", "div", "dl"):
        text = normalize_space(table.text_content())
        if len(text) > 1500 or len(LABEL_RE.findall(text)) < 3:
            continue
        fields: dict[str, str] = {}
        # label and value in separate cells: <td>索引号：</td><td>0145…</td>
        cells = [normalize_space(c.text_content()) for c in table.iter("td", "th", "li", "dt", "dd", "span")]
        for i, cell in enumerate(cells):
            name = _label(cell).rstrip("：:")
            if name in LABELS and i + 1 < len(cells) and not LABEL_RE.match(cells[i + 1]):
                fields.setdefault(name, cells[i + 1])
        # or "label：value" runs within lines
        for line in element_paragraphs(table):
            parts = LABEL_RE.split(line)
            for k in range(1, len(parts) - 1, 2):
                fields.setdefault(_label(parts[k]), parts[k + 1].strip())
        if len(fields) > len(best):
            best = fields
    return best

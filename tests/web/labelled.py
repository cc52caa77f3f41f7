"""A small archive of invented bureaus whose figures carry every label the schema promises (category, measure,
scope, period kind, series), written through :class:`archive.Archive` as a crawl writes it.

The demo crawl's figures are labelled by the extractor, which another change is still finishing; the pages that
need labels (the statistics explorer, the article page's side table and series links) are tested on this archive
instead. Texts are written here in our own words, in the shapes real bulletins take: a half-year press
conference, monthly 警情通报, a holiday report, a reposted bulletin, a case story, a traffic notice. Every figure's
span is found in its text, so the offsets are the ones an extractor would store.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from archive import Archive
from tests.helpers import article_record

#: three bureaus of an invented prefecture and a neighbouring one (no real site or code)
BUREAUS = {
    "青川市公安局": ("http://gaj.qingchuan.example/", "139100"),
    "白鹭县公安局": ("http://bl.qingchuan.example/", "139121"),
    "松原市公安局": ("http://gaj.songyuan.example/", "139200"),
}

PRESS_TITLE = "青川市公安局召开2024年上半年打击电信网络诈骗犯罪新闻发布会"
PRESS_TEXT = (
    "7月10日上午，青川市公安局召开新闻发布会，通报上半年全市打击治理电信网络诈骗犯罪工作情况。\n"
    "今年1至6月，全市公安机关共破获电信网络诈骗案件386起，抓获犯罪嫌疑人512名，同比分别上升21.4%和17.9%；"
    "为群众挽回经济损失2146.8万元。\n"
    "其中，白鹭县破获案件47起。全市反诈中心累计发出预警指令3.2万条，见面劝阻群众1.1万人次。\n"
    "发布会提醒，凡是要求下载陌生软件、共享屏幕或转账到“安全账户”的，都是诈骗。"
)
#: (text of the figure as written, indicator, value, unit, measure, scope, place, change)
PRESS_FIGURES = [
    ("386起", "破获电信网络诈骗案件", 386, "起", "solved", "total", None, ("同比", "up", 21.4, "%")),
    ("512名", "抓获犯罪嫌疑人", 512, "名", "persons_caught", "total", None, ("同比", "up", 17.9, "%")),
    ("2146.8万元", "挽回经济损失", 21468000, "元", "money_recovered", "total", None, None),
    ("47起", "破获案件", 47, "起", "solved", "place", "白鹭县", None),
    ("3.2万条", "发出预警指令", 32000, "条", "warnings", "total", None, None),
    ("1.1万人次", "见面劝阻群众", 11000, "人次", "warnings", "total", None, None),
]

#: half-year telecom-fraud cases solved per bureau: the explorer's lines
HALF_YEARS = {
    "青川市公安局": [("2023-01-01", "2023-06-30", 318), ("2023-07-01", "2023-12-31", 355), ("2024-01-01", "2024-06-30", 386)],
    "白鹭县公安局": [("2023-01-01", "2023-06-30", 41), ("2023-07-01", "2023-12-31", 44), ("2024-01-01", "2024-06-30", 52)],
    "松原市公安局": [("2023-01-01", "2023-06-30", 260), ("2024-01-01", "2024-06-30", 301)],
}

#: a capture whose page tries to run script and load from outside: none of it may happen when it is viewed
CAPTURE_HTML = """<!DOCTYPE html>
<html><head><meta http-equiv="Content-Type" content="text/html; charset=gbk">
<title>{title}</title>
<link rel="stylesheet" href="http://static.qingchuan.example/css/site.css">
<script src="http://static.qingchuan.example/js/tracker.js"></script>
<script>document.title = "SCRIPT RAN"; window.addEventListener("load", function () {{
  document.body.setAttribute("data-script-ran", "1"); document.getElementById("notice").textContent = "SCRIPT RAN"; }});</script>
</head><body>
<div class="header"><img src="http://static.qingchuan.example/img/logo.png" alt="青川公安"></div>
<h1>{title}</h1><p id="notice">本页由青川市公安局发布</p>
{paragraphs}
<iframe src="http://video.qingchuan.example/live"></iframe>
</body></html>"""


@dataclass
class Built:
    db: Path
    press_id: int  # the press conference's article id
    press_page_id: int  # its fetch (the capture)
    changed_id: int  # an article with an earlier version
    word_articles: int  # articles containing 诈骗


def _spans(text: str, figures: list[tuple]) -> list[dict]:
    out, start = [], 0
    for written, indicator, value, unit, measure, scope, place, change in figures:
        at = text.index(written, start)
        start = at + len(written)
        basis, direction, cv, cu = change or (None, None, None, None)
        out.append({"indicator": indicator, "value": value, "unit": unit, "approximate": False,
                    "change_basis": basis, "change_direction": direction, "change_value": cv, "change_unit": cu,
                    "period_text": "1至6月", "period_start": "2024-01-01", "period_end": "2024-06-30",
                    "period_kind": "half", "place": place, "sentence": text[max(0, at - 20):start],
                    "span_start": at, "span_end": start, "category": "telecom_fraud", "measure": measure,
                    "scope": scope, "subgroup": None})
    return out


def _half_year_bulletin(org: str, start: str, end: str, solved: int) -> tuple[str, str, list[dict]]:
    year, half = start[:4], "上半年" if start[5:7] == "01" else "下半年"
    title = f"{org}{year}年{half}电信网络诈骗案件破案情况通报"
    text = (f"{year}年{half}，{org}持续开展打击治理电信网络诈骗犯罪专项行动。\n"
            f"{half}共破获电信网络诈骗案件{solved}起，打掉诈骗团伙{max(1, solved // 40)}个。\n"
            "警方提示：接到自称客服、公检法的电话要求转账，一律是诈骗。")
    at = text.index(f"{solved}起")
    metric = {"indicator": "破获电信网络诈骗案件", "value": solved, "unit": "起", "approximate": False,
              "change_basis": None, "change_direction": None, "change_value": None, "change_unit": None,
              "period_text": f"{year}年{half}", "period_start": start, "period_end": end, "period_kind": "half",
              "place": None, "sentence": text.split("\n")[1], "span_start": at, "span_end": at + len(f"{solved}起"),
              "category": "telecom_fraud", "measure": "solved", "scope": "total", "subgroup": None}
    return title, text, [metric]


OTHER_ARTICLES = [
    ("国庆假期全市道路交通安全形势平稳", "国庆假期，全市公安交管部门共查处酒驾醉驾违法行为63起，未发生较大以上道路交通事故。\n"
     "交警提醒，喝酒不开车，开车不喝酒。"),
    ("白鹭县一男子网购退款被骗，民警及时止付", "近日，白鹭县居民李某接到自称网店客服的电话，称其购买的商品有质量问题可以退款。\n"
     "李某按对方要求操作后被骗8600元，随即报警。民警立即开展止付工作，为其挽回全部损失。\n这是一起典型的冒充客服诈骗。"),
    ("关于调整出入境接待大厅办公时间的通知", "自8月1日起，青川市公安局出入境接待大厅周六上午照常办公。\n办理业务请携带本人身份证件。"),
    ("松原市公安局开展防范养老诈骗宣传进社区活动", "为提高老年人识骗防骗能力，松原市公安局民警走进社区，向群众讲解常见诈骗手法。\n"
     "活动现场发放宣传资料1200余份，解答群众咨询300余人次。"),
    ("青川市公安局通报三起冒充公检法诈骗案例", "案例一：市民王某接到自称公安机关的电话，被告知涉嫌洗钱，被骗12万元。\n"
     "案例二：市民赵某被冒充检察官的人要求将资金转入“安全账户”。\n案例三：某公司会计被冒充老板的人骗走货款。\n"
     "公安机关不会通过电话办案，更不会要求转账。"),
    ("白鹭县公安局护学岗守护开学季", "开学首日，白鹭县公安局在全县中小学校门口设置护学岗，民警辅警上岗执勤。\n家长们纷纷点赞。"),
]


def build(path: Path) -> Built:
    """Write the archive at ``path`` (inline bodies, no WARC directory) and say where its known things are."""
    hosts = {org: base for org, (base, _) in BUREAUS.items()}
    records = []
    press_url = hosts["青川市公安局"] + "xwfb/202407/t20240710_1001.html"
    paragraphs = "".join(f"<p>{p}</p>" for p in PRESS_TEXT.split("\n"))
    press_body = CAPTURE_HTML.format(title=PRESS_TITLE, paragraphs=paragraphs).encode("gbk")
    records.append(article_record(press_url, PRESS_TEXT, PRESS_TITLE, body=press_body, published_at="2024-07-10T10:30+08:00",
                                  site_name="青川市公安局", org="青川市公安局", org_region_code="139100",
                                  column_name="新闻发布", source="青川市公安局", encoding="gbk",
                                  metrics=_spans(PRESS_TEXT, PRESS_FIGURES),
                                  images=[{"url": hosts["青川市公安局"] + "xwfb/202407/W0201.jpg", "caption": "发布会现场"}],
                                  attachments=[{"url": hosts["青川市公安局"] + "xwfb/202407/P0201.pdf",
                                                "name": "上半年反诈工作情况.pdf", "type": "pdf"}]))
    n = 0
    for org, halves in HALF_YEARS.items():
        for start, end, solved in halves:
            n += 1
            title, text, metrics = _half_year_bulletin(org, start, end, solved)
            if org == "青川市公安局" and start == "2024-01-01":
                # the same statistic as the press conference's: one series row naming two articles
                at = text.index("386起")
                metrics = [dict(_spans(PRESS_TEXT, PRESS_FIGURES[:1])[0], span_start=at, span_end=at + 4,
                                sentence=text.split("\n")[1], period_text="上半年")]
            published = f"{end[:4]}-07-08" if end[5:] == "06-30" else f"{int(end[:4]) + 1}-01-08"
            records.append(article_record(f"{hosts[org]}jqtb/{start[:4]}/t{start.replace('-', '')}_{n}.html", text,
                                          title, published_at=published, site_name=org, org=org,
                                          org_region_code=BUREAUS[org][1], column_name="警情通报", source=org,
                                          metrics=metrics))
    for i, (title, text) in enumerate(OTHER_ARTICLES):
        org = list(BUREAUS)[i % 3]
        records.append(article_record(f"{hosts[org]}jwdt/2024/t2024080{i + 1}_{100 + i}.html", text, title,
                                      published_at=f"2024-08-0{i + 1}T09:00+08:00", site_name=org, org=org,
                                      org_region_code=BUREAUS[org][1], column_name="警务动态", source=org))
    changed_url = hosts["白鹭县公安局"] + "tzgg/2024/t20240805_77.html"
    first = "因道路施工，县城人民路将于8月6日至8月20日封闭施工，请过往车辆绕行。"
    second = "因道路施工，县城人民路将于8月6日至8月25日封闭施工，请过往车辆绕行。施工期间公交线路临时调整。"
    with Archive(path) as a:
        a.write_batch(records)
        a.write_batch([article_record(changed_url, first, "关于人民路临时封闭施工的通告", published_at="2024-08-05",
                                      site_name="白鹭县公安局", org="白鹭县公安局", column_name="通知公告",
                                      fetched_at="2024-08-05T02:00:00+00:00")])
        a.write_batch([article_record(changed_url, second, "关于人民路临时封闭施工的通告（更新）",
                                      published_at="2024-08-05", site_name="白鹭县公安局", org="白鹭县公安局",
                                      column_name="通知公告")])
        conn = a.db.conn
        press_id, press_page = conn.execute("SELECT id, page_id FROM articles WHERE url = ?", [press_url]).fetchone()
        changed_id = conn.execute("SELECT id FROM articles WHERE url = ?", [changed_url]).fetchone()[0]
        word = conn.execute("SELECT count(*) FROM articles WHERE title LIKE '%诈骗%' OR text LIKE '%诈骗%'").fetchone()[0]
    return Built(path, press_id, press_page, changed_id, word)

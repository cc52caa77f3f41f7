"""Article pages that fool naive title, date and body rules, in several template shapes.

Every page in ``hard_pages/`` is invented (bureaus, people, figures and wording are ours) but built the way
real government templates are: a TRS portal whose top menu holds a message board (留言时间) and a date and
weather bar, a Hanweb page whose ``ArticleTitle`` meta holds escaped ``<font>`` markup and whose date is printed
under the body, an old ASP table layout (GB2312) with a 最新留言 box and a ``站名 | 标题`` title, a page saved
from a Vue single-page app (a long side menu, a data table with merged cells as the body), a portal with a
clock, weather and login box and a 热点排行 side list but no visible date (only ``article:published_time``), a
long article with its info line below the body and a message box in the header, and a county portal whose
body is a 公示 table beside a long menu of non-link items. Further pages are generated here: content nested
hundreds of levels deep, and every page served with lying charset declarations.

For each page we state what a reader of the archive expects: the title as the page shows it (no markup,
no category label that came from markup, no site name), the publish time from the article's own info block
(or the page's meta time when the info block shows none, never a date from a menu, widget or side box),
and snippets the body must and must not hold.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from extract import decode_html, extract_article

PAGES = Path(__file__).with_name("hard_pages")


@dataclass(frozen=True)
class Hard:
    file: str
    url: str
    title: str
    published: str
    must_have: tuple[str, ...]
    must_not: tuple[str, ...]
    #: the encoding the page is served in (its source here is UTF-8 text)
    encoding: str = "utf-8"
    source: str | None = None

    def body(self) -> bytes:
        return (PAGES / self.file).read_text(encoding="utf-8").encode(self.encoding)


HARD = [
    Hard("trs_portal_messageboard.html", "http://gaj.chenghe.example.gov.cn/jwyw/sjdt/202404/t20240429_612003.html",
         "澄河市公安局召开全市公安机关夏季治安打击整治行动部署会", "2024-04-29T10:20+08:00",
         ("4月28日下午，澄河市公安局召开全市公安机关夏季治安打击整治行动部署会",
          "组织开展集中清查行动不少于每周一次", "共计160余人参加会议"),
         ("留言时间", "今天是", "多云", "户口迁移", "打印本页", "相关新闻", "版权所有", "[要闻]"),
         source="市局政治部"),
    Hard("hanweb_escaped_title_bottom_date.html", "http://gaj.liuying.example.gov.cn/art/2024/3/12/art_3102_77065.html",
         "关于2024年第二季度驾驶人体检换证集中办理的通告", "2024-03-12",
         ("为方便广大驾驶人就近办理体检和换证业务", "驾驶证记分未满12分的方可办理", "特此通告"),
         ("发布日期", "上次登录", "访谈时间", "用户登录", "县交警大队负责人谈暑期交通安全", "主办单位"),
         source="县公安局交警大队"),
    Hard("asp_table_layout_gb2312.html", "http://www.hlgaj.example.cn/show.asp?id=1889",
         "黄岭县公安局开展冬季消防安全检查", "2024-01-08",
         ("为切实做好冬季火灾防控工作", "当场督促整改36处", "全力维护全县火灾形势持续稳定"),
         ("身份证丢了", "2023-12-30", "今日", "上一篇", "版权所有", "点击数", "户口迁移办理须知"),
         encoding="gb2312", source="本站原创"),
    Hard("spa_menu_table.html", "https://www.nanxi.example.gov.cn/#/detail?id=20240415001",
         "2024年一季度全市道路交通事故情况通报", "2024-04-15T09:00+08:00",
         ("全市共发生一般以上道路交通事故99起", "城区大队", "高速公路大队", "直接财产损失（万元）", "事故起数",
          "合计", "超速行驶、未按规定让行和酒后驾驶仍是主要原因"),
         ("政府信息公开年度报告", "户政业务办理指南", "机构概况", "全民反诈在行动专题", "主办单位", "长者模式"),
         source="市公安局交通警察支队"),
    Hard("portal_widgets_meta_date.html", "http://www.paqingya.example.cn/news/2024/0617/8841.html",
         "辖区民警成功救助走失老人", "2024-06-17T16:02:00+08:00",
         ("发现一名老人独自在路边徘徊", "民警最终联系上老人的儿子", "在老人衣物上留下联系方式"),
         ("热点排行", "网络赌博", "空气质量", "分享到", "交通违法查询"),
         source="城东派出所"),
    Hard("generic_info_below_long_body.html", "http://gaj.binhai.example.gov.cn/jwyw/1192.html",
         "滨海市公安局部署春节前安全防范工作", "2024-02-02T17:45+08:00",
         ("滨海市公安局召开全市公安机关春节前安全防范工作会议", "电信网络诈骗发案数同比下降21.5%",
          "各分局、派出所负责人在分会场参加会议"),
         ("留言时间", "出入境业务", "今天是", "上一篇", "市局指挥中心", "版权所有"),
         source="市局指挥中心"),
    Hard("table_layout_side_menu_table_body.html", "http://www.shiwan.example.gov.cn/zwgk/rsxx/202403/t20240301_3.html",
         "石湾县公安局科级领导干部任前公示", "2024-03-01T08:30+08:00",
         ("根据干部选拔任用有关规定", "陈立新", "城关派出所", "治安管理大队副大队长", "刑事侦查大队副大队长",
          "公示时间：2024年3月1日至3月7日"),
         ("政府信息公开年度报告", "行政权力清单和责任清单", "相关链接", "县公安局2024年度辅警招聘公告", "主办"),
         source="县公安局政治处"),
    Hard("ucap_split_headline_info_above.html", "http://gaj.yunling.example.gov.cn/tzgg/2024/07/09/4412.html",
         "关于夏季夜间巡逻防控工作的情况通报", "2024-07-09T10:15:30+08:00",
         ("每晚投入警力1200余人、警车260余辆", "抓获现行违法犯罪嫌疑人47名", "确保夏季社会治安持续平稳"),
         ("打印本页", "2024年07月10日", "违法查询", "发布时间", "信息公开年报"),
         source="市公安局巡特警支队"),
    Hard("epoint_truncated_heading_info_below.html", "http://www.tongxi.example.gov.cn/zwgk/tzgg/20240801/88.html",
         "关于开展2024年度电动自行车安全隐患全链条整治工作的通知", "2024-08-01",
         ("各乡镇人民政府、县直有关单位", "为深刻吸取近期电动自行车火灾事故教训", "每月25日前向县公安局治安管理大队报送工作进展情况"),
         ("浏览次数", "相关文章", "县公安局开展夏季消防安全检查", "发布日期", "登录", "网站标识码"),
         source="县公安局"),
]


@pytest.mark.parametrize("page", HARD, ids=[h.file.removesuffix(".html") for h in HARD])
def test_hard_page(page: Hard) -> None:
    a = extract_article(page.body(), page.url, "text/html")
    assert a.title == page.title
    assert a.published_at == page.published
    for snippet in page.must_have:
        assert snippet in a.text, f"body misses {snippet!r}"
    for snippet in page.must_not:
        assert snippet not in a.text, f"{snippet!r} leaks into the body"
    if page.source:
        assert a.source == page.source


# ---- lying charsets ------------------------------------------------------------------------------------------
#: single-byte charsets a server may claim for pages that are really UTF-8 or GBK Chinese
SINGLE_BYTE_LIES = ["koi8-u", "koi8-r", "windows-1251", "iso-8859-5", "windows-1253", "iso-8859-2", "mac-roman",
                    "windows-874", "iso-8859-7", "windows-1250", "iso-8859-1", "windows-1252", "cp866"]
LYING_BASE = [HARD[0], HARD[2]]


@pytest.mark.parametrize("codec", ["utf-8", "gbk"])
@pytest.mark.parametrize("label", SINGLE_BYTE_LIES)
def test_single_byte_header_over_chinese_bytes(label: str, codec: str) -> None:
    """A ``Content-Type`` naming a single-byte charset over Chinese bytes would give Cyrillic, Greek or Thai
    mojibake: the bytes are read as what they are."""
    for page in LYING_BASE:
        raw = (PAGES / page.file).read_text(encoding="utf-8")
        raw = raw.replace("charset=utf-8", "").replace("charset=gb2312", "")
        a = extract_article(raw.encode(codec), page.url, f"text/html; charset={label}")
        assert a.encoding in ("utf-8", "gb18030")
        assert a.title == page.title
        assert all(s in a.text for s in page.must_have)


@pytest.mark.parametrize("codec", ["utf-8", "gbk"])
@pytest.mark.parametrize("declared", ["utf-16", "UTF-16LE", "utf-16be", "utf-32"])
def test_wide_charset_declaration_over_narrow_bytes(declared: str, codec: str) -> None:
    """``<meta charset=utf-16>`` on a page whose bytes are UTF-8 or GBK: the declaration is ignored."""
    page = HARD[0]
    raw = (PAGES / page.file).read_text(encoding="utf-8")
    raw = raw.replace('content="text/html; charset=utf-8"', f'content="text/html; charset={declared}"')
    for head in (None, "text/html", f"text/html; charset={declared}"):
        a = extract_article(raw.encode(codec), page.url, head)
        assert a.encoding in ("utf-8", "gb18030")
        assert a.title == page.title
        assert all(s in a.text for s in page.must_have)


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be"])
def test_real_utf16_page_is_read(codec: str) -> None:
    """The other side of the rule above: bytes that are UTF-16 (with or without a BOM) are decoded as such."""
    page = HARD[0]
    raw = (PAGES / page.file).read_text(encoding="utf-8").replace("charset=utf-8", "charset=utf-16")
    a = extract_article(raw.encode(codec), page.url, "text/html")
    assert a.title == page.title
    assert all(s in a.text for s in page.must_have)


GENUINE = [
    ("koi8-r", "Управление внутренних дел сообщает, что в выходные дни на дорогах области "
               "будут работать дополнительные патрули. Водителей просят соблюдать скоростной режим."),
    ("windows-1251", "Полиция напоминает жителям города о необходимости закрывать окна и двери, "
                     "уходя из дома. За прошлую неделю зарегистрировано пять краж из квартир."),
    ("iso-8859-7", "Η αστυνομία ενημερώνει ότι την Κυριακή θα ισχύσουν κυκλοφοριακές ρυθμίσεις "
                   "στο κέντρο της πόλης λόγω του αγώνα δρόμου."),
    ("iso-8859-1", "La préfecture de police rappelle que la fête de la musique entraînera des "
                   "fermetures de rues à partir de dix-huit heures, près de la gare et du marché."),
]


@pytest.mark.parametrize(("charset", "sentence"), GENUINE, ids=[g[0] for g in GENUINE])
def test_genuine_single_byte_page_keeps_its_charset(charset: str, sentence: str) -> None:
    """The mojibake rule must not take a real Russian, Greek or French page for misread Chinese."""
    html = (f"<html><head><title>{sentence[:30]}</title></head><body><h1>{sentence[:30]}</h1>"
            f"<p>{sentence}</p><p>{sentence}</p></body></html>")
    d = decode_html(html.encode(charset), f"text/html; charset={charset}")
    assert sentence in d.text


# ---- deep nesting --------------------------------------------------------------------------------------------
UNITS = ["城关", "河口", "石桥", "东岭", "西坪", "南湾", "北塘", "桃源", "梅溪", "柳岸"]


def _deep_page(container: str, levels: int) -> tuple[bytes, str, str]:
    """A 公示 notice pasted from a word processor: every entry opens a ``<div>`` and a ``<font>`` it never
    closes, so the entries nest ``2 × levels`` deep; the last entry and the closing lines sit far below
    lxml's default 255-level limit."""
    entries = "".join(f'<div style="line-height:28px"><font face="仿宋_GB2312">{i + 1}. {UNITS[i % 10]}'
                      f"社区警务室 第{i + 1}号 ：{UNITS[(i * 3) % 10]}片区巡逻防控责任区" for i in range(levels))
    first = "1. 城关社区警务室 第1号 ：城关片区巡逻防控责任区"
    last = f"{levels}. {UNITS[(levels - 1) % 10]}社区警务室 第{levels}号 ：{UNITS[((levels - 1) * 3) % 10]}片区巡逻防控责任区"
    closing = "公示期间，如有异议，请向县公安局治安管理大队反映，联系电话：0739-5120888。"
    inner = f"<p>现将全县社区警务室巡逻防控责任区划分情况公示如下：</p>{entries}<p>{closing}</p>"
    html = ("<html><head><meta charset='utf-8'><title>全县社区警务室巡逻防控责任区划分公示_柳营县公安局</title>"
            "</head><body><div class='nav'><a href='/'>首页</a><a href='/tzgg/'>通知公告</a></div>"
            "<h1>全县社区警务室巡逻防控责任区划分公示</h1><div class='info'>发布时间：2024-05-20 15:00 来源：治安管理大队</div>"
            + container.format(inner) + "<div class='footer'>版权所有：柳营县公安局</div></body></html>")
    return html.encode("utf-8"), first, last + "\n" + closing


@pytest.mark.parametrize("levels", [150, 400, 900])
@pytest.mark.parametrize("container", ["<div class='TRS_Editor'>{}</div>", "<div class='article-body'>{}</div>"],
                         ids=["trs-container", "no-container"])
def test_deeply_nested_content_is_kept(container: str, levels: int) -> None:
    body, first, tail = _deep_page(container, levels)
    a = extract_article(body, "http://gaj.liuying.example.gov.cn/tzgg/202405/t20240520_9.html", "text/html")
    assert a.title == "全县社区警务室巡逻防控责任区划分公示"
    assert a.published_at == "2024-05-20T15:00+08:00"
    assert first in a.text
    assert a.text.endswith(tail)
    assert "版权所有" not in a.text


# ---- titles: markup and site names from any source ----------------------------------------------------------
def _title_page(title_tag: str, *, article_title: str | None = None, heading: str = "", site: str = "",
                owner: str = "") -> bytes:
    meta = f'<meta name="ArticleTitle" content="{article_title}">' if article_title is not None else ""
    meta += f'<meta name="SiteName" content="{site}">' if site else ""
    return (f"<html><head><meta charset='utf-8'><title>{title_tag}</title>{meta}</head><body>"
            f"<div class='nav'><a href='/'>首页</a> <a href='/jwdt/'>警务动态</a></div>{heading}"
            "<div class='content'><p>近日，辖区派出所民警在日常巡查中发现一处安全隐患，立即联系有关部门进行了处置。</p>"
            "<p>民警提醒广大群众，发现安全隐患请及时拨打110报警，共同维护良好的社会治安秩序。</p></div>"
            f"<div class='foot'>{owner}</div></body></html>").encode()


TITLE_CASES = [
    # (id, page kwargs, expected title)
    ("gov-site-prefix-double-dash", dict(title_tag="红枫市人民政府网——城南派出所排除一处燃气安全隐患"),
     "城南派出所排除一处燃气安全隐患"),
    ("bureau-suffix-underscore", dict(title_tag="城南派出所排除一处燃气安全隐患_红枫市公安局"),
     "城南派出所排除一处燃气安全隐患"),
    ("portal-suffix-spaced-hyphen", dict(title_tag="城南派出所排除一处燃气安全隐患 - 平安红枫网"),
     "城南派出所排除一处燃气安全隐患"),
    ("bureau-prefix-bar", dict(title_tag="红枫市公安局 | 城南派出所排除一处燃气安全隐患"), "城南派出所排除一处燃气安全隐患"),
    ("bureau-prefix-fullwidth-bar", dict(title_tag="红枫市公安局｜城南派出所排除一处燃气安全隐患"),
     "城南派出所排除一处燃气安全隐患"),
    ("column-and-site-suffix", dict(title_tag="城南派出所排除一处燃气安全隐患_警务动态_红枫市公安局"),
     "城南派出所排除一处燃气安全隐患"),
    ("site-name-from-footer-owner", dict(title_tag="城南派出所排除一处燃气安全隐患-红枫警方在线",
                                         owner="版权所有：红枫警方在线　主办单位：红枫市公安局"),
     "城南派出所排除一处燃气安全隐患"),
    ("site-name-from-sitename-meta", dict(title_tag="红枫警讯 - 城南派出所排除一处燃气安全隐患", site="红枫警讯"),
     "城南派出所排除一处燃气安全隐患"),
    ("typographic-dash-subtitle-kept", dict(title_tag="守护万家灯火——记城南派出所社区民警王立平_红枫市公安局"),
     "守护万家灯火——记城南派出所社区民警王立平"),
    ("heading-with-dash-subtitle", dict(title_tag="守护万家灯火——记城南派出所社区民警王立平_红枫市公安局",
                                        heading="<h1>守护万家灯火——记城南派出所社区民警王立平</h1>"),
     "守护万家灯火——记城南派出所社区民警王立平"),
    ("meta-title-font-label", dict(title_tag="城南派出所排除一处燃气安全隐患_红枫市公安局",
                                   article_title="<font color=red>[要闻]</font>城南派出所排除一处燃气安全隐患"),
     "城南派出所排除一处燃气安全隐患"),
    ("meta-title-escaped-span-label", dict(
        title_tag="城南派出所排除一处燃气安全隐患",
        article_title="&amp;lt;span style=&amp;quot;color:#c00&amp;quot;&amp;gt;【置顶】&amp;lt;/span&amp;gt;城南派出所排除一处燃气安全隐患"),
     "城南派出所排除一处燃气安全隐患"),
    ("meta-title-bold-markup-only", dict(title_tag="x", article_title="<b>城南派出所排除一处燃气安全隐患</b>"),
     "城南派出所排除一处燃气安全隐患"),
    ("meta-title-with-site-suffix", dict(title_tag="x", article_title="城南派出所排除一处燃气安全隐患_红枫市公安局",
                                         site="红枫市公安局"),
     "城南派出所排除一处燃气安全隐患"),
    ("real-bracket-series-label-kept", dict(title_tag="【以案说法】男子轻信高薪兼职被骗两万元_红枫市公安局",
                                            heading="<h1>【以案说法】男子轻信高薪兼职被骗两万元</h1>"),
     "【以案说法】男子轻信高薪兼职被骗两万元"),
    ("real-bracket-label-in-meta-title-kept", dict(
        title_tag="【以案说法】男子轻信高薪兼职被骗两万元_红枫市公安局",
        article_title="【以案说法】男子轻信高薪兼职被骗两万元",
        heading="<div class='title'>【以案说法】男子轻信高薪兼职被骗两万元</div>"),
     "【以案说法】男子轻信高薪兼职被骗两万元"),
    ("meta-title-holding-the-site-name", dict(title_tag="城南派出所排除一处燃气安全隐患_红枫市公安局",
                                              article_title="红枫市公安局", site="红枫市公安局",
                                              heading="<h1>城南派出所排除一处燃气安全隐患</h1>"),
     "城南派出所排除一处燃气安全隐患"),
    ("title-ending-in-wang-kept", dict(title_tag="织密反诈防护网_红枫市公安局"), "织密反诈防护网"),
    ("bureau-as-subject-kept", dict(title_tag="红枫市公安局召开全市治安工作会议 - 平安红枫网"),
     "红枫市公安局召开全市治安工作会议"),
]


@pytest.mark.parametrize(("kwargs", "expected"), [c[1:] for c in TITLE_CASES], ids=[c[0] for c in TITLE_CASES])
def test_title_is_clean(kwargs: dict[str, str], expected: str) -> None:
    a = extract_article(_title_page(**kwargs), "http://www.hongfeng.example.gov.cn/jwdt/2024/0611/77.html")
    assert a.title == expected


def test_utf16_bom_page_is_not_binary() -> None:
    page = "<html><head><title>城南派出所排除一处燃气安全隐患</title></head><body><p>民警及时处置隐患。</p></body></html>"
    d = decode_html(codecs.BOM_UTF16_LE + page.encode("utf-16-le"), "text/html")
    assert "民警及时处置隐患" in d.text


# ---- the density fallback: menus and links are never the body, tables are -----------------------------------
def test_menu_of_plain_divs_is_never_the_body() -> None:
    """The same single-page-app page with its menu written as plain ``<div>`` items (no list, no menu class,
    no role): whichever block the sentence weights point at, a candidate that is a navigation menu is
    dropped and the article (its table included) is kept."""
    page = HARD[3]
    raw = (PAGES / page.file).read_text(encoding="utf-8")
    for old, new in (('<li role="menuitem" class="el-menu-item"', '<div class="side-item"'),
                     ('<li role="menuitem" class="el-submenu"', '<div class="side-group"'), ("</li>", "</div>"),
                     ('<ul role="menu" class="el-menu el-menu--inline">', '<div class="side-children">'),
                     ('<ul role="menubar" class="el-menu el-menu-vertical"', '<div class="side-tree"'),
                     ("</ul>", "</div>"), ('class="el-submenu__title"', 'class="side-group-title"'),
                     ("el-submenu__icon-arrow", "side-arrow")):
        raw = raw.replace(old, new)
    # the whole 权责清单 tree of the site in the menu: hundreds of labels, many times the article's text
    powers = "".join(f'<div class="side-item"><span>{level}{kind}{part}</span></div>'
                     for level in ("市本级", "区县级", "乡镇级", "街道级")
                     for kind in ("行政许可", "行政处罚", "行政强制", "行政检查", "行政确认", "行政奖励", "行政裁决",
                                  "行政征收", "行政给付", "其他权力")
                     for part in ("事项目录", "结果公示", "裁量基准", "办事流程", "责任清单", "监督方式"))
    raw = raw.replace('<div class="side-tree"', f'<div class="side-tree">{powers}</div><div class="side-tree"', 1)
    assert not re.search(r"<li[\s>]|menu", raw)
    a = extract_article(raw.encode(), page.url, "text/html; charset=utf-8")
    for snippet in page.must_have:
        assert snippet in a.text, f"body misses {snippet!r}"
    for snippet in page.must_not:
        assert snippet not in a.text, f"{snippet!r} leaks into the body"


def test_block_of_links_is_never_the_density_body() -> None:
    """A list of further stories, each a link and a one-line blurb, outweighs a two-line notice by its
    blurbs; a block whose text is mostly link text is a list, not an article."""
    from extract.density import densest_block
    from extract.htmltext import parse_document

    items = "".join(f'<li><a href="/news/{i}.html">辖区派出所开展第{i}期反诈宣传进社区活动</a>'
                    f"<span>民警向居民讲解了常见诈骗手法。</span></li>" for i in range(12))
    doc = parse_document(f"<html><body><div class='more'><ul>{items}</ul></div></body></html>")
    assert densest_block(doc) is None


def test_menu_text_is_told_from_a_list_of_names() -> None:
    """The last guard of the generic path: a candidate text that is a navigation menu is dropped, a body
    that is a list of short lines (a 名单) is not."""
    from extract.boilerplate import is_menu_text

    menu = ["首页", "机构概况", "领导信息", "内设机构", "政务公开", "政府信息公开指南", "重大行政决策事项目录",
            "办事服务", "户政业务办理指南", "互动交流", "局长信箱", "专题专栏"]
    names = ["城关派出所 陈立新", "城关派出所 刘思远", "治安管理大队 吴晓燕", "刑事侦查大队 赵永刚", "刑事侦查大队 钱文博",
             "交通警察大队 孙海涛", "出入境管理大队 周慧敏"]
    article = ["一季度，全市共发生一般以上道路交通事故99起，死亡16人。", "城区大队 主城区 38 5 41 1.9", *menu[:3]]
    assert is_menu_text(menu)
    assert not is_menu_text(["根据干部选拔任用有关规定，现将拟表彰人员名单公示如下：", *names])
    assert not is_menu_text(article)


@pytest.mark.parametrize("title_tag", ["红枫市公安局", "新闻详情", "红枫警讯-辟谣文章", ""])
def test_fixed_title_tag_gives_way_to_the_h1(title_tag: str) -> None:
    """A template whose ``<title>`` is the site's name, a page type, or a fixed text the page never shows:
    the ``<h1>`` is the headline."""
    page = _title_page(title_tag, heading="<h1>城南派出所排除一处燃气安全隐患</h1>")
    a = extract_article(page, "http://www.hongfeng.example.gov.cn/jwdt/2024/0611/77.html")
    assert a.title == "城南派出所排除一处燃气安全隐患"

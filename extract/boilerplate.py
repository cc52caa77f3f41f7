"""Line-level rules for the furniture of Chinese government pages.

Whatever container the body came from, these lines are never article text: breadcrumbs (当前位置),
info lines (发布时间/来源/浏览次数/字号/时长), share/print/close bars, 上一篇/下一篇, related-link headings and
site footers (版权所有, Copyright ©, ICP备, 公网安备, 网站标识码, 主办单位). Portals add their own furniture:
one-word buttons (展开, 查看更多, 举报, 不喜欢, 收藏, 编辑, 播报), reprint notices (转载请注明, 未经授权不得转载), the tag line
under an article (标签：, 关键词：), the self-media platform disclaimer (…本平台仅提供信息存储服务) and a
wiki's section edit links (历史[编辑]). Each rule is a regular expression over one
whitespace-normalised paragraph, so it holds for any site of a family, not just our fixtures.
"""

from __future__ import annotations

import re

from extract.dates import DATE_RE

#: the people credited under an article: writer, reporter, correspondent, photographer and the 三审 chain
CREDIT_LABELS = "作者|撰稿|撰文|记者|通讯员|摄影|摄像|责任编辑|编辑|编审|审核|审校|校对|初审|复审|终审|监制"
#: who supplied or released the article (来源 and its synonyms); 来 源 is often spaced out to align columns
SOURCE_LABELS = r"信息来源|稿件来源|文章来源|新闻来源|来\s?源|供稿单位|发布单位|发稿单位"
_COUNTER_LABELS = "浏览次数|浏览量|阅读次数|阅读量|阅读数|访问量|点击数|点击量|点击率|点击|浏览"
_INFO_LABELS = (r"(?:时长|索引号|信息索引|发文机关|发文机构|发布机构|发文字号|文件编号|主题分类|组配分类|信息类别|生成日期|公开方式"
                rf"|发布时间|发布日期|发文日期|成文日期|更新时间|时间|日期|{SOURCE_LABELS}|{CREDIT_LABELS}|图片|文字"
                rf"|{_COUNTER_LABELS}|字号|字体)")
_INFO_LABEL_RE = re.compile(_INFO_LABELS + r"\s*[:：∶]")
#: a line that is one credit: 编辑：林某 / 记者：张某 李某 / 审核：王某、赵某 (names only, so 记者：请问…？ stays)
_NAME = r"[\u4e00-\u9fff·]{2,6}"
_CREDIT_LINE = re.compile(rf"^[（(]?(?:{CREDIT_LABELS})\s*[:：∶]\s*{_NAME}(?:[\s、，,/]+{_NAME}){{0,5}}[）)]?$")
#: a line that is one source or counter: 来源：某某公安局 / 供稿单位：某某派出所 / 阅读量：2046
_SOURCE_LINE = re.compile(rf"^(?:{SOURCE_LABELS}|浏览次数|浏览量|阅读次数|阅读量|阅读数|访问量|点击数|点击量)\s*[:：∶]\s*\S{{0,30}}$"
                          r"|^(?:浏览|点击)\s*[:：∶]\s*\d*\s*次?$")
#: a date followed by info labels: 2024-06-03 09:30:12　来源：某某公安局 (the date printed without its label)
_DATE_THEN_INFO = re.compile(r"\s*" + _INFO_LABELS + r"\s*[:：∶]")
#: a label whose characters are spaced out to align a template's columns: 发 布 时 间： / 信　息　来　源：
_SPACED_LABEL = re.compile(r"(?<![\u4e00-\u9fff])(?:[\u4e00-\u9fff][ \u3000\xa0]+){1,5}[\u4e00-\u9fff](?=[ \u3000\xa0]*[:：∶])")
_LABEL_SPACE = re.compile(r"[ \u3000\xa0]+")


def despace_labels(line: str) -> str:
    """``发 布 时 间：2024-03-05`` → ``发布时间：2024-03-05``: a run of single characters, one space apart,
    right before a colon is a label spaced out by its template; the label rules then read it as one word."""
    if ":" not in line and "：" not in line and "∶" not in line:
        return line
    return _SPACED_LABEL.sub(lambda m: _LABEL_SPACE.sub("", m.group()), line)

#: a site footer or a platform's disclaimer under the article: the end of the article wherever it is
_FOOTER = (r"|版权所有|网站标识码|ICP备|公网安备|(?i:^\s*(?:copyright\b|©)|all rights reserved)"
           r"|仅提供信息(?:存储|发布)(?:空间)?服务")

#: A paragraph matching any of these is dropped wherever it appears.
DROP_LINE = re.compile(
    r"^(?:当前位置|您的位置|您现在的位置|你的位置|你现在的位置|所在位置|当前的位置)"
    r"|版权所有|ICP备|ICP证|公网安备|网站标识码|主办单位|承办单位|技术支持[:：]|运维单位|网站地图"
    r"|^(?:分享到|分享至|扫一扫)|【?\s*(?:打印本页|打印本文|打印此页|关闭窗口|关闭本页|收藏本页|返回顶部)\s*】?"
    r"|^【\s*(?:打印|关闭|收藏|返回)\s*】|^【?\s*字号\s*[:：]?\s*[【\[]?\s*大\s*[】\]]?\s*[【\[]?\s*中"
    r"|^(?:上一篇|下一篇|上一条|下一条|上一页|下一页)\s*[:：]?"
    r"|^(?:相关)?附件\s*[:：]?\s*$|^(?:相关链接|相关新闻|相关文章|相关阅读|相关稿件|延伸阅读|热点新闻|推荐阅读)\s*[:：]?\s*$"
    r"|建议使用.{0,20}浏览器|分辨率.{0,10}\d{3,4}\s*[*×x]\s*\d{3,4}"
    r"|^(?:展开|收起|展开全文|查看更多|加载更多|点击加载更多|阅读全文|查看全文|举报|不喜欢|不感兴趣|收藏|编辑|播报|播报文章)\s*[>»]?$"
    r"|^(?:微信)?扫码|^转载请注明|未经.{0,8}授权.{0,10}(?:不得|请勿|禁止|严禁)(?:转载|复制|使用)"
    + _FOOTER
)

#: the punctuation of running text; a short line or text node without any is a label, a menu entry, a heading
SENTENCE_PUNCT = re.compile(r"[，。；！？、：,;!?…“”]")
#: entries of the navigation bars and side menus of Chinese government and police sites
NAV_WORDS = frozenset((
    "首页", "网站首页", "返回首页", "主页", "机构概况", "机构设置", "机构职能", "领导信息", "领导之窗", "内设机构",
    "政务公开", "信息公开", "政府信息公开", "政府信息公开指南", "政府信息公开制度", "政府信息公开年度报告",
    "法定主动公开内容", "新闻中心", "新闻动态", "工作动态", "要闻动态", "图片新闻", "视频新闻", "通知公告", "公示公告",
    "办事服务", "网上办事", "便民服务", "办事指南", "在线办事", "政务服务", "互动交流", "政民互动", "警民互动",
    "公众参与", "在线访谈", "局长信箱", "咨询投诉", "意见征集", "网上调查", "专题专栏", "政策法规", "政策文件",
    "政策解读", "警务公开", "警务动态", "数据发布", "网站地图", "联系我们", "关于我们", "无障碍", "长者模式",
    "English", "繁体", "简体", "登录", "注册", "更多",
))
#: a text is a menu when this share of its lines are short labels and some are navigation entries
_MENU_LABEL_SHARE = 0.7
_MENU_MIN_NAV = 3


def is_menu_text(paragraphs: list[str]) -> bool:
    """True for a text that is a navigation menu, not an article: mostly short labels without punctuation
    or figures, several of them entries of government sites' navigation bars (首页, 政务公开, 办事服务 …)."""
    if len(paragraphs) < 2 * _MENU_MIN_NAV:
        return False
    labels = sum(1 for p in paragraphs if len(p) <= 16 and not SENTENCE_PUNCT.search(p) and not re.search(r"\d", p))
    nav = sum(1 for p in paragraphs if p in NAV_WORDS)
    return labels >= _MENU_LABEL_SHARE * len(paragraphs) and nav >= _MENU_MIN_NAV


#: Headings after which nothing belongs to the article any more.
END_MARKER = re.compile(
    r"^(?:上一篇|下一篇|上一条|下一条|相关链接|相关新闻|相关文章|相关阅读|相关稿件|延伸阅读|推荐阅读)\s*[:：]?"
    r"|^(?:标签|关键字|关键词|Tags?)\s*[:：]" + _FOOTER
)

#: a wiki heading's edit link, printed after the heading text
_EDIT_LINK = re.compile(r"\s*\[(?:编辑|编辑源代码|edit)\]$")


def is_info_line(line: str) -> bool:
    """True for the 发布时间/来源/浏览次数 line under a headline (two labels, or one label with a date, or a
    date then labels), and for a line that is a single source or counter (来源：某某, 阅读量：2046)."""
    if len(line) > 160:
        return False
    line = despace_labels(line)
    labels = _INFO_LABEL_RE.findall(line)
    if len(labels) >= 2:
        return True
    if len(labels) == 1 and line.startswith(labels[0]) and DATE_RE.search(line):
        return True
    if labels and (m := DATE_RE.match(line)) and _DATE_THEN_INFO.match(line, m.end()):
        return True
    return bool(_SOURCE_LINE.match(line))


def is_credit_line(line: str) -> bool:
    """A line that is one credit (编辑：某某, 审核：某某, （作者：某某）): furniture above or below the body, but
    text inside it (a poem's 作者：某某 between poems), so :func:`clean_paragraphs` decides by position."""
    return bool(_CREDIT_LINE.match(despace_labels(line)))


def is_boilerplate(line: str) -> bool:
    return bool(DROP_LINE.search(line)) or is_info_line(line)


def clean_paragraphs(paragraphs: list[str], title: str | None = None, *, cut_at_end_marker: bool = True) -> list[str]:
    """Drop furniture lines, a leading copy of the title, and everything after an end marker.

    An end marker (上一篇, 相关链接, the footer) only cuts once some body text has been kept, so a share
    bar or prev/next block printed above the body cannot swallow the article. Credit lines (编辑：某某) are
    dropped before the first and after the last line of text, and kept between two lines of text.
    """
    out: list[str] = []
    credits: list[str] = []
    norm_title = re.sub(r"\s+", "", title or "")
    for p in paragraphs:
        p = _EDIT_LINK.sub("", p)
        if not p:
            continue
        if cut_at_end_marker and out and END_MARKER.search(p):
            break
        if is_boilerplate(p):
            continue
        if is_credit_line(p):
            if out:
                credits.append(p)
            continue
        if not out and norm_title and re.sub(r"\s+", "", p) == norm_title:
            continue
        out.extend(credits)
        credits.clear()
        out.append(p)
    return out

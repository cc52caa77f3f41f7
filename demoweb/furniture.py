"""Full-weight page templates: the furniture real bureau portals wrap around every page.

The demo sites' own templates are trimmed to what the extraction tests need (about 5 KB a page). Real
government portals send 10–60 KB (the 24 real pages in ``../shared/corpus/realpages`` have a median of
21 KB): a style sheet and scripts inline in the head, a two-level menu of several dozen links, a
"friendly links" block of other government sites, an accessibility toolbar loader and a statistics
snippet. ``DemoWeb(full_pages=True)`` wraps every HTML page in such furniture, identical on every page
of a site, as a CMS template is. Benchmarks use it so that per-page costs are measured on pages of a
realistic weight; the e2e test crawls it to show the extraction still returns exactly the article.

Everything here is written for this project; the names are generic.
"""

from __future__ import annotations

import re
from functools import cache

_MENU = {
    "机构概况": ["领导信息", "机构职能", "内设机构", "派出机构", "局长信箱", "联系方式", "历史沿革", "警察文化"],
    "新闻中心": ["警务动态", "基层风采", "媒体聚焦", "视频新闻", "图片新闻", "专题专栏", "发布会", "警情通报"],
    "政务公开": ["政策文件", "政策解读", "规划计划", "财政预决算", "人事信息", "建议提案办理", "统计数据", "年度报告"],
    "办事服务": ["户政业务", "出入境", "交通管理", "治安管理", "网络安全", "消防监督", "禁毒宣传", "便民查询"],
    "互动交流": ["网上信访", "在线咨询", "意见征集", "民意调查", "举报投诉", "常见问题", "留言选登", "访谈直播"],
    "警民联系": ["社区民警", "派出所地图", "警务公开", "失物招领", "寻人启事", "悬赏通告", "通缉令", "警营开放日"],
    "反诈专栏": ["典型案例", "防骗指南", "预警提示", "反诈宣传", "反诈APP", "骗术揭秘", "反诈课堂", "以案说法"],
    "专题专栏": ["扫黑除恶", "平安建设", "法治宣传", "交通安全", "禁毒工作", "警营文化", "英模风采", "党建工作"],
}

_FRIENDS = [
    "中国政府网", "公安部", "国家移民管理局", "省人民政府", "省公安厅", "市人民政府", "市人民检察院", "市中级人民法院",
    "市司法局", "市交通运输局", "市市场监督管理局", "市应急管理局", "市消防救援支队", "市教育局", "市卫生健康委员会",
    "市民政局", "市人力资源和社会保障局", "市自然资源局", "市生态环境局", "市住房和城乡建设局", "市商务局",
    "市文化和旅游局", "市退役军人事务局", "市统计局", "市医疗保障局", "市政务服务中心", "中国警察网", "平安中国",
]

_STYLE = """
body{margin:0;padding:0;font-family:"Microsoft YaHei","微软雅黑",SimSun,Arial;font-size:14px;color:#333;background:#f4f6f9}
a{color:#333;text-decoration:none}a:hover{color:#0b4ea2;text-decoration:underline}
ul,li{margin:0;padding:0;list-style:none}img{border:0}
.pa-wrap{width:1200px;margin:0 auto}.pa-clear{clear:both;height:0;overflow:hidden}
.pa-toolbar{height:36px;line-height:36px;background:#eef2f7;border-bottom:1px solid #dde3ea;font-size:13px}
.pa-toolbar .pa-left{float:left}.pa-toolbar .pa-right{float:right}.pa-toolbar a{margin:0 8px;color:#555}
.pa-banner{height:140px;background:#0b4ea2 url(/images/banner.jpg) no-repeat center top}
.pa-menu{height:48px;background:#0a3f86}.pa-menu>ul>li{float:left;position:relative;width:150px;text-align:center}
.pa-menu>ul>li>a{display:block;height:48px;line-height:48px;color:#fff;font-size:17px}
.pa-menu>ul>li:hover>a,.pa-menu>ul>li.on>a{background:#06306a}
.pa-menu .pa-sub{display:none;position:absolute;left:0;top:48px;width:150px;background:#fff;z-index:99;
box-shadow:0 3px 8px rgba(0,0,0,.15)}.pa-menu li:hover .pa-sub{display:block}
.pa-menu .pa-sub a{display:block;height:34px;line-height:34px;border-bottom:1px dashed #e5e5e5;font-size:14px}
.pa-search{float:right;margin-top:8px}.pa-search input{width:180px;height:28px;border:1px solid #c9d3df;padding:0 6px}
.pa-search button{height:30px;background:#0b4ea2;color:#fff;border:0;padding:0 12px;cursor:pointer}
.pa-foot{margin-top:30px;background:#2b3a4f;color:#c8d0da;padding:20px 0;font-size:13px;line-height:26px}
.pa-foot a{color:#c8d0da}.pa-links{background:#fff;border-top:3px solid #0b4ea2;padding:12px 0}
.pa-links select{width:270px;height:30px;margin:0 10px;border:1px solid #c9d3df;color:#555}
.pa-foot .pa-logo{float:left;width:80px;height:80px;margin-right:20px}
.pa-foot .pa-info{float:left}.pa-foot .pa-care{float:right;text-align:center}
@media print{.pa-toolbar,.pa-menu,.pa-links,.pa-foot,.pa-search{display:none}}
"""

_HEAD_SCRIPT = """
var paSite = {root: "/", searchUrl: "/search/index.html", careMode: false};
function paSetHome(obj, url) {
  try { obj.style.behavior = "url(#default#homepage)"; obj.setHomePage(url); }
  catch (e) { alert("您的浏览器不支持自动设置首页，请手动设置。"); }
}
function paAddFavorite(url, title) {
  try { window.external.addFavorite(url, title); }
  catch (e) { try { window.sidebar.addPanel(title, url, ""); }
  catch (e2) { alert("加入收藏失败，请使用Ctrl+D进行添加。"); } }
}
function paSearch(form) {
  var q = form.q.value.replace(/^\\s+|\\s+$/g, "");
  if (!q) { alert("请输入搜索关键词"); return false; }
  window.location.href = paSite.searchUrl + "?q=" + encodeURIComponent(q);
  return false;
}
function paJump(sel) { if (sel.value) { window.open(sel.value); sel.selectedIndex = 0; } }
"""

_TAIL_SCRIPT = """
(function () {
  var items = document.querySelectorAll(".pa-menu > ul > li");
  for (var i = 0; i < items.length; i++) {
    items[i].onmouseenter = function () { this.className += " on"; };
    items[i].onmouseleave = function () { this.className = this.className.replace(" on", ""); };
  }
  var path = window.location.pathname;
  for (var j = 0; j < items.length; j++) {
    var a = items[j].getElementsByTagName("a")[0];
    if (a && path.indexOf(a.getAttribute("data-col")) === 0) { items[j].className += " on"; }
  }
})();
var _paq = window._paq = window._paq || [];
_paq.push(["trackPageView"]); _paq.push(["enableLinkTracking"]);
(function () {
  var u = "/analytics/"; _paq.push(["setTrackerUrl", u + "collect"]); _paq.push(["setSiteId", "1"]);
  var d = document, g = d.createElement("script"), s = d.getElementsByTagName("script")[0];
  g.async = true; g.src = u + "track.js"; s.parentNode.insertBefore(g, s);
})();
(function () {
  var care = document.createElement("script"); care.src = "/assist/toolbar.js?v=3.2";
  care.charset = "utf-8"; document.body.appendChild(care);
})();
"""


@cache
def _blocks(site_name: str) -> tuple[str, str, str]:
    """(head insert, top of body, bottom of body) for one site; the same on every page, as a template is."""
    head = f'<style type="text/css">{_STYLE}</style>\n<script type="text/javascript">{_HEAD_SCRIPT}</script>\n'
    menu = []
    for i, (top, subs) in enumerate(_MENU.items()):
        links = "".join(f'<a href="/m{i}/s{j}/index.html" target="_blank">{s}</a>' for j, s in enumerate(subs))
        menu.append(f'<li><a href="/m{i}/index.html" data-col="/m{i}/">{top}</a><div class="pa-sub">{links}</div></li>')
    top = (
        '<div class="pa-toolbar"><div class="pa-wrap"><div class="pa-left">今天是：<span id="pa-date"></span>'
        '</div><div class="pa-right"><a href="javascript:void(0)" onclick="paSetHome(this, location.href)">设为首页</a>'
        f'<a href="javascript:void(0)" onclick="paAddFavorite(location.href, \'{site_name}\')">加入收藏</a>'
        '<a href="javascript:void(0)" id="pa-care">无障碍</a><a href="/m4/index.html">长者模式</a>'
        '<a href="/en/index.html">English</a></div></div></div>\n'
        '<div class="pa-banner"><div class="pa-wrap"><form class="pa-search" onsubmit="return paSearch(this)">'
        '<input type="text" name="q" placeholder="请输入关键词" /><button type="submit">搜索</button></form>'
        '</div></div>\n'
        f'<div class="pa-menu"><ul class="pa-wrap">{"".join(menu)}</ul></div>\n'
    )
    options = [f'<option value="/friend/{k}.html">{name}</option>' for k, name in enumerate(_FRIENDS)]
    national, local = "".join(options[:8]), "".join(options[8:])
    bottom = (
        '<div class="pa-links"><div class="pa-wrap">友情链接：'
        f'<select onchange="paJump(this)"><option value="">—— 国家及省级网站 ——</option>{national}</select>'
        f'<select onchange="paJump(this)"><option value="">—— 市直部门网站 ——</option>{local}</select>'
        '</div></div>\n'
        '<div class="pa-foot"><div class="pa-wrap"><img class="pa-logo" src="/images/dzjg.png" alt="党政机关" />'
        '<div class="pa-info"><a href="/about/sitemap.html">网站地图</a> | <a href="/about/privacy.html">隐私声明</a>'
        ' | <a href="/about/contact.html">联系我们</a> | <a href="/about/help.html">使用帮助</a></div>'
        '<div class="pa-care"><img src="/images/jiucuo.png" alt="政府网站找错" /><br />'
        '<img src="/images/care.png" alt="适老化无障碍服务" /></div><div class="pa-clear"></div></div></div>\n'
        f'<script type="text/javascript">{_TAIL_SCRIPT}</script>\n'
    )
    return head, top, bottom


_BODY_OPEN = re.compile(r"<body[^>]*>", re.I)


def dress(html: str, site_name: str) -> str:
    """``html`` inside the portal furniture (unchanged if it is not a whole page)."""
    head_end = html.find("</head>")
    body = _BODY_OPEN.search(html)
    body_end = html.rfind("</body>")
    if head_end < 0 or body is None or body_end < body.end():
        return html
    head, top, bottom = _blocks(site_name)
    return (html[:head_end] + head + html[head_end: body.end()] + "\n" + top + html[body.end(): body_end]
            + bottom + html[body_end:])

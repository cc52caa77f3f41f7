"""The JavaScript of the "jsapi" site: the list and homepage scripts, the request-signing helper, the portal helpers.

Written for this project in the manner of 集约化 government portals: every list page ships an empty container
and an inline script that reads its column id, page number and page size from script variables, hidden inputs
and ``data-`` attributes, requests the column's data endpoint and writes the items and a pager whose buttons
have no URL. Three columns, three client styles, as one platform accumulates them over the years:

* 警务动态: jQuery ``$.ajax`` POST of form fields (jQuery adds ``X-Requested-With``), a hand-written pager of
  ``<a href="javascript:void(0)" onclick="goPage(n)">`` links;
* 警情通报: ``fetch`` GET with query parameters, records carry only an id and the script builds the article
  URL from a template, a laypage-style pager (``href="javascript:;"`` + ``data-page``, one delegated handler);
* 基层动态: an API-gateway request built by ``GW.get`` in ``/static/js/gw-sign.min.js``: the parameters travel
  base64-encoded JSON, with a timestamp and an MD5 signature keyed by a secret inside that file, so the
  request cannot be derived from the page without running the scripts; ``<button>`` pager.

The homepage boxes come from one JSONP request (jQuery ``dataType: "jsonp"``). Placeholders are ``@@NAME@@``
(JavaScript uses ``$``, ``{}`` and ``%`` itself).
"""

from __future__ import annotations

#: ``/static/js/gw-sign.min.js``: MD5 (RFC 1321) and the signed GET of the API gateway. The secret is kept as
#: reversed character codes, as such files hide it; :func:`demoweb.sites.jsapi.gateway_sign` is the server side.
SIGN_JS = """/*! gw-sign v2.3.1 | portal api gateway client */
!function(w){"use strict";
var S=[7,12,17,22,5,9,14,20,4,11,16,23,6,10,15,21],K=[],i;
for(i=0;i<64;i++)K[i]=Math.floor(Math.abs(Math.sin(i+1))*4294967296)|0;
function ad(x,y){var l=(x&65535)+(y&65535);return((x>>16)+(y>>16)+(l>>16))<<16|l&65535}
function rl(n,c){return n<<c|n>>>32-c}
function md5(s){
 s=unescape(encodeURIComponent(s));
 var n=s.length,nw=((n+8>>6)+1)*16,W=[],j,o,a,b,c,d,f,g,r,t,A=1732584193,B=-271733879,C=-1732584194,D=271733878;
 for(j=0;j<nw;j++)W[j]=0;
 for(j=0;j<n;j++)W[j>>2]|=s.charCodeAt(j)<<j%4*8;
 W[n>>2]|=128<<n%4*8;W[nw-2]=n*8;
 for(o=0;o<nw;o+=16){
  a=A;b=B;c=C;d=D;
  for(j=0;j<64;j++){
   r=j>>4;
   if(r===0){f=b&c|~b&d;g=j}else if(r===1){f=d&b|~d&c;g=(5*j+1)%16}
   else if(r===2){f=b^c^d;g=(3*j+5)%16}else{f=c^(b|~d);g=7*j%16}
   t=d;d=c;c=b;b=ad(b,rl(ad(ad(a,f),ad(K[j],W[o+g])),S[r<<2|j&3]));a=t
  }
  A=ad(A,a);B=ad(B,b);C=ad(C,c);D=ad(D,d)
 }
 var h="",v=[A,B,C,D],k;
 for(j=0;j<4;j++)for(k=0;k<4;k++)h+=("0"+(v[j]>>>k*8&255).toString(16)).slice(-2);
 return h
}
var _s=[@@SECRET_CODES@@].reverse(),sk=String.fromCharCode.apply(null,_s);
function q(p){var d=btoa(JSON.stringify(p)),t=String(Date.now());
 return"data="+encodeURIComponent(d)+"&t="+t+"&sign="+md5(d+t+sk)}
w.GW={md5:md5,get:function(u,p,ok,fail){
 var x=new XMLHttpRequest;x.open("GET",u+"?"+q(p),!0);
 x.setRequestHeader("Accept","application/json");
 x.onreadystatechange=function(){if(x.readyState!==4)return;
  if(x.status===200){try{ok(JSON.parse(x.responseText))}catch(e){fail&&fail(e)}}else fail&&fail(x.status)};
 x.send(null)}}
}(window);
"""

#: ``/static/js/portal.js``: today's date, the scrolling notice list, the visitor counter (furniture requests).
PORTAL_JS = """/* portal.js: common behaviour of every page */
(function () {
  var el = document.getElementById("today");
  if (el) {
    var d = new Date(), week = "日一二三四五六";
    el.innerHTML = "今天是：" + d.getFullYear() + "年" + (d.getMonth() + 1) + "月" + d.getDate() + "日 星期" + week.charAt(d.getDay());
  }
  var box = document.getElementById("noticeScroll");
  if (box) {
    var ul = box.getElementsByTagName("ul")[0], paused = false;
    box.onmouseover = function () { paused = true; };
    box.onmouseout = function () { paused = false; };
    setInterval(function () {
      if (!paused && ul && ul.children.length > 1) { ul.appendChild(ul.children[0]); }
    }, 3000);
  }
  if (window.jQuery) {
    jQuery.getJSON("/cms-api/front/visit/count", {siteId: "@@SITE_ID@@"}, function (res) {
      if (res && res.code === 200) { jQuery("#visitCount").text(res.data.total); }
    });
  }
})();
function setFont(size) { var z = document.getElementById("zoom"); if (z) { z.style.fontSize = size + "px"; } }
"""

#: 警务动态 list: jQuery POST, pager of onclick links
LIST_AJAX_JS = """<script type="text/javascript">
var SITE_ID = "@@SITE_ID@@";
var ctx = "";
var listApi = ctx + "@@API@@";
var channelId = $("#channelId").val();
var pageSize = parseInt($("#newsList").attr("data-page-size"), 10) || 15;
var curPage = 1, totalPage = 1;

function fmtDate(ms) {
  var d = new Date(ms + 8 * 3600 * 1000);
  var m = d.getUTCMonth() + 1, day = d.getUTCDate();
  return d.getUTCFullYear() + "-" + (m < 10 ? "0" + m : m) + "-" + (day < 10 ? "0" + day : day);
}

function loadList(pageNo) {
  $.ajax({
    url: listApi,
    type: "POST",
    dataType: "json",
    data: {siteId: SITE_ID, channelId: channelId, pageNo: pageNo, pageSize: pageSize},
    success: function (res) {
      if (res.code !== 200) {
        $("#newsList").html('<li class="empty">' + res.msg + '</li>');
        return;
      }
      var d = res.data, html = [];
      $.each(d.list, function (i, r) {
        html.push('<li><a href="' + r.docPubUrl + '" target="_blank" title="' + r.docTitle + '">' + r.docTitle +
                  '</a><span class="date">' + fmtDate(r.pubDate) + '</span></li>');
      });
      $("#newsList").html(html.length ? html.join("") : '<li class="empty">暂无信息</li>');
      curPage = d.pageNo;
      totalPage = d.pages;
      renderPager(d.total);
    },
    error: function () {
      $("#newsList").html('<li class="empty">数据加载失败，请稍后再试！</li>');
    }
  });
}

function pageLink(n, label) {
  return '<a href="javascript:void(0)" onclick="goPage(' + n + ')">' + label + '</a>';
}

function renderPager(total) {
  var h = '<span class="total">共' + total + '条&nbsp;第' + curPage + '/' + totalPage + '页</span>';
  h += pageLink(1, "首页") + pageLink(curPage - 1, "上一页");
  for (var i = Math.max(1, curPage - 2); i <= Math.min(totalPage, curPage + 2); i++) {
    h += i === curPage ? '<a href="javascript:void(0)" class="cur">' + i + '</a>' : pageLink(i, i);
  }
  h += pageLink(curPage + 1, "下一页") + pageLink(totalPage, "尾页");
  h += '<span class="jump">转到<input type="text" id="jumpNo" size="2" />页' +
       '<a href="javascript:void(0)" onclick="goPage(parseInt(document.getElementById(\\'jumpNo\\').value, 10))">GO</a></span>';
  $("#pager").html(h);
}

function goPage(n) {
  if (isNaN(n) || n < 1 || n > totalPage || n === curPage) { return; }
  loadList(n);
  window.scrollTo(0, 0);
}

$(function () { loadList(1); });
</script>"""

#: 警情通报 list: fetch GET, id-only records, laypage-style pager
LIST_FETCH_JS = """<script type="text/javascript">
(function () {
  var box = document.getElementById("infoList");
  var columnCode = box.getAttribute("data-column");
  var rows = Number(box.getAttribute("data-rows")) || 10;
  var api = "@@API@@";
  var detailTpl = "@@DETAIL_TPL@@";
  var current = 1;

  function detailUrl(item) {
    return detailTpl.replace("{code}", columnCode).replace("{id}", item.id);
  }

  function renderPages(totalPage) {
    var el = document.getElementById("laypage"), h = '<div class="layui-box layui-laypage">';
    h += '<a href="javascript:;" class="layui-laypage-prev' + (current === 1 ? ' layui-disabled' : '') +
         '" data-page="' + (current - 1) + '">上一页</a>';
    for (var i = 1; i <= totalPage; i++) {
      h += i === current ? '<span class="layui-laypage-curr"><em>' + i + '</em></span>'
                         : '<a href="javascript:;" data-page="' + i + '">' + i + '</a>';
    }
    h += '<a href="javascript:;" class="layui-laypage-next' + (current === totalPage ? ' layui-disabled' : '') +
         '" data-page="' + (current + 1) + '">下一页</a>';
    el.innerHTML = h + '<span class="layui-laypage-count">共 ' + totalPage + ' 页</span></div>';
  }

  function load(page) {
    var url = api + "?columnCode=" + encodeURIComponent(columnCode) + "&page=" + page + "&rows=" + rows;
    fetch(url, {method: "GET", headers: {"Accept": "application/json"}, credentials: "same-origin"})
      .then(function (resp) { return resp.json(); })
      .then(function (res) {
        if (!res.success) {
          box.innerHTML = '<p class="empty">' + res.message + '</p>';
          return;
        }
        var html = '<table class="info-table"><thead><tr><th>标题</th><th class="time">发布日期</th></tr></thead><tbody>';
        res.rows.forEach(function (item) {
          html += '<tr><td class="title"><a href="' + detailUrl(item) + '" target="_blank">' + item.infoTitle +
                  '</a></td><td class="time">' + item.publishTime.substring(0, 10) + '</td></tr>';
        });
        box.innerHTML = html + '</tbody></table>';
        current = res.currentPage;
        renderPages(res.totalPage);
      })
      .catch(function () { box.innerHTML = '<p class="empty">数据加载失败</p>'; });
  }

  document.getElementById("laypage").addEventListener("click", function (e) {
    var a = e.target.closest("a[data-page]");
    if (!a || a.className.indexOf("layui-disabled") >= 0) { return; }
    e.preventDefault();
    load(Number(a.getAttribute("data-page")));
  });
  load(current);
})();
</script>"""

#: 基层动态 list: signed gateway request (GW.get), cards, <button> pager
LIST_SIGNED_JS = """<script type="text/javascript" src="/static/js/gw-sign.min.js"></script>
<script type="text/javascript">
var JCDT = {
  cid: "@@CID@@",
  size: @@SIZE@@,
  page: 1,
  go: function (n) {
    var self = this;
    GW.get("@@API@@", {cid: this.cid, pageNo: n, pageSize: this.size}, function (res) {
      if (res.status !== 0) { document.getElementById("jcdtList").innerHTML = '<p class="empty">' + res.message + '</p>'; return; }
      var r = res.result, html = "";
      for (var i = 0; i < r.items.length; i++) {
        var it = r.items[i];
        html += '<div class="card"><h4><a href="' + it.url + '" target="_blank">' + it.title + '</a></h4>' +
                '<p class="meta"><span>' + it.deptName + '</span><span>' + it.createTime + '</span></p></div>';
      }
      document.getElementById("jcdtList").innerHTML = html;
      self.page = r.pageNo;
      self.pager(Math.ceil(r.count / r.pageSize));
    }, function () {
      document.getElementById("jcdtList").innerHTML = '<p class="empty">数据加载失败</p>';
    });
  },
  pager: function (pages) {
    var h = "";
    if (this.page > 1) { h += '<button type="button" class="pg-btn" onclick="JCDT.go(' + (this.page - 1) + ')">上一页</button>'; }
    for (var i = 1; i <= pages; i++) {
      h += '<button type="button" class="pg-btn' + (i === this.page ? ' active' : '') + '" onclick="JCDT.go(' + i + ')">' + i + '</button>';
    }
    if (this.page < pages) { h += '<button type="button" class="pg-btn" onclick="JCDT.go(' + (this.page + 1) + ')">下一页</button>'; }
    document.getElementById("jcdtPager").innerHTML = h;
  }
};
JCDT.go(1);
</script>"""

#: homepage news boxes: one JSONP request for every box on the page
HOME_BOXES_JS = """<script type="text/javascript">
$(function () {
  function cut(s, n) { return s.length > n ? s.substring(0, n) + "…" : s; }
  var ids = $(".box-list").map(function () { return $(this).attr("data-box"); }).get().join(",");
  $.ajax({
    url: "@@API@@",
    dataType: "jsonp",
    jsonp: "callback",
    data: {boxIds: ids, num: @@NUM@@},
    success: function (res) {
      $.each(res.data, function (i, box) {
        var html = "";
        $.each(box.items, function (j, it) {
          html += '<li><a href="' + it.linkUrl + '" target="_blank" title="' + it.title + '">' + cut(it.title, 24) +
                  '</a><span>' + it.showDate + '</span></li>';
        });
        $('.box-list[data-box="' + box.boxId + '"]').html(html);
      });
    }
  });
});
</script>"""

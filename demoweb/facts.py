"""Fact tables describing each simulated police bureau (names, places, footer data).

All place and unit names are used only to fill the text templates in
:mod:`demoweb.content`; the news texts themselves are invented.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Locale:
    """Everything site-specific the text generator and the page footers need."""

    bureau: str  # "晋城市公安局"
    city: str  # "晋城市"
    scope: str  # "全市" / "全县"
    we: str  # "我市" / "我县"
    places: tuple[str, ...]  # districts / counties (or towns for a county site)
    stations: tuple[str, ...]  # 派出所
    units: tuple[str, ...]  # 支队 / 大队
    roads: tuple[str, ...]
    communities: tuple[str, ...]
    schools: tuple[str, ...]
    area_code: str  # telephone area code, "0356"
    address: str
    phone: str
    icp: str
    beian: str  # 公网安备 number (digits only)
    beian_prefix: str  # "晋公网安备"
    site_code: str  # 网站标识码, 10 digits
    domain: str


JINCHENG = Locale(
    bureau="晋城市公安局",
    city="晋城市",
    scope="全市",
    we="我市",
    places=("城区", "泽州县", "高平市", "阳城县", "陵川县", "沁水县", "开发区"),
    stations=(
        "北石店派出所", "西街派出所", "东街派出所", "南街派出所", "钟家庄派出所",
        "巴公派出所", "北留派出所", "米山派出所", "润城派出所", "崇文派出所",
    ),
    units=("交警支队", "刑侦支队", "治安支队", "禁毒支队", "网安支队", "反诈中心", "巡特警支队"),
    roads=("泽州路", "凤台街", "红星街", "太行路", "迎宾街", "兰花路", "书院街", "黄华街"),
    communities=("凤台社区", "景西社区", "白马社区", "书院社区", "钟家庄社区", "晓庄社区", "西上庄社区"),
    schools=("市实验小学", "凤台小学", "市第二中学", "晋城职业技术学院", "泽州县第一中学", "市第五中学"),
    area_code="0356",
    address="山西省晋城市城区凤台西街1288号",
    phone="0356-2196110",
    icp="晋ICP备05001036号",
    beian="14050002000024",
    beian_prefix="晋公网安备",
    site_code="1405000052",
    domain="gaj.jcgov.gov.cn",
)

ANJI = Locale(
    bureau="安吉县公安局",
    city="安吉县",
    scope="全县",
    we="我县",
    places=(
        "递铺街道", "昌硕街道", "灵峰街道", "孝丰镇", "天荒坪镇", "梅溪镇",
        "天子湖镇", "鄣吴镇", "杭垓镇", "报福镇", "溪龙乡", "上墅乡",
    ),
    stations=("递铺派出所", "昌硕派出所", "灵峰派出所", "孝丰派出所", "梅溪派出所", "天荒坪派出所", "天子湖派出所"),
    units=("交警大队", "刑侦大队", "治安大队", "禁毒大队", "网安大队", "反诈中心", "巡特警大队"),
    roads=("胜利西路", "昌硕东路", "天目路", "浦源大道", "灵峰大道", "递铺北路", "阳光大道"),
    communities=("塘浦社区", "古城社区", "凤凰社区", "胜利社区", "城北社区", "南庄社区"),
    schools=("县实验小学", "昌硕高级中学", "县职业教育中心", "天略外国语学校", "递铺第一小学"),
    area_code="0572",
    address="浙江省湖州市安吉县递铺街道天目路388号",
    phone="0572-5126110",
    icp="浙ICP备05017635号",
    beian="33052302000117",
    beian_prefix="浙公网安备",
    site_code="3305230012",
    domain="www.ajgaj.gov.cn",
)

JIANGZHOU = Locale(
    bureau="江州市公安局",
    city="江州市",
    scope="全市",
    we="我市",
    places=("浔东区", "湖滨区", "城西区", "经开区", "永宁县", "丰安县", "石溪县", "桃源县"),
    stations=("湖滨派出所", "浔东派出所", "城西派出所", "滨江派出所", "永宁派出所", "丰安派出所", "石溪派出所"),
    units=("交警支队", "刑侦支队", "治安支队", "禁毒支队", "网安支队", "反诈中心", "出入境管理支队"),
    roads=("长虹大道", "浔阳路", "滨江路", "庐峰路", "九龙街", "湖滨路", "塔岭路"),
    communities=("滨江社区", "湖畔社区", "塔岭社区", "新港社区", "长虹社区", "十里社区"),
    schools=("市第一中学", "湖滨小学", "江州职业技术学院", "浔东实验学校", "市第三中学"),
    area_code="0792",
    address="江西省江州市湖滨区长虹大道116号",
    phone="0792-8226110",
    icp="赣ICP备12003517号",
    beian="36040202000138",
    beian_prefix="赣公网安备",
    site_code="3604000021",
    domain="gaj.jiangzhou.gov.cn",
)

QINGLAN = Locale(
    bureau="青岚市公安局",
    city="青岚市",
    scope="全市",
    we="我市",
    places=("东湖区", "西岭区", "青岚新区", "白河县", "松溪县", "云台县", "高新区"),
    stations=("东湖派出所", "湖心派出所", "西岭派出所", "新城派出所", "白河派出所", "松溪派出所", "云台派出所",
              "站前派出所"),
    units=("交警支队", "刑侦支队", "治安支队", "禁毒支队", "网安支队", "反诈中心", "巡特警支队"),
    roads=("青岚大道", "湖滨东路", "西岭路", "松溪路", "建设北路", "云台街", "白河大道"),
    communities=("湖心社区", "望岚社区", "西岭社区", "新桥社区", "站前社区", "松韵社区"),
    schools=("市第一中学", "东湖小学", "青岚职业技术学院", "西岭实验学校", "市第四中学"),
    area_code="0749",
    address="青岚市东湖区青岚大道268号",
    phone="0749-2286110",
    icp="湘ICP备13004521号",
    beian="43010202000288",
    beian_prefix="湘公网安备",
    site_code="4301000036",
    domain="gaj.qinglan.gov.cn",
)

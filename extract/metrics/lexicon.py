"""Word lists of police statistics: measure words, verbs, subjects and adverbs that frame a figure.

They encode how bulletins are written, not any one bulletin: a measure word list from Chinese grammar,
the verbs of police work (破获, 抓获, 查处 …), and the subjects/adverbs an indicator is stripped of.
"""

from __future__ import annotations

#: measure words, longest first so 人次 wins over 人; money is handled separately (元, 万元, 亿元)
UNITS = sorted(
    "起 宗 名 人次 人 个 家次 家 条 次 场次 场 件 户次 户 张 台次 台 部 辆次 辆 架次 架 艘次 艘 轮次 期 天 把 枚 支 发 副 块 套 箱 份 吨 "
    "千克 公斤 克 粒 笔 处 所 间 座 只 头 匹 批 项 串 斤 亩 平方米 公里 千米 单 封 本 册 盒 袋 瓶 包 桶 株 棵 "
    "万元 亿元 元 个百分点 %".split(),
    key=len, reverse=True,
)
MONEY = {"元": 1, "万元": 10_000, "亿元": 100_000_000}

#: verbs that govern a counted object (the "number before object" reading needs them)
VERBS = frozenset(
    "破获 侦破 抓获 抓捕 刑拘 刑事拘留 拘留 逮捕 查获 查处 查扣 扣押 扣留 查封 冻结 止付 收缴 缴获 缴收 没收 销毁 捣毁 打掉 摧毁 "
    "打击 处理 处罚 惩戒 惩处 劝阻 预警 拦截 挽回 返还 追回 追缴 发还 清退 接到 接报 受理 办理 办结 发放 印发 张贴 悬挂 "
    "设立 设置 建立 建成 成立 组建 组织 开展 举办 召开 培养 培训 发动 动员 走访 入户 上门 推动 推送 发送 拨打 下发 "
    "出动 检查 排查 整治 整改 消除 化解 调解 救助 帮助 解救 找回 救出 服务 采集 录入 注销 补录 更正 新增 注册 签订 "
    "覆盖 防止 避免 挽救 接待 回访 核查 核实 立 发生 造成 涉及 侦办 移送 起诉 判处 督办 通报 曝光 约谈 警示 提醒 宣讲 "
    "宣传 授课 培训 指导 协助 协调 配合 保障 护送 疏导 救援 接处 处置 接警 出警 接收 收到 收集 摸排 清查 盘查 "
    "查验 核录 比对 布控 追踪 侦查 审查 讯问 询问 约束 处警 安装 更换 维修 投入 增设 配备 配发 培育 吸纳 招募 "
    "发展 聘请 聘任 选派 派出 抽调 评选 表彰 奖励 兑现 下达 落实 完成 实现 达到 减少 增加 挽损 阻断 封堵 关停 "
    "删除 处置 清理 查询 受骗 被骗 报警 播放 罚没 劝返 接受 劝导 纠正 上交 提供 创建 比对 分析 深入 帮助 下载 "
    "投放 张贴 刊播 推出 开通 上线 走进 进入 进驻 慰问 看望 接待 答复 回复 解答 开具 签发 审批 换发 补发 "
    "登记 备案 年检 检验 考试 考核 约谈 走访 巡查 巡逻 盘查 清查 整顿 取缔 关闭 封停 收容 遣返 移交 吸收 "
    "动员 招录 录用 引进 培育 命名 授予 评定 认定 确认 核准 批准 许可 接听 参与 参加 组建 吸纳 告破 立案 "
    "停止 现身 戒毒 隔离 教育 收戒 管控 社区戒毒 发现 破案 深挖 查明 骗取 收押 惠及 设置 接报 通报 发布 "
    "举报 核查 查办 承办 审结 捣毁 铲除 堵截 截获 拦停 劝离 疏散 转移 安置 慰问 排查整改 整改 发案 查缉 检查 盘查 "
    "挂牌 挂账 启动 展出 缴毒 观看 收制 劝返 破 暂扣 吊销 注销 追回 判决 宣判 发起 遣送".split()
)

#: subjects and places that open a clause but are not part of what is counted
SUBJECTS = sorted(
    "全市公安机关 市县两级公安机关 全县公安机关 全区公安机关 全省公安机关 全国公安机关 各级公安机关 公安机关 全市各级 "
    "全局 全市 我市 全县 我县 全区 我区 全省 我省 全州 全盟 全国 该省 该市 该县 该区 各地 各单位 警方 民警 辅警 我局 本局 市局 "
    "市公安局 县公安局 区公安局 分局 交警部门 交警支队 交警大队 市反诈中心 反诈中心 该局 该所 该团伙".split(),
    key=len, reverse=True,
)
#: the guideline's adverbs and particles (indicators keep others, e.g. 主动上交枪支)
ADVERBS = sorted(
    "共计 累计 合计 总计 先后 目前已 已经 已 成功 依法 分别 同时 还 并 此外 其中 共 一共 均 另 另外 "
    "目前 现已 当天 当日 每日 每天 每晚 每周 每月 累积 陆续 相继 一举 现场 当场 及时 立即 迅速 随即 第一时间 又".split(),
    key=len, reverse=True,
)
#: organisations that open a clause as its subject (X市公安局, 信州分局, 车管所, 交警支队 …)
ORG_SUFFIX = ("公安局", "公安分局", "分局", "派出所", "支队", "大队", "中队", "部门", "管理所", "车管所", "反诈中心",
              "指挥中心", "交警", "民警", "辅警", "警方", "检查站", "看守所", "拘留所", "戒毒所", "警务站", "监管场所",
              "服务台", "公安机关", "机关", "单位", "公安窗口", "服务窗口", "政务窗口", "接待大厅", "服务大厅", "办证大厅")
#: words between an object and its number: 涉案金额高达300余万元, 破案率达到95.6%
LINKS = sorted("高达 多达 达到 达 约为 共计 累计 合计 总计 共 了 约 近 超过 超 逾 将近 接近 仅 均 分别为 分别达到 分别是 分别 有".split(),
               key=len, reverse=True)
#: words that end the noun phrase after a number (设立9.2万个街面宣传点位全方位…, 劝阻3.4万群众免于被骗)
NP_STOPS = ("安全有序", "平安有序", "安全顺利", "平稳有序", "顺利举行", "免于", "免遭", "被骗", "被", "全方位", "在内", "参加", "参与", "接受", "受到", "得到", "落实", "开展",
            "进行", "实施", "获得", "签订", "成功", "及时", "停止", "现身", "次", "后", "均已", "均")
#: adverbs after which a subject phrase ends: 96110专线共接听…, 各地在大街小巷累计设立…
SUBJECT_END_ADVERBS = ("共计", "累计", "先后", "成功", "依法", "共", "已")
#: prepositions that put the counted noun inside a verb phrase: 向1001名群众发出预警, 为3000名群众提供服务
PREPOSITIONS = ("向", "为", "对", "给")
APPROX_BEFORE = ("超过", "将近", "接近", "大约", "约", "近", "超", "逾")
APPROX_AFTER = ("左右", "以上", "上下")
#: places for 其中 breakdowns
PLACE_SUFFIX = ("县局", "区局", "市", "县", "区", "镇", "乡", "街道", "村", "社区", "分局", "派出所", "旗", "州", "开发区", "新区")

"""The default category tree a county starts from (and edits): the usual headings of grid events
and 12345 demands, with the keywords that classify a hotline demand whose type matches no name."""

from __future__ import annotations

# (code, name, urgency, keywords, [(code, name, urgency, keywords), ...])
DEFAULT_TREE: list[tuple[str, str, str, str, list[tuple[str, str, str, str]]]] = [
    (
        "01",
        "城市管理",
        "normal",
        "城管 市容",
        [
            ("0101", "占道经营", "normal", "占道 摆摊 流动摊贩 店外经营"),
            ("0102", "乱堆乱放", "normal", "堆放 杂物 建筑垃圾"),
            ("0103", "违章搭建", "normal", "违建 私搭乱建 违章建筑 加盖"),
            ("0104", "垃圾清运", "urgent", "垃圾 清运 垃圾桶 满溢 环卫"),
        ],
    ),
    (
        "02",
        "市政设施",
        "normal",
        "市政",
        [
            ("0201", "道路破损", "normal", "路面 坑洼 破损 塌陷 井盖"),
            ("0202", "路灯照明", "normal", "路灯 不亮 照明"),
            ("0203", "供排水", "urgent", "停水 漏水 水管 下水道 堵塞 积水 污水"),
        ],
    ),
    (
        "03",
        "安全隐患",
        "urgent",
        "安全 隐患",
        [
            ("0301", "消防安全", "emergency", "消防 通道 堵塞 电动车 充电 飞线 火灾"),
            ("0302", "房屋安全", "urgent", "危房 裂缝 墙体 脱落"),
            ("0303", "地质灾害", "emergency", "滑坡 落石 塌方 山洪"),
        ],
    ),
    (
        "04",
        "生态环境",
        "normal",
        "环境",
        [
            ("0401", "噪声扰民", "normal", "噪音 噪声 扰民 施工 广场舞"),
            ("0402", "油烟污染", "normal", "油烟 烧烤"),
            ("0403", "河道污染", "urgent", "河道 排污 水质"),
        ],
    ),
    (
        "05",
        "民生服务",
        "normal",
        "民生",
        [
            ("0501", "邻里纠纷", "normal", "纠纷 邻里 吵架 矛盾"),
            ("0502", "物业管理", "normal", "物业 电梯 小区 停车"),
            ("0503", "困难帮扶", "urgent", "困难 低保 救助 独居老人"),
        ],
    ),
    ("99", "其他", "low", "", []),
]
FALLBACK_CODE = "99"

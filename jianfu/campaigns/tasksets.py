"""Task templates (任务模板) a county generates each township's 工作台账 from.

Wording from seed 000 (the county and township plans' 主要任务): each template is one line of work
with a few standard tasks.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class TaskSet:
    key: str
    title: str
    tasks: tuple[str, ...]


TASKSETS: tuple[TaskSet, ...] = (
    TaskSet(
        "certificates",
        "清理证明事项",
        (
            "全面清理职能部门要求社区出具的各类证明，列出保留证明事项清单",
            "对可通过部门间核查或网上核验的证明一律取消",
            "对无法核实的证明事项推行个人书面承诺（告知承诺）",
        ),
    ),
    TaskSet(
        "plaques",
        "规范挂牌",
        (
            "社区办公服务场所外只悬挂社区党组织、居民委员会牌子",
            "对职能部门在社区设立的工作机构和加挂的牌子，能整合的一律整合，能取消的一律取消",
            "清理室内上墙制度，有条件的采用电子屏集中展现",
        ),
    ),
    TaskSet(
        "meetings",
        "整治文山会海",
        (
            "精简社区参加的各类会议和活动，乡镇部门召开社区会议须经主要领导批准",
            "大幅减少社区填写台账、报送材料等事务性工作，纸质台账压减一半",
            "整合各党政群机构要求社区填报的各类表格，制定社区填报表格清单",
        ),
    ),
    TaskSet(
        "apps",
        "清理政务APP/工作群",
        (
            "清理整合面向社区的微信工作群",
            "清理整合面向社区的政务APP和信息系统，不再单设社区端口",
        ),
    ),
    TaskSet(
        "evaluations",
        "规范考核评比",
        (
            "全面清理面向社区的创建达标、检查评比项目，无依据的一律取消",
            "由乡镇对社区工作实行综合考核，取消对社区的“一票否决”事项（保留事项除外）",
            "建立以居民群众满意度为主要评价标准的社区考核机制",
        ),
    ),
)
BY_KEY = {t.key: t for t in TASKSETS}

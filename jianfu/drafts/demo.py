"""Demo drafts for 汉阴县 (610921): department and township notices in every state of the review,
one with several clauses that push work down to villages and communities.

Idempotent: skipped when any draft exists in 汉阴县.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from jianfu.orgs.models import User

from . import actions
from .models import Draft

COUNTY = "610921"

HEALTH = """关于做好2026年65岁以上老年人健康管理服务工作的通知
各镇人民政府，县直有关单位：
为做好2026年国家基本公共卫生服务老年人健康管理工作，现将有关事项通知如下。
一、工作目标
全县65岁以上老年人健康管理率达到72%以上，健康体检表完整率达到95%以上。
二、职责分工
（一）县卫生健康局负责组织实施，制定工作方案，开展业务培训和督导考核。
（二）各镇卫生院负责开展体检，建立健全老年人健康档案。
（三）各村（居）委会须于每月5日前将本村（社区）65岁以上老年人花名册及体检台账报送镇卫生院。
（四）各社区要明确1名专职人员负责老年人体检工作，网格员每周入户核查未体检老年人情况并填写入户核查登记表。
（五）村民小组长负责通知本组老年人按时参加体检，不得漏报、瞒报。
三、工作要求
各镇要高度重视，于3月31日前将工作方案报县卫生健康局。县卫生健康局将每季度对各镇工作开展情况进行督导，督导结果纳入年度目标责任考核。
"""

PENSION = """关于开展2026年城乡居民基本养老保险待遇领取资格认证工作的通知
各镇人民政府：
根据省人社厅统一部署，现就2026年城乡居民养老保险待遇领取资格认证工作通知如下。
一、认证方式
以“静默认证”为主，通过公安、卫健、民政等部门数据比对完成认证；数据比对无法认证的，由本人通过“陕西养老保险”APP进行人脸识别认证。
二、工作安排
（一）由村（社区）为无法自助认证的人员出具生存证明，并于每月20日前报镇社保站。
（二）各村（居）委会要建立待遇领取人员认证台账，实行一人一档。
（三）县社保中心负责认证数据的汇总、核查和待遇发放，不得要求参保人员重复提供证明材料。
"""

FLOOD = """关于召开2026年城关镇防汛工作会议的通知
镇属各单位：
经研究，定于5月8日上午9时在镇政府三楼会议室召开全镇防汛工作会议，现将有关事项通知如下。
一、参会人员：镇党政班子成员，镇应急办、水利站、派出所负责人。
二、会议内容：总结2025年防汛工作，安排部署2026年防汛任务。
三、请参会人员提前10分钟到会签到，不得无故缺席。
"""

PARTY = """关于开展2026年党员信息采集更新工作的通知
各村（社区）党组织：
为加强党员队伍管理，根据县委组织部统一安排，现开展党员信息采集更新工作。
一、各村（社区）党组织要安排专人负责本支部党员信息采集，于6月30日前通过全国党员管理信息系统完成信息更新。
二、镇党建办负责业务指导和审核，对信息不全的及时反馈。
"""

FOUND = """关于建立村级卫生健康工作台账的通知
各镇卫生院，各村（社区）：
为规范村级卫生健康工作，现要求如下：
一、各村（社区）要建立健康教育、爱国卫生、计划生育等8类工作台账，每月更新，县卫生健康局每季度检查一次。
二、各村（社区）要在村委会办公场所悬挂“卫生健康服务站”标牌。
"""


def _day(days: int) -> str:
    return (timezone.localdate() + dt.timedelta(days=days)).isoformat()


@transaction.atomic
def load() -> None:
    names = ["wjj", "rsj", "chengguan", "mzj", "zzb"]
    users = {u.username: u for u in User.objects.filter(username__in=names, is_active=True)}
    if len(users) < len(names) or Draft.objects.within(COUNTY).exists():
        return

    def submit(user: str, title: str, text: str, affairs: str = "government", days: int = 15) -> Draft:
        data = {"title": title, "affairs": affairs, "issue_date": _day(days), "text": text}
        return actions.do_submit_draft(actor=users[user], data=data)

    # Waiting for 民政局: four clauses push forms, ledgers, a named staff member and home visits down.
    submit("wjj", HEALTH.split("\n", 1)[0], HEALTH)
    # Returned by 民政局: a 生存证明 the lists do not carry, and a ledger.
    pension = submit("rsj", PENSION.split("\n", 1)[0], PENSION, days=20)
    actions.do_review_draft(
        pension,
        actor=users["mzj"],
        decision="return",
        opinion="第二部分（一）要求村（社区）出具生存证明，不在本县证明事项清单内，且可通过部门数据比对核验，请删除；"
        "（二）认证台账由县社保中心建立，不得转嫁村（居）委会。修改后重新报审。",
    )
    # Passed and issued: a township meeting notice that binds no community.
    flood = submit("chengguan", FLOOD.split("\n", 1)[0], FLOOD, days=5)
    actions.do_review_draft(flood, actor=users["mzj"], decision="pass", opinion="未发现涉及社区的工作事项。")
    actions.do_issue_draft(flood, actor=users["chengguan"], issued_on=_day(5), doc_number="城政发〔2026〕12号")
    # Party affairs, reviewed by 组织部 and passed with conditions.
    party = submit("chengguan", PARTY.split("\n", 1)[0], PARTY, affairs="party", days=10)
    actions.do_review_draft(
        party,
        actor=users["zzb"],
        decision="pass_conditions",
        conditions="党员信息采集属组织部清单内事项（党组织工作），可以印发；删除“安排专人负责”，由支部书记统筹。",
    )
    # Found issued without any review: reported to supervision.
    actions.do_report_issued_document(
        actor=users["mzj"],
        data={
            "org": users["wjj"].org.code if users["wjj"].org else "",
            "title": FOUND.split("\n", 1)[0],
            "affairs": "government",
            "issued_on": _day(-12),
            "doc_number": "汉卫发〔2026〕7号",
            "reason": "东关社区反映收到该通知，经查未报民政局审核即印发。",
            "text": FOUND,
        },
    )

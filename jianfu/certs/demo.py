"""Demo data of 汉阴县: 告知承诺书 templates, two communities' certificate registers (issued,
refused, one demand reported), seal logs with one use outside the scope, and commitments."""

from __future__ import annotations

import datetime as dt
import random

from django.db import transaction
from django.utils import timezone

from jianfu.orgs.choices import Role
from jianfu.orgs.models import Org, User

from . import actions, selectors
from .crypto import check_char
from .models import Certificate, CommitmentTemplate

COUNTY = "610921"
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
GIVEN = ["秀兰", "建国", "玉梅", "德明", "桂英", "志强", "海燕", "春生", "丽华", "永福", "小红", "国庆"]
PURPOSES = {
    "ZM-01": ["办理子女入学", "申领居住证", "办理医保转移"],
    "ZM-08": ["办理生育登记", "申领独生子女父母奖励"],
    "ZM-09": ["申请创业担保贷款", "申领就业补贴"],
    "ZM-13": ["学校志愿服务时长认定", "评优材料"],
}
AGENCIES = ["汉阴县人力资源和社会保障局", "汉阴县城关小学", "中国农业银行汉阴支行", "汉阴县医疗保障局"]
TEMPLATES = [
    ("ZM-01", "居住情况告知承诺书", "汉阴县公安局（户籍、居住证信息核查）"),
    ("ZM-09", "就业情况告知承诺书", "汉阴县人力资源和社会保障局"),
    ("ZJ-02", "房屋产权情况告知承诺书", "汉阴县不动产登记中心"),
]
BODY = (
    "本人承诺：\n一、本人所述{what}情况真实、准确、完整；\n二、本人知晓办事单位将通过部门间核查等方式核实；\n"
    "三、如承诺不实，本人愿承担相应法律责任，并同意记入个人信用记录。"
)


def _id(rng: random.Random) -> str:
    first = f"610921{rng.randint(1950, 2005)}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}{rng.randint(100, 999)}"
    return first + check_char(first)


def _name(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + rng.choice(GIVEN)


@transaction.atomic
def load() -> None:
    """Idempotent: skipped when 汉阴县 already has certificates or templates."""
    county = Org.objects.filter(code=COUNTY).first()
    if county is None or CommitmentTemplate.objects.filter(org=county).exists():
        return
    if Certificate.objects.within(COUNTY).exists():
        return
    owner = User.objects.filter(org__code=f"{COUNTY}D02", role=Role.LIST_OWNER).first()  # 县民政局
    if owner is None or not selectors.allowed_certificates(county).exists():
        return
    for code, title, verifier in TEMPLATES:
        what = title.removesuffix("告知承诺书")
        actions.do_save_template(
            county,
            actor=owner,
            data={"item_code": code, "title": title, "body": BODY.format(what=what), "verifier": verifier},
        )
    rng = random.Random(12)
    today = timezone.localdate()
    agencies = list(selectors.agencies(county))
    rsj = next((a for a in agencies if "人力资源" in a.name), None)
    workers = User.objects.filter(
        role=Role.COMMUNITY_WORKER, org__region_code__in=[f"{COUNTY}100001", f"{COUNTY}101201"]
    )
    for worker in workers:
        community = worker.org
        assert community is not None
        codes = [c for c in PURPOSES if selectors.allowed_certificates(community).filter(code=c).exists()]
        for i in range(24):
            code = rng.choice(codes)
            actions.do_issue_certificate(
                community,
                actor=worker,
                data={
                    "item_code": code,
                    "resident_name": _name(rng),
                    "id_number": _id(rng),
                    "purpose": rng.choice(PURPOSES[code]),
                    "agency": rng.choice(AGENCIES),
                    "seal": "committee",
                    "issued_on": today - dt.timedelta(days=3 + i * 7),
                },
            )
        refused = actions.do_record_refusal(
            community,
            actor=worker,
            data={
                "request": "无犯罪记录证明",
                "rule": "forbidden",
                "item_code": "ZJ-01",
                "agency_org": rsj.pk if rsj else "",
            },
        )
        actions.do_record_refusal(
            community,
            actor=worker,
            data={"request": "证明邻居家漏水与我无关", "rule": "unlisted", "agency": "某物业公司"},
        )
        if rsj is not None:
            actions.do_report_refusal(refused, actor=worker)
        actions.do_use_seal(
            community,
            actor=worker,
            data={
                "seal": "committee",
                "what": "向镇政府报送年度工作总结",
                "for_whom": "城关镇人民政府",
                "scope_code": "YZ-02",
            },
        )
        actions.do_use_seal(
            community,
            actor=worker,
            data={
                "seal": "committee",
                "what": "在企业贷款担保材料上盖章",
                "for_whom": "某小额贷款公司",
                "note": "对方坚持要求",
            },
        )
        commitment = (
            actions.do_sign_commitment(
                community,
                actor=worker,
                data={
                    "item_code": "ZM-01",
                    "resident_name": _name(rng),
                    "id_number": _id(rng),
                    "agency_org": rsj.pk if rsj else "",
                },
            )
            if rsj is not None
            else None
        )
        officer = User.objects.filter(org=rsj, role=Role.DEPT_OFFICER).first() if rsj is not None else None
        if commitment is not None and officer is not None:
            actions.do_verify_commitment(commitment, actor=officer, result="verified", note="经户籍信息核查属实。")

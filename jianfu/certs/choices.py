"""Vocabulary of certificates (证明) and the community seal (印章)."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy


class SealKind(models.TextChoices):
    """Which of the community's seals was used (seed 001: 印章由专人保管，用印登记)."""

    COMMITTEE = "committee", gettext_lazy("居（村）民委员会印章")
    PARTY = "party", gettext_lazy("社区（村）党组织印章")
    STATION = "station", gettext_lazy("社区服务站印章")


class RefusalRule(models.TextChoices):
    """The rule a community cites when it does not issue a certificate (seed 000 篇一/二, 003)."""

    UNLISTED = "unlisted", gettext_lazy("不在本县证明事项清单内，社区不予出具")
    FORBIDDEN = "forbidden", gettext_lazy("属于不得要求社区出具的证明（带有法律或经济责任）")
    SHARED = "shared", gettext_lazy("可通过网上查询或部门间核查取得，不得要求群众开具证明")
    COMMITMENT = "commitment", gettext_lazy("可由本人书面告知承诺替代")


# What a rule means for the resident, printed on the refusal slip.
RULE_ADVICE: dict[str, Any] = {
    RefusalRule.UNLISTED: gettext_lazy(
        "社区只出具本县证明事项清单所列证明。请向要求开具证明的单位说明，由其依法自行核查。"
    ),
    RefusalRule.FORBIDDEN: gettext_lazy(
        "该证明应由有权机关出具或查询，不得要求社区开具。请向要求开具证明的单位出示本告知单。"
    ),
    RefusalRule.SHARED: gettext_lazy("相关信息可由办事单位通过网上查询或部门间核查取得，不需要群众提交证明。"),
    RefusalRule.COMMITMENT: gettext_lazy("您可以书面告知承诺代替证明；社区可提供告知承诺书样式。"),
}


class CommitmentState(models.TextChoices):
    SIGNED = "signed", gettext_lazy("已签署，待核查")
    VERIFIED = "verified", gettext_lazy("核查属实")
    FALSE = "false", gettext_lazy("核查不实")


class VerdictKind(models.TextChoices):
    """The public verdict on a certificate someone asks for (issue 12 point 1)."""

    ISSUE = "issue", gettext_lazy("社区可以出具")
    FORBIDDEN = "forbidden", gettext_lazy("不得要求社区出具")
    UNLISTED = "unlisted", gettext_lazy("不在证明事项清单内，社区不出具")

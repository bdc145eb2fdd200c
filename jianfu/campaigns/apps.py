from django.apps import AppConfig


class CampaignsConfig(AppConfig):
    name = "jianfu.campaigns"
    label = "campaigns"
    verbose_name = "专项行动"

    def ready(self) -> None:
        from jianfu.core import events, nav
        from jianfu.core.home import register_panel

        from . import panels, transitions  # noqa: F401  (registers the workflows' event names)
        from .permissions import can_see_campaigns

        for key, label in (
            ("campaigns.campaign.create", "新建专项行动"),
            ("campaigns.item.add", "添加台账任务"),
            ("campaigns.item.update", "更新工作台账"),
            ("campaigns.item.evidence", "上传台账佐证材料"),
            ("campaigns.report.submit", "报送月度进展"),
            ("campaigns.inspection.record", "记录明察暗访"),
            ("campaigns.finding.escalate", "整改逾期转监督"),
        ):
            events.register(key, label)
        nav.register("专项行动", "campaigns:list", can_see_campaigns, order=265)
        register_panel(panels.ledger_panel)

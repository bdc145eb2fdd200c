from django.apps import AppConfig


class SupervisionConfig(AppConfig):
    name = "jianfu.supervision"
    label = "supervision"
    verbose_name = "监督"

    def ready(self) -> None:
        from jianfu.core import events, nav
        from jianfu.core.home import register_panel
        from jianfu.orgs.choices import Role
        from jianfu.orgs.permissions import has_role

        from . import panels, transitions  # noqa: F401  (registers the workflow's event names)
        from .permissions import is_community_worker, is_supervisor

        nav.register("监督督办", "supervision:cases", is_supervisor, order=500)
        nav.register("督办单", "supervision:orders", lambda u: has_role(u, Role.DEPT_OFFICER), order=500)
        nav.register("反映问题", "supervision:mine", is_community_worker, order=500)
        nav.register(
            "部门记分板",
            "supervision:scoreboard",
            lambda u: has_role(u, Role.LIST_OWNER, Role.APPROVER, Role.SYSADMIN),
            order=510,
        )
        for event, label in {
            "supervision.case.open": "受理监督线索",
            "supervision.case.set_facts": "确定责任单位",
            "supervision.case.join": "并入同类线索",
            "supervision.case.item_update": "线索情况更新",
            "supervision.case.merge": "合并同类案件",
            "supervision.order.issue": "生成督办单文号",
            "supervision.order.reply": "回复督办单",
            "supervision.order.escalate": "督办单逾期升级",
            "supervision.recheck.schedule": "安排回头看",
            "supervision.recheck.record": "登记回头看结果",
            "supervision.notice.create": "起草通报",
            "supervision.notice.publish": "发布通报",
            "supervision.reporter.reveal": "查看反映人完整联系方式",
        }.items():
            events.register(event, label)
        register_panel(panels.office_queue)
        register_panel(panels.department_orders)
        register_panel(panels.worker_reports)

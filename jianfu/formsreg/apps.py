from django.apps import AppConfig
from django.utils.translation import gettext_lazy


class FormsregConfig(AppConfig):
    name = "jianfu.formsreg"
    label = "formsreg"
    verbose_name = gettext_lazy("表格报备（一表通）")

    def ready(self) -> None:
        from jianfu.core import events, nav, numbering
        from jianfu.core.changes import register_field
        from jianfu.core.home import register_panel
        from jianfu.orgs.choices import Role
        from jianfu.orgs.permissions import has_role

        from . import panels
        from .actions import NUMBER_KIND

        # The registration number series (表格报备号), per county and year.
        numbering.KINDS.setdefault(NUMBER_KIND, "表格报备")
        for event_type, label in (
            ("formsreg.form.register", "报备表格"),
            ("formsreg.field.reuse", "复用指标"),
            ("formsreg.form.merge", "合并表格"),
            ("formsreg.form.layout", "上传表样"),
            ("formsreg.base.update", "更新社区基础信息"),
            ("formsreg.submission.submit", "填报表格"),
            ("formsreg.cap.set", "设置表格限额"),
            ("formsreg.schedule.add", "列入年度报表计划"),
            ("formsreg.schedule.remove", "移出年度报表计划"),
            ("formsreg.schedule.publish", "发布年度报表计划"),
            ("formsreg.demand.create", "要求社区填报"),
        ):
            events.register(event_type, label)
        nav.register(gettext_lazy("表格报备"), "formsreg:list", lambda u: u.is_authenticated and u.org_id is not None,
                     order=170)  # fmt: skip
        nav.register(gettext_lazy("报表日历"), "formsreg:calendar", lambda u: has_role(u, Role.COMMUNITY_WORKER),
                     order=155)  # fmt: skip
        register_panel(panels.calendar_panel)
        register_panel(panels.registry_panel)
        panels.register_burden_section()  # the registry's before/after on the reduction report
        # Audit keys of a merge that are not model fields (shown on 我的操作记录).
        register_field("merged", "并入的表格（内部编号）")
        register_field("added", "新增指标数")

from django.apps import AppConfig


class DraftsConfig(AppConfig):
    name = "jianfu.drafts"
    label = "drafts"
    verbose_name = "发文前审核"

    def ready(self) -> None:
        from jianfu.core import events, nav
        from jianfu.core.home import register_panel

        from . import panels, transitions  # noqa: F401  (registers the workflow's event names)
        from .permissions import can_draft, sees_all

        events.register("drafts.draft.submit", "提交发文审核")
        events.register("drafts.draft.rescan", "重新扫描修改稿")
        events.register("drafts.draft.issued_as", "登记印发")
        events.register("drafts.draft.report_found", "报告未经审核印发的文件")
        events.register("drafts.opinion.issue", "出具审核意见书")
        nav.register("发文审核", "drafts_list", lambda u: can_draft(u) or sees_all(u), order=220)
        register_panel(panels.to_review_panel)
        register_panel(panels.results_panel)

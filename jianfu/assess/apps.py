from django.apps import AppConfig


class AssessConfig(AppConfig):
    name = "jianfu.assess"
    label = "assess"
    verbose_name = "考核评价"

    def ready(self) -> None:
        from jianfu.core import events, guards, nav

        from . import transitions  # noqa: F401  (registers the workflow's event names)

        for key, label in (
            ("assess.scheme.create", "新建考核方案"),
            ("assess.indicator.add", "添加考核指标"),
            ("assess.indicator.remove", "删除考核指标"),
            ("assess.score.enter", "录入考核得分"),
            ("assess.score.import", "导入考核得分"),
            ("assess.rating.save", "双向评价"),
            ("assess.score.compute", "计算数据得分"),
            ("assess.survey.codes", "印制问卷码"),
            ("assess.survey.answer", "居民提交问卷"),
            ("assess.survey.review", "审核可疑答卷"),
            ("assess.objection.deadline", "设置考核异议期"),
            ("assess.objection.raise", "社区提出考核异议"),
            ("assess.objection.decide", "决定考核异议"),
            ("assess.dept_attempt", "部门单独考核社区（违规）"),
            ("assess.visit.log", "记录入户走访"),
            ("assess.assessor.appoint", "委托第三方评估"),
            ("assess.score.assessor", "第三方评估打分"),
        ):
            events.register(key, label)
        from .guard import guard_sent
        from .permissions import can_see_assess

        guards.register("assess.dept_assessment", guard_sent)
        nav.register("考核评价", "assess:list", can_see_assess, order=260)
        from jianfu.supervision import scoreboard

        from .selectors import ratings_by_department

        scoreboard.register("assess_rating", "社区评价（平均分，满分5）", ratings_by_department)

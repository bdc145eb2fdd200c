"""Org kinds, department kinds and user roles."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy


class OrgKind(models.TextChoices):
    PROVINCE = "province", gettext_lazy("省级")
    CITY = "city", gettext_lazy("市级")
    COUNTY = "county", gettext_lazy("县/区")
    TOWNSHIP = "township", gettext_lazy("乡镇/街道")
    COMMUNITY = "community", gettext_lazy("社区居委会")
    VILLAGE = "village", gettext_lazy("村民委员会")
    DEPARTMENT = "department", gettext_lazy("职能部门")
    GRID = "grid", gettext_lazy("网格")


# Administrative divisions (as opposed to departments), top-down.
DIVISION_KINDS = [OrgKind.PROVINCE, OrgKind.CITY, OrgKind.COUNTY, OrgKind.TOWNSHIP, OrgKind.COMMUNITY, OrgKind.VILLAGE]
GRASSROOTS_KINDS = [OrgKind.COMMUNITY, OrgKind.VILLAGE]
# A grid (网格) is a patrol unit below a community or village. It is not a division: like a
# department it shares its community's region code (so every fact stays 12 digits), and its own
# code extends the community's 12-digit code by GRID_DIGITS digits (orgs.tree.grid_code).
GRID_DIGITS = 3

# GB/T 2260 (and the statistical extension to 12 digits): how many leading digits of a code
# identify the division, so that every code below it starts with them.
PREFIX_LENGTH = {
    OrgKind.PROVINCE: 2,
    OrgKind.CITY: 4,
    OrgKind.COUNTY: 6,
    OrgKind.TOWNSHIP: 9,
    OrgKind.COMMUNITY: 12,
    OrgKind.VILLAGE: 12,
}
CODE_LENGTH = {
    OrgKind.PROVINCE: 6,
    OrgKind.CITY: 6,
    OrgKind.COUNTY: 6,
    OrgKind.TOWNSHIP: 9,
    OrgKind.COMMUNITY: 12,
    OrgKind.VILLAGE: 12,
    OrgKind.GRID: 12 + GRID_DIGITS,
}
# Which kind of division may sit directly under which (a municipality's districts sit under the
# province when the source data has no city level).
CHILD_KINDS = {
    OrgKind.PROVINCE: {OrgKind.CITY, OrgKind.COUNTY},
    OrgKind.CITY: {OrgKind.COUNTY},
    OrgKind.COUNTY: {OrgKind.TOWNSHIP},
    OrgKind.TOWNSHIP: {OrgKind.COMMUNITY, OrgKind.VILLAGE},
}


class DeptKind(models.TextChoices):
    CIVIL_AFFAIRS = "mzj", gettext_lazy("民政局")
    ORGANISATION = "zzb", gettext_lazy("组织部")
    LEADING_GROUP = "leading_group", gettext_lazy("领导小组")
    FUNCTIONAL = "functional", gettext_lazy("职能部门")


class Role(models.TextChoices):
    LIST_OWNER = "list_owner", gettext_lazy("县级民政/组织（清单管理、初审）")
    APPROVER = "approver", gettext_lazy("领导小组（审议批准）")
    DEPT_OFFICER = "dept_officer", gettext_lazy("部门经办人")
    TOWNSHIP_OFFICER = "township_officer", gettext_lazy("乡镇/街道经办人")
    COMMUNITY_WORKER = "community_worker", gettext_lazy("社区工作者")
    SYSADMIN = "sysadmin", gettext_lazy("系统管理员")
    # 三员分立 (等保 三级): the security administrator and the auditor, beside the system administrator.
    SECADMIN = "secadmin", gettext_lazy("安全管理员")
    AUDITOR = "auditor", gettext_lazy("审计员")


ROLE_SHORT = {
    Role.LIST_OWNER: "民政/组织",
    Role.APPROVER: "领导小组",
    Role.DEPT_OFFICER: "部门经办人",
    Role.TOWNSHIP_OFFICER: "乡镇经办人",
    Role.COMMUNITY_WORKER: "社区工作者",
    Role.SYSADMIN: "系统管理员",
    Role.SECADMIN: "安全管理员",
    Role.AUDITOR: "审计员",
}

# The home page's one line about what each role does here.
ROLE_INTRO = {
    Role.LIST_OWNER: "维护本县社区工作事项清单，初审部门准入申请，监督社区减负落实。",
    Role.APPROVER: "审议经初审的社区工作事项准入申请，决定是否准予进入社区。",
    Role.DEPT_OFFICER: "确需社区协助的工作，先申请准入、费随事转；向社区派发任务须有清单依据。",
    Role.TOWNSHIP_OFFICER: "统筹本乡镇（街道）对社区的任务、会议、检查和报表，按限额执行。",
    Role.COMMUNITY_WORKER: "未入清单的事项一律不接；如实记录社区承担的各项工作负担。",
    Role.SYSADMIN: "管理本辖区的组织机构与用户账号、角色和接口令牌。",
    Role.SECADMIN: "管理本辖区账号的安全：解除登录锁定、重置双因素认证。",
    Role.AUDITOR: "查阅和导出本辖区的审计日志，不办理其他业务。",
}

# The 三员: roles that only administer the platform. The security administrator and the auditor
# reach nothing but their own pages (orgs.middleware.SecurityGateMiddleware).
ADMIN_ROLES = (Role.SYSADMIN, Role.SECADMIN, Role.AUDITOR)

"""Seed the platform-wide default limits (DOMAIN.md "Limits the seeds set")."""

from django.db import migrations

DEFAULTS = {
    "county_meetings": (2, "000 篇四/五：县级层面召开需社区参加的会议每年不超过 2 次"),
    "township_meetings": (4, "000 篇四/五：乡镇（街道）召开社区会议每月不超过 4 次"),
    "township_inspections": (3, "000 篇四/五：乡镇（街道）对社区检查每月不超过 3 次"),
    "dept_inspection": (0, "000 篇四/五：县级部门检查乡镇（街道），不直接检查社区"),
    "veto": (0, "DOMAIN 考核评价：除保留事项外，不得实行一票否决"),
    "forms": (None, "003：未入清单的表格一律不填，按清单频次填报"),
    "plaques": (None, "000/003：社区外部只挂党组织、居委会（服务站）牌子和“中国社区”标识"),
    "apps": (None, "000 篇一：政务APP、工作群整合，只用清单内的"),
    "certificates": (None, "DOMAIN 证明事项：只出具清单内的证明"),
}


def seed(apps, schema_editor):
    LimitRule = apps.get_model("burden", "LimitRule")
    for code, (limit, basis) in DEFAULTS.items():
        LimitRule.objects.get_or_create(region_code="", code=code, defaults={"limit": limit, "basis": basis})


class Migration(migrations.Migration):
    dependencies = [("burden", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]

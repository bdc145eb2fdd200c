"""Duplicate check of a 200-field form against 20,000 registered fields (issue 13: under 1 s).

Registered fields are generated from the base-data names and their synonyms plus topic words
departments use (so many names share bigrams, as real registries do). The timing covers what
``do_register_form`` does: build the index over the county's fields, then match every new field.

    ./jianfu.sh bench forms_bench
"""

from __future__ import annotations

import os
import random
import sys
import time

import django

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jianfu.settings")
django.setup()

from jianfu.formsreg import matcher  # noqa: E402
from jianfu.formsreg.basedata import BASE_KEYS  # noqa: E402

TOPICS = list(
    "安全卫生环境就业医疗教育养老救助住房交通消防食品文化体育法治禁毒信访民族宗教妇女儿童青年科技农业林业水利"
)
OBJECTS = ["人数", "户数", "次数", "处数", "个数", "金额", "面积", "比例", "件数", "场次"]
UNITS = ["人", "户", "次", "处", "个", "元", "亩", "%", "件", "场"]


def name(rng: random.Random) -> tuple[str, str]:
    if rng.random() < 0.3:
        base = rng.choice(BASE_KEYS)
        return rng.choice((base.name, *base.synonyms)), base.unit
    k = rng.randrange(len(OBJECTS))
    words = "".join(rng.sample(TOPICS, 2)) + rng.choice(
        ["检查", "宣传", "培训", "登记", "走访", "排查", "服务", "活动"]
    )
    return f"{words}{OBJECTS[k]}", UNITS[k]


def main(registered: int = 20_000, new: int = 200, runs: int = 5) -> None:
    rng = random.Random(2026)
    specs = [matcher.FieldSpec(*name(rng), ref=i) for i in range(registered)]
    form = [matcher.FieldSpec(*name(rng)) for _ in range(new)]
    times = []
    found = 0
    for _ in range(runs):
        start = time.perf_counter()
        index = matcher.FieldIndex(specs)
        found = sum(1 for f in form if index.match(f, threshold=matcher.LOOKALIKE, limit=10))
        times.append(time.perf_counter() - start)
    times.sort()
    print(f"{new}-field form against {registered:,} registered fields: median {times[len(times) // 2]:.3f} s, "
          f"worst {times[-1]:.3f} s over {runs} runs (index build included); {found} fields with a match")  # fmt: skip


if __name__ == "__main__":
    main()

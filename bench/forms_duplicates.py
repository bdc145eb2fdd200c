"""Duplicate-field detection on the demo registry: precision and recall on planted duplicates.

The demo (``jianfu/formsreg/demo_data.py``) labels what every field really measures; two fields
of different forms with the same label are a planted duplicate. The matcher (``matcher.py``,
threshold ``SAME``) must find every one of them (recall 1.0) with precision ≥ 0.9 (issue 13).

    ./jianfu.sh bench forms_duplicates
"""

from __future__ import annotations

import os
import sys

import django

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jianfu.settings")
django.setup()

from jianfu.formsreg import matcher  # noqa: E402
from jianfu.formsreg.demo_data import FORMS, fields_of, planted_pairs  # noqa: E402


def main() -> None:
    specs = []
    for i, form in enumerate(FORMS):
        for j, f in enumerate(fields_of(form[5])):
            specs.append(matcher.FieldSpec(f["name"], f["unit"], "", (i, j)))
    index = matcher.FieldIndex(specs)
    found = set()
    for spec in specs:
        for m in index.match(spec, threshold=matcher.SAME, limit=100):
            if m.ref[0] != spec.ref[0]:
                found.add(tuple(sorted((spec.ref, m.ref))))
    planted = {tuple(sorted(p)) for p in planted_pairs()}
    hits = found & planted
    precision = len(hits) / len(found) if found else 1.0
    recall = len(hits) / len(planted) if planted else 1.0
    print(f"forms: {len(FORMS)}  fields: {len(specs)}  planted duplicate pairs: {len(planted)}")
    print(f"found: {len(found)}  correct: {len(hits)}  precision: {precision:.3f}  recall: {recall:.3f}")
    names = {s.ref: s.name for s in specs}
    for a, b in sorted(planted - found)[:20]:
        print(f"  missed: {names[a]} ~ {names[b]}")
    for a, b in sorted(found - planted)[:20]:
        print(f"  false:  {names[a]} ~ {names[b]}")


if __name__ == "__main__":
    main()

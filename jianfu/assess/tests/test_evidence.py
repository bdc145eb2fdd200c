"""Evaluators' evidence files: checked by content (core.files), stored, read back, and shown to
the township that owns the scheme and the community scored — nobody else."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from jianfu.assess import actions, assessors
from jianfu.assess.models import Score, ScoreEvidence
from jianfu.core.errors import ActionError

from .helpers import publish_lists

pytestmark = pytest.mark.django_db

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _evaluated(world):
    publish_lists(world)
    town = world.township_officer
    scheme = actions.do_create_scheme(actor=town, year=timezone.localdate().year)
    item = actions.do_add_indicator(scheme, actor=town, kind="item", item_code="LZ-01", weight=40)
    actions.do_add_indicator(scheme, actor=town, kind="satisfaction", key="home_visits", weight=60)
    scheme = actions.do_open_scoring(scheme, actor=town)
    assessors.do_appoint_assessor(scheme, actor=town, username="township2_officer")
    return scheme, item


def _post(client, scheme, world, item, files):
    data = {"community_code": world.dongguan.code, "indicator_id": item.pk, "value": "86", "note": "抽查调解台账 12 件"}
    return client.post(f"/assess/{scheme.pk}/assessor-scores/", {**data, "files": files})


def test_an_evaluator_attaches_evidence_files_that_the_township_and_the_community_read_back(world, client_for):
    scheme, item = _evaluated(world)
    files = [
        SimpleUploadedFile("调解台账.png", PNG, content_type="image/png"),
        SimpleUploadedFile("评估报告.pdf", PDF, content_type="application/pdf"),
    ]
    assert _post(client_for("township2_officer"), scheme, world, item, files).status_code == 302
    score = Score.objects.get(indicator=item, community=world.dongguan)
    stored = list(score.evidence.order_by("pk"))
    assert [f.original_name for f in stored] == ["调解台账.png", "评估报告.pdf"]
    assert stored[0].region_code == world.dongguan.region_code and stored[0].uploaded_by == world.township2_officer
    for who in ("township_officer", "community_worker"):
        client = client_for(who)
        assert "评估报告.pdf" in client.get(f"/assess/{scheme.pk}/").content.decode()
        response = client.get(f"/assess/{scheme.pk}/evidence/{stored[1].pk}/")
        assert response.status_code == 200 and b"".join(response.streaming_content) == PDF
        assert "attachment" in response["Content-Disposition"]


def test_evidence_is_hidden_from_other_communities_the_county_and_other_jurisdictions(world, client_for):
    scheme, item = _evaluated(world)
    png = SimpleUploadedFile("台账.png", PNG, content_type="image/png")
    _post(client_for("township2_officer"), scheme, world, item, [png])
    file = ScoreEvidence.objects.get()
    url = f"/assess/{scheme.pk}/evidence/{file.pk}/"
    # the county reads the scheme but not the evidence; the evaluator handed it over; another
    # county and a department see nothing
    for who in ("county_mzj", "township2_officer", "other_county_officer", "dept_officer"):
        assert client_for(who).get(url).status_code == 404, who
        assert "台账.png" not in client_for(who).get(f"/assess/{scheme.pk}/").content.decode()
    # a forged id from the scheme of another township
    assert client_for("township_officer").get(f"/assess/{scheme.pk}/evidence/{file.pk + 99}/").status_code == 404


def test_a_community_sees_only_the_evidence_on_its_own_scores(world, client_for):
    scheme, item = _evaluated(world)
    png = SimpleUploadedFile("西关台账.png", PNG, content_type="image/png")
    assessors.do_assessor_score(
        scheme,
        actor=world.township2_officer,
        community_code=world.xiguan.code,
        indicator_id=item.pk,
        value="70",
        note="抽查调解台账 8 件",
        files=[png],
    )
    file = ScoreEvidence.objects.get()
    client = client_for("community_worker")  # 东关社区
    assert client.get(f"/assess/{scheme.pk}/evidence/{file.pk}/").status_code == 404
    assert "西关台账.png" not in client.get(f"/assess/{scheme.pk}/").content.decode()


@pytest.mark.parametrize(
    "upload, message",
    [
        (
            SimpleUploadedFile("报告.pdf", b"<script>alert(1)</script>", content_type="application/pdf"),
            "不是允许的类型",
        ),
        (SimpleUploadedFile("空.png", b"", content_type="image/png"), "是空文件"),
        (SimpleUploadedFile("照片.docx", PNG, content_type="image/png"), "与扩展名 .docx 不符"),
    ],
)
def test_a_bad_evidence_file_is_refused_in_chinese_and_nothing_is_saved(world, client_for, upload, message):
    scheme, item = _evaluated(world)
    response = _post(client_for("township2_officer"), scheme, world, item, [upload])
    assert response.status_code == 200 and message in response.content.decode()
    assert not Score.objects.filter(indicator=item).exists() and not ScoreEvidence.objects.exists()


def test_more_than_five_files_or_an_oversized_one_are_refused(world, settings):
    scheme, item = _evaluated(world)
    kwargs = {"community_code": world.dongguan.code, "indicator_id": item.pk, "value": "80", "note": "抽查台账 5 件"}
    six = [SimpleUploadedFile(f"{n}.png", PNG) for n in range(6)]
    with pytest.raises(ActionError, match="最多上传 5 个文件"):
        assessors.do_assessor_score(scheme, actor=world.township2_officer, files=six, **kwargs)
    settings.SUPERVISION_MAX_EVIDENCE_BYTES = 50
    with pytest.raises(ActionError, match="过大"):
        assessors.do_assessor_score(
            scheme, actor=world.township2_officer, files=[SimpleUploadedFile("a.png", PNG)], **kwargs
        )
    assert not Score.objects.exists() and not ScoreEvidence.objects.exists()

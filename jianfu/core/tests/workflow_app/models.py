from django.db import models


class Ticket(models.Model):
    """A stand-in for a real workflow object (an application, a case)."""

    title = models.CharField(max_length=50)
    state = models.CharField(
        max_length=20,
        default="draft",
        choices=[("draft", "草稿"), ("submitted", "已提交"), ("approved", "已批准"), ("rejected", "已驳回")],
    )
    region_code = models.CharField(max_length=12, default="610921")
    decided_by = models.CharField(max_length=50, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return self.title

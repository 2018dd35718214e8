"""How the moderation queue handles "Add a strike" submissions."""

from django.utils.translation import gettext_lazy as _

from picketline.disputes import submissions
from picketline.disputes.models import Dispute, Submission
from picketline.moderation.registry import Candidate, Facets, ModerationHandler


class SubmissionHandler(ModerationHandler):
    kind = submissions.KIND
    label = _("Disputes reported")
    detail_template = "disputes/moderation/submission.html"
    can_merge = True

    def facets(self, obj: Submission) -> Facets:
        return Facets(
            summary=f"{obj.employer} — {obj.place_name}",
            country=obj.country,
            category=obj.kind,
            has_sources=bool(obj.sources),
        )

    def contact_email(self, obj: Submission) -> str:
        return obj.submitter_email

    def status_url(self, obj: Submission) -> str:
        return submissions.submission_status_path(obj)

    def edit_form(self, obj: Submission, data=None):
        from picketline.disputes.submission_forms import SubmissionEditForm

        return SubmissionEditForm(data=data, instance=obj)

    def approve(self, *, obj: Submission, user, edits=None):
        return submissions.submission_publish(submission=obj, user=user, edits=edits)

    def merge(self, *, obj: Submission, user, target_pk: int):
        dispute = Dispute.objects.get(pk=target_pk)
        return submissions.submission_merge(submission=obj, user=user, dispute=dispute)

    def candidates(self, obj: Submission, *, limit: int = 5) -> list[Candidate]:
        from picketline.disputes.duplicates import submission_duplicates

        return submission_duplicates(submission=obj, limit=limit)

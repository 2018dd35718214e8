"""How the moderation queue handles "Add a strike" submissions."""

from urllib.parse import unquote, urlsplit

from django.urls import Resolver404, resolve
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _

from picketline.disputes.choices import Demand, DisputeKind
from picketline.disputes.models import Dispute, Submission
from picketline.disputes.submissions import services as submissions
from picketline.moderation.registry import Candidate, Facets, ModerationHandler
from picketline.places.countries import country_name


class SubmissionHandler(ModerationHandler):
    kind = submissions.KIND
    label = _("Disputes reported")
    detail_template = "disputes/moderation/submission.html"
    candidate_template = "disputes/moderation/candidate.html"
    can_merge = True
    categories = DisputeKind.choices

    def facets(self, obj: Submission) -> Facets:
        return Facets(
            summary=f"{obj.employer} — {obj.place_name}",
            country=obj.country,
            category=obj.kind,
            has_sources=bool(obj.sources),
        )

    def detail_context(self, obj: Submission) -> dict:
        return {
            "demand_labels": [Demand(value).label for value in obj.demands if value in Demand],
            "country_name": country_name(obj.country),
            "language_name": _language_name(obj.language),
        }

    def contact_email(self, obj: Submission) -> str:
        return obj.submitter_email

    def contact_language(self, obj: Submission) -> str:
        return obj.language

    def status_url(self, obj: Submission) -> str:
        return submissions.submission_status_path(obj)

    def edit_form(self, obj: Submission, data=None):
        from picketline.disputes.submissions.forms import SubmissionEditForm

        return SubmissionEditForm(data=data, instance=obj)

    def approve(self, *, obj: Submission, user, edits=None):
        return submissions.submission_publish(submission=obj, user=user, edits=edits)

    def merge(self, *, obj: Submission, user, target_pk: int):
        dispute = Dispute.objects.get(pk=target_pk)
        return submissions.submission_merge(submission=obj, user=user, dispute=dispute)

    def merge_target(self, text: str) -> Dispute | None:
        """A dispute by its number, its slug, or the address of its page on this site."""
        text = text.strip()
        if text.isdigit():
            return Dispute.objects.filter(pk=int(text)).first()
        slug = text
        if "/" in text:
            try:
                match = resolve(unquote(urlsplit(text).path))
            except Resolver404:
                return None
            if match.view_name != "disputes:detail":
                return None
            slug = match.kwargs["slug"]
        return Dispute.objects.filter(slug=slug).first() if slug else None

    def candidates(self, obj: Submission, *, limit: int = 5) -> list[Candidate]:
        from picketline.disputes.duplicates import submission_duplicates

        return submission_duplicates(submission=obj, limit=limit)


def _language_name(code: str) -> str:
    try:
        return str(get_language_info(code)["name_translated"])
    except KeyError:
        return code

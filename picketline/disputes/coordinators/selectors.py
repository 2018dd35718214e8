"""Reads for coordinators and moderators: the dispute's dashboard, disputes someone
coordinates, what reporters agreed to share.

Each takes a dispute or organisation already loaded through its permission door
(`dispute_get_for_user(..., write=True)`, `organisation_get_for_user`), so nothing here checks
who is asking, except that door itself.
"""

from django.db.models import Prefetch, QuerySet

from picketline.core.formats import span_label
from picketline.disputes.coordinators.roles import COORDINATOR
from picketline.disputes.models import (
    Dispute,
    PicketShift,
    Site,
    Submission,
)
from picketline.disputes.shifts import shift_occurrences
from picketline.organisations.invitations.selectors import invitations_pending


def dispute_dashboard(*, dispute: Dispute) -> dict:
    """Everything the coordinators' page lists of a dispute: its parts, its people, and what
    reporters agreed to share. Times are labelled in each part's own zone."""
    sites = list(
        dispute.sites.order_by("id").prefetch_related(
            Prefetch("shifts", queryset=PicketShift.objects.order_by("starts_at", "id"))
        )
    )
    shifts = [
        {
            "shift": shift,
            "site": site,
            "when": span_label(shift.starts_at, shift.ends_at, shift.timezone),
            "count": len(shift_occurrences(shift)),
        }
        for site in sites
        for shift in site.shifts.all()
    ]
    return {
        "sites": sites,
        "shifts": sorted(shifts, key=lambda row: row["shift"].starts_at),
        "actions": [
            (action, span_label(action.starts_at, action.ends_at, action.timezone))
            for action in dispute.actions.order_by("starts_at", "id")
        ],
        "sources": list(dispute.sources.order_by("created_at", "id")),
        "coordinators": list(dispute.coordinators.order_by("username")),
        "invitations": list(
            invitations_pending(role=COORDINATOR, target=dispute).order_by("created_at")
        ),
        "contacts": dispute_submission_contacts(dispute=dispute),
    }


def disputes_coordinated_by(*, user) -> QuerySet[Dispute]:
    return (
        Dispute.objects.filter(coordinators=user)
        .defer("solidarity_email", "search_text", "description")
        .prefetch_related(Prefetch("sites", queryset=Site.objects.order_by("id")))
        .order_by("-updated_at", "-id")
    )


def dispute_submission_contacts(*, dispute: Dispute) -> list[dict]:
    """What the people who reported this dispute agreed to share, for its coordinators only.

    A submitter's name and email only when they consented to be contacted; the solidarity
    contact they gave is where messages of support go, so coordinators see it too.
    """
    rows = []
    submissions = Submission.objects.filter(dispute=dispute).only(
        "pk",
        "created_at",
        "submitter_name",
        "submitter_email",
        "contact_consent",
        "solidarity_email",
    )
    for submission in submissions.order_by("created_at", "id"):
        consented = submission.contact_consent
        row = {
            "submitted_at": submission.created_at,
            "name": submission.submitter_name if consented else "",
            "email": submission.submitter_email if consented else "",
            "solidarity_email": submission.solidarity_email,
        }
        if row["name"] or row["email"] or row["solidarity_email"]:
            rows.append(row)
    return rows


def site_defaults(*, dispute: Dispute) -> dict:
    """A new site's country and time zone, from the dispute's first site."""
    first = dispute.sites.order_by("id").only("country", "timezone").first()
    return {"country": first.country, "timezone": first.timezone} if first else {}

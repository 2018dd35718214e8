"""What every coordinators' page shares: loading the dispute through its permission door, the
form and confirmation pages, and the save-or-show and remove-or-confirm steps that views
call with the service to run.
"""

from django.conf import settings
from django.shortcuts import render
from django.templatetags.static import static
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from picketline.core import pages
from picketline.disputes.models import Dispute
from picketline.disputes.selectors import dispute_get_for_user

FORM_TEMPLATE = "disputes/manage/form.html"
GET_POST = require_http_methods(["GET", "POST"])


def managed_dispute(request, slug: str) -> Dispute:
    return dispute_get_for_user(user=request.user, slug=slug, write=True)


def manage_url(dispute: Dispute, section: str = "") -> str:
    url = reverse("manage:dispute", kwargs={"slug": dispute.slug})
    return f"{url}#{section}" if section else url


def form_page(request, dispute, form, *, title, submit, back, status=None, **extra):
    template = extra.pop("template", FORM_TEMPLATE)
    context = {
        "dispute": dispute,
        "form": form,
        "title": title,
        "submit": submit,
        "back": back,
        **extra,
    }
    if status is None:
        status = 400 if form.is_bound and form.errors else 200
    return render(request, template, context, status=status)


def confirm_page(request, dispute, **confirm):
    return pages.confirm_page(request, dispute=dispute, **confirm)


def remove_or_confirm(request, dispute, **steps):
    """`core.pages.remove_or_confirm`, with the dispute named above the question."""
    return pages.remove_or_confirm(request, dispute=dispute, **steps)


def section_form(request, dispute, form, section: str, title: str, submit: str, **extra):
    """The form page for a part of the dispute, going back to that part's section."""
    back = manage_url(dispute, section)
    return form_page(request, dispute, form, title=title, submit=submit, back=back, **extra)


def map_pin() -> dict:
    """What the site form's map needs to let a coordinator drop a pin."""
    return {
        "tile_url": settings.TILE_URL,
        "tile_attribution": settings.TILE_ATTRIBUTION,
        "icon_url": static("vendor/leaflet/images/marker-icon.png"),
        "icon_retina_url": static("vendor/leaflet/images/marker-icon-2x.png"),
        "shadow_url": static("vendor/leaflet/images/marker-shadow.png"),
    }

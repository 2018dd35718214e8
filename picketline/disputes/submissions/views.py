"""The "Add a strike" page, and the private status page its reporter gets a link to."""

from dataclasses import dataclass

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from picketline.core.formats import span_label
from picketline.core.forms import HONEYPOT
from picketline.core.http import private_page
from picketline.core.ratelimit import retry_after_seconds, submission_rate_limited
from picketline.core.text import plain_text
from picketline.disputes.choices import Demand
from picketline.disputes.models import Submission
from picketline.disputes.submissions.forms import SubmissionForm
from picketline.disputes.submissions.services import submission_create, submission_get_by_token
from picketline.moderation.models import ItemStatus
from picketline.moderation.services import StaleItem, item_answer, item_for_object

ANSWER_MAX_LENGTH = 4000


# --- the form -------------------------------------------------------------------------------


def _form_context(form: SubmissionForm, **extra) -> dict:
    return {
        "form": form,
        "more_has_errors": any(form[name].errors for name in form.MORE) if form.is_bound else False,
        "tile_url": settings.TILE_URL,
        "tile_attribution": settings.TILE_ATTRIBUTION,
        "map_labels": {
            "pin": _("Where the dispute is"),
            "moved": _("Pin placed. Drag it to move it."),
        },
        **extra,
    }


def _initial_from(form_class, data) -> dict:
    """What was posted, as initial values: the form shows it again without judging it."""
    initial = {}
    for name, field in form_class.base_fields.items():
        if name == HONEYPOT or name not in data:
            continue
        many = isinstance(field, forms.MultipleChoiceField)
        initial[name] = data.getlist(name) if many else data.get(name)
    return initial


@require_http_methods(["GET", "POST"])
def submission_add(request):
    if request.method != "POST":
        return render(request, "disputes/submission_form.html", _form_context(SubmissionForm()))
    if submission_rate_limited(request):
        form = SubmissionForm(initial=_initial_from(SubmissionForm, request.POST))
        response = render(
            request,
            "disputes/submission_form.html",
            _form_context(form, rate_limited=True),
            status=429,
        )
        response["Retry-After"] = str(retry_after_seconds())
        return response
    form = SubmissionForm(request.POST)
    if form.is_valid():
        user = request.user if request.user.is_authenticated else None
        try:
            _submission, token = submission_create(user=user, **form.submission_fields())
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            url = reverse("submissions:status", kwargs={"token": token})
            return HttpResponseRedirect(f"{url}?new=1", status=303)
    return render(request, "disputes/submission_form.html", _form_context(form), status=400)


# --- the status page ------------------------------------------------------------------------


class AnswerForm(forms.Form):
    body = forms.CharField(
        label=gettext_lazy("Your answer"),
        max_length=ANSWER_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def clean_body(self):
        body = plain_text(self.cleaned_data["body"])
        if not body:
            raise ValidationError(self.fields["body"].error_messages["required"], code="required")
        return body


@dataclass(frozen=True)
class Row:
    label: str
    value: str | list[str]
    links: bool = False  # the values are web addresses

    @property
    def is_list(self) -> bool:
        return isinstance(self.value, list)


def _label(name: str) -> str:
    return str(Submission._meta.get_field(name).verbose_name).capitalize()


def _rows(submission: Submission) -> list[Row]:
    """Everything the reporter sent, in the order the form asks for it."""
    yes, no = _("Yes"), _("No")
    rows = [
        Row(_label("employer"), submission.employer),
        Row(_label("place_name"), submission.place_name),
        Row(
            _("Placed at"),
            ", ".join(
                part for part in (submission.city, submission.region, submission.country) if part
            )
            or f"{submission.latitude:.4f}, {submission.longitude:.4f}",
        ),
        Row(_label("kind"), submission.get_kind_display()),
        Row(_label("start_date"), formats.date_format(submission.start_date)),
        Row(_label("description"), submission.description),
        Row(_label("unions"), submission.union_names),
        Row(_label("dispute_status"), submission.get_dispute_status_display()),
        Row(
            _label("end_date"),
            formats.date_format(submission.end_date) if submission.end_date else "",
        ),
        Row(
            _label("workers_involved"),
            formats.number_format(submission.workers_involved, use_l10n=True, force_grouping=True)
            if submission.workers_involved
            else "",
        ),
        Row(_label("sector"), submission.get_sector_display() if submission.sector else ""),
        Row(
            _label("demands"),
            [str(dict(Demand.choices).get(code, code)) for code in submission.demands],
        ),
        Row(_label("demands_other"), submission.demands_other),
        Row(_label("picket_address"), submission.picket_address),
    ]
    if submission.picket_starts_at and submission.picket_ends_at:
        when = span_label(
            submission.picket_starts_at, submission.picket_ends_at, submission.timezone
        )
        if submission.picket_weekly:
            when = _("%(when)s, every week") % {"when": when}
        rows.append(Row(_("Picket times"), when))
    rows += [
        Row(_label("sources"), submission.sources, links=True),
        Row(_label("solidarity_email"), submission.solidarity_email),
        Row(_label("sensitive"), yes if submission.sensitive else no),
        Row(_label("language"), dict(settings.LANGUAGES).get(submission.language, "")),
        Row(_label("submitter_name"), submission.submitter_name),
        Row(_label("submitter_email"), submission.submitter_email),
    ]
    return [row for row in rows if row.value not in ("", None, [])]


def _status_label(submission: Submission, item) -> str:
    if item is None:
        return _("Published") if submission.dispute_id else _("Received")
    return item.get_status_display()


def _status_page(
    request,
    submission: Submission,
    token: str,
    *,
    answer_form=None,
    rate_limited=False,
    status=200,
):
    item = item_for_object(submission)
    published_directly = item is None and submission.dispute_id is not None
    if answer_form is None and item is not None and item.status == ItemStatus.QUESTION:
        answer_form = AnswerForm()
    context = {
        "submission": submission,
        "token": token,
        "item": item,
        "status_label": _status_label(submission, item),
        "rejected": item is not None and item.status == ItemStatus.REJECTED,
        "dispute": submission.dispute,
        "published_directly": published_directly,
        "conversation": list(item.messages.all()) if item is not None else [],
        "answer_form": answer_form,
        "rate_limited": rate_limited,
        "rows": _rows(submission),
        "new": request.GET.get("new") == "1",
        "answered": request.GET.get("answered") == "1",
    }
    return private_page(render(request, "disputes/submission_status.html", context, status=status))


def _get_or_404(token: str) -> Submission:
    submission = submission_get_by_token(raw=token)
    if submission is None:
        raise Http404(_("There is no report at this address. Check the link in your email."))
    return submission


@require_http_methods(["GET", "HEAD"])
def submission_status(request, token):
    submission = _get_or_404(token)
    return _status_page(request, submission, token)


@require_POST
def submission_answer(request, token):
    """The reporter answers a moderator's question from the status page."""
    submission = _get_or_404(token)
    item = item_for_object(submission)
    if item is None:
        raise Http404(_("This report has no questions to answer."))
    if submission_rate_limited(request, scope="submission-answer"):
        form = AnswerForm(initial={"body": request.POST.get("body", "")})
        response = _status_page(
            request, submission, token, answer_form=form, rate_limited=True, status=429
        )
        response["Retry-After"] = str(retry_after_seconds())
        return response
    form = AnswerForm(request.POST)
    if form.is_valid():
        try:
            item_answer(item=item, body=form.cleaned_data["body"])
        except StaleItem as error:
            form.add_error(None, error.message)
            return _status_page(request, submission, token, answer_form=form, status=409)
        url = reverse("submissions:status", kwargs={"token": token})
        return private_page(HttpResponseRedirect(f"{url}?answered=1", status=303))
    return _status_page(request, submission, token, answer_form=form, status=400)

"""The review queue's pages. Each view parses a form, calls one selector or service, renders.

Every action posts the version of the item the moderator saw. A stale version re-shows the item
as it is now with status 409; a form error re-shows it with status 400; nothing is written in
either case.
"""

import copy
import re
from dataclasses import dataclass, field

from django.contrib import messages
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from picketline.accounts.decorators import moderator_required
from picketline.moderation import selectors
from picketline.moderation.forms import (
    AskForm,
    BulkDecisionForm,
    MergeForm,
    QueueFilterForm,
    RejectForm,
    VersionForm,
)
from picketline.moderation.models import ModerationItem
from picketline.moderation.registry import handler_for
from picketline.moderation.services import (
    StaleItem,
    item_approve,
    item_ask,
    item_merge,
    item_reject,
    items_bulk_approve,
    items_bulk_reject,
)
from picketline.places.countries import country_names

PAGE_SIZE = 50
COUNTRY_CODE = re.compile(r"^[A-Z]{2}$")


# The queue --------------------------------------------------------------------------------


@dataclass
class QueueRow:
    item: ModerationItem
    kind_label: str
    category_label: str


@moderator_required
def queue(request):
    return _render_queue(request)


@moderator_required
@require_POST
def bulk(request):
    form = BulkDecisionForm(request.POST)
    if not form.is_valid():
        return _render_queue(request, bulk_form=form, status=400)
    versions = form.cleaned_data["versions"]
    if form.cleaned_data["action"] == BulkDecisionForm.APPROVE:
        result = items_bulk_approve(versions=versions, user=request.user)
        done = ngettext("%(count)d approved", "%(count)d approved", len(result.done))
    else:
        result = items_bulk_reject(
            versions=versions, user=request.user, reason=form.cleaned_data["reason"].strip()
        )
        done = ngettext("%(count)d rejected", "%(count)d rejected", len(result.done))
    done %= {"count": len(result.done)}
    if not result.skipped:
        messages.success(request, _("%(done)s.") % {"done": done})
    else:
        summaries = dict(
            ModerationItem.objects.filter(pk__in=[pk for pk, _why in result.skipped]).values_list(
                "pk", "summary"
            )
        )
        details = "; ".join(
            _("“%(summary)s”: %(why)s") % {"summary": summaries.get(pk, f"#{pk}"), "why": why}
            for pk, why in result.skipped
        )
        skipped = ngettext(
            "%(count)d skipped: %(details)s",
            "%(count)d skipped: %(details)s",
            len(result.skipped),
        ) % {"count": len(result.skipped), "details": details}
        messages.warning(request, _("%(done)s; %(skipped)s") % {"done": done, "skipped": skipped})
    query = request.GET.urlencode()
    return redirect(reverse("moderation:queue") + (f"?{query}" if query else ""))


def _render_queue(request, *, bulk_form=None, status=200):
    tab = request.GET.get("tab")
    if tab not in selectors.Tab.STATUSES:
        tab = selectors.Tab.PENDING
    codes = selectors.queue_countries(tab=tab)
    asked = request.GET.get("country", "")
    if COUNTRY_CODE.match(asked) and asked not in codes:
        # A bookmarked filter stays valid when no item from there is waiting right now.
        codes.append(asked)
    names = country_names(codes)
    countries = sorted(((code, names.get(code, code)) for code in codes), key=lambda c: c[1])
    data = request.GET.copy()
    data.setdefault("tab", tab)
    filter_form = QueueFilterForm(data, countries=countries)
    page, rows = None, []
    if filter_form.is_valid():
        filters = filter_form.filters()
        paginator = Paginator(selectors.queue_items(filters=filters), PAGE_SIZE)
        page = paginator.get_page(request.GET.get("page"))
        categories = selectors.category_labels()
        kinds = {}
        for item in page.object_list:
            if item.kind not in kinds:
                try:
                    kinds[item.kind] = str(handler_for(item.kind).label or item.kind)
                except LookupError:
                    kinds[item.kind] = item.kind
            rows.append(
                QueueRow(
                    item=item,
                    kind_label=kinds[item.kind],
                    category_label=categories.get(item.category, item.category),
                )
            )
    else:
        status = 400
        filters = selectors.QueueFilters(tab=tab)
    query = request.GET.copy()
    query.pop("page", None)
    tab_links = []
    for value, label in selectors.Tab.CHOICES:
        tab_query = query.copy()
        tab_query["tab"] = value
        tab_query.pop("country", None)
        tab_links.append((value, label, tab_query.urlencode()))
    context = {
        "filter_form": filter_form,
        "filters": filters,
        "bulk_form": bulk_form or BulkDecisionForm(),
        "selected": set(bulk_form.data.getlist("items")) if bulk_form else set(),
        "page": page,
        "rows": rows,
        "tab_links": tab_links,
        "query": request.GET.urlencode(),
        "decided_tab": filters.tab == selectors.Tab.DECIDED,
        "filtered": any((filters.kind, filters.country, filters.category, filters.age))
        or filters.has_sources is not None,
    }
    return render(request, "moderation/queue.html", context, status=status)


# One item ---------------------------------------------------------------------------------


@dataclass
class HistoryRow:
    when: object
    who: str
    action: str
    reason: str
    edited: list[str] = field(default_factory=list)
    changes: list[tuple[str, object, object]] = field(default_factory=list)


def _action_label(code: str) -> str:
    labels = {
        "submitted": _("Submitted"),
        "approved": _("Approved"),
        "rejected": _("Rejected"),
        "merged": _("Merged into an existing record"),
        "question_asked": _("Question sent to the submitter"),
        "answered": _("The submitter answered"),
    }
    return labels.get(code.rsplit(".", 1)[-1], code)


def _field_labels(handler, obj) -> dict[str, str]:
    """Field name → label, from the edit form (which knows fields the model has not, such as
    the title) and the model."""
    labels = {f.name: str(f.verbose_name) for f in obj._meta.fields if hasattr(f, "verbose_name")}
    form = handler.edit_form(obj)
    if form is not None:
        labels.update((name, str(f.label)) for name, f in form.fields.items() if f.label)
    return labels


def _history(handler, obj) -> list[HistoryRow]:
    labels = _field_labels(handler, obj)
    rows = []
    for entry in selectors.item_history(obj=obj):
        data = entry.data or {}
        changes = data.get("changes") or {}
        rows.append(
            HistoryRow(
                when=entry.created_at,
                who=entry.user.get_username() if entry.user else "",
                action=_action_label(entry.action),
                reason=entry.reason,
                edited=[labels.get(name, name) for name in data.get("edited") or []],
                changes=[
                    (labels.get(name, name), *pair)
                    for name, pair in changes.items()
                    if isinstance(pair, list) and len(pair) == 2
                ],
            )
        )
    return rows


def _forms(item, handler, obj, *, name: str = "", data=None) -> dict:
    """Every action form of the item's page; the one called `name` bound to `data`."""
    initial = {"version": item.version}
    contact = bool(handler.contact_email(obj))

    def bound(form_name):
        return data if form_name == name else None

    forms = {
        "approve": VersionForm(bound("approve"), initial=initial),
        "edit_version": VersionForm(bound("edit"), initial=initial),
        # A copy: validating a model form writes its values onto the instance it edits.
        "edit": handler.edit_form(copy.copy(obj), data=bound("edit")),
        "reject": RejectForm(bound("reject"), initial=initial),
        "merge": MergeForm(bound("merge"), initial=initial, handler=handler),
        "ask": AskForm(bound("ask"), initial=initial, can_ask=contact),
    }
    # One page holds them all: each form's element ids get its own prefix.
    for form_name, form in forms.items():
        if form is not None:
            form.auto_id = f"{form_name.replace('_', '-')}-%s"
    return forms


def _render_item(request, item, *, forms=None, errors=(), status=200):
    handler = handler_for(item.kind)
    obj = item.content_object
    contact_email = handler.contact_email(obj)
    candidates = []
    if item.is_open and handler.can_merge:
        candidates = handler.candidates(obj)
    context = {
        **handler.detail_context(obj),
        "item": item,
        "obj": obj,
        "handler": handler,
        "candidates": candidates,
        "forms": forms or _forms(item, handler, obj),
        "errors": list(errors),
        "contact_email": contact_email,
        "item_messages": selectors.item_messages(item=item),
        "history": _history(handler, obj),
    }
    return render(request, "moderation/item.html", context, status=status)


@moderator_required
def item_detail(request, pk):
    return _render_item(request, selectors.item_get(pk=pk))


def _refused(request, item, name: str, *, errors=(), stale=False):
    """The item's page again after an action failed. A stale item is shown as it is now, with
    the moderator's text kept and the current version, so they can look and decide again."""
    if stale:
        item = selectors.item_get(pk=item.pk)
    data = request.POST.copy()
    if stale:
        data["version"] = str(item.version)
    handler = handler_for(item.kind)
    forms = _forms(item, handler, item.content_object, name=name, data=data)
    return _render_item(request, item, forms=forms, errors=errors, status=409 if stale else 400)


def _decide(request, item, name: str, forms: list, decide):
    """Validates the posted forms and runs `decide(version)`; the page again on failure."""
    if not all(form.is_valid() for form in forms):
        return _refused(request, item, name)
    try:
        decide(forms[0].cleaned_data["version"])
    except StaleItem as error:
        return _refused(request, item, name, errors=[error.message], stale=True)
    except ValidationError as error:
        return _refused(request, item, name, errors=error.messages)
    except ObjectDoesNotExist:
        return _refused(request, item, name, errors=[_("What you chose no longer exists.")])
    return None


def _done(request, message: str):
    messages.success(request, message)
    return redirect("moderation:queue")


@moderator_required
@require_POST
def approve(request, pk):
    item = selectors.item_get(pk=pk)
    failed = _decide(
        request,
        item,
        "approve",
        [VersionForm(request.POST)],
        lambda version: item_approve(item=item, version=version, user=request.user),
    )
    return failed or _done(request, _("Approved and published: %(s)s") % {"s": item.summary})


@moderator_required
@require_POST
def approve_edited(request, pk):
    item = selectors.item_get(pk=pk)
    handler = handler_for(item.kind)
    edit_form = handler.edit_form(copy.copy(item.content_object), data=request.POST)
    if edit_form is None:
        return _refused(request, item, "edit", errors=[_("This kind of item cannot be edited.")])

    def decide(version):
        edits = {name: edit_form.cleaned_data[name] for name in edit_form.changed_data}
        item_approve(item=item, version=version, user=request.user, edits=edits)

    failed = _decide(request, item, "edit", [VersionForm(request.POST), edit_form], decide)
    return failed or _done(
        request, _("Approved with your edits and published: %(s)s") % {"s": item.summary}
    )


@moderator_required
@require_POST
def reject(request, pk):
    item = selectors.item_get(pk=pk)
    form = RejectForm(request.POST)
    failed = _decide(
        request,
        item,
        "reject",
        [form],
        lambda version: item_reject(
            item=item,
            version=version,
            user=request.user,
            reason=form.cleaned_data["reason"].strip(),
        ),
    )
    return failed or _done(request, _("Rejected: %(s)s") % {"s": item.summary})


@moderator_required
@require_POST
def merge(request, pk):
    item = selectors.item_get(pk=pk)
    handler = handler_for(item.kind)
    if not handler.can_merge:
        return _refused(request, item, "merge", errors=[_("This kind of item cannot be merged.")])
    form = MergeForm(request.POST, handler=handler)
    failed = _decide(
        request,
        item,
        "merge",
        [form],
        lambda version: item_merge(
            item=item, version=version, user=request.user, target_pk=form.cleaned_data["target"]
        ),
    )
    return failed or _done(
        request,
        _("Merged “%(s)s” into “%(target)s”.")
        % {"s": item.summary, "target": getattr(form, "target_object", "")},
    )


@moderator_required
@require_POST
def ask(request, pk):
    item = selectors.item_get(pk=pk)
    handler = handler_for(item.kind)
    form = AskForm(request.POST, can_ask=bool(handler.contact_email(item.content_object)))
    failed = _decide(
        request,
        item,
        "ask",
        [form],
        lambda version: item_ask(
            item=item,
            version=version,
            user=request.user,
            question=form.cleaned_data["question"].strip(),
        ),
    )
    return failed or _done(
        request,
        _("Your question was sent. The item waits for the answer: %(s)s") % {"s": item.summary},
    )

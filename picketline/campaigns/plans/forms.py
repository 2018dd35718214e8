"""The plan's edit page: the analysis and what to publish, and a formset for each list
(stakeholders, goals, steps). Rows left empty are ignored; a row ticked "remove" goes."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from picketline.campaigns.plans.models import GoalStatus, StakeholderKind

TEXTAREA = forms.Textarea(attrs={"rows": 6, "dir": "auto"})


class PlanForm(forms.Form):
    # The plan's version when the page was opened (0 before the first save): a save from an
    # older one is refused rather than overwriting someone else's.
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    language = forms.ChoiceField(label=_("Language of the plan"))
    situation = forms.CharField(
        label=_("The situation"), required=False, max_length=20000, widget=TEXTAREA
    )
    weak_points = forms.CharField(
        label=_("The employer's weak points"), required=False, max_length=20000, widget=TEXTAREA
    )
    strengths = forms.CharField(
        label=_("Our strengths"), required=False, max_length=20000, widget=TEXTAREA
    )
    publish_analysis = forms.BooleanField(label=_("Publish the analysis"), required=False)
    publish_stakeholders = forms.BooleanField(
        label=_("Publish the chart of the people around the table, without the notes"),
        required=False,
    )
    publish_goals = forms.BooleanField(label=_("Publish the goals"), required=False)
    publish_steps = forms.BooleanField(
        label=_("Publish the escalation steps, without who does them"), required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = settings.CONTENT_LANGUAGES


SCALE_CHOICES = [(value, str(value)) for value in range(1, 6)]


class StakeholderForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=StakeholderKind.choices)
    name = forms.CharField(label=_("Name"), max_length=200)
    notes = forms.CharField(
        label=_("Notes"), required=False, max_length=4000, widget=forms.Textarea(attrs={"rows": 2})
    )
    power = forms.TypedChoiceField(label=_("Power (1 to 5)"), choices=SCALE_CHOICES, coerce=int)
    interest = forms.TypedChoiceField(
        label=_("Interest and support (1 to 5)"), choices=SCALE_CHOICES, coerce=int
    )


class GoalForm(forms.Form):
    text = forms.CharField(label=_("Goal"), max_length=1000)
    status = forms.ChoiceField(label=_("Status"), choices=GoalStatus.choices)


class StepForm(forms.Form):
    position = forms.IntegerField(label=_("Order"), min_value=1, max_value=999)
    date = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    action = forms.CharField(label=_("What"), max_length=1000)
    assignee_name = forms.CharField(label=_("Who (a name)"), required=False, max_length=200)
    assignee = forms.ModelChoiceField(
        label=_("Who (a coordinator's account)"), queryset=None, required=False
    )
    due_on = forms.DateField(
        label=_("Due"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    done = forms.BooleanField(label=_("Done"), required=False)

    def __init__(self, *args, assignees=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = assignees
        self.fields["assignee"].label_from_instance = lambda user: user.get_username()

    def clean(self):
        data = super().clean()
        if data.get("assignee") and data.get("assignee_name"):
            raise forms.ValidationError(
                _("Give the step to a name or to an account, not both."), code="both"
            )
        return data


def _formset(form, extra):
    return forms.formset_factory(form, extra=extra, can_delete=True, max_num=200)


StakeholderFormSet = _formset(StakeholderForm, 3)
GoalFormSet = _formset(GoalForm, 2)
StepFormSet = _formset(StepForm, 3)


def formset_rows(formset) -> list[dict]:
    """The rows to keep: filled in and not marked for removal."""
    return [
        {key: value for key, value in row.items() if key != "DELETE"}
        for row in formset.cleaned_data
        if row and not row.get("DELETE")
    ]


def plan_forms(data, *, snapshot: dict, version: int, assignees, users_by_id: dict):
    """The edit page's form and formsets, bound to `data` on POST, else filled from the
    plan as it is (`snapshot`, at `version`)."""
    initial = {
        "version": version,
        "language": snapshot.get("language"),
        **{key: snapshot.get(key, "") for key in ("situation", "weak_points", "strengths")},
        **{f"publish_{key}": value for key, value in snapshot.get("published", {}).items()},
    }
    steps = [
        {
            **{key: step[key] for key in ("position", "date", "action", "assignee_name", "done")},
            "due_on": step["due_on"],
            "assignee": users_by_id.get(step["assignee_id"]),
        }
        for step in snapshot.get("steps", [])
    ]
    return {
        "form": PlanForm(data, initial=initial),
        "stakeholders": StakeholderFormSet(
            data, prefix="stakeholders", initial=snapshot.get("stakeholders", [])
        ),
        "goals": GoalFormSet(data, prefix="goals", initial=snapshot.get("goals", [])),
        "steps": StepFormSet(
            data, prefix="steps", initial=steps, form_kwargs={"assignees": assignees}
        ),
    }

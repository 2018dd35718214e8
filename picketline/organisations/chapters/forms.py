"""Forms of chapters: finding the nearest one (on the page and in the API), the organisers'
form of a chapter, the public request to start one, and answering a request."""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from picketline.core.forms import HoneypotForm
from picketline.core.i18n import current_language
from picketline.core.times import validate_timezone
from picketline.organisations.chapters.models import Chapter, MeetingWeek, Weekday
from picketline.organisations.chapters.places import ChapterPlace, chapter_place
from picketline.places.near import NearError, NearField, NearPoint, RadiusField, near_resolve

PLACE_HELP = _("A town (add the country after a comma if the name is common) or “lat,lon”.")


class ChapterNearForm(forms.Form):
    """`near` and `radius_km`: the organisation's chapters around a place, nearest first."""

    near = NearField(help_text=PLACE_HELP)
    radius_km = RadiusField()

    def clean(self):
        cleaned = super().clean()
        near = cleaned.get("near", "")
        self.point: NearPoint | None = None
        if near and "radius_km" not in self.errors:
            try:
                self.point = near_resolve(near, cleaned.get("radius_km"))
            except NearError as error:
                self.add_error("near", ValidationError(error.message, code=error.code))
        return cleaned

    @property
    def unknown_place(self) -> bool:
        return any(e.code == NearError.code for e in self.errors.as_data().get("near", []))


class PlaceField(forms.CharField):
    """A place resolved through the gazetteer to a `ChapterPlace`."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 200)
        kwargs.setdefault("help_text", PLACE_HELP)
        super().__init__(**kwargs)

    def clean(self, value):
        text = super().clean(value)
        return self.resolve(text) if text else None

    def resolve(self, text: str) -> ChapterPlace:
        try:
            return chapter_place(text)
        except NearError as error:
            raise ValidationError(error.message, code=error.code) from None


class ChapterPlaceField(PlaceField):
    """A chapter's place: left as it was, it keeps the chapter's point and names."""

    chapter: Chapter | None = None

    def resolve(self, text: str) -> ChapterPlace:
        chapter = self.chapter
        if chapter is not None and text == chapter.place_name:
            return ChapterPlace(
                place_name=chapter.place_name,
                latitude=chapter.latitude,
                longitude=chapter.longitude,
                city=chapter.city,
                region=chapter.region,
                country=chapter.country,
                timezone=chapter.timezone,
            )
        return super().resolve(text)


class ChapterForm(forms.Form):
    name = forms.CharField(
        label=_("Name"),
        max_length=200,
        help_text=_("Usually the town: “Leeds” or “North Leeds”."),
        widget=forms.TextInput(attrs={"dir": "auto"}),
    )
    place = ChapterPlaceField(label=_("Where"))
    area_km = forms.IntegerField(
        label=_("Area (km around the place)"),
        min_value=1,
        max_value=1000,
        initial=25,
        help_text=_("People within this distance are offered this chapter."),
    )
    timezone = forms.CharField(
        label=_("Time zone"),
        max_length=64,
        required=False,
        validators=[validate_timezone],
        help_text=_("Such as Europe/Madrid. Leave empty to take the place's."),
    )
    description = forms.CharField(
        label=_("About the chapter"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4, "dir": "auto"}),
    )
    language = forms.ChoiceField(
        label=_("Language of the description"), choices=lambda: settings.LANGUAGES
    )
    meeting_week = forms.ChoiceField(
        label=_("Meets"),
        choices=[("", _("No regular meeting")), *MeetingWeek.choices],
        required=False,
    )
    meeting_weekday = forms.TypedChoiceField(
        label=pgettext_lazy("the weekday a chapter meets", "On"),
        choices=[("", "—"), *Weekday.choices],
        coerce=int,
        empty_value=None,
        required=False,
    )
    meeting_time = forms.TimeField(
        label=_("At"), required=False, widget=forms.TimeInput(attrs={"type": "time"})
    )
    meeting_place = forms.CharField(
        label=_("Where it meets"),
        max_length=300,
        required=False,
        widget=forms.TextInput(attrs={"dir": "auto"}),
    )

    def __init__(self, *args, chapter: Chapter | None = None, **kwargs):
        self.chapter = chapter
        if chapter is not None and "initial" not in kwargs:
            kwargs["initial"] = {
                "name": chapter.name,
                "place": chapter.place_name,
                "area_km": chapter.area_km,
                "timezone": chapter.timezone,
                "description": chapter.description,
                "language": chapter.language,
                "meeting_week": chapter.meeting_week,
                "meeting_weekday": chapter.meeting_weekday,
                "meeting_time": chapter.meeting_time,
                "meeting_place": chapter.meeting_place,
            }
        kwargs.setdefault("initial", {}).setdefault("language", current_language())
        super().__init__(*args, **kwargs)
        self.fields["place"].chapter = chapter

    def clean(self):
        cleaned = super().clean()
        place = cleaned.get("place")
        if place is not None and not cleaned.get("timezone"):
            if not place.timezone:
                self.add_error(
                    "timezone", _("The time zone of this place is not known: give it here.")
                )
            cleaned["timezone"] = place.timezone
        return cleaned

    def service_fields(self) -> dict:
        data = self.cleaned_data
        fields = data["place"].as_fields()
        fields.update(
            name=data["name"],
            area_km=data["area_km"],
            timezone=data["timezone"],
            description=data["description"],
            language=data["language"],
            meeting_week=data["meeting_week"] or "",
            meeting_weekday=data["meeting_weekday"],
            meeting_time=data["meeting_time"],
            meeting_place=data["meeting_place"],
        )
        return fields


class ChapterRequestForm(HoneypotForm):
    """ "No chapter near you — start one": anyone, without an account."""

    refused_message = _("Your request could not be sent. Please try again later.")

    name = forms.CharField(label=_("Your name"), max_length=200)
    email = forms.EmailField(
        label=_("Your email"),
        help_text=_("Only the organisation's organisers see it, to answer you."),
    )
    place = PlaceField(label=_("Where you are"))
    message = forms.CharField(
        label=_("A few words"),
        max_length=2000,
        required=False,
        help_text=_("Who you are, and who else might take part."),
        widget=forms.Textarea(attrs={"rows": 4, "dir": "auto"}),
    )

    def service_fields(self) -> dict:
        data = self.cleaned_data
        return {
            "name": data["name"],
            "email": data["email"],
            "message": data["message"],
            "language": current_language(),
            **data["place"].as_fields(),
        }


class ApproveForm(forms.Form):
    name = forms.CharField(
        label=_("Name of the new chapter"),
        max_length=200,
        widget=forms.TextInput(attrs={"dir": "auto"}),
    )
    area_km = forms.IntegerField(
        label=_("Area (km around the place)"), min_value=1, max_value=1000, initial=25
    )


class DeclineForm(forms.Form):
    note = forms.CharField(
        label=_("A note for them (optional)"),
        max_length=2000,
        required=False,
        help_text=_("Sent in the email that tells them, for example where to meet instead."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )

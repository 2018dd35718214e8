"""The form that adds or edits a resource. The file is checked by the service, from its
content (`files.inspect_upload`); its errors come back onto the "file" field."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from picketline.core.i18n import current_language
from picketline.resources.models import ResourceKind, Visibility
from picketline.resources.selectors import group_leads


class ResourceForm(forms.Form):
    title = forms.CharField(
        label=_("Title"), max_length=200, widget=forms.TextInput(attrs={"dir": "auto"})
    )
    description = forms.CharField(
        label=_("Description"),
        help_text=_("One or two sentences: what it is and who it is for."),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3, "dir": "auto"}),
    )
    kind = forms.ChoiceField(label=_("Kind"), choices=ResourceKind.choices)
    language = forms.ChoiceField(label=_("Language"), choices=lambda: settings.CONTENT_LANGUAGES)
    file = forms.FileField(
        label=_("File"),
        required=False,
        widget=forms.ClearableFileInput(
            attrs={"accept": "application/pdf,image/jpeg,image/png,image/webp"}
        ),
    )
    link = forms.URLField(
        label=_("Or a link"),
        help_text=_("For a video: the https:// address where it is hosted."),
        required=False,
        max_length=500,
        assume_scheme="https",
    )
    translation_of = forms.ModelChoiceField(
        label=_("Same document as"),
        help_text=_("When this is a document already here, in another language."),
        required=False,
        queryset=None,
        empty_label=_("None: a new document"),
    )
    visibility = forms.ChoiceField(
        label=_("Who sees it"), choices=Visibility.choices, initial=Visibility.PUBLIC
    )

    def __init__(self, *args, owner, resource=None, **kwargs):
        if resource is not None:
            kwargs.setdefault(
                "initial",
                {
                    "title": resource.title,
                    "description": resource.description,
                    "kind": resource.kind,
                    "language": resource.language,
                    "link": resource.link,
                    "translation_of": resource.translation_of_id,
                    "visibility": resource.visibility,
                },
            )
        else:
            kwargs.setdefault("initial", {}).setdefault("language", current_language())
        super().__init__(*args, **kwargs)
        self.fields["translation_of"].queryset = group_leads(owner, exclude=resource)
        self.fields["file"].help_text = _(
            "A PDF of at most %(pdf)s MB, or a JPEG, PNG or WebP image of at most %(image)s MB. "
            "Photos lose their EXIF data, such as where they were taken."
        ) % {"pdf": settings.RESOURCE_MAX_PDF_MB, "image": settings.RESOURCE_MAX_IMAGE_MB}
        if resource is not None:
            if resource.is_link:
                del self.fields["file"]
                self.fields["link"].label = _("Link")
                self.fields["link"].required = True
            else:
                del self.fields["link"]
                self.fields["file"].label = _("Replace the file")

    def service_fields(self) -> dict:
        data = self.cleaned_data
        return {
            "title": data["title"],
            "description": data["description"],
            "kind": data["kind"],
            "language": data["language"],
            "visibility": data["visibility"],
            "translation_of": data.get("translation_of"),
            "upload": data.get("file") or None,
            "link": data.get("link") or "",
        }

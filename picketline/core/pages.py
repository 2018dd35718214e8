"""The steps every management page shares: save a valid form through a service (or show it
again with the service's refusal), and remove something after asking first."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render

from picketline.core.forms import add_validation_error

CONFIRM_TEMPLATE = "includes/confirm_page.html"


def confirm_page(request, *, title, question, submit, back, detail="", **context):
    """Asks a question with one button to go ahead and a way `back`; `context` adds what the
    page shows above the question (e.g. `dispute`)."""
    context.update(
        {"title": title, "question": question, "detail": detail, "submit": submit, "back": back}
    )
    return render(request, CONFIRM_TEMPLATE, context)


def save_or_show(request, form, *, save, done, back, show):
    """On a valid POST: `save(cleaned_data)`, say `done` (a text, or a function of what
    `save` returned) and go `back`. Otherwise, or when the service refuses, `show()` the form
    with its errors."""
    if request.method == "POST" and form.is_valid():
        try:
            result = save(form.cleaned_data)
        except ValidationError as error:
            add_validation_error(form, error)
        else:
            messages.success(request, done(result) if callable(done) else done)
            return redirect(back)
    return show()


def remove_or_confirm(request, *, remove, done, back, then=None, **confirm):
    """On POST: `remove()`, say `done` and go `then` (or `back`); on GET: ask first, with a
    way `back`."""
    if request.method == "POST":
        remove()
        messages.success(request, done)
        return redirect(then or back)
    return confirm_page(request, back=back, **confirm)

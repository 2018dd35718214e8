from django.contrib.auth.forms import PasswordResetForm
from django.template import loader

from picketline.core.tasks import send_email


class QueuedPasswordResetForm(PasswordResetForm):
    """Renders the reset email now and sends it from the task worker.

    The page answers at once even when the mail server is slow or down; the task is retried.
    """

    def send_mail(
        self,
        subject_template_name,
        email_template_name,
        context,
        from_email,
        to_email,
        html_email_template_name=None,
    ):
        subject = "".join(loader.render_to_string(subject_template_name, context).splitlines())
        body = loader.render_to_string(email_template_name, context)
        html = (
            loader.render_to_string(html_email_template_name, context)
            if html_email_template_name
            else ""
        )
        send_email.enqueue(subject=subject, body=body, to=[to_email], html=html)

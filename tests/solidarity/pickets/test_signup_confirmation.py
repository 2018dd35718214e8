"""A sign-up's confirmation is written by the worker, from the sign-up's id alone: the request
stores the sign-up and queues a task; the worker writes the text, the private cancel link and
the calendar invite, in the language the person signed up in."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from django_tasks_db.models import DBTaskResult

from picketline.accounts.personal_data import ERASED_DOMAIN
from picketline.core.models import OutboxEmail
from picketline.core.tokens import token_hash
from picketline.disputes.models import Dispute, PicketShift
from picketline.solidarity.models import ShiftSignup
from picketline.solidarity.pickets import selectors, services
from picketline.solidarity.pickets.notices import signup_confirmation_send
from tests.factories import make_dispute

pytestmark = pytest.mark.django_db

TASK_PATH = signup_confirmation_send.module_path


@pytest.fixture
def database_tasks(settings):
    """Tasks stored as rows, as in production, and left for the test to run as the worker."""
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default", "email"]}
    }


def _shift(**dispute_fields) -> PicketShift:
    dispute = make_dispute(with_shift=True, **dispute_fields)
    return PicketShift.objects.select_related("site__dispute").get(site__dispute=dispute)


def _sign_up(shift: PicketShift, **fields):
    fields = {"name": "Ada", "email": "ada@example.org", "party_size": 2, **fields}
    return services.signup_create(shift=shift, occurrence_starts_at=shift.starts_at, **fields)


def _run_worker() -> int:
    written = 0
    for task in DBTaskResult.objects.filter(task_path=TASK_PATH):
        written += signup_confirmation_send.call(**task.args_kwargs["kwargs"])
    return written


def test_it_queues_the_confirmation_with_the_signups_id_and_writes_no_email(
    database_tasks, django_capture_on_commit_callbacks
):
    shift = _shift()

    with django_capture_on_commit_callbacks(execute=True):
        signup, _token = _sign_up(shift)

    assert not OutboxEmail.objects.exists()
    [task] = DBTaskResult.objects.filter(task_path=TASK_PATH)
    assert task.args_kwargs == {"args": [], "kwargs": {"signup_id": signup.pk}}
    assert task.queue_name == "email"


def test_the_worker_writes_the_confirmation_with_the_link_the_person_was_given(
    client, database_tasks, django_capture_on_commit_callbacks
):
    shift = _shift(title="Diner strike")
    with django_capture_on_commit_callbacks(execute=True):
        signup, token = _sign_up(shift)

    assert _run_worker() == 1

    [email] = OutboxEmail.objects.all()
    assert email.address == "ada@example.org"
    assert "Diner strike" in email.subject
    cancel_path = reverse("solidarity:picket_cancel", kwargs={"token": token})
    assert cancel_path in email.body
    assert email.ics.startswith("BEGIN:VCALENDAR") and email.ics_name == "picket.ics"
    # The link is the one the page after the form showed, and it opens this sign-up.
    assert client.get(cancel_path).status_code == 200
    assert services.signup_get_by_token(raw=token) == signup


def test_the_link_is_made_from_the_nonce_and_the_secret_key_and_only_its_hash_is_kept(
    settings,
):
    shift = _shift()
    signup, token = _sign_up(shift)
    signup.refresh_from_db()

    assert signup.token_nonce and signup.token_nonce not in token
    assert signup.cancel_token_hash == token_hash(token)
    settings.SECRET_KEY = "another-secret-key-for-this-test-only-0123456789abcdef"
    assert selectors.signup_token(signup) != token


def test_it_writes_the_confirmation_in_the_language_of_the_sign_up(
    database_tasks, django_capture_on_commit_callbacks
):
    shift = _shift(title="Diner strike")
    with translation.override("es"), django_capture_on_commit_callbacks(execute=True):
        signup, _token = _sign_up(shift)
    assert signup.language == "es"

    _run_worker()  # in the worker's own language, the default

    [email] = OutboxEmail.objects.all()
    assert email.subject == "Vienes al piquete: Diner strike"
    assert "SUMMARY:Piquete: Diner strike" in email.ics


def test_it_writes_nothing_for_a_sign_up_erased_before_the_worker_came(
    database_tasks, django_capture_on_commit_callbacks
):
    shift = _shift()
    with django_capture_on_commit_callbacks(execute=True):
        first, _token = _sign_up(shift)
        second, _token = _sign_up(shift, email="bo@example.org")
    ShiftSignup.objects.filter(pk=first.pk).delete()
    ShiftSignup.objects.filter(pk=second.pk).update(email=f"someone@{ERASED_DOMAIN}")

    assert _run_worker() == 0
    assert not OutboxEmail.objects.exists()


def test_it_queues_nothing_for_a_sign_up_by_phone(
    database_tasks, django_capture_on_commit_callbacks
):
    shift = _shift()

    with django_capture_on_commit_callbacks(execute=True):
        _sign_up(shift, email="", phone="07700 900123")

    assert not DBTaskResult.objects.filter(task_path=TASK_PATH).exists()


def test_the_sign_up_reads_nothing_and_writes_in_one_statement_on_postgresql(
    database_tasks, is_postgres
):
    shift = _shift()
    ContentType.objects.get_for_model(Dispute)  # cached once per process

    with CaptureQueriesContext(connection) as queries:
        _sign_up(shift)

    statements = [q["sql"] for q in queries if "SAVEPOINT" not in q["sql"]]
    assert not [sql for sql in statements if sql.startswith("SELECT")]
    assert not [sql for sql in statements if "core_outboxemail" in sql]
    # PostgreSQL: the places, the sign-up and its audit entry in one statement; elsewhere one
    # statement each.
    assert len(statements) == (1 if is_postgres else 3)


def test_a_link_made_before_nonces_still_opens_its_sign_up(client):
    shift = _shift()
    raw = "an-older-random-token-of-which-only-the-hash-was-kept"
    signup = ShiftSignup.objects.create(
        shift=shift,
        occurrence_starts_at=shift.starts_at,
        name="Ada",
        email="ada@example.org",
        cancel_token_hash=token_hash(raw),
    )

    assert signup.token_nonce is None
    assert services.signup_get_by_token(raw=raw) == signup
    assert client.get(reverse("solidarity:picket_cancel", kwargs={"token": raw})).status_code == 200

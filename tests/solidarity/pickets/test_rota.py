"""The coordinators' rota: who is coming, messages to them, and how many came."""

import datetime as dt

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from picketline.disputes import services as dispute_services
from picketline.disputes.models import PicketShift
from picketline.solidarity.models import ShiftAttendance
from picketline.solidarity.pickets import services as services
from picketline.solidarity.pickets.selectors import occurrence_key
from tests.factories import login, make_coordinator, make_dispute, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def rota(db):
    dispute = make_dispute(with_shift=True)
    shift = PicketShift.objects.get(site__dispute=dispute)
    PicketShift.objects.filter(pk=shift.pk).update(capacity=20)
    for name, email, phone, size in (
        ("Ada", "ada@example.org", "", 3),
        ("Grace", "grace@example.org", "07700 900111", 1),
        ("Linus", "", "07700 900222", 2),
    ):
        services.signup_create(
            shift=shift,
            occurrence_starts_at=shift.starts_at,
            name=name,
            email=email,
            phone=phone,
            party_size=size,
        )
    return dispute, shift


def _rota_url(dispute):
    return reverse("solidarity:picket_rota", kwargs={"slug": dispute.slug})


def _occurrence_url(name, dispute, shift, starts_at=None):
    return reverse(
        f"solidarity:{name}",
        kwargs={
            "slug": dispute.slug,
            "shift_id": shift.pk,
            "occurrence": occurrence_key(starts_at or shift.starts_at),
        },
    )


def test_it_shows_coordinators_the_rota_with_contacts(client, rota):
    dispute, _shift = rota
    login(client, make_coordinator(dispute))

    response = client.get(_rota_url(dispute))

    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    for text in ("Ada", "ada@example.org", "07700 900111", "07700 900222", "6 people coming"):
        assert text in response.text
    assert "20 needed at most" in response.text


def test_it_links_the_rota_from_the_dashboard(client, rota):
    dispute, _shift = rota
    login(client, make_coordinator(dispute))

    response = client.get(reverse("manage:dispute", kwargs={"slug": dispute.slug}))

    assert _rota_url(dispute) in response.text
    assert "6 people have signed up" in response.text


def test_it_shows_moderators_the_rota(client, rota, moderator):
    dispute, _shift = rota
    login(client, moderator)

    assert client.get(_rota_url(dispute)).status_code == 200


def test_it_sends_anonymous_people_to_sign_in(client, rota):
    dispute, shift = rota

    for url in (
        _rota_url(dispute),
        _occurrence_url("picket_message", dispute, shift),
        _occurrence_url("picket_attendance", dispute, shift),
    ):
        response = client.get(url) if url.endswith("/rota/") else client.post(url)
        assert response.status_code == 302
        assert "login" in response["Location"]


def test_it_refuses_supporters_and_other_disputes_coordinators(client, rota):
    dispute, shift = rota
    other = make_dispute()
    for user in (make_user(), make_coordinator(other)):
        login(client, user)
        assert client.get(_rota_url(dispute)).status_code == 403
        message = _occurrence_url("picket_message", dispute, shift)
        assert client.post(message, {"subject": "Hi", "body": "Hello"}).status_code == 403
        attendance = _occurrence_url("picket_attendance", dispute, shift)
        assert client.post(attendance, {"people": "5"}).status_code == 403
    assert not ShiftAttendance.objects.exists()


def test_it_emails_each_volunteer_of_one_occurrence(client, rota, send_now):
    dispute, shift = rota
    login(client, make_coordinator(dispute))

    with send_now():
        response = client.post(
            _occurrence_url("picket_message", dispute, shift),
            {"subject": "Meet at the north gate", "body": "Bring a flask."},
        )

    assert response.status_code == 302
    assert sorted(tuple(email.to) for email in mail.outbox) == [
        ("ada@example.org",),
        ("grace@example.org",),
    ]
    assert all(email.subject == "Meet at the north gate" for email in mail.outbox)


def test_it_says_what_is_missing_from_a_message(client, rota, send_now):
    dispute, shift = rota
    login(client, make_coordinator(dispute))

    with send_now():
        response = client.post(
            _occurrence_url("picket_message", dispute, shift), {"subject": "", "body": "Hi"}
        )

    assert response.status_code == 400
    assert mail.outbox == []


def test_it_records_and_corrects_attendance(client):
    dispute = make_dispute()
    site = dispute.sites.get()
    start = timezone.now().replace(second=0, microsecond=0) - dt.timedelta(days=1)
    shift = dispute_services.shift_create(
        site=site, starts_at=start, ends_at=start + dt.timedelta(hours=2), timezone=site.timezone
    )
    coordinator = make_coordinator(dispute)
    login(client, coordinator)
    url = _occurrence_url("picket_attendance", dispute, shift, start)

    assert client.post(url, {"people": "14"}).status_code == 302
    assert client.post(url, {"people": "17"}).status_code == 302

    attendance = ShiftAttendance.objects.get()
    assert (attendance.people, attendance.recorded_by) == (17, coordinator)
    assert attendance.occurrence_starts_at == start
    assert "17 came" in client.get(_rota_url(dispute)).text


def test_it_refuses_attendance_for_a_time_the_shift_does_not_have(client, rota):
    dispute, shift = rota
    login(client, make_coordinator(dispute))
    url = _occurrence_url(
        "picket_attendance", dispute, shift, shift.starts_at + dt.timedelta(hours=5)
    )

    assert client.post(url, {"people": "3"}).status_code == 404
    assert not ShiftAttendance.objects.exists()


def test_it_refuses_a_negative_attendance(client, rota):
    dispute, shift = rota
    login(client, make_coordinator(dispute))

    response = client.post(_occurrence_url("picket_attendance", dispute, shift), {"people": "-1"})

    assert response.status_code == 400
    assert not ShiftAttendance.objects.exists()

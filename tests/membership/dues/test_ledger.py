"""The dues ledger: append-only, corrections by reversing entries, enforced by the database;
entries recorded by treasurers and organisers; reminders at most once a period."""

import datetime as dt
import json

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from picketline.core.models import AuditEntry
from picketline.membership.dues import services
from picketline.membership.dues.models import DuesEntry, DuesPlan
from picketline.membership.members.models import Membership
from tests import factories
from tests.membership import helpers

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    organisation = helpers.make_network()
    leeds = helpers.make_chapter(organisation)
    other = helpers.make_chapter(organisation, name="York")
    plan = helpers.make_plan(organisation, amount_minor=500)
    member = helpers.make_member(organisation, chapter=leeds, plan=plan)
    return {
        "organisation": organisation,
        "plan": plan,
        "member": member,
        "treasurer": helpers.make_treasurer(organisation),
        "organiser": helpers.make_organiser(leeds),
        "other_organiser": helpers.make_organiser(other),
    }


def _access(world, role):
    return helpers.access(world[role], world["organisation"])


def test_a_treasurer_records_and_corrects_a_payment(world):
    access = _access(world, "treasurer")
    entry = services.dues_entry_record(
        access=access,
        membership=world["member"],
        by=world["treasurer"],
        amount_minor=500,
        method="cash",
    )
    assert (entry.amount_minor, entry.currency) == (500, "GBP")
    reversal = services.dues_entry_reverse(
        access=access, entry=entry, by=world["treasurer"], reason="Counted twice"
    )
    assert reversal.amount_minor == -500 and reversal.reverses == entry
    with pytest.raises(ValidationError):
        services.dues_entry_reverse(access=access, entry=entry, by=world["treasurer"], reason="x")
    with pytest.raises(ValidationError):
        services.dues_entry_reverse(
            access=access, entry=reversal, by=world["treasurer"], reason="x"
        )
    assert AuditEntry.objects.filter(action__in=["dues.recorded", "dues.reversed"]).count() == 2


def test_another_chapters_organiser_may_not_record(world):
    with pytest.raises(PermissionDenied):
        services.dues_entry_record(
            access=_access(world, "other_organiser"),
            membership=world["member"],
            by=world["other_organiser"],
            amount_minor=500,
            method="cash",
        )
    assert not DuesEntry.objects.exists()


def test_it_refuses_another_currency_and_nothing_to_pay(world):
    access = _access(world, "treasurer")
    with pytest.raises(ValidationError):
        services.dues_entry_record(
            access=access,
            membership=world["member"],
            by=None,
            amount_minor=500,
            method="cash",
            currency="EUR",
        )
    waived = helpers.make_plan(world["organisation"], kind="waived")
    hardship = helpers.make_member(world["organisation"], plan=waived)
    with pytest.raises(ValidationError):
        services.dues_entry_record(
            access=access, membership=hardship, by=None, amount_minor=500, method="cash"
        )


@pytest.mark.parametrize(
    "fields",
    [
        {"amount_minor": 0, "method": "cash"},
        {"amount_minor": -5, "method": "cash"},
        {"amount_minor": -5, "method": "reversal"},  # a correction with nothing it corrects
        {"amount_minor": 5, "method": "cash", "currency": "gbp"},
    ],
)
def test_the_database_refuses_entries_that_break_the_rules(world, fields):
    fields = {"currency": "GBP", **fields}
    with pytest.raises(IntegrityError), transaction.atomic():
        DuesEntry.objects.create(membership=world["member"], date=dt.date(2024, 1, 1), **fields)


def test_the_same_external_payment_is_recorded_once(world):
    first = services.dues_entry_record_external(
        membership=world["member"],
        external_id="bank:abc",
        amount_minor=500,
        currency="GBP",
        method="bank",
        paid_at=dt.date(2024, 1, 1),
    )
    again = services.dues_entry_record_external(
        membership=world["member"],
        external_id="bank:abc",
        amount_minor=500,
        currency="GBP",
        method="bank",
        paid_at=dt.date(2024, 1, 1),
    )
    assert first is not None and again is None
    assert DuesEntry.objects.count() == 1


def test_a_plan_waived_has_no_amount_and_others_have_one(world):
    with pytest.raises(IntegrityError), transaction.atomic():
        DuesPlan.objects.create(
            organisation=world["organisation"],
            name="Bad",
            kind="waived",
            amount_minor=100,
            currency="GBP",
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        DuesPlan.objects.create(
            organisation=world["organisation"],
            name="Free",
            kind="fixed",
            amount_minor=0,
            currency="GBP",
        )


def test_the_payments_api_records_an_entry_for_a_treasurer(client, world):
    from picketline.accounts.services import api_token_create

    _token, raw = api_token_create(user=world["treasurer"], name="bank sync")
    response = client.post(
        f"/api/v1/organisations/{world['organisation'].slug}/payments",
        data=json.dumps(
            {
                "member": world["member"].reference,
                "amount_minor": 500,
                "method": "bank",
                "date": "2024-02-01",
            }
        ),
        content_type="application/json",
        headers={"Authorization": f"Bearer {raw}"},
    )
    assert response.status_code == 201, response.content
    assert response.json()["member"] == world["member"].reference
    assert DuesEntry.objects.get().date == dt.date(2024, 2, 1)


def test_reminders_go_once_a_period_to_members_behind(world, send_now):
    member = world["member"]
    Membership.objects.filter(pk=member.pk).update(dues_start=helpers.months_ago(2))
    paid_up = helpers.make_member(world["organisation"], plan=world["plan"])
    helpers.pay(paid_up, 500)
    with send_now():
        assert services.dues_reminders_send_due() == 1
    assert [m.to for m in mail.outbox] == [[member.email]]
    assert "/members/me/" in mail.outbox[0].body
    with send_now():
        assert services.dues_reminders_send_due() == 0
    member.refresh_from_db()
    assert member.reminded_for is not None


def test_the_reminder_task_is_registered():
    from picketline.core.reminders import reminder_tasks

    assert "picketline.membership.dues.tasks.dues_reminders_send" in {
        task.module_path for task in reminder_tasks()
    }


def test_bank_statement_matches_members_and_records_each_row_once(client, world):
    factories.login(client, world["treasurer"])
    other = helpers.make_member(world["organisation"], plan=world["plan"], email="x@example.org")
    statement = (
        "date,amount,reference\n"
        f"2024-03-01,5.00,DUES {world['member'].reference}\n"
        "2024-03-02,5.00,x@example.org\n"
        "2024-03-03,5.00,who knows\n"
    ).encode()
    from django.core.files.uploadedfile import SimpleUploadedFile

    url = f"/organisations/{world['organisation'].slug}/dues/bank/"
    preview = client.post(url, {"statement": SimpleUploadedFile("s.csv", statement)})
    assert preview.status_code == 200
    assert "No member matches" in preview.content.decode()
    signed = preview.context["signed"]
    assert DuesEntry.objects.count() == 0
    client.post(url + "confirm/", {"rows": signed})
    assert set(DuesEntry.objects.values_list("membership_id", flat=True)) == {
        world["member"].pk,
        other.pk,
    }
    client.post(url + "confirm/", {"rows": signed})
    assert DuesEntry.objects.count() == 2
    again = client.post(url, {"statement": SimpleUploadedFile("s.csv", statement)})
    assert again.context["ready"] == 0


def test_a_tampered_preview_records_nothing(client, world):
    factories.login(client, world["treasurer"])
    url = f"/organisations/{world['organisation'].slug}/dues/bank/confirm/"
    client.post(url, {"rows": "forged"})
    assert not DuesEntry.objects.exists()

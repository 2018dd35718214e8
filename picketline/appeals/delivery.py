"""Sending an appeal: one email per target per confirmed signature, through `core.fanout`.

The delivery rows are the queue (`AppealDelivery`, one per signature and target). A run claims
them in batches (`claim_batches`), renders the model message once for the run and each
signature's part once however many targets it goes to (`Parts`), builds every email from the
encoded parts (`PlainTextEmails`), sends over one connection (`MailSession`) and, in the
claiming transaction, marks sent what the server took (`overlapped_writes`) and counts an
attempt, with backoff, on the rest. Each signature reaches each target once, through a mail
outage and with workers side by side.

Pacing: a target gets at most `appeal.per_hour` emails in any hour. A run sends each target
what its last hour leaves room for, re-checked under the target's row lock (so two workers
cannot both fill the same hour), and queues itself for when the hour makes room again: a
campaign is a protest, not a flood.

The supporter is named in the email (name and country). Their address is never in it, not
even as Reply-To: a target answers the appeal's coordinators, who may publish the reply.
"""

import datetime as dt

from django.conf import settings
from django.db import transaction
from django.db.models import Count, F, Min, Q
from django.tasks import task
from django.template.loader import render_to_string
from django.utils import timezone, translation

from picketline.appeals.models import Appeal, AppealDelivery, DeliveryStatus, Signature, Target
from picketline.core.fanout import (
    MailSession,
    Parts,
    PlainTextEmails,
    claim_batches,
    next_attempt_at,
    overlapped_writes,
)
from picketline.core.idlists import pk_among
from picketline.places.countries import country_names

WINDOW = dt.timedelta(hours=1)


def _due(appeal_id: int, now: dt.datetime):
    return AppealDelivery.objects.filter(appeal_id=appeal_id, status=DeliveryStatus.PENDING).filter(
        Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now)
    )


def _sent_in_window(target_ids, now: dt.datetime) -> dict[int, int]:
    rows = (
        AppealDelivery.objects.filter(
            target_id__in=target_ids, status=DeliveryStatus.SENT, sent_at__gt=now - WINDOW
        )
        .values("target_id")
        .annotate(n=Count("id"))
    )
    return {row["target_id"]: row["n"] for row in rows}


def _render_signatures(signature_ids: list[int]) -> dict[int, str]:
    """Each signature's part of the email: its paragraph and the supporter's name and country,
    the same for every target."""
    signatures = list(
        Signature.objects.filter(pk__in=signature_ids).only("name", "country", "paragraph")
    )
    names = country_names({s.country for s in signatures})
    return {
        s.pk: render_to_string(
            "appeals/email/signature.txt",
            {"signature": s, "country": names.get(s.country, s.country)},
        )
        for s in signatures
    }


class _Run:
    """One drain of an appeal's queue."""

    def __init__(self, appeal: Appeal, now: dt.datetime):
        self.appeal = appeal
        self.now = now
        self.mail = MailSession()
        self.emails = PlainTextEmails()
        self.signatures = Parts(_render_signatures)
        self.targets = {t.pk: t for t in Target.objects.filter(appeal=appeal).only("name", "email")}
        owner = appeal.campaign if appeal.campaign_id else appeal.dispute
        context = {"appeal": appeal, "owner": owner, "SITE_NAME": settings.SITE_NAME}
        self.body = render_to_string("appeals/email/body.txt", context)
        self.footer = render_to_string("appeals/email/footer.txt", context)
        self.subject = " ".join(appeal.subject.split())
        self.greetings: dict[int, str] = {}
        self.sent = 0
        self.retry_at: dt.datetime | None = None
        self.paced = False

    def greeting(self, target: Target) -> str:
        if target.pk not in self.greetings:
            self.greetings[target.pk] = render_to_string(
                "appeals/email/greeting.txt", {"target": target}
            )
        return self.greetings[target.pk]

    def allowed(self, rows: list[AppealDelivery]) -> list[AppealDelivery]:
        """The rows each target's hour still has room for, decided under the targets' row
        locks (taken in order of their keys); the rest stay in the queue."""
        per_hour = self.appeal.per_hour
        if per_hour is None:
            return rows
        target_ids = sorted({row.target_id for row in rows})
        list(Target.objects.filter(pk__in=target_ids).order_by("pk").select_for_update())
        room = {t: per_hour - n for t, n in _sent_in_window(target_ids, self.now).items()}
        kept = []
        for row in rows:
            left = room.get(row.target_id, per_hour)
            if left > 0:
                kept.append(row)
                room[row.target_id] = left - 1
            else:
                self.paced = True
        return kept

    def _emails(self, rows: list[AppealDelivery], parts: dict[int, str]):
        for row in rows:
            target = self.targets.get(row.target_id)
            try:
                email = self.emails.email(
                    subject=self.subject,
                    parts=[self.greeting(target), self.body, parts[row.signature_id], self.footer],
                    to=[target.email],
                )
            except Exception as error:  # reported failed alone, retried with backoff
                yield row.pk, error
            else:
                yield row.pk, email

    def deliver(self, rows: list[AppealDelivery]) -> int:
        """Sends the claimed rows that pacing allows; call in the claiming transaction."""
        rows = self.allowed(rows)
        if not rows:
            return 0
        parts = self.signatures.get_many(row.signature_id for row in rows)
        attempts = {row.pk: row.attempts for row in rows}
        sent = 0

        def mark_sent(pks: list) -> None:
            nonlocal sent
            AppealDelivery.objects.filter(pk_among(AppealDelivery, pks)).update(
                status=DeliveryStatus.SENT,
                sent_at=self.now,
                attempts=F("attempts") + 1,
                last_error="",
            )
            sent += len(pks)

        with overlapped_writes():
            result = self.mail.send(self._emails(rows, parts), on_sent=mark_sent)
        self._record_failures(result.failed, attempts)
        self.sent += sent
        return sent

    def _record_failures(self, failed: dict, attempts: dict[int, int]) -> None:
        groups: dict[tuple[int, str], list[int]] = {}
        for pk, error in failed.items():
            message = str(error)[:500] or error.__class__.__name__
            groups.setdefault((attempts[pk] + 1, message), []).append(pk)
        for (count, message), pks in groups.items():
            again_at = next_attempt_at(count, self.now)
            AppealDelivery.objects.filter(pk__in=pks).update(
                attempts=count,
                status=DeliveryStatus.PENDING if again_at else DeliveryStatus.FAILED,
                next_attempt_at=again_at,
                last_error=message,
            )
            if again_at is not None:
                self.retry_at = min(self.retry_at or again_at, again_at)

    def claimable(self):
        """The due rows this run may send: with pacing, for each target only as many (the
        first by key) as its last hour leaves room for, so a paced run does not claim and
        skip the whole queue. `allowed` decides again under the lock."""
        due = _due(self.appeal.pk, self.now).only("pk", "signature_id", "target_id", "attempts")
        per_hour = self.appeal.per_hour
        if per_hour is None:
            return due
        sent = _sent_in_window(list(self.targets), self.now)
        wanted = Q(pk__in=[])
        for target_id in self.targets:
            room = per_hour - sent.get(target_id, 0)
            if room <= 0:
                if due.filter(target_id=target_id).exists():
                    self.paced = True
                continue
            edge = list(
                due.filter(target_id=target_id)
                .order_by("pk")
                .values_list("pk", flat=True)[room - 1 : room + 1]
            )
            if len(edge) == 2:
                wanted |= Q(target_id=target_id, pk__lte=edge[0])
                self.paced = True
            else:
                wanted |= Q(target_id=target_id)
        return due.filter(wanted)

    def next_window(self) -> dt.datetime:
        """When the first target whose hour is full has room again."""
        oldest = AppealDelivery.objects.filter(
            appeal_id=self.appeal.pk,
            status=DeliveryStatus.SENT,
            sent_at__gt=self.now - WINDOW,
        ).aggregate(oldest=Min("sent_at"))["oldest"]
        return (oldest or self.now) + WINDOW


def _schedule(appeal_id: int, run_after: dt.datetime, now: dt.datetime) -> None:
    """Queues one deferred run at `run_after`, unless one is queued already for as early."""
    if not deliver_appeal.get_backend().supports_defer:
        return
    with transaction.atomic():
        appeal = Appeal.objects.select_for_update().only("delivery_run_at").get(pk=appeal_id)
        queued = appeal.delivery_run_at
        if queued is not None and now < queued <= run_after:
            return
        appeal.delivery_run_at = run_after
        appeal.save(update_fields=["delivery_run_at"])
        transaction.on_commit(
            lambda: deliver_appeal.using(run_after=run_after).enqueue(appeal_id=appeal_id)
        )


@task(queue_name="email")
def deliver_appeal(*, appeal_id: int) -> int:
    """Sends what is due of one appeal, paced per target; returns how many emails it sent.
    Runs side by side claim disjoint rows; what pacing or a failed attempt leaves is sent by
    a run the task queues for later (its payload: the appeal's id, nothing else)."""
    appeal = Appeal.objects.select_related("campaign", "dispute").filter(pk=appeal_id).first()
    if appeal is None:
        return 0
    now = timezone.now()
    languages = {code for code, _name in settings.LANGUAGES}
    language = appeal.language if appeal.language in languages else settings.LANGUAGE_CODE
    with translation.override(language):
        run = _Run(appeal, now)
        with run.mail:
            claim_batches(run.claimable(), run.deliver)
        later = []
        if run.paced:
            later.append(run.next_window())
        if run.retry_at is not None:
            later.append(run.retry_at)
    if later:
        _schedule(appeal_id, min(later), now)
    return run.sent

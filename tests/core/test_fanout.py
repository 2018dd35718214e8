"""The fan-out service: emails built from parts encoded once, a batch over one connection, each
email reported sent or failed."""

import email
import email.policy

import pytest
from django.core import mail

from picketline.core.fanout import MailSession, Parts, PlainTextEmails, send_batch
from picketline.settings import mailer_settings
from tests.solidarity.messages.smtp_server import SmtpServer, free_port


@pytest.fixture
def smtp(settings):
    server = SmtpServer(free_port())
    settings.MAILERS = {"default": mailer_settings(f"smtp://127.0.0.1:{server.port}")}
    server.start()
    yield server
    server.stop()


def _emails(count: int) -> list:
    emails = PlainTextEmails(from_email="Picketline <noreply@example.org>")
    parts = ["Hold the line!\n", "Solidarität aus Köln — " * 6 + "\n"]
    return [
        (n, emails.email(subject="Messages", parts=parts, to=[f"person{n}@example.org"]))
        for n in range(count)
    ]


def test_it_builds_emails_the_email_package_reads_back_as_written(db):
    emails = PlainTextEmails(from_email="Picketline <noreply@example.org>")
    parts = [
        "Messages of solidarity sent to Nurses of Lyon:\n",
        "\n-- Jo, ver.di (Germany)\n\n" + "Solidarität aus Köln — " * 8 + "  \n",
        "\n-- Anonymous\n\nتضامن مع العمال\n",  # noqa: RUF001 - Arabic on purpose
        "\nRead them all: https://example.org/inbox\n\n",
    ]
    subject = "2 messages of solidarity for Drivers' pay & <conditions> — Île-de-France " * 2
    prepared = emails.email(subject=subject, parts=parts, to=["committee@example.org"])

    parsed = email.message_from_bytes(prepared.data, policy=email.policy.default)
    # Headers as Django's own email would write them.
    django = email.message_from_bytes(
        mail.EmailMessage(subject=subject, body="", to=["committee@example.org"])
        .message(policy=email.policy.SMTP)
        .as_bytes(),
        policy=email.policy.default,
    )

    assert parsed["Subject"] == django["Subject"]
    assert parsed["To"] == "committee@example.org"
    assert parsed["From"] == "Picketline <noreply@example.org>"
    assert parsed["Message-ID"]
    assert parsed["Date"]
    assert parsed.get_content().replace("\r\n", "\n") == "".join(parts)
    assert prepared.body == "".join(parts)
    assert all(len(line) <= 78 for line in prepared.data.split(b"\r\n"))


def test_it_writes_an_address_with_a_name_or_another_script_through_the_email_package(db):
    emails = PlainTextEmails(from_email="noreply@example.org")
    prepared = emails.email(subject="Hi", parts=["Body\n"], to=["Ana Díaz <ana@exämple.org>"])

    parsed = email.message_from_bytes(prepared.data, policy=email.policy.default)

    address = parsed["To"].addresses[0]
    assert address.display_name == "Ana Díaz"
    assert address.domain == "xn--exmple-cua.org"
    assert prepared.envelope_to is None  # the SMTP backend prepares the envelope


def test_it_sends_a_batch_over_one_connection(db, smtp):
    result = send_batch(_emails(25))

    assert result.sent == list(range(25))
    assert result.failed == {}
    assert smtp.connections == 1
    assert len(smtp.received) == 25
    assert [to for to, _data in smtp.received] == [[f"person{n}@example.org"] for n in range(25)]


def test_it_reports_which_emails_were_sent_when_the_server_goes_down_mid_batch(db, smtp):
    smtp.down_after = 4

    result = send_batch(_emails(10))

    assert result.sent == [0, 1, 2, 3]
    assert set(result.failed) == set(range(4, 10))
    assert len(smtp.received) == 4


def test_a_session_keeps_one_connection_from_batch_to_batch(db, smtp):
    emails = _emails(6)
    with MailSession() as session:
        first = session.send(emails[:3])
        second = session.send(emails[3:])

    assert first.sent == [0, 1, 2]
    assert second.sent == [3, 4, 5]
    assert smtp.connections == 1
    assert len(smtp.received) == 6


def test_it_fails_every_email_when_the_server_cannot_be_reached(db, settings):
    settings.MAILERS = {"default": mailer_settings(f"smtp://127.0.0.1:{free_port()}")}

    result = send_batch(_emails(3))

    assert result.sent == []
    assert set(result.failed) == {0, 1, 2}


def test_it_sends_through_any_mailer(db, settings):
    settings.MAILERS = {"default": mailer_settings("locmem://")}
    mail.outbox.clear()

    result = send_batch(_emails(3))

    assert result.sent == [0, 1, 2]
    assert [m.to for m in mail.outbox] == [[f"person{n}@example.org"] for n in range(3)]
    assert "Hold the line!" in mail.outbox[0].body


def test_it_renders_each_part_once_and_keeps_at_most_its_limit():
    asked = []

    def render_many(keys):
        asked.append(list(keys))
        return {key: f"part {key}\n" for key in keys}

    parts = Parts(render_many, limit=3)
    assert parts.get_many([1, 2, 1]) == {1: "part 1\n", 2: "part 2\n"}
    assert parts.get_many([2, 1, 3]) == {2: "part 2\n", 1: "part 1\n", 3: "part 3\n"}
    assert asked == [[1, 2], [3]]
    assert parts.rendered == 3

    parts.get_many([4])  # over the limit: the least recently used (2) goes
    parts.get_many([1, 3, 2])
    assert asked[-1] == [2]
    assert parts.rendered == 5


def test_it_takes_emails_one_at_a_time_and_fails_one_that_could_not_be_built_alone(db, smtp):
    built = []

    def emails():
        for key, prepared in _emails(4):
            built.append(key)
            # The session has sent every email before this one (but the one it could not
            # build) when it asks for the next.
            assert len(smtp.received) == key - (key > 2)
            yield (key, ValueError("no such template")) if key == 2 else (key, prepared)

    result = send_batch(emails())

    assert built == [0, 1, 2, 3]
    assert result.sent == [0, 1, 3]
    assert [str(error) for error in result.failed.values()] == ["no such template"]
    assert set(result.failed) == {2}
    assert len(smtp.received) == 3


def test_it_fails_the_rest_of_a_generator_when_the_server_cannot_be_reached(db, settings):
    settings.MAILERS = {"default": mailer_settings(f"smtp://127.0.0.1:{free_port()}")}

    result = send_batch(pair for pair in _emails(3))

    assert result.sent == []
    assert set(result.failed) == {0, 1, 2}


def test_it_tells_what_was_sent_chunk_by_chunk_and_each_email_once(db, smtp):
    chunks = []
    emails = _emails(7)
    emails[3] = (3, ValueError("could not be built"))
    with MailSession() as session:
        result = session.send(emails, on_sent=chunks.append, every=2)
    assert chunks == [[0, 1], [2, 4], [5, 6]]
    assert result.sent == [0, 1, 2, 4, 5, 6]
    assert set(result.failed) == {3}


def test_it_tells_what_was_sent_before_the_server_went_away(db, smtp):
    smtp.down_after = 4
    chunks = []
    with MailSession() as session:
        result = session.send(_emails(10), on_sent=chunks.append, every=3)
    assert chunks == [[0, 1, 2], [3]]
    assert set(result.failed) == set(range(4, 10))


def test_a_record_of_what_was_sent_writes_about_the_same_number_of_rows_however_long_the_email():
    from picketline.core.fanout import SENT_ROWS, sent_chunk

    # A digest of 100 messages marks 100 rows an email; one of 10 marks 10.
    assert sent_chunk(100 * 100, 100) * 100 == SENT_ROWS
    assert sent_chunk(1000 * 10, 1000) * 10 == SENT_ROWS
    # An email that marks more rows than a record holds is recorded alone.
    assert sent_chunk(5 * SENT_ROWS * 2, 5) == 1
    assert sent_chunk(0, 0) == SENT_ROWS

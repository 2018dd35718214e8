"""Authenticators' secrets are stored encrypted (see picketline.core.crypto).

The column becomes text (a Fernet token is longer than the key it holds), then every secret
still in the clear is encrypted with the newest key. Read and written with plain SQL: the
field itself would try to decrypt the clear values. Reversible, back to clear secrets.
"""

from django.db import migrations

import picketline.core.fields

FERNET_PREFIX = "gAAAAA"  # version byte 0x80 and the start of a timestamp, in base64


def _rewrite(apps, schema_editor, change):
    model = apps.get_model("accounts", "TotpDevice")
    connection = schema_editor.connection
    quote = connection.ops.quote_name
    table, column = quote(model._meta.db_table), quote(model._meta.get_field("secret").column)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT id, {column} FROM {table}")
        rows = cursor.fetchall()
        for pk, value in rows:
            new = change(value)
            if new != value:
                cursor.execute(f"UPDATE {table} SET {column} = %s WHERE id = %s", [new, pk])


def encrypt_clear_secrets(apps, schema_editor):
    from picketline.core import crypto

    _rewrite(
        apps,
        schema_editor,
        lambda value: value if not value or value.startswith(FERNET_PREFIX) else crypto.encrypt(value),
    )


def decrypt_secrets(apps, schema_editor):
    from picketline.core import crypto

    _rewrite(
        apps,
        schema_editor,
        lambda value: crypto.decrypt(value) if value and value.startswith(FERNET_PREFIX) else value,
    )


class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0002_two_factor_and_api_tokens'),
    ]

    operations = [
        migrations.AlterField(
            model_name='totpdevice',
            name='secret',
            field=picketline.core.fields.EncryptedTextField(verbose_name='secret'),
        ),
        migrations.RunPython(encrypt_clear_secrets, decrypt_secrets),
    ]

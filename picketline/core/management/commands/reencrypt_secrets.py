from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils.translation import gettext as _

from picketline.core import crypto
from picketline.core.fields import encrypted_fields


class Command(BaseCommand):
    help = _(
        "Re-encrypt every stored secret with the newest key in FIELD_ENCRYPTION_KEYS. Run it "
        "after putting a new key first; remove the old key only once it has finished."
    )

    def handle(self, *args, **options):
        total = 0
        for model, field in encrypted_fields():
            try:
                changed = _rotate_column(model, field)
            except crypto.DecryptionError as error:
                raise CommandError(
                    f"{model._meta.label}.{field.name}: {error} Nothing of this table changed."
                ) from None
            total += changed
            self.stdout.write(
                _("%(model)s.%(field)s: %(count)d re-encrypted")
                % {"model": model._meta.label, "field": field.name, "count": changed}
            )
        self.stdout.write(_("Done: %(count)d secrets re-encrypted.") % {"count": total})


def _rotate_column(model, field) -> int:
    """Rotates one column under a row lock, in one transaction: all of it or none.

    Plain SQL, because going through the model would decrypt and encrypt again with a new IV
    for no reason; `MultiFernet.rotate` keeps the original timestamp.
    """
    quote = connection.ops.quote_name
    table, column = quote(model._meta.db_table), quote(field.column)
    pk = quote(model._meta.pk.column)
    lock = " FOR UPDATE" if connection.features.has_select_for_update else ""
    changed = 0
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"SELECT {pk}, {column} FROM {table} WHERE {column} <> ''{lock}")
        for key, token in cursor.fetchall():
            if token is None or crypto.made_with_newest_key(token):
                continue
            cursor.execute(
                f"UPDATE {table} SET {column} = %s WHERE {pk} = %s", [crypto.rotate(token), key]
            )
            changed += 1
    return changed

"""Model fields with behaviour of their own."""

from django.db import models

from picketline.core import crypto


class EncryptedTextField(models.TextField):
    """Text kept encrypted in the database (see core.crypto), read back in the clear.

    Every save encrypts anew with a random IV, so the column cannot be searched or compared;
    look rows up by another column. An empty string is stored as it is: there is nothing to
    hide in it, and check constraints against "" keep working.
    """

    description = "Text encrypted at rest"

    def from_db_value(self, value, expression, connection):
        if value is None or value == "":
            return value
        return crypto.decrypt(value)

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        if value is None or value == "":
            return value
        return crypto.encrypt(value)


def encrypted_fields():
    """(model, field) for every encrypted field of every installed model."""
    from django.apps import apps

    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if isinstance(field, EncryptedTextField):
                yield model, field

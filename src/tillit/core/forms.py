"""Form helpers shared by every app's views."""

from django.core.exceptions import ValidationError


def apply_validation_errors(form, exc: ValidationError) -> None:
    """Put a service's ValidationError on the form: on its fields where they exist, else on top."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)

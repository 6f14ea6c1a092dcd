"""Swedish for the workers' periodic-run states (issue 15, tillit.core; merged by fill_translations.py)."""

SV_WORKERS = {
    "enqueued": "köad",
    "skipped: the previous run had not finished": "hoppades över: förra körningen var inte klar",
}

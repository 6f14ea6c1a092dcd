"""Swedish for `tillit moderate` (issue 12): its usage, its explanation of one text and the
errors of bad JSONL lines (merged by fill_translations.py)."""

SV_MODERATE_CLI = {
    "The line is longer than %(limit)s characters.": "Raden är längre än %(limit)s tecken.",
    "The line is not valid JSON (at character %(column)s).": (
        "Raden är inte giltig JSON (vid tecken %(column)s)."
    ),
    "The line is not valid JSON (a number is too long).": (
        "Raden är inte giltig JSON (ett tal är för långt)."
    ),
    "The line is not a JSON object.": "Raden är inte ett JSON-objekt.",
    "The line has no text.": "Raden saknar text.",
    "The text is not a string.": "Texten är inte en sträng.",
    "The text is longer than %(limit)s characters.": "Texten är längre än %(limit)s tecken.",
    "PROPOSED": "FÖRESLÅS",
    "not proposed": "föreslås inte",
    "score %(score)s (threshold %(threshold)s), language %(language)s": (
        "poäng %(score)s (tröskel %(threshold)s), språk %(language)s"
    ),
    "model %(score)s (%(version)s)": "modellen %(score)s (%(version)s)",
    "Raised by the model, not by a rule alone (the rule finding is below it).": (
        "Lyft av modellen, inte av en regel ensam (regelns fynd ligger under tröskeln)."
    ),
    "Rules:": "Regler:",
    "--threshold must be between 0 and 1.": "--threshold måste ligga mellan 0 och 1.",
    "Give a TEXT to moderate, or --jsonl to read lines from standard input.": (
        "Ange en TEXT att granska, eller --jsonl för att läsa rader från standard in."
    ),
    "the text to explain": "texten som ska förklaras",
    'read {"id", "text"} lines on standard input, write one verdict a line': (
        'läs rader {"id", "text"} från standard in och skriv ett utlåtande per rad'
    ),
    "the score at which a text is proposed (0 to 1)": (
        "poängen där en text föreslås för åtgärd (0 till 1)"
    ),
    "Moderate one text (explained) or JSONL lines from standard input (--jsonl).": (
        "Granska en text (med förklaring) eller JSONL-rader från standard in (--jsonl)."
    ),
}

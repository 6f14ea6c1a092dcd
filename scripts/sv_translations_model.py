"""Swedish for the learned model's part in an item's assessment (merged by fill_translations.py)."""

SV_MODEL = {
    "Learned model": "Inlärd modell",
    "Raised by the model, not by a rule on its own": "Lyft av modellen, inte av en regel ensam",
    "how sure": "hur säker",
    "model version": "modellversion",
    "Not used: the rules alone assessed this item": "Används inte: bara reglerna bedömde inlägget",
}

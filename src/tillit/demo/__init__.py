"""The demo organisation: Piteå kommun with the guideline's values."""

"""The organisation, its committees and departments, people and their roles."""

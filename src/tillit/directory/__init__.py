"""The public link collection (R9): HTML, JSON and Atom, no sign-in needed."""

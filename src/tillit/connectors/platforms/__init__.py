"""One package per platform; importing one registers its connector."""

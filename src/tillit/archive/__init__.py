"""The archive: captures of channel pages (R22) and archival packages for the e-archive."""

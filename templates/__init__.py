"""Default Word templates, bundled with the package (edit copies, not these)."""

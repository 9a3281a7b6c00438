"""The version of evalreport, in one place (read by setup.cfg and written into document properties)."""

__version__ = "0.2.0"

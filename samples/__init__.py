"""Sample datasets, bundled with the package for `evalreport init` and the tests."""

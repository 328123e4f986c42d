"""The Sphinx side: directive, domain, roles, transforms and the wiring in ``setup``."""

"""coopstream workers: the pure core (``workers.core``) and the FastStream shell around it."""

__version__ = "0.1.0"

"""vntextclean: data-quality and text normalisation for Vietnamese."""
__version__ = "0.1.0"

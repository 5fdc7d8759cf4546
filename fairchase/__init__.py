"""Fairchase: whom to chase today, how, and when to stop."""

__version__ = "0.1.0"

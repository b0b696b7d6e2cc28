"""Rebound: a private terminal workbook for the days after an interview rejection."""

__version__ = "0.1.0"

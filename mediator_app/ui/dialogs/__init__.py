"""Dialogs (editors and pickers)."""

"""The screens shown in the main window's sections."""

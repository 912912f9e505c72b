"""Icons and translations shipped with the application (package data)."""

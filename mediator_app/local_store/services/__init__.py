"""Services: one method per user action, one transaction each, frozen rows out."""

"""Pure-Python domain core: entities, enums, validation, errors and wire types.

No Qt, no SQLAlchemy, no requests: both the desktop client and ``tne_api`` import it.
"""

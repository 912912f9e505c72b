"""*Coordination*: the coordinator's screens (review queue, sync health, device stock and
dashboard), shown only to coordinators.

Everything is read through the task runner: the local store on the database lane (review,
stock, dashboard) and the server on the network lane (sync health, which only the server
knows). Coordinators never receive families' names (stripped server-side); the screens
show figures and staff names only.
"""

from mediator_app.ui.pages.coordination.page import CoordinationPage
from mediator_app.ui.pages.coordination.shared import Figure, PeriodPicker, school_year
from mediator_app.ui.widgets.french import number, plural

__all__ = ["CoordinationPage", "Figure", "PeriodPicker", "number", "plural", "school_year"]

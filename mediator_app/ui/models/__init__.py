"""Table models of the screens (Qt model/view over frozen service rows)."""

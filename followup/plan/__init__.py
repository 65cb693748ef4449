"""The Wait-time planner's engine: timing rules, calendars, plan links."""

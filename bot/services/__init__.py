"""The service layer: every state change is one action function here, used by Teams, the scheduler and the CLI."""

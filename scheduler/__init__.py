"""Time-driven work: the due-timer sweeper and the APScheduler wiring that runs it. No botbuilder here."""

"""Handlers, one module per family of commands or card actions; bot/teams/routes.py maps words and verbs to them."""

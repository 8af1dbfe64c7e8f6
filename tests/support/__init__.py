"""Test support code: local stand-ins for the services Trygghet talks to (Azurite, the Bot Connector).

Kept apart from the fixtures so that other harnesses (bench/, end-to-end tests) can reuse it.
"""

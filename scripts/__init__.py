"""Developer scripts for Trygghet (run with `python -m scripts.<name>`); not part of the deployed bot."""

"""The admin command set, shared by its two doors: Teams (`admin …`) and the `trygghet-admin` command line."""

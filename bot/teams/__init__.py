"""The Teams layer: the only place that imports botbuilder. Activities in, domain commands out; events in, cards out."""

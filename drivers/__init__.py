"""Scanner backends behind one driver contract (no Qt). Built in the drivers issue."""

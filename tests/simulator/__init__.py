"""NCM API v2 simulator (see docs/simulator.md)."""

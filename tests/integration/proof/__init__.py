"""Proof suites: fault convergence, inventory under faults, secrets, bad input, check-mode honesty (issue 10)."""

"""Fault-injection doubles: each exists to prove a safety net catches something."""

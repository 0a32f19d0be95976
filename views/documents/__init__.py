"""Previewing, printing and saving the papers the core writes."""

"""What every feature's commands share: versions, choices, settings and text."""

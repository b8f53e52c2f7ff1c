"""Detection: from strings to findings. Never sees a file format."""

"""Benchmarks: `make bench` (python -m bench) runs each module's main() in its own process."""

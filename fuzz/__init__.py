"""Fuzzing wirefeed's readers and normalize: the properties (properties.py), a long hypothesis
run (long_run.py) and an atheris target (atheris_readers.py). `make fuzz` runs both runs."""

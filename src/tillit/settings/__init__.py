"""Settings modules: `base` reads the environment once; `test` tunes it for the test suite."""

"""The `yishi` command line: every batch job of the app, scriptable and without a screen."""

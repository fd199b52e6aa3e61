"""Reading untrusted workbooks safely: preflight checks and isolated worker processes."""

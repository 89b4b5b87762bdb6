"""Answering queries: the store interface, the guard, killable execution, result formats and the endpoint."""

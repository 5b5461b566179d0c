"""Keyset paging: seek core, signed cursors, one pager, REST and Relay adapters."""

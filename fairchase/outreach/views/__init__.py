"""Views of the outreach app: templates, messages (compose, outbox) and the public
endpoints (unsubscribe, inbound texts)."""

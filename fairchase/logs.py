"""Logging helpers named in settings.LOGGING (no Django imports: logging is configured
while Django starts)."""

import logging


class OneLine(logging.Formatter):
    """The message on one line, without the traceback of the exception it carries: for a
    request refused for a reason the message says whole (a Host not in ALLOWED_HOSTS),
    where a traceback is 15 lines about Django's insides for every such request."""

    def format(self, record: logging.LogRecord) -> str:
        plain = logging.makeLogRecord({**record.__dict__, "exc_info": None, "exc_text": None})
        return super().format(plain)

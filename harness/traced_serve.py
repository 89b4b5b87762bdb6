"""'libkg serve' for the tests' servers, with coverage following the requests: granian calls the app on threads it
starts itself, which Python (before 3.12) does not hand the trace function coverage gave to threading. Without
coverage running, it is 'libkg serve' unchanged.

    python -m harness.traced_serve serve --port P
"""

from __future__ import annotations

import sys
import threading

from libkg.cli import main
from webapp import serving

_application = serving.application


def traced_application():
    """Build the app, entering each request with the trace function threading gives new threads, if there is one."""
    app = _application()

    def wsgi(environ, start_response):
        hook = threading.gettrace()
        if hook is not None and sys.gettrace() is None:
            sys.settrace(hook)
        return app(environ, start_response)

    return wsgi


serving.application = traced_application

if __name__ == "__main__":
    main()

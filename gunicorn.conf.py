"""gunicorn's settings for this service: `gunicorn -c gunicorn.conf.py "feedback_app:create_app()"`.

- The `Server` header names no software or version: it would only tell an
  attacker which known holes to try.
- The access log goes to standard output. Link tokens are kept out of it by
  feedback_app/log_privacy.py, which filters the "gunicorn.access" logger in
  each worker, percent-encoded paths included.
- Request lines and headers are kept short: nothing this service serves needs more.

Workers and the address are given on the command line (`-w 4 -b 0.0.0.0:8000`);
settings there win over this file.
"""

import gunicorn.http.wsgi

# Read by gunicorn's Response for every reply (older versions read SERVER_SOFTWARE).
gunicorn.http.wsgi.SERVER = "tell-us-what-you-think"
gunicorn.http.wsgi.SERVER_SOFTWARE = "tell-us-what-you-think"

accesslog = "-"
limit_request_line = 4094
limit_request_fields = 50
limit_request_field_size = 8190
# X-Forwarded-* from the proxy in front are read by the app (FLASK_TRUSTED_PROXIES,
# Werkzeug's ProxyFix), not by gunicorn, so there is one rule for which proxy to trust.
forwarded_allow_ips = ""
# gunicorn 23+ opens a control socket in the home folder by default: nothing here uses it,
# and several masters on one machine (two services, or the tests) would share its path.
control_socket_disable = True

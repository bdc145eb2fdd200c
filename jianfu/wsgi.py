import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jianfu.settings")
os.umask(0o077)  # files the platform creates are its own (0600/0700), as under `jianfu serve`
application = get_wsgi_application()

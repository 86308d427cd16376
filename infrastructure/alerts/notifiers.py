"""Where alerts go: a webhook (JSON POST, Slack-compatible `text`) or a command (JSON on stdin).

Standard library only: urllib for the POST, subprocess for the command. Each `send` is one attempt
bounded by `timeout` seconds; retries and backoff are the alert service's.
"""

from __future__ import annotations

import subprocess
import urllib.error
import urllib.request
from collections.abc import Sequence
from urllib.parse import urlsplit

from domain.entities.operations import AlertNotDelivered


class WebhookNotifier:
    def __init__(self, url: str) -> None:
        self._url = url
        # The URL of a Slack or Teams hook is its secret: records and messages name the host only.
        self.name = f"webhook {urlsplit(url).hostname or '?'}"

    def send(self, body: bytes, timeout: float) -> str:
        request = urllib.request.Request(
            self._url,
            data=body,
            method="POST",
            headers={"Content-Type": "application/json", "User-Agent": "olist-workbench"},
        )
        try:
            with urllib.request.urlopen(request, timeout=timeout) as reply:
                reply.read(65_536)
                return f"HTTP {reply.status}"
        except urllib.error.HTTPError as error:
            raise AlertNotDelivered(f"HTTP {error.code} {error.reason}") from None
        except urllib.error.URLError as error:
            raise AlertNotDelivered(_reason(error.reason, timeout)) from None
        except (TimeoutError, OSError) as error:  # also a reply cut short
            raise AlertNotDelivered(_reason(error, timeout)) from None


def _reason(reason: object, timeout: float) -> str:
    if isinstance(reason, TimeoutError) or "timed out" in str(reason):
        return f"no answer within {timeout:g} s"
    if isinstance(reason, OSError) and reason.strerror:
        return reason.strerror
    return str(reason).splitlines()[0] if str(reason) else type(reason).__name__


class CommandNotifier:
    def __init__(self, argv: Sequence[str]) -> None:
        self._argv = list(argv)
        self.name = f"command {self._argv[0]}"

    def send(self, body: bytes, timeout: float) -> str:
        try:
            done = subprocess.run(
                self._argv, input=body, capture_output=True, timeout=timeout, check=False
            )
        except subprocess.TimeoutExpired:
            raise AlertNotDelivered(f"the command did not end within {timeout:g} s") from None
        except OSError as error:
            raise AlertNotDelivered(f"cannot run {self._argv[0]}: {error.strerror}") from None
        if done.returncode != 0:
            said = done.stderr.decode(errors="replace").strip().splitlines()
            raise AlertNotDelivered(
                f"exit {done.returncode}" + (f": {said[0][:200]}" if said else "")
            )
        return "exit 0"

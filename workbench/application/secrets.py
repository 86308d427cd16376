"""The one masker of credentials: a DSN password never reaches output, logs, errors or the UI.

libpq's own parser (`psycopg.conninfo`) reads a DSN, so its password is found in every form libpq
accepts (URL with %-escapes or `?password=`, keyword form with quotes and backslashes); the
password is then known to the process and removed, in each spelling, from any text shown. A DSN
libpq cannot read is never shown, and libpq's complaint about it keeps only the option names it
quotes (its other quoted fragments may be pieces of the password).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from urllib.parse import quote

MASK = "***"
UNREADABLE = "(a connection string libpq cannot read)"

# The secrets this process was given: the configured DSNs, and their passwords and PGPASSWORD in
# each spelling they may appear in. Process-wide on purpose, like a logging filter: any text bound
# for a user or a log passes through `mask`, wherever it was composed.
_dsns: set[str] = set()
_passwords: set[str] = set()
_QUOTED = re.compile(r'"([^"]*)"')


class UnreadableDsn(ValueError):
    """libpq cannot read the DSN; the message names why, without any piece of the DSN."""


def read_dsn(dsn: str) -> dict[str, str]:
    """The DSN's options as libpq reads them; UnreadableDsn (password-free) if it cannot."""
    from psycopg import Error
    from psycopg.conninfo import conninfo_to_dict

    try:
        options = {key: str(value) for key, value in conninfo_to_dict(dsn).items()}
    except Error as error:
        raise UnreadableDsn(_without_fragments(str(error))) from None
    if dsn.lstrip().startswith(("postgresql://", "postgres://")) and "@" in options.get("host", ""):
        # libpq ends the user and password at the first '@': the rest of a password holding
        # one would be read, and shown, as the host name (which never holds an '@')
        raise UnreadableDsn(
            "the URL holds more than one '@' before its host: write an '@' inside the user "
            "name or password as %40"
        )
    return options


def masked_dsn(dsn: str) -> str:
    """The DSN in libpq's keyword form with the password replaced by ***; safe to show."""
    from psycopg.conninfo import make_conninfo

    try:
        options = read_dsn(dsn)
    except UnreadableDsn:
        return UNREADABLE
    if "password" in options:
        options["password"] = MASK
    return make_conninfo("", **options)


def remember_secrets(dsn: str, env: Mapping[str, str]) -> None:
    """Learn the passwords of `dsn` and of PGPASSWORD, so `mask` removes them from any text."""
    try:  # a DSN libpq cannot read stops the program, and no message quotes it
        password = read_dsn(dsn).get("password", "") if dsn else ""
    except UnreadableDsn:
        password = ""
    if password:
        _dsns.add(dsn)
        _remember_password(password)
    _remember_password(env.get("PGPASSWORD", ""))


def forget_secrets() -> None:
    """Forget every secret learned, for a process that reads one configuration after another."""
    _dsns.clear()
    _passwords.clear()


def mask(text: str) -> str:
    """`text` with every known secret replaced by ***: the whole DSN by its masked form."""
    for dsn in sorted(_dsns, key=len, reverse=True):
        if dsn in text:
            text = text.replace(dsn, masked_dsn(dsn))
    for password in sorted(_passwords, key=len, reverse=True):
        text = text.replace(password, MASK)
    return text


def _remember_password(password: str) -> None:
    if not password:
        return
    from psycopg.conninfo import make_conninfo

    keyword_form = make_conninfo("", password=password).removeprefix("password=")
    spellings = {password, keyword_form, quote(password, safe=""), quote(password)}
    _passwords.update(spelling for spelling in spellings if spelling)


def _without_fragments(message: str) -> str:
    """libpq's reason in one line, quoting only option names (never a piece of the value)."""
    from psycopg import pq

    names = {option.keyword.decode() for option in pq.Conninfo.get_defaults()} | {"="}
    line = " ".join(message.split())
    return _QUOTED.sub(lambda m: m[0] if m[1] in names else '"…"', line)

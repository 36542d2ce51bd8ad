"""Addresses that name no mailbox of anyone: placeholders and a forge's SSH user.

Code, configuration and API examples pasted into a prompt carry addresses that stand for "some
address" and belong to no one: ``user1@example.com`` in a ``credentials.yml`` template,
``testing@test.com`` in a sample request, ``example@jetbrains.com`` in a form test. They are no
personal data, and redacting them breaks the example the user asks about. So is
``git@github.com``, the user every SSH remote of a code forge logs in as
(``git@github.com:owner/repo.git``): a host's service account, no person's mailbox.

:func:`no_mailbox` tells such an address by its own text, without context:

- the local part ``git`` (a forge's SSH user);
- a local part that *says* it is a placeholder, at any domain: ``example``, ``sample``,
  ``placeholder``, ``your.name``, ``youremail``, ``username``, ``someone``;
- a generic test or user local part (``user``, ``user2``, ``test``, ``testing``, ``foo``,
  ``bar``) at a domain reserved for examples (RFC 2606 and 6761: ``example.com``, ``.org``,
  ``.net``, a ``.example``, ``.test``, ``.invalid`` or ``.localhost`` name) or one used as a
  stand-in (``test.com``, ``domain.com``, ``yourdomain.com``, ``company.com``).

A person's address at an example domain stays an address (``maria.garcia@example.com``,
``support@mail.example.com``: test data stands for real records, and the benches label them):
only a local part that names no one goes.
"""

from __future__ import annotations

import re

__all__ = ["no_mailbox", "real_mailbox"]

_PLACEHOLDER_LOCAL = re.compile(
    r"(?:example|sample|placeholder|someone|somebody|username|user[._-]?name|"
    r"your[._-]?(?:name|email|e-?mail|mail|address|user(?:name)?)|(?:my|your)?e-?mail)\d*",
    re.IGNORECASE,
)
_GENERIC_LOCAL = re.compile(r"(?:user|test|testing|tester|demo|foo|bar|foobar|baz)\d*", re.I)
_EXAMPLE_DOMAIN = re.compile(
    r"(?:[\w-]+\.)*(?:example\.(?:com|org|net|edu)|[\w-]+\.(?:example|test|invalid|localhost)"
    r"|(?:test|domain|yourdomain|mydomain|company|companyname|yourcompany)\.com)",
    re.IGNORECASE,
)


def no_mailbox(value: str) -> bool:
    """Whether the e-mail address ``value`` names no one's mailbox (see the module docstring).

    Args:
        value: an e-mail address, ``local@domain``.

    Returns:
        True for ``git@github.com``, ``example@jetbrains.com``, ``user1@example.com``,
        ``testing@test.com``; False for ``maria.garcia@example.com``, ``test@gmail.com``.
    """
    local, at, domain = value.rpartition("@")
    if not at:
        return False
    if local.lower() == "git" or _PLACEHOLDER_LOCAL.fullmatch(local):
        return True
    return bool(_GENERIC_LOCAL.fullmatch(local) and _EXAMPLE_DOMAIN.fullmatch(domain))


def real_mailbox(value: str) -> bool:
    """The e-mail rule's validator: not :func:`no_mailbox`."""
    return not no_mailbox(value)

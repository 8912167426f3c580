"""argparse's own words — ``usage:``, ``options:``, "the following arguments are required" … — from the message
catalogue, in the command's language.

argparse words its help and errors through the module-level ``gettext`` functions it imported (``argparse._`` and
``argparse.ngettext``, its translation hook). :func:`argparse_in` swaps them for catalogue look-ups
while one command line is built and parsed, and puts them back after. Each message keeps argparse's own
``%``-placeholders, which argparse fills in. A section's heading ("options:") is followed by the language's colon
(``cli.argparse.heading``: 选项：), where argparse writes an ASCII one itself. Messages argparse raises only for a programming fault (a conflicting
option string …) stay as Python words them. The subcommand positions (``noun``, ``verb``) are named in words too.
"""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from contextlib import contextmanager

from workbench.domain.catalogue import render

# argparse's message (Python 3.11-3.13) → our catalogue id.
WORDS = {
    "usage: ": "cli.argparse.usage",
    "options": "cli.argparse.options",
    "optional arguments": "cli.argparse.options",
    "positional arguments": "cli.argparse.positional",
    "show this help message and exit": "cli.argparse.help",
    "the following arguments are required: %s": "cli.argparse.required",
    "unrecognized arguments: %s": "cli.argparse.unrecognized",
    "argument %(argument_name)s: %(message)s": "cli.argparse.argument",
    "invalid choice: %(value)r (choose from %(choices)s)": "cli.argparse.invalid_choice",
    "expected one argument": "cli.argparse.expected_one",
    "expected at least one argument": "cli.argparse.expected_at_least_one",
    "expected at most one argument": "cli.argparse.expected_at_most_one",
    "ambiguous option: %(option)s could match %(matches)s": "cli.argparse.ambiguous",
    "invalid %(type)s value: %(value)r": "cli.argparse.invalid_value",
    "not allowed with argument %s": "cli.argparse.not_allowed_with",
    "one of the arguments %s is required": "cli.argparse.one_required",
    "ignored explicit argument %r": "cli.argparse.ignored_explicit",
    "unknown parser %(parser_name)r (choices: %(choices)s)": "cli.argparse.unknown_parser",
    "can't open '%(filename)s': %(error)s": "cli.argparse.cannot_open",
}
PLURAL_WORDS = {"expected %s argument": "cli.argparse.expected_n"}
# The subcommand positions, which a user never types by name: named in words where argparse names an argument.
PLACES = {"noun": "cli.argparse.noun", "verb": "cli.argparse.verb"}


@contextmanager
def argparse_in(lang: str) -> Iterator[None]:
    """argparse words its help and errors in ``lang`` inside this block (build the parser and parse in it)."""

    def words(message: str) -> str:
        known = WORDS.get(message)
        return render(known, lang) if known else message

    def plural_words(singular: str, plural: str, count: int) -> str:
        known = PLURAL_WORDS.get(singular)
        return render(known, lang) if known else (singular if count == 1 else plural)

    named = argparse._get_action_name  # type: ignore[attr-defined]

    def action_name(argument):
        place = PLACES.get(getattr(argument, "dest", None)) if argument is not None and not argument.metavar else None
        return render(place, lang) if place else named(argument)

    section = argparse.HelpFormatter._Section  # type: ignore[attr-defined]

    class Section(section):
        def format_help(self) -> str:
            text = super().format_help()
            if self.heading is argparse.SUPPRESS or self.heading is None:
                return text
            # argparse writes '\n' + indent + heading + ':\n' first: that first colon is the heading's
            return text.replace(f"{self.heading}:\n", render("cli.argparse.heading", lang, heading=self.heading) + "\n", 1)

    saved = argparse._, argparse.ngettext, named, section  # type: ignore[attr-defined]
    argparse._, argparse.ngettext, argparse._get_action_name, argparse.HelpFormatter._Section = (  # type: ignore[attr-defined]
        words, plural_words, action_name, Section)
    try:
        yield
    finally:
        argparse._, argparse.ngettext, argparse._get_action_name, argparse.HelpFormatter._Section = saved  # type: ignore[attr-defined]

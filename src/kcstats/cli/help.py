"""The command line's help, in the user's language: Vietnamese, or English with `--lang en`
or an English locale (kcstats.cli.language).

Every text is in the message table (help.*): a command's description is help.<command>,
its exit statuses help.<command>.exit, an option's or argument's text
help.<command>.<parameter> or, for one several commands share, help.common.<parameter>.
Each option is shown with a word for its value (its metavar: FILE, N, the choices), never
a type name. The language is decided from the command line as typed, since --help is
answered before --lang is parsed.
"""

from __future__ import annotations

import os

from typer._click import Context, HelpFormatter, Parameter
from typer.core import TyperCommand, TyperGroup

from kcstats.cli.language import Lang, language_of
from kcstats.messages import Values, fill, table

ARGS = "kcstats.args"  # ctx.meta: the arguments as typed, for the language of the help


class Command(TyperCommand):
    """A kcstats command whose help comes from the message table."""

    def parse_args(self, ctx: Context, args: list[str]) -> list[str]:
        ctx.meta[ARGS] = list(args)
        return super().parse_args(ctx, args)

    def format_usage(self, ctx: Context, formatter: HelpFormatter) -> None:
        pieces = self.collect_usage_pieces(ctx)
        formatter.write_usage(ctx.command_path, " ".join(pieces), prefix=usage_prefix(ctx))

    def collect_usage_pieces(self, ctx: Context) -> list[str]:
        pieces = [self.options_metavar] if self.options_metavar else []
        return pieces + [
            shown_name(p) for p in self.get_params(ctx) if p.param_type_name == "argument"
        ]

    def format_help_text(self, ctx: Context, formatter: HelpFormatter) -> None:
        write_paragraphs(formatter, help_text(f"help.{self.name}", language(ctx)))

    def format_options(self, ctx: Context, formatter: HelpFormatter) -> None:
        write_parameters(self, ctx, formatter)

    def format_epilog(self, ctx: Context, formatter: HelpFormatter) -> None:
        write_paragraphs(formatter, help_text(f"help.{self.name}.exit", language(ctx)))


class Group(TyperGroup):
    """The kcstats command itself: its help lists the commands in the user's language."""

    def parse_args(self, ctx: Context, args: list[str]) -> list[str]:
        ctx.meta[ARGS] = list(args)
        return super().parse_args(ctx, args)

    def format_usage(self, ctx: Context, formatter: HelpFormatter) -> None:
        pieces = self.collect_usage_pieces(ctx)
        formatter.write_usage(ctx.command_path, " ".join(pieces), prefix=usage_prefix(ctx))

    def format_help_text(self, ctx: Context, formatter: HelpFormatter) -> None:
        write_paragraphs(formatter, help_text("help.kcstats", language(ctx)))

    def format_options(self, ctx: Context, formatter: HelpFormatter) -> None:
        write_parameters(self, ctx, formatter)
        lang = language(ctx)
        rows = [
            (name, help_text(f"help.{name}", lang).split("\n\n")[0])
            for name, command in self.commands.items()
            if not command.hidden
        ]
        with formatter.section(help_text("help.commands", lang)):
            formatter.write_dl(rows)

    def format_epilog(self, ctx: Context, formatter: HelpFormatter) -> None:
        write_paragraphs(formatter, help_text("help.kcstats.exit", language(ctx)))


def language(ctx: Context) -> Lang:
    return language_of(ctx.meta.get(ARGS, []), os.environ)


def usage_prefix(ctx: Context) -> str:
    return help_text("help.usage", language(ctx)) + " "


def help_text(message_id: str, lang: Lang, fallback: str | None = None) -> str:
    """A help text of the table, with what it names from elsewhere ({formats},
    {extensions}) filled in; `fallback` (or nothing) for an id not in the table."""
    if message_id not in table():
        return fallback or ""
    return fill(message_id, lang, _values())


def parameter_help(command: str, param: Parameter, lang: Lang) -> str:
    name = param.name or ""
    own = f"help.{command}.{name}"
    shared = f"help.common.{name}"
    return help_text(own if own in table() else shared, lang, getattr(param, "help", None))


def shown_name(param: Parameter) -> str:
    """An argument as the usage line and the help show it: PATH..., never a type."""
    name = param.metavar or (param.name or "").upper()
    return f"{name}..." if param.nargs != 1 else name


def shown_option(param: Parameter) -> str:
    """'-o, --output FILE': the option's names and, unless it is a flag, a word for its value
    (the metavar the command gives; else its choices)."""
    names = ", ".join(sorted(param.opts, key=len))
    if getattr(param, "is_flag", False):
        return names
    value = param.metavar or "|".join(_choices(param))
    return f"{names} {value or 'VALUE'}"


def _choices(param: Parameter) -> list[str]:
    descriptor = getattr(param, "type_descriptor", None)
    choices = getattr(descriptor, "choices", None) or ()
    return [str(getattr(c, "value", c)) for c in choices]


def write_parameters(command: Command | Group, ctx: Context, formatter: HelpFormatter) -> None:
    lang = language(ctx)
    name = command.name if isinstance(command, Command) else "kcstats"
    arguments: list[tuple[str, str]] = []
    options: list[tuple[str, str]] = []
    for param in command.get_params(ctx):
        if getattr(param, "hidden", False):
            continue
        text = parameter_help(name or "", param, lang)
        if param.param_type_name == "argument":
            arguments.append((shown_name(param), text))
        else:
            options.append((shown_option(param), text))
    if arguments:
        with formatter.section(help_text("help.arguments", lang)):
            formatter.write_dl(arguments)
    if options:
        with formatter.section(help_text("help.options", lang)):
            formatter.write_dl(options)


def write_paragraphs(formatter: HelpFormatter, text: str) -> None:
    if not text:
        return
    formatter.write_paragraph()
    with formatter.indentation():
        formatter.write_text(text)


def _values() -> Values:
    from kcstats.export.registry import file_extensions, stdout_names

    values = Values()
    values["formats"] = ", ".join(stdout_names())
    values["extensions"] = " ".join(file_extensions())
    return values

"""Every command is registered in feedback_app/commands.py, and nowhere else."""

from feedback_app.commands import COMMANDS


def test_the_command_line_has_exactly_the_commands_in_the_one_list(app):
    assert set(app.cli.commands) == {command.name for command in COMMANDS}


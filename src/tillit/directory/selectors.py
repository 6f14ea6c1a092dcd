"""What the public sees: active channels grouped by department and platform."""

from itertools import groupby

from tillit.channels.selectors import channels_public


def directory_groups():
    """Active channels as [(department, [(platform, [channels])])] in display order."""
    groups = []
    for department, in_dept in groupby(channels_public(), key=lambda c: c.department):
        by_platform = [(p, list(cs)) for p, cs in groupby(in_dept, key=lambda c: c.platform)]
        groups.append((department, by_platform))
    return groups

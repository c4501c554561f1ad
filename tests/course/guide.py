"""The commands of the instructor guide (book/instructor_guide.md), read from its named code blocks
(```{code-block} bash / :name: course-step-<step>), so the test runs exactly what the page shows."""
import re
from pathlib import Path

GUIDE = Path(__file__).resolve().parents[2] / "book" / "instructor_guide.md"
NAMED_BLOCK = re.compile(r"```\{code-block\} (\w+)\n:name: (course-[\w-]+)\n\n(.*?)\n```", re.DOTALL)


def named_blocks() -> dict[str, str]:
    """Block name -> its text, e.g. 'course-step-release' -> 'python -m autograder.course release ...'."""
    blocks = {}
    for _, name, text in NAMED_BLOCK.findall(GUIDE.read_text()):
        assert name not in blocks, f"{GUIDE.name} names two blocks {name}"
        blocks[name] = text
    return blocks


def step_commands() -> dict[str, str]:
    """Step -> shell command, in the page's order."""
    prefix = "course-step-"
    return {name[len(prefix):]: text for name, text in named_blocks().items() if name.startswith(prefix)}


def nbgrader_config(exchange: Path) -> str:
    """The page's nbgrader_config.py, pointed at a temporary exchange."""
    text = named_blocks()["course-nbgrader-config"]
    assert '"/srv/nbgrader/exchange"' in text, "the guide's config should use the usual hub exchange"
    return text.replace('"/srv/nbgrader/exchange"', repr(str(exchange)))

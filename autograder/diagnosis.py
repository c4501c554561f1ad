"""Diagnosis from bug signatures: when a hidden test fails, say which known mistake the student's code
reproduces, if any.

Trusted side only (the grading run's pytest process); nothing here reaches the worker.

- `Recorder` (autograder.recording) watches every request a test sends to the student's code through the proxy (what was
  sent, what came back: a plain value, a handle, or the name of the exception the student's code
  raised) and which test or shared fixture sent it.
- When a test FAILED, `Recorder.diagnose(item)` replays the same requests, in the same order and with
  the same inputs, on the reference solution and on every known-buggy variant of the assignment
  (the assignment's declared variants, bug_*.py, each appended to the reference code, as the meta-tests do), here
  in-process: both are our code (autograder.replay, through the worker's own request handling,
  autograder.dispatch; grader functions the test handed over are called again). A variant is named only if, for a function the test called, every
  recorded call of that function gave the same result as the variant (floats within relative 1e-6;
  draws from a seeded RNG: the same draws, or counts a chi-square test cannot tell apart) and at least
  one call shows the variant's difference from the reference (autograder.compare). Without a variant, cheap structural
  checks against the reference's results: sign flipped, transposed, or scaled by a size of the input
  (autograder.structural).
  No match: nothing is said.
- Requests made inside a metered stage (training runs), attribute reads of anything but the
  submission's own graded functions and classes, and requests that depend on those are never
  replayed; a function with such a call is not diagnosed. Neither is a request with more than MAX_ITEMS
  values (a corpus: not kept in memory either).
- Cost: only variants that redefine a function or method the test's requests reach are replayed, a
  replay stops once no function of the test has calls left to check, and one diagnosis has SECONDS of
  this process's CPU time (a test whose replay is too dear, e.g. a training call, gets none). CPU time,
  not wall time: on a busy grading machine the same failure gets the same diagnosis.

The sentence shown for a variant is its `# diagnosis: ...` comment line, else the first paragraph of
its docstring. It describes the mistake, never hidden inputs or expected values.
"""
import ast
import inspect
import re
import signal
import sys
import time
from pathlib import Path

from autograder import parsing
from autograder.compare import judge
from autograder.recording import Recording
from autograder.replay import OutOfTime, changed_names, load_world, replay, touched, uses
from autograder.structural import structural

UNWRITTEN = ("raised", "NotImplementedError")  # a recorded outcome: what nbgrader's stubs raise
SECONDS = 10.0  # CPU seconds (this process's) one test's diagnosis may use; past them, nothing is said
DIAGNOSIS_LINE = re.compile(r"^#\s*diagnosis:\s*(?P<text>.+)$", re.M)


class Recorder(Recording):
    """Pytest plugin object of one grading run: records requests, diagnoses failed tests."""

    def __init__(self, assignment: str, solution, variants_dir=None):
        super().__init__(solution)
        self.assignment = assignment
        self.variants_dir = Path(variants_dir) if variants_dir else None  # None: nothing to diagnose with

    def diagnose(self, item) -> list[str]:
        """Lines of feedback for a failed test: the known mistakes its results match. Never raises."""
        if self.variants_dir is None or not self.variants_dir.is_dir():
            return []
        owners = {("test", item.nodeid)}
        for defs in getattr(getattr(item, "_fixtureinfo", None), "name2fixturedefs", {}).values():
            owners.update(("fixture", id(d)) for d in defs)
        relevant = [e for e in self.events if e.owner in owners]
        observed = [e for e in relevant if e.outcome[0] in ("value", "raised") and e.op != "accepts_keyword"]
        if not observed:
            return []
        labels = {}
        for event in observed:
            labels.setdefault(event.label, []).append(event)
        # A function that raised NotImplementedError is not written yet (the released stub's cells raise it):
        # no known mistake is an unwritten function, and replaying its calls in every variant's world (a
        # training run, say) spent the whole budget to say nothing.
        labels = {label: events for label, events in labels.items()
                  if label and all(e.replayable and e.outcome != UNWRITTEN for e in events)}
        if not labels:
            return []
        needed = self.closure([e for events in labels.values() for e in events] +
                               [e for e in relevant if e.replayable])
        previous = signal.signal(signal.SIGPROF, _out_of_time)
        signal.setitimer(signal.ITIMER_PROF, SECONDS)  # counts this process's CPU time, whatever the load
        try:
            return self._diagnose(labels, needed)
        except OutOfTime:
            print(f"autograder.diagnosis: {item.nodeid}: out of time ({SECONDS:g} CPU s), nothing said", file=sys.stderr)
            return []
        except Exception as error:  # a fault here must not turn a failed test into an error
            print(f"autograder.diagnosis: gave up on {item.nodeid}: {type(error).__name__}: {error}",
                  file=sys.stderr)
            return []
        finally:
            signal.setitimer(signal.ITIMER_PROF, 0)
            signal.signal(signal.SIGPROF, previous)

    def _diagnose(self, labels, needed) -> list[str]:
        # The imports of what the test called (torch...) are paid here, once, not in the first replay's cost
        # below (worlds are lazy: reading a name runs its definition and the imports it uses).
        warm = load_world(self.reference_code(), None)
        for label in labels:
            getattr(warm, label.split(".")[0], None)
        started = time.process_time()
        reference = replay(self.reference_code(), None, needed)
        reach, candidates = uses(self.reference_code()), []
        reached = {label: touched(self.closure(events), reach) for label, events in labels.items()}
        for path in sorted(self.variants_dir.glob("bug_*.py")):
            # Only a variant that redefines something these requests reach can change their results.
            changed = changed_names(path.read_text())
            relevant = {label: events for label, events in labels.items() if changed & reached[label]}
            if relevant:
                candidates.append((path, relevant))
        cost = time.process_time() - started
        if cost * 4 > SECONDS:  # e.g. a training run: too dear to replay even for a few variants
            print(f"autograder.diagnosis: replaying this test costs {cost:.1f} CPU s per variant, "
                  f"{len(candidates)} variants: nothing said", file=sys.stderr)
            return []
        lines, replayed = [], 0
        for path, relevant in candidates:
            named, replayed = self._matches(path, needed, relevant, reference), replayed + 1
            if named:
                lines.append(f"Diagnosis: on every call this test made, your {_names(named)} returned "
                             f"what a known mistake gives: {describe_variant(path)}")
        if not lines:
            for label, events in labels.items():
                lines += structural(label, events, reference, self._signature(label))
        print(f"autograder.diagnosis: {len(needed)} requests replayed on the reference and {replayed} "
              f"variants in {time.process_time() - started:.1f} CPU s", file=sys.stderr)
        return lines

    def _signature(self, label):
        try:
            module = load_world(self.reference_code(), None)
            return list(inspect.signature(getattr(module, label)).parameters)
        except Exception:
            return None

    def _matches(self, variant: Path, events, relevant: dict, reference: dict) -> list[str]:
        """The labels of `relevant` whose every observation the variant reproduces (and one shows
        the variant's difference from the reference). A label is dropped at its first mismatch."""
        alive = {label: False for label in relevant}  # label -> witnessed yet
        observations = {e.index for events in relevant.values() for e in events}
        last = {label: max(e.index for e in events) for label, events in relevant.items()}

        def check(event, outcome):
            if event.index in observations and event.label in alive:
                same, witness = judge(event.outcome, outcome, reference[event.index], event.stochastic)
                if not same:
                    del alive[event.label]
                else:
                    alive[event.label] = alive[event.label] or witness
            return any(last[label] > event.index for label in alive)  # anything left to learn

        replay(self.reference_code(), variant, events, check)
        return [label for label, witnessed in alive.items() if witnessed]


def _out_of_time(signum, frame):
    raise OutOfTime()


def describe_variant(path: Path) -> str:
    """The variant's sentence for students: its `# diagnosis:` line, else its docstring's first paragraph."""
    text = path.read_text()
    line = DIAGNOSIS_LINE.search(text)
    if line:
        return line.group("text").strip()
    docstring = ast.get_docstring(parsing.parse(text)) or path.stem
    return " ".join(docstring.split("\n\n")[0].split())


def _names(labels) -> str:
    names = [f"`{label}`" for label in labels]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]

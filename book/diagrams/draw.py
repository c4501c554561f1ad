"""The book's diagrams, drawn as plain SVG by hand.

    python book/diagrams/draw.py            # rewrites book/diagrams/*.svg
    python book/diagrams/draw.py OUT_DIR    # writes them somewhere else (the test compares the two)

Every diagram is a function that returns an `Svg`; `DIAGRAMS` maps file names to those functions.
Labels take a tiny TeX-like markup: `u^{⊤}` and `w_{t+1}` give a superscript and a subscript.
Colours are fixed (light theme); in the book's dark theme book/_static/diagrams.css inverts the
images whose <img> has the class `diagram`, so dark ink turns light and pale fills turn dark.
"""
import re
import sys
from pathlib import Path
from xml.sax.saxutils import escape

HERE = Path(__file__).resolve().parent

STYLE = """
text { font-family: "DejaVu Sans", "Helvetica Neue", Arial, sans-serif; font-size: 15px; fill: #1f2937; }
text.math { font-family: "DejaVu Serif", "Times New Roman", serif; font-style: italic; font-size: 16px; }
text.title { font-weight: bold; font-size: 17px; }
text.note { font-size: 13px; fill: #4b5563; }
text.gradtext { fill: #dc2626; }
.word { fill: #f3f4f6; stroke: #6b7280; }
.centre { fill: #fde68a; stroke: #b45309; }
.outside { fill: #bfdbfe; stroke: #1d4ed8; }
.hidden { fill: #bbf7d0; stroke: #15803d; }
.output { fill: #fbcfe8; stroke: #be185d; }
.loss { fill: #fecaca; stroke: #b91c1c; }
.window { fill: none; stroke: #b45309; stroke-width: 1.5; stroke-dasharray: 5 4; }
.faded { opacity: 0.45; }
.edge { fill: none; stroke: #374151; stroke-width: 1.6; }
.grad { fill: none; stroke: #dc2626; stroke-width: 2.2; stroke-dasharray: 7 4; }
.wire { stroke: #9ca3af; stroke-width: 0.6; }
.bar { fill: #be185d; }
.path { fill: none; stroke: #b45309; stroke-width: 3.2; }
"""


def num(value: float) -> str:
    """A coordinate as short, stable text: 12, 12.5 (never 12.500000001)."""
    return f"{round(value, 1):g}"


class Svg:
    """An SVG document built element by element; `str(svg)` is the file's text."""

    def __init__(self, width: int, height: int, title: str, desc: str):
        self.width, self.height, self.title, self.desc = width, height, title, desc
        self.parts: list[str] = []

    def rect(self, x, y, w, h, cls, rx=6):
        self.parts.append(f'<rect x="{num(x)}" y="{num(y)}" width="{num(w)}" height="{num(h)}" '
                          f'rx="{num(rx)}" class="{cls}"/>')

    def circle(self, x, y, r, cls):
        self.parts.append(f'<circle cx="{num(x)}" cy="{num(y)}" r="{num(r)}" class="{cls}"/>')

    def line(self, x1, y1, x2, y2, cls="edge", arrow=False):
        marker = f' marker-end="url(#{"grad-head" if "grad" in cls else "head"})"' if arrow else ""
        self.parts.append(f'<line x1="{num(x1)}" y1="{num(y1)}" x2="{num(x2)}" y2="{num(y2)}" '
                          f'class="{cls}"{marker}/>')

    def curve(self, x1, y1, cx, cy, x2, y2):
        """A quadratic Bezier arrow from (x1, y1) to (x2, y2) pulled towards (cx, cy)."""
        self.parts.append(f'<path d="M{num(x1)} {num(y1)} Q{num(cx)} {num(cy)} {num(x2)} {num(y2)}" '
                          f'class="edge" marker-end="url(#head)"/>')

    def polyline(self, points, cls="grad"):
        """An arrow through several points."""
        d = " ".join(f"{num(x)},{num(y)}" for x, y in points)
        marker = "grad-head" if "grad" in cls else "head"
        self.parts.append(f'<polyline points="{d}" class="{cls}" marker-end="url(#{marker})"/>')

    def text(self, x, y, label, cls="", anchor="middle", size=None):
        """`label` with ^{...} and _{...} turned into raised and lowered smaller text."""
        size = size or (16 if "math" in cls else 15)
        pieces, shift = [], 0.0
        for match in re.finditer(r"([\^_])\{([^}]*)\}|([^^_]+|[\^_])", label):
            if match.group(1):
                target = -0.4 * size if match.group(1) == "^" else 0.25 * size
                pieces.append(f'<tspan dy="{num(target - shift)}" font-size="{num(0.7 * size)}">'
                              f'{escape(match.group(2))}</tspan>')
                shift = target
            else:
                back = f' dy="{num(-shift)}"' if shift else ""
                pieces.append(f"<tspan{back}>{escape(match.group(3))}</tspan>" if back else escape(match.group(3)))
                shift = 0.0
        css = f' class="{cls}"' if cls else ""
        self.parts.append(f'<text x="{num(x)}" y="{num(y)}" text-anchor="{anchor}"{css}>{"".join(pieces)}</text>')

    def box(self, x, y, w, h, cls, label, label_cls="math"):
        """A rounded box centred on (x, y) with a centred label."""
        self.rect(x - w / 2, y - h / 2, w, h, cls)
        self.text(x, y + 5, label, label_cls)

    def vector(self, x, y, n, cls, step=20, r=7):
        """A word vector: n circles in a row inside a rounded box, starting at x, centred on y.
        Returns the circles' centres."""
        self.rect(x, y - r - 5, n * step + 4, 2 * r + 10, cls)
        centres = [(x + 2 + step / 2 + i * step, y) for i in range(n)]
        for cx, cy in centres:
            self.circle(cx, cy, r, "word")
        return centres

    def __str__(self):
        markers = "".join(
            f'<marker id="{name}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" '
            f'orient="auto-start-reverse"><path d="M0 0 L10 5 L0 10 z" fill="{colour}"/></marker>'
            for name, colour in (("head", "#374151"), ("grad-head", "#dc2626")))
        return (
            f'<svg xmlns="http://www.w3.org/2000/svg" width="{self.width}" height="{self.height}" '
            f'viewBox="0 0 {self.width} {self.height}" role="img">\n'
            f"<title>{escape(self.title)}</title>\n<desc>{escape(self.desc)}</desc>\n"
            f"<style>{STYLE}</style>\n<defs>{markers}</defs>\n" + "\n".join(self.parts) + "\n</svg>\n")


def word2vec_window() -> Svg:
    """The window of m = 2 words on each side, at position t and again one word further on."""
    svg = Svg(760, 385, "The word2vec window sliding over a sentence",
              "A centre word and the m = 2 outside words on each side of it, at position t and at position t + 1.")
    words = ["we", "learn", "word", "vectors", "from", "their", "contexts"]
    step, width, x0 = 80, 72, 165
    for row, (centre, top) in enumerate([(3, 100), (4, 270)]):
        svg.text(16, top + 22, "position " + ("t" if row == 0 else "t+1"), "title", anchor="start")
        svg.text(x0 - 16, top + 22, "…")
        svg.text(x0 + 7 * step + 4, top + 22, "…")
        for i, word in enumerate(words):
            offset = i - centre
            cls = "centre" if offset == 0 else "outside" if abs(offset) <= 2 else "word"
            x = x0 + i * step
            svg.rect(x, top, width, 34, cls)
            svg.text(x + width / 2, top + 22, word)
            if abs(offset) <= 2:
                index = offset + row  # subscripts relative to t, also in the row of position t + 1
                name = "w_{t}" if index == 0 else f"w_{{t{index:+d}}}"
                svg.text(x + width / 2, top + 58, name, "math")
            if 0 < abs(offset) <= 2:  # an arc from the centre word to this outside word
                cx = x0 + centre * step + width / 2
                start = cx + (18 - 7 * abs(offset)) * (1 if offset > 0 else -1)  # nested, never crossing
                svg.curve(start, top, (start + x + width / 2) / 2, top - (34 if abs(offset) == 1 else 80),
                          x + width / 2, top - 2)
        left = x0 + (centre - 2) * step - 5
        svg.rect(left, top - 5, 4 * step + width + 10, 72, "window", rx=10)
    svg.text(x0 + 3 * step + width / 2, 36, "P(w_{t+j} | w_{t})   for  j = −2, −1, 1, 2", "math")
    svg.text(x0 + 4 * step + width / 2, 200, "the window slides one word to the right", "note")
    svg.rect(150, 353, 18, 14, "centre", rx=3)
    svg.text(174, 365, "centre word w_{t}", anchor="start")
    svg.rect(350, 353, 18, 14, "outside", rx=3)
    svg.text(374, 365, "outside (context) words: m = 2 on each side", anchor="start")
    return svg


def skipgram_vs_cbow() -> Svg:
    """Skip-gram: the centre word's input vector predicts each outside word. CBOW: the average of the outside
    words' input vectors predicts the centre word. Both score a candidate word w with its output vector u_w."""
    svg = Svg(760, 360, "Skip-gram against CBOW",
              "Left, skip-gram: the input vector v of the centre word predicts each of the 2m outside words. "
              "Right, CBOW: the input vectors v of the outside words are averaged and predict the centre word. "
              "Both score every candidate word w with its output vector u_w.")
    outputs = ["w_{t-2}", "w_{t-1}", "w_{t+1}", "w_{t+2}"]
    ys = [90, 145, 200, 255]
    for panel, x0 in (("Skip-gram", 20), ("CBOW", 400)):
        svg.text(x0 + 170, 28, panel, "title")
        for x, heading in ((x0 + 45, "input word"), (x0 + 170, "input vector"), (x0 + 300, "output word")):
            svg.text(x, 60, heading, "note")
        if panel == "Skip-gram":
            svg.box(x0 + 45, 172, 70, 34, "centre", "c = w_{t}")
            svg.line(x0 + 80, 172, x0 + 130, 172, arrow=True)
            svg.box(x0 + 170, 172, 70, 34, "hidden", "v_{c}")
            for label, y in zip(outputs, ys):
                svg.line(x0 + 205, 172, x0 + 262, y, arrow=True)
                svg.box(x0 + 300, y, 70, 34, "outside", label)
            svg.text(x0 + 170, 300, "2m predictions, one per outside word:", "note")
            svg.text(x0 + 170, 324, "P(o | c) = softmax(Uv_{c})_{o}", "math")
        else:
            for label, y in zip(outputs, ys):
                svg.box(x0 + 45, y, 70, 34, "outside", label)
                svg.line(x0 + 80, y, x0 + 132, 172 + (y - 172) * 0.12, arrow=True)
            svg.box(x0 + 170, 172, 70, 34, "hidden", "v̄")
            svg.text(x0 + 170, 208, "average of v", "note")
            svg.line(x0 + 205, 172, x0 + 262, 172, arrow=True)
            svg.box(x0 + 300, 172, 70, 34, "centre", "c = w_{t}")
            svg.text(x0 + 170, 300, "1 prediction per position, from the bag of words:", "note")
            svg.text(x0 + 170, 324, "P(c | context) = softmax(Uv̄)_{c}", "math")
    svg.text(380, 352, "v: input vectors (of whatever is the input);  U: rows u_{w}, the output vectors of the "
             "candidate words", "note")
    svg.line(380, 20, 380, 330, "wire")
    return svg


def hierarchical_softmax() -> Svg:
    """A Huffman tree over eight words: P(w | c) is the product of the binary decisions on the path to w."""
    svg = Svg(760, 430, "Hierarchical softmax: a binary tree over the vocabulary",
              "A binary (Huffman) tree whose leaves are the words of the vocabulary; frequent words sit near the "
              "root. Each inner node n has an output vector u_n. From the root to the leaf 'music' the path "
              "takes four binary decisions, each with probability sigma of plus or minus u_n transpose v_c, and "
              "P(music | c) is their product: log2 |V| dot products instead of |V|.")
    # (name, children): a leaf is a word, an inner node a pair; left child = sigma(+u_n.v_c), right = sigma(-u_n.v_c)
    tree = ("n1", ("n2", "the", ("n4", "of", "and")), ("n3", ("n5", "in", ("n6", "war", "music")), ("n7", "river", "telescope")))
    path = {"n1", "n3", "n5", "n6", "music"}
    leaves: list[str] = []

    def collect(node):
        if isinstance(node, str):
            leaves.append(node)
        else:
            collect(node[1])
            collect(node[2])

    collect(tree)
    x_of = {leaf: 75 + i * 87 for i, leaf in enumerate(leaves)}

    def place(node, depth):
        """Draw `node` and its subtree; return its (x, y) and name."""
        y = 70 + depth * 68
        if isinstance(node, str):
            x = x_of[node]
            svg.box(x, y + 10, 78, 30, "centre" if node in path else "outside", node, "")
            return x, y, node
        name, left, right = node
        children = [place(child, depth + 1) for child in (left, right)]
        x = sum(cx for cx, _, _ in children) / 2
        for (cx, cy, child), sign in zip(children, "+−"):
            on_path = name in path and child in path
            svg.line(x, y + 14, cx, cy - 6 if isinstance(child, str) else cy - 14, "path" if on_path else "edge")
            if on_path:
                label_x = (x + cx) / 2 + (14 if sign == "−" else -14)
                svg.text(label_x, (y + cy) / 2 + 2, f"σ({sign}u^{{⊤}}_{{{name}}}v_{{c}})", "math",
                         anchor="start" if sign == "−" else "end", size=14)
        svg.circle(x, y, 14, "hidden")
        svg.text(x, y + 5, name, "math", size=13)
        return x, y, name

    place(tree, 0)
    svg.text(380, 26, "every inner node n has an output vector u_{n}; a leaf is a word", "note")
    svg.text(380, 392, "P(music | c) = σ(−u^{⊤}_{n1}v_{c}) · σ(+u^{⊤}_{n3}v_{c}) · σ(−u^{⊤}_{n5}v_{c}) · "
             "σ(−u^{⊤}_{n6}v_{c})", "math")
    svg.text(380, 418, "left branch: σ(+u^{⊤}_{n}v_{c}), right branch: σ(−u^{⊤}_{n}v_{c}); "
             "the two add up to 1 at every node", "note")
    return svg


def _layers(svg, inputs, hidden_y, centre_x, n_hidden=8):
    """Wires from every input circle to every hidden unit; returns the hidden units' centres."""
    hidden = [(centre_x + (i - (n_hidden - 1) / 2) * 28, hidden_y) for i in range(n_hidden)]
    for x1, y1 in inputs:
        for x2, y2 in hidden:
            svg.line(x1, y1 - 8, x2, y2 + 8, "wire")
    svg.rect(hidden[0][0] - 14, hidden_y - 14, 28 * n_hidden, 28, "hidden")
    for x, y in hidden:
        svg.circle(x, y, 8, "word")
    return hidden


def ner_window_classifier() -> Svg:
    """x = the 5 concatenated word vectors -> h = f(Wx + b) -> s = u^T h -> sigma(s)."""
    svg = Svg(760, 420, "The NER window classifier",
              "The word vectors of a window of five words are concatenated into x, a hidden layer computes "
              "h = f(Wx + b), and the score s = u transpose h goes through a sigmoid: the probability that "
              "the centre word is a location.")
    words = ["museums", "in", "Paris", "are", "amazing"]
    x, inputs = 50, []
    for i, word in enumerate(words):
        inputs += svg.vector(x, 330, 4, "centre" if i == 2 else "outside")
        svg.text(x + 42, 375, word, "title" if i == 2 else "")
        x += 98
    centre_x = 50 + (5 * 98 - 14) / 2
    hidden = _layers(svg, inputs, 200, centre_x)
    for hx, hy in hidden:
        svg.line(hx, hy - 8, centre_x, 100 + 12, "wire")
    svg.circle(centre_x, 100, 12, "output")
    svg.line(centre_x, 86, centre_x, 58, arrow=True)
    svg.text(centre_x, 44, "ŷ = σ(s) = P(“Paris” is a location)", "math")
    right = 570
    svg.text(right, 325, "x ∈ ℝ^{5d}", "math", anchor="start")
    svg.text(right, 347, "concatenated word vectors", "note", anchor="start")
    svg.text(right, 205, "h = f(Wx + b) ∈ ℝ^{H}", "math", anchor="start")
    svg.text(right, 270, "W, b", "math", anchor="start")
    svg.text(right, 105, "s = u^{⊤}h", "math", anchor="start")
    svg.text(right, 150, "u", "math", anchor="start")
    svg.text(centre_x, 405, "window of m = 2 words on each side of the centre word", "note")
    return svg


def fixed_window_lm() -> Svg:
    """The last 3 words -> embeddings concatenated into e -> h = f(We + b1) -> softmax over V."""
    svg = Svg(760, 450, "The fixed-window neural language model",
              "The last three words are looked up in the embedding matrix E, the embeddings are concatenated "
              "into e, a hidden layer computes h = f(We + b1), and a softmax gives a probability for every "
              "word of the vocabulary as the next word.")
    svg.text(95, 375, "the", "faded")
    svg.text(95, 398, "outside the window", "note")
    words = [("students", "x_{t-2}"), ("opened", "x_{t-1}"), ("their", "x_{t}")]
    x, inputs = 170, []
    for word, name in words:
        inputs += svg.vector(x, 300, 4, "outside")
        svg.line(x + 42, 360, x + 42, 322, arrow=True)
        svg.text(x + 42, 375, word, "title")
        svg.text(x + 42, 400, name, "math")
        x += 98
    svg.text(170 + 42 + 8, 346, "E", "math", anchor="start")
    centre_x = 170 + (3 * 98 - 14) / 2
    hidden = _layers(svg, inputs, 190, centre_x)
    svg.line(centre_x, 174, centre_x, 140, arrow=True)
    svg.text(centre_x + 8, 162, "U", "math", anchor="start")
    heights = [12, 30, 8, 70, 18, 6, 24, 52, 10, 14, 5, 20, 9, 34, 7, 16, 11, 6, 26, 13]
    left = centre_x - len(heights) * 14 / 2
    svg.line(left - 6, 132, left + len(heights) * 14 + 2, 132, "edge")
    for i, height in enumerate(heights):
        svg.rect(left + i * 14, 132 - height, 10, height, "bar", rx=1)
    svg.text(left + 3 * 14 + 5, 132 - 70 - 8, "books", "note")
    svg.text(left + 7 * 14 + 5, 132 - 52 - 8, "laptops", "note")
    svg.text(centre_x, 30, "probability of each word of the vocabulary as the next word", "note")
    right = 510
    svg.text(right, 110, "ŷ = softmax(Uh + b_{2}) ∈ ℝ^{|V|}", "math", anchor="start")
    svg.text(right, 132, "the distribution of the next word x_{t+1}", "note", anchor="start")
    svg.text(right, 195, "h = f(We + b_{1})", "math", anchor="start")
    svg.text(right, 250, "W, b_{1}", "math", anchor="start")
    svg.text(right, 295, "e = [E[x_{t-2}]; E[x_{t-1}]; E[x_{t}]]", "math", anchor="start")
    svg.text(right, 318, "e ∈ ℝ^{3d}", "math", anchor="start")
    svg.text(right, 390, "the n − 1 = 3 previous words", "note", anchor="start")
    return svg


def _legend(svg, y, backward):
    """The legend line at height y: a solid arrow for the forward pass, a dashed red one for `backward`."""
    svg.line(40, y, 80, y, arrow=True)
    svg.text(88, y + 5, "forward pass", anchor="start")
    svg.line(230, y, 270, y, "grad", arrow=True)
    svg.text(278, y + 5, backward, "gradtext", anchor="start")

def rnn_lm_bptt() -> Svg:
    """The RNN LM unrolled over 4 steps (forward, solid) and the gradient flowing back (dashed)."""
    svg = Svg(800, 500, "The RNN language model unrolled over time, with backpropagation through time",
              "Each step t maps the word x_t to its embedding e_t, the hidden state h_t from e_t and "
              "h_(t-1) through W_h, the distribution y-hat_t, and the loss J_t against the next word. "
              "Dashed red arrows: the gradients flowing backwards from every loss through the hidden states.")
    words = ["the", "students", "opened", "their"]
    targets = ["students", "opened", "their", "books"]
    xs = [220, 370, 520, 670]
    rows = {"J": 80, "y": 170, "h": 260, "e": 345, "x": 425}
    svg.text(30, rows["x"] + 5, "x_{t}", "math", anchor="start")
    svg.text(30, rows["J"] + 5, "loss", "note", anchor="start")
    svg.box(85, rows["h"], 60, 40, "hidden", "h_{0}")
    previous = 85
    for t, (x, word, target) in enumerate(zip(xs, words, targets), start=1):
        svg.box(x, rows["x"], 84, 32, "word", word, "")
        svg.line(x, rows["x"] - 16, x, rows["e"] + 18, arrow=True)
        svg.box(x, rows["e"], 60, 34, "outside", f"e_{{{t}}}")
        svg.line(x, rows["e"] - 17, x, rows["h"] + 22, arrow=True)
        svg.box(x, rows["h"], 60, 40, "hidden", f"h_{{{t}}}")
        svg.line(x, rows["h"] - 20, x, rows["y"] + 19, arrow=True)
        svg.box(x, rows["y"], 60, 36, "output", f"ŷ_{{{t}}}")
        svg.line(x, rows["y"] - 18, x, rows["J"] + 19, arrow=True)
        svg.box(x, rows["J"], 60, 36, "loss", f"J_{{{t}}}")
        svg.text(x, rows["J"] - 28, f"next word: {target}", "note")
        if t == 1:
            for label, y in (("E", (rows["x"] + rows["e"]) / 2), ("W_{e}", (rows["e"] + rows["h"]) / 2),
                             ("U", (rows["h"] + rows["y"]) / 2)):
                svg.text(x - 8, y + 5, label, "math", anchor="end")
        # forward: h_{t-1} -> h_t through W_h; backward: the gradient goes the other way
        svg.line(previous + 30, rows["h"] - 8, x - 32, rows["h"] - 8, arrow=True)
        svg.text((previous + x) / 2, rows["h"] - 16, "W_{h}", "math")
        svg.line(x - 32, rows["h"] + 10, previous + 32, rows["h"] + 10, "grad", arrow=True)
        svg.polyline([(x + 42, rows["J"] + 10), (x + 42, rows["h"] - 34), (x + 28, rows["h"] - 22)])
        previous = x
    svg.text(xs[0] + 48, (rows["y"] + rows["J"]) / 2 + 5, "∂J_{t}/∂h_{t}", "math gradtext", anchor="start",
             size=14)
    _legend(svg, 478, "backpropagation through time: gradients flow back through every h_{t}")
    return svg


def _operation(svg, x, y, symbol):
    """An elementwise operation (⊙ or +) as a small circle."""
    svg.circle(x, y, 13, "word")
    svg.text(x, y + 5, symbol, "")


def _gate_inputs(svg, left, right, y, label):
    """The shared input line [h_(t-1); e_t] that every gate reads."""
    svg.line(left, y, right, y, "edge")
    svg.text(left, y + 24, label, "math", anchor="start")


def lstm_and_gru_cells() -> Svg:
    """One step of an LSTM (left) and of a GRU (right), with the additive path the gradient follows back."""
    svg = Svg(900, 400, "One step of an LSTM and of a GRU",
              "Left, the LSTM: the cell state runs along the top from c_(t-1) to c_t through an elementwise "
              "product with the forget gate f_t and an addition of i_t times the candidate c-tilde_t; the "
              "output gate o_t times tanh(c_t) gives h_t. Right, the GRU: the state runs along the top from "
              "h_(t-1) to h_t through a product with 1 - z_t and an addition of z_t times the candidate "
              "h-tilde_t, computed from r_t times h_(t-1) and e_t. Every gate reads [h_(t-1); e_t]. Dashed red "
              "arrows along the top: the gradient flows back through the additive path, multiplied only by "
              "the gate, with no weight matrix and no squashing function.")
    # LSTM: cell-state line with forget product and input addition
    top, gates, inputs = 100, 235, 310
    svg.text(215, 32, "LSTM", "title")
    svg.text(30, top + 5, "c_{t-1}", "math", anchor="start")
    svg.line(78, top, 127, top, arrow=True)
    _operation(svg, 140, top, "⊙")
    svg.line(153, top, 247, top, arrow=True)
    _operation(svg, 260, top, "+")
    svg.line(273, top, 385, top, arrow=True)
    svg.text(392, top + 5, "c_{t}", "math", anchor="start")
    for x, label, kind in ((90, "f_{t}", "σ"), (160, "i_{t}", "σ"), (230, "c̃_{t}", "tanh"), (300, "o_{t}", "σ")):
        svg.box(x, gates, 56, 34, "hidden", label)
        svg.text(x - 6, gates + 38, kind, "note", anchor="end")
        svg.line(x, inputs, x, gates + 19, arrow=True)
    _gate_inputs(svg, 40, 330, inputs, "[h_{t-1}; e_{t}]")
    svg.line(90, gates - 17, 133, top + 12, arrow=True)          # f_t into the forget product
    _operation(svg, 200, 165, "⊙")                                 # i_t * candidate
    svg.line(160, gates - 17, 192, 176, arrow=True)
    svg.line(230, gates - 17, 208, 176, arrow=True)
    svg.line(207, 154, 252, top + 11, arrow=True)
    svg.line(360, top, 360, 148, arrow=True)                       # c_t -> tanh -> * o_t -> h_t
    svg.box(360, 165, 50, 30, "outside", "tanh", "")
    _operation(svg, 360, gates, "⊙")
    svg.line(300 + 28, gates, 347, gates, arrow=True)
    svg.line(360, 180, 360, gates - 13, arrow=True)
    svg.line(373, gates, 405, gates, arrow=True)
    svg.text(410, gates + 5, "h_{t}", "math", anchor="start")
    svg.line(385, top - 16, 80, top - 16, "grad", arrow=True)
    svg.text(232, top - 26, "∂c_{t}/∂c_{t-1} = diag(f_{t}) + …", "math gradtext", size=14)
    # GRU: the state line with keep product and update addition
    off = 470
    svg.text(off + 215, 32, "GRU", "title")
    svg.text(off + 20, top + 5, "h_{t-1}", "math", anchor="start")
    svg.line(off + 72, top, off + 127, top, arrow=True)
    _operation(svg, off + 140, top, "⊙")
    svg.text(off + 150, top + 36, "1 − z_{t}", "math", anchor="start", size=13)
    svg.line(off + 153, top, off + 287, top, arrow=True)
    _operation(svg, off + 300, top, "+")
    svg.line(off + 313, top, off + 385, top, arrow=True)
    svg.text(off + 392, top + 5, "h_{t}", "math", anchor="start")
    for x, label, kind in ((off + 90, "z_{t}", "σ"), (off + 190, "r_{t}", "σ")):
        svg.box(x, gates, 56, 34, "hidden", label)
        svg.text(x - 6, gates + 38, kind, "note", anchor="end")
        svg.line(x, inputs, x, gates + 19, arrow=True)
    svg.line(off + 90, gates - 17, off + 135, top + 13, arrow=True)   # z_t (as 1 - z_t) into the keep product
    svg.line(off + 100, top, off + 100, 170, "edge")                    # h_(t-1) branch to the reset product
    svg.line(off + 100, 170, off + 177, 170, arrow=True)
    _operation(svg, off + 190, 170, "⊙")
    svg.line(off + 190, gates - 17, off + 190, 183, arrow=True)
    svg.box(off + 290, 170, 56, 34, "hidden", "h̃_{t}")
    svg.text(off + 290, 170 + 34, "tanh", "note")
    svg.line(off + 203, 170, off + 262, 170, arrow=True)
    svg.line(off + 330, inputs, off + 330, 188, "edge")                 # e_t into the candidate
    svg.line(off + 330, 188, off + 310, 188, arrow=True)
    svg.line(off + 292, 153, off + 300, top + 13, arrow=True)
    svg.text(off + 306, 140, "× z_{t}", "math", anchor="start", size=13)
    _gate_inputs(svg, off + 40, off + 330, inputs, "[h_{t-1}; e_{t}]")
    svg.line(off + 385, top - 16, off + 72, top - 16, "grad", arrow=True)
    svg.text(off + 232, top - 26, "∂h_{t}/∂h_{t-1} = diag(1 − z_{t}) + …", "math gradtext", size=14)
    _legend(svg, 378, "the gradient's additive path back in time: only a gate, no W_{h}, no tanh'")
    return svg


DIAGRAMS = {
    "word2vec_window": word2vec_window,
    "skipgram_vs_cbow": skipgram_vs_cbow,
    "hierarchical_softmax": hierarchical_softmax,
    "ner_window_classifier": ner_window_classifier,
    "fixed_window_lm": fixed_window_lm,
    "rnn_lm_bptt": rnn_lm_bptt,
    "lstm_and_gru_cells": lstm_and_gru_cells,
}


def write_all(out_dir: Path = HERE) -> list[Path]:
    """Write every diagram as out_dir/<name>.svg and return the paths."""
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, draw in DIAGRAMS.items():
        path = out_dir / f"{name}.svg"
        path.write_text(str(draw()), encoding="utf-8")
        paths.append(path)
    return paths


if __name__ == "__main__":
    for written in write_all(Path(sys.argv[1]) if len(sys.argv) > 1 else HERE):
        print(written)

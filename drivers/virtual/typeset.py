"""A small typesetter: lines, justified paragraphs, dotted form fields and ruled tables, in mm."""

from __future__ import annotations

from dataclasses import dataclass, field

from drivers.virtual.elements import RGB, TONER, Element, Rule, Text
from drivers.virtual.fonts import text_width_mm

PT = 25.4 / 72  # mm per typographic point
LEADING = 1.32
FIELD_LEADING = 1.55  # room for a handwritten value above the dots


def words_line(
    x: float, y: float, size: float, words: list[str], face: str, ink: RGB, width: float = 0.0
) -> Text:
    """One line of `words`; with a `width` the gaps stretch so the line fills it (justified)."""
    space = text_width_mm(" ", face, size)
    natural = [text_width_mm(word, face, size) for word in words]
    gap = space
    if width and len(words) > 1:
        gap = max(space, (width - sum(natural)) / (len(words) - 1))
    offsets, cursor = [], 0.0
    for word, word_width in zip(words, natural, strict=True):
        offsets.append((cursor, word))
        cursor += word_width + gap
    return Text(x, y, size, tuple(offsets), cursor - gap, face, ink)


def wrap(text: str, face: str, size: float, width: float, indent: float = 0.0) -> list[list[str]]:
    space = text_width_mm(" ", face, size)
    lines: list[list[str]] = [[]]
    used = indent
    for word in text.split():
        word_width = text_width_mm(word, face, size)
        if lines[-1] and used + space + word_width > width:
            lines.append([])
            used = 0.0
        used += (space if lines[-1] else 0.0) + word_width
        lines[-1].append(word)
    return [line for line in lines if line]


@dataclass
class Flow:
    """Sets text top to bottom between margins; refuses what would run past `bottom`."""

    left: float
    right: float
    top: float
    bottom: float
    scale: float  # 1.0 on A4; fonts and gaps follow the sheet
    y: float = field(init=False)
    elements: list[Element] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.y = self.top

    @property
    def width(self) -> float:
        return self.right - self.left

    def size(self, points: float) -> float:
        return points * PT * self.scale

    def gap(self, mm: float) -> None:
        self.y += mm * self.scale

    def fits(self, height: float) -> bool:
        return self.y + height <= self.bottom

    def line(
        self,
        text: str,
        points: float = 13,
        face: str = "serif",
        align: str = "left",
        ink: RGB = TONER,
        left: float | None = None,
        right: float | None = None,
    ) -> Text | None:
        size = self.size(points)
        if not self.fits(size * LEADING):
            return None
        x0 = self.left if left is None else left
        x1 = self.right if right is None else right
        width = text_width_mm(text, face, size)
        x = {"left": x0, "center": (x0 + x1 - width) / 2, "right": x1 - width}[align]
        self.y += size * LEADING
        line = Text(x, self.y - 0.3 * size, size, ((0.0, text),), width, face, ink)
        self.elements.append(line)
        return line

    def underline(self, line: Text, fraction: float = 0.75) -> None:
        width = line.width * fraction
        x = line.x + (line.width - width) / 2
        self.elements.append(Rule(x, line.y + 0.5 * line.size, width, 0.06 * line.size))
        self.y += 0.3 * line.size

    def paragraph(
        self,
        text: str,
        points: float = 13,
        face: str = "serif",
        indent: float = 10.0,
        ink: RGB = TONER,
        justify: bool = True,
        partial: bool = False,
    ) -> bool:
        """Sets the paragraph if it fits (or, `partial`, the lines that fit); False if cut."""
        size = self.size(points)
        indent *= self.scale
        lines = wrap(text, face, size, self.width, indent)
        if not partial and not self.fits(len(lines) * size * LEADING):
            return False
        for number, words in enumerate(lines):
            if not self.fits(size * LEADING):
                return False
            x = self.left + (indent if number == 0 else 0.0)
            last = number == len(lines) - 1
            width = 0.0 if last or not justify else self.right - x
            self.y += size * LEADING
            self.elements.append(words_line(x, self.y - 0.3 * size, size, words, face, ink, width))
        self.gap(1.2)
        return True

    def fields(
        self,
        pairs: list[tuple[str, str]],
        points: float = 13,
        value_face: str = "serif",
        value_ink: RGB = TONER,
    ) -> bool:
        """`Label: value.........` on one line, the line shared equally between the pairs."""
        size = self.size(points)
        if not self.fits(size * FIELD_LEADING):
            return False
        self.y += size * FIELD_LEADING
        baseline = self.y - 0.3 * size
        column = self.width / len(pairs)
        dot = text_width_mm(".", "serif", size)
        for index, (label, value) in enumerate(pairs):
            x = self.left + index * column
            label_width = text_width_mm(label + " ", "serif", size)
            self.elements.append(Text(x, baseline, size, ((0.0, label),), label_width, "serif"))
            value_width = text_width_mm(value, value_face, size)
            value_x = x + label_width + 1.5 * self.scale
            room = column - label_width - 2 * self.scale
            while value_width > room and ", " in value:  # drop the street, then the commune
                value = value.split(", ", 1)[1]
                value_width = text_width_mm(value, value_face, size)
            if value_width > room:  # still too long: left to be filled in by hand
                value, value_width = "", 0.0
            dots_x = x + label_width
            dots = "." * max(0, int((column - label_width - 1.5 * self.scale) / dot))
            self.elements.append(
                Text(dots_x, baseline + 0.1 * size, size, ((0.0, dots),), len(dots) * dot)
            )
            if value:
                self.elements.append(
                    Text(value_x, baseline - 0.2 * size, size, ((0.0, value),), value_width,
                         value_face, value_ink)
                )  # fmt: skip
        return True

    def table(
        self, header: list[str], rows: list[list[str]], widths: list[float], points: float = 11
    ) -> int:
        """A ruled table; `widths` are fractions of the line. Returns the body rows that fit."""
        size = self.size(points)
        rule = max(0.18, 0.22 * self.scale)
        columns = [self.left]
        for fraction in widths:
            columns.append(columns[-1] + fraction * self.width)
        top = self.y
        set_rows = 0
        for number, cells in enumerate([header, *rows]):
            face = "sans-bold" if number == 0 else "sans"
            wrapped = [
                wrap(cell, face, size, columns[i + 1] - columns[i] - 2 * self.scale)
                for i, cell in enumerate(cells)
            ]
            height = max(len(lines) for lines in wrapped) * size * LEADING + 2 * self.scale
            if not self.fits(height + rule):
                break
            self.elements.append(Rule(self.left, self.y, self.width, rule))
            for i, lines in enumerate(wrapped):
                for k, words in enumerate(lines):
                    baseline = self.y + self.scale + (k + 1) * size * LEADING - 0.3 * size
                    text = words_line(0.0, baseline, size, words, face, TONER)
                    centred = number == 0 or i == 0 or len(cells[i]) < 4
                    cell_left, cell_right = columns[i], columns[i + 1]
                    x = (
                        (cell_left + cell_right - text.width) / 2
                        if centred
                        else cell_left + self.scale
                    )
                    self.elements.append(Text(x, baseline, size, text.words, text.width, face))
            self.y += height
            set_rows += number > 0
        if self.y == top:
            return 0
        self.elements.append(Rule(self.left, self.y, self.width, rule))
        for x in columns:
            self.elements.append(Rule(x - rule / 2, top, rule, self.y - top + rule))
        self.gap(3)
        return set_rows

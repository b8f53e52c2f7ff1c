"""Which paragraphs of a Word document are headings, and at what level.

Minutes written in Word often number their agenda items with a numbered heading
style: the reader sees "6. Finance", the text holds only "Finance". The heading's
outline level is what marks it as an item, so the minutes profile can tell where a
confidential item ends (at the next heading of the same or a higher level) without
the digits. A paragraph's level is its own ``w:outlineLvl``, or its style's, or
that of the style it is based on; Word's built-in "heading N" styles are level N-1
even where a template leaves the level out.
"""

from __future__ import annotations

import re

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_VAL = f"{{{W}}}val"
_BODY_TEXT = 9  # Word's outline level for ordinary paragraphs
_HEADING_NAME = re.compile(r"^heading ([1-9])$", re.IGNORECASE)
_MAX_BASED_ON = 20  # a loop in basedOn must not hang the reader


class Outline:
    """Heading levels from one document's styles part (``word/styles.xml``)."""

    def __init__(self, styles: etree._Element | None):
        self._levels: dict[str, int | None] = {}
        self._styles: dict[str, etree._Element] = {}
        if styles is not None:
            for style in styles.iter(f"{{{W}}}style"):
                style_id = style.get(f"{{{W}}}styleId")
                if style_id and style.get(f"{{{W}}}type", "paragraph") == "paragraph":
                    self._styles[style_id] = style

    def level(self, paragraph: etree._Element) -> int | None:
        """0 for a "Heading 1" paragraph, 1 for "Heading 2"...; None for body text."""
        properties = paragraph.find(f"{{{W}}}pPr")
        if properties is not None:
            own = _outline_level(properties)
            if own is not None:
                return own if own < _BODY_TEXT else None
            style = properties.find(f"{{{W}}}pStyle")
            if style is not None and style.get(_VAL):
                return self._style_level(style.get(_VAL, ""))
        return None

    def _style_level(self, style_id: str) -> int | None:
        if style_id not in self._levels:
            self._levels[style_id] = self._resolve(style_id)
        return self._levels[style_id]

    def _resolve(self, style_id: str) -> int | None:
        for _ in range(_MAX_BASED_ON):
            style = self._styles.get(style_id)
            if style is None:
                return None
            properties = style.find(f"{{{W}}}pPr")
            found = _outline_level(properties) if properties is not None else None
            if found is not None:
                return found if found < _BODY_TEXT else None
            name = style.find(f"{{{W}}}name")
            match = _HEADING_NAME.match(name.get(_VAL, "") if name is not None else "")
            if match:
                return int(match.group(1)) - 1
            based_on = style.find(f"{{{W}}}basedOn")
            if based_on is None or not based_on.get(_VAL):
                return None
            style_id = based_on.get(_VAL, "")
        return None


def _outline_level(properties: etree._Element) -> int | None:
    element = properties.find(f"{{{W}}}outlineLvl")
    if element is None:
        return None
    try:
        return int(element.get(_VAL, ""))
    except ValueError:
        return None

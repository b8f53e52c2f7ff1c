"""Build the SYNTHETIC governing board minutes in minutes/, and minutes-expected.json.

    .venv/bin/python samples/make_minutes.py

Four sets of minutes from Hollybrook Primary School, three of them with confidential
("Part 2") sections of a different shape each, for the redactor's removal of a confidential
section up to the next ordinary agenda item or the end. The governors, clerk, staff and
visitors are the forms listed in redactor.toml, so the demo keep list applies; the pupils,
parents and the staff under discussion are invented and named nowhere else in the samples.

full-board-minutes-spring.docx
    Full Governing Board, Tuesday 11 March 2025. Title paragraphs; "Present:", "In
    attendance:" and "Apologies:", each followed by one paragraph a person; agenda items as
    Heading 2 paragraphs. Item 3 is a bulleted list, one bullet pointing at the last
    meeting's confidential minute; item 4 names a pupil in ordinary text (a normal redaction);
    item 5, "5. Confidential minute – staffing", is an item-level confidential section (a
    member of staff's sickness and capability) that ends at "6. Finance". An Actions table
    (No. | Action | Who | By) has a row pointing at item 5. A Heading 1 "Part II –
    Confidential items" with a Heading 2 "8. Pupil exclusion" (a pupil with class, a parent,
    a mobile number and a home address) runs to the end of the document. Core properties:
    title, author (the clerk), fixed dates.
resources-committee-minutes.pdf
    Resources Committee, Thursday 15 May 2025: two A4 pages in the standard Helvetica fonts,
    no images, drawn a line at a time. Present, In attendance and Apologies lines, items 1 to
    3, then "4. Item taken in closed session" (a parent's complaint naming the pupil and the
    parent, with his email address), which starts on page 1 and, after a forced page break,
    goes on at the top of page 2 (a footer line sits between the two halves); then "5. Health
    and safety", "6. Any other business" (a line pointing at item 4) and the date of the next
    meeting. Title and Author in the document information.
curriculum-committee-minutes.txt
    Curriculum and Standards Committee, Wednesday 4 June 2025: attendance, five numbered
    items, an actions list and the date of the next meeting. No confidential section and no
    pupil named, so nothing is removed, though one line says that no item was confidential.
full-board-minutes-summer.txt
    Full Governing Board, Tuesday 8 July 2025. Item 6, "6. Staffing", opens with the line
    "The following item is confidential and is minuted separately.", and that section ends at
    "7. Any other business"; a "Confidential Annex" heading line after the signature, about a
    pupil's safeguarding referral, runs to the end of the file. Item 2 points at the last
    meeting's Part 2 minutes, item 4 at the annex and the actions table at item 6.
minutes-expected.json (beside minutes/, so the folder holds only documents)
    For each file: its confidential sections (the line that opens each one, and next_kept,
    the first ordinary line after it, null when the section runs to the end); references,
    the lines or table cells elsewhere that point at a confidential item; must_go, the private
    names and details wherever they are and one sentence from each section; must_stay, the
    attendance names, the ordinary headings and one sentence from each ordinary item. It is
    written from the same blocks as the documents.

Every file is the same bytes on every run: python-docx's output is re-zipped with fixed
timestamps (the dates in the properties are fixed too), and reportlab writes with invariant=1.
The zip is deflated, so identical bytes on another machine also need the same zlib.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import json
from dataclasses import dataclass
from pathlib import Path

import docx
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from docx.shared import Cm, Pt, RGBColor
from make_documents import (  # the same page, fonts and deterministic packaging
    a4_page,
    arial_styles,
    drop_thumbnail,
    finish_package,
)
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

HERE = Path(__file__).resolve().parent
MINUTES = HERE / "minutes"
BANNER = "SYNTHETIC SAMPLE – every person, address, number and email in this document is invented."
SCHOOL = "Hollybrook Primary School"
CLERK = "Mrs Fiona Walsh"

# --- the blocks every document is built from ---------------------------------------------------


@dataclass(frozen=True)
class Block:
    """One paragraph, line or table of a set of minutes.

    kind is one of banner, title, subtitle, label ("Present:"), person (one attendance line),
    item (a numbered agenda item), part (a heading above confidential items), heading (an
    unnumbered heading), text, bullet, line (a paragraph set apart), table and break (a page
    break, PDF only). keys are the texts that expected.json checks: must_stay in an ordinary
    block, must_go in a secret one. refs are texts that point at a confidential item.
    """

    kind: str
    text: str = ""
    keys: tuple[str, ...] = ()
    refs: tuple[str, ...] = ()
    rows: tuple[tuple[str, ...], ...] = ()
    secret: bool = False

    def texts(self) -> list[str]:
        """The block's text, or its cells row by row."""
        if self.kind == "table":
            return [cell for row in self.rows for cell in row]
        return [self.text]


def item(text: str) -> Block:
    return Block("item", text, keys=(text,))


def person(text: str) -> Block:
    """An attendance line, "Name (role)": the name must stay."""
    return Block("person", text, keys=(text.split(" (")[0],))


def text(body: str, key: str | bool = "", *, kind: str = "text", ref: bool = False) -> Block:
    """A paragraph; key is the sentence of it that expected.json checks (True: all of it)."""
    if key is True:
        key = body
    return Block(kind, body, keys=(key,) if key else (), refs=(body,) if ref else ())


def bullet(body: str, key: str | bool = "", *, ref: bool = False) -> Block:
    return text(body, key, kind="bullet", ref=ref)


def line(body: str, key: str | bool = "") -> Block:
    return text(body, key, kind="line")


def table(*rows: tuple[str, ...], refs: tuple[str, ...] = ()) -> Block:
    return Block("table", rows=rows, refs=refs)


def confidential(*blocks: Block) -> list[Block]:
    """Blocks inside a confidential section: a run of them is one section.

    A heading inside one is not checked either way: the redactor may keep it or not.
    """
    headings = ("item", "part")
    return [
        dataclasses.replace(block, secret=True, keys=() if block.kind in headings else block.keys)
        for block in blocks
    ]


def attendance(
    label: str, people: list[str], *, one_line: bool = False, sep: str = ", "
) -> list[Block]:
    """A label and one line a person, or (one_line) "Label: A, B, C" with every name kept."""
    if not one_line:
        return [Block("label", label), *(person(who) for who in people)]
    names = tuple(who.split(" (")[0] for who in people)
    return [Block("text", f"{label} {sep.join(people)}", keys=names)]


@dataclass(frozen=True)
class Minutes:
    """One document: its blocks, and the private names and details that must go."""

    name: str
    title: str
    blocks: list[Block]
    private: tuple[str, ...]

    def expected(self) -> dict[str, object]:
        """This document's entry in expected.json."""
        sections: list[dict[str, str | None]] = []
        for index, block in enumerate(self.blocks):
            opens = block.secret and (index == 0 or not self.blocks[index - 1].secret)
            if opens:
                after = [other for other in self.blocks[index:] if not other.secret]
                next_kept = after[0].texts()[0] if after else None
                sections.append({"heading": block.text, "next_kept": next_kept})
        refs = [ref for block in self.blocks for ref in block.refs]
        return {
            "sections": sections,
            "references": refs,
            "must_go": self.must(go=True),
            "must_stay": self.must(go=False),
        }

    def must(self, *, go: bool) -> list[str]:
        """The texts that must go (the private ones first), or that must stay."""
        keys = [key for block in self.blocks if block.secret == go for key in block.keys]
        return list(dict.fromkeys([*self.private, *keys] if go else keys))

    def check(self) -> None:
        """Keys and references are in their blocks; nothing to keep contains something to go."""
        assert self.blocks[0] == Block("banner", BANNER), self.name
        everything = "\n".join(part for block in self.blocks for part in block.texts())
        for block in self.blocks:
            for wanted in (*block.keys, *block.refs):
                assert any(wanted in part for part in block.texts()), (self.name, wanted)
        for private in self.private:
            assert private in everything, (self.name, private)
        for stay in self.must(go=False):
            for go in self.must(go=True):
                assert go not in stay and stay not in go, (self.name, go, stay)


# --- 1. the spring full board minutes (Word) ---------------------------------------------------

SPRING_PUPIL = "Marnie Thistlewood"  # named in the headteacher's report: an ordinary redaction
SPRING_STAFF = "Mrs Lorraine Ashcombe"
EXCLUDED = "Caspian Wetherall"
EXCLUDED_PARENT = "Ms Tamsin Wetherall"
EXCLUDED_MOBILE = "07700 900417"
EXCLUDED_ADDRESS = "27 Bramblefield Drive, Andover, SP10 4LW"
SPRING_CONFIDENTIAL_REF = (
    "The confidential minute of item 5 (staffing) from the last meeting was approved and is "
    "held by the clerk."
)
SPRING_HR_ACTION = "Write to HR about the outcome of item 5"

SPRING = Minutes(
    name="full-board-minutes-spring.docx",
    title="Full Governing Board minutes – spring 2025 (SYNTHETIC)",
    blocks=[
        Block("banner", BANNER),
        Block("title", SCHOOL),
        Block("subtitle", "Minutes of the meeting of the Full Governing Board"),
        Block("subtitle", "held on Tuesday 11 March 2025 at 6.00pm in the school library"),
        *attendance(
            "Present:",
            [
                "Mr Gareth Lloyd (Chair, co-opted governor)",
                "Mrs Helen Carter (Vice-chair, parent governor)",
                "Mrs Janet Price (Headteacher)",
                "Dr Ruth Ellis (co-opted governor)",
                "Mr Imran Siddiqui (local authority governor)",
                "Mr Steven Marsh (co-opted governor)",
                "Ms Niamh Gallagher (staff governor)",
            ],
        ),
        *attendance("In attendance:", [f"{CLERK} (Clerk)", "Mr Daniel Osei (Deputy Headteacher)"]),
        *attendance(
            "Apologies:",
            [
                "Mr Kwabena Asante (parent governor) – accepted",
                "Mrs Bronwen Pugh (parent governor) – accepted",
            ],
        ),
        text("The meeting was quorate: seven of nine governors were present."),
        item("1. Welcome, apologies and declarations of interest"),
        text(
            "The Chair welcomed everyone and opened the meeting at 6.00pm. Apologies from "
            "Mr Kwabena Asante and Mrs Pugh were accepted. No interests were declared in the "
            "items on the agenda.",
            "Apologies from Mr Kwabena Asante and Mrs Pugh were accepted.",
        ),
        item("2. Minutes of the previous meeting"),
        text(
            "The minutes of the meeting held on Tuesday 4 February 2025 were approved as an "
            "accurate record and signed by the Chair.",
            key=True,
        ),
        item("3. Matters arising"),
        bullet(
            "The new playground markings were finished over the February half-term, within the "
            "quote of £3,250.",
            key=True,
        ),
        bullet(SPRING_CONFIDENTIAL_REF, ref=True),
        bullet(
            "Dr Ellis made her SEND link governor visit on Thursday 30 January 2025; her report "
            "is on the governor portal."
        ),
        item("4. Headteacher's report"),
        text(
            "Mrs Price presented her report, which had been circulated in advance. Number on "
            "roll is 314. Attendance for the spring term to date is 95.1%, and persistent "
            "absence has fallen to 12.6%. Mrs Price congratulated Marnie Thistlewood (6N), who "
            "won the Hampshire Young Poets award for her poem about the River Anton; Marnie "
            "will read it at the county awards evening in April.",
            "Attendance for the spring term to date is 95.1%, and persistent absence has "
            "fallen to 12.6%.",
        ),
        text("Q: Mr Siddiqui asked whether persistent absence had fallen in every year group."),
        text(
            "A: Mrs Price said that it had, except in Year 3, where Mr Osei is meeting each "
            "family concerned before Easter."
        ),
        *confidential(
            item("5. Confidential minute – staffing"),
            text(
                "Ms Gallagher left the meeting for this item. Mrs Price updated governors on "
                "the long-term sickness absence of Mrs Lorraine Ashcombe, Year 3 class teacher, "
                "who has been absent since Monday 6 January 2025 with work-related stress. An "
                "occupational health referral has been made, and a welfare meeting with "
                "Mrs Ashcombe is booked for Wednesday 19 March 2025."
            ),
            text(
                "Before her absence, Mrs Ashcombe had been supported under the informal stage "
                "of the capability procedure since October 2024, after concerns about her "
                "teaching of phonics. Governors agreed that the formal stage will not start "
                "until occupational health has confirmed that she is fit to take part. "
                "Ms Gallagher returned to the meeting at 6.55pm.",
                "Governors agreed that the formal stage will not start until occupational "
                "health has confirmed that she is fit to take part.",
            ),
        ),
        item("6. Finance"),
        text(
            "Mr Siddiqui presented the month 11 budget monitoring report, which forecasts a "
            "carry-forward of £21,900. Governors approved the draft budget for 2025-26 for "
            "submission to the local authority. The school fund account was audited on "
            "Friday 28 February 2025 with no concerns.",
            "Governors approved the draft budget for 2025-26 for submission to the local "
            "authority.",
        ),
        item("7. Policies"),
        text(
            "The accessibility plan and the whistleblowing policy were approved without "
            "changes. The complaints policy was approved with the shorter stage 2 timescales "
            "suggested by Mrs Carter.",
            "The accessibility plan and the whistleblowing policy were approved without changes.",
        ),
        Block("heading", "Actions"),
        table(
            ("No.", "Action", "Who", "By"),
            (
                "1",
                "Send the approved budget to the local authority",
                "Mrs Price",
                "Friday 21 March 2025",
            ),
            ("2", SPRING_HR_ACTION, "Mr Lloyd", "Friday 14 March 2025"),
            (
                "3",
                "Publish the approved policies on the website",
                "Mrs Walsh",
                "Friday 21 March 2025",
            ),
            ("4", "Book the termly health and safety walk", "Mrs Carter", "Friday 4 April 2025"),
            refs=(SPRING_HR_ACTION,),
        ),
        line(
            "Date of next meeting: Tuesday 8 July 2025 at 6.00pm in the school library.",
            key=True,
        ),
        *confidential(
            Block("part", "Part II – Confidential items"),
            text(
                "Ms Gallagher and Mr Osei left the meeting. These minutes are not to be published."
            ),
            item("8. Pupil exclusion"),
            text(
                "Mrs Price reported that she had permanently excluded Caspian Wetherall (5R) on "
                "Friday 7 March 2025, after he assaulted another pupil with a pair of scissors "
                "at lunchtime on Wednesday 5 March 2025. A panel of Mr Lloyd, Dr Ellis and "
                "Mr Siddiqui will consider his reinstatement on Wednesday 26 March 2025 at "
                "4.00pm.",
                "A panel of Mr Lloyd, Dr Ellis and Mr Siddiqui will consider his reinstatement "
                "on Wednesday 26 March 2025 at 4.00pm.",
            ),
            text(
                "Caspian's mother, Ms Tamsin Wetherall, has asked to bring a friend to the "
                "panel. The Clerk will post the papers to her home address, 27 Bramblefield "
                "Drive, Andover, SP10 4LW, and confirm the date by text to her mobile, "
                "07700 900417. The meeting closed at 7.50pm."
            ),
        ),
    ],
    private=(
        SPRING_PUPIL,
        "Marnie",
        SPRING_STAFF,
        "Mrs Ashcombe",
        EXCLUDED,
        "Caspian",
        EXCLUDED_PARENT,
        EXCLUDED_MOBILE,
        EXCLUDED_ADDRESS,
        "SP10 4LW",
    ),
)

# --- 2. the resources committee minutes (PDF) --------------------------------------------------

COMPLAINT_PUPIL = "Ottilie Fairbrother"
COMPLAINT_PARENT = "Mr Lachlan Fairbrother"
COMPLAINT_EMAIL = "lachlan.fairbrother@example.com"
COMPLAINT_PHONE = "07700 900562"
RESOURCES_REF = "Mr Siddiqui will report the outcome of item 4 to the full board."

RESOURCES = Minutes(
    name="resources-committee-minutes.pdf",
    title="Resources Committee minutes – 15 May 2025 (SYNTHETIC)",
    blocks=[
        Block("banner", BANNER),
        Block("title", SCHOOL),
        Block("subtitle", "Resources Committee"),
        Block("subtitle", "Minutes of the meeting held on Thursday 15 May 2025 at 5.30pm"),
        *attendance(
            "Present:",
            [
                "Mr Imran Siddiqui (Chair)",
                "Mr Gareth Lloyd",
                "Mrs Janet Price (Headteacher)",
                "Mr Steven Marsh",
            ],
            one_line=True,
        ),
        *attendance(
            "In attendance:",
            [f"{CLERK} (Clerk)", "Mrs Karen Doyle (Office Manager), for items 1 to 3"],
            one_line=True,
            sep="; ",
        ),
        *attendance("Apologies:", ["Mrs Bronwen Pugh (parent governor)"], one_line=True),
        item("1. Welcome, apologies and declarations of interest"),
        text(
            "Mr Siddiqui welcomed everyone and opened the meeting at 5.30pm. Apologies from "
            "Mrs Pugh were accepted. No interests were declared.",
            "Apologies from Mrs Pugh were accepted.",
        ),
        item("2. Minutes and budget monitoring"),
        text(
            "The minutes of the meeting held on Thursday 6 March 2025 were approved. Mrs Doyle "
            "presented the first budget monitoring report for 2025-26. Staffing costs are in "
            "line with the budget, and the energy contract renewed in April is 8% cheaper. "
            "The committee noted a forecast in-year surplus of £4,200.",
            "The committee noted a forecast in-year surplus of £4,200.",
        ),
        item("3. Premises"),
        text(
            "The roof over the Year 1 classrooms was repaired over the Easter holidays at a "
            "cost of £8,950, below the quote of £9,400. Governors approved a quote of £2,400 "
            "to replace the boiler controls in the hall. The summer holiday works will be "
            "the Year 6 toilets and repainting the main corridor.",
            "Governors approved a quote of £2,400 to replace the boiler controls in the hall.",
        ),
        *confidential(
            item("4. Item taken in closed session"),
            text(
                "Mrs Doyle left the meeting for this item. The committee considered a stage 2 "
                "complaint from Mr Lachlan Fairbrother, whose daughter Ottilie Fairbrother "
                "(3G) was hurt when a loose fence panel fell on the junior playground on "
                "Monday 28 April 2025."
            ),
            text(
                "Ottilie needed three stitches to a cut on her forehead. Mr Fairbrother says "
                "that the school did not phone him for forty minutes, and that the fence had "
                "been reported as loose before.",
                "Ottilie needed three stitches to a cut on her forehead.",
            ),
            text(
                f"Mr Fairbrother asked for every reply to go to {COMPLAINT_EMAIL} and "
                f"not to the family's home; his mobile is {COMPLAINT_PHONE}."
            ),
            Block("break"),
            text(
                "The committee read the accident record and the first aid log. The site "
                "inspection of Friday 25 April 2025 had not noted the loose panel.",
                "The site inspection of Friday 25 April 2025 had not noted the loose panel.",
            ),
            text(
                "The committee upheld the complaint in part. Mr Siddiqui will write to "
                "Mr Fairbrother by Friday 30 May 2025 with the outcome and an apology for the "
                "delay in phoning him.",
            ),
        ),
        item("5. Health and safety"),
        text(
            "Mr Lloyd reported on the termly health and safety walk on Tuesday 6 May 2025. "
            "The fire risk assessment is up to date and the next fire drill is in June.",
            "The fire risk assessment is up to date and the next fire drill is in June.",
        ),
        item("6. Any other business"),
        text(
            "Mrs Price thanked the office team for their work on the new catering contract. "
            "It starts in September.",
            "Mrs Price thanked the office team for their work on the new catering contract.",
        ),
        text(RESOURCES_REF, ref=True),
        line(
            "Date of next meeting: Thursday 2 October 2025 at 5.30pm in the school office.",
            key=True,
        ),
        line("Signed: ............................ (Chair)      Date: ................"),
    ],
    private=(
        COMPLAINT_PUPIL,
        "Ottilie",
        COMPLAINT_PARENT,
        "Mr Fairbrother",
        COMPLAINT_EMAIL,
        COMPLAINT_PHONE,
    ),
)

# --- 3. the curriculum committee minutes (text, nothing confidential) -------------------------

CURRICULUM = Minutes(
    name="curriculum-committee-minutes.txt",
    title="Curriculum and Standards Committee minutes – 4 June 2025",
    blocks=[
        Block("banner", BANNER),
        Block("title", SCHOOL.upper()),
        Block("subtitle", "Minutes of the meeting of the Curriculum and Standards Committee"),
        Block("subtitle", "held on Wednesday 4 June 2025 at 4.00pm in the school library"),
        *attendance(
            "Present:",
            [
                "Dr Ruth Ellis (Chair, co-opted governor)",
                "Mrs Helen Carter (parent governor)",
                "Mrs Janet Price (Headteacher)",
                "Ms Niamh Gallagher (staff governor)",
            ],
        ),
        *attendance(
            "In attendance:",
            [
                f"{CLERK} (Clerk)",
                "Miss Laura Bennett (English lead), for item 3",
                "Mr Hamish Fraser (science lead), for item 4",
            ],
        ),
        *attendance("Apologies:", ["Mr Kwabena Asante (parent governor) – accepted"]),
        item("1. Welcome, apologies and declarations of interest"),
        text(
            "Dr Ellis welcomed everyone. Apologies from Mr Kwabena Asante were accepted. No "
            "interests were declared.",
            "Apologies from Mr Kwabena Asante were accepted.",
        ),
        item("2. Minutes of the previous meeting"),
        text(
            "The minutes of the meeting held on Wednesday 5 February 2025 were approved as an "
            "accurate record. All actions were complete.",
            "The minutes of the meeting held on Wednesday 5 February 2025 were approved as an "
            "accurate record.",
        ),
        item("3. Reading and phonics"),
        text(
            "Miss Bennett reported that 38 of the 44 pupils in Year 1 are on track to pass the "
            "phonics screening check, which takes place in the week beginning Monday 9 June "
            "2025. The new reading scheme books for Key Stage 1 arrived in April, and every "
            "class now has a weekly library session.",
            "The new reading scheme books for Key Stage 1 arrived in April, and every class "
            "now has a weekly library session.",
        ),
        text("Q: Mrs Carter asked how the school supports pupils who do not pass the check."),
        text("A: Miss Bennett said that they have catch-up phonics in small groups every day."),
        item("4. Science"),
        text(
            "Mr Fraser presented the science subject report. Pupils' books show more practical "
            "investigation than last year. The Year 5 trip to the Winchester Science Centre "
            "will run again in November, and a STEM ambassador will visit Year 6.",
            "Pupils' books show more practical investigation than last year.",
        ),
        item("5. Any other business"),
        text(
            "There was no other business, and no item was taken as confidential.",
            key=True,
        ),
        Block("heading", "Actions"),
        bullet("Miss Bennett to send the phonics screening results to governors by 4 July 2025."),
        bullet("Mr Fraser to invite the science link governor to a Year 4 lesson in the autumn."),
        bullet(
            "Mrs Walsh to put the reading scheme review on the October agenda.",
            key=True,
        ),
        line(
            "Date of next meeting: Wednesday 1 October 2025 at 4.00pm in the school library.",
            key=True,
        ),
        line("The meeting closed at 5.20pm."),
    ],
    private=(),
)

# --- 4. the summer full board minutes (text) ---------------------------------------------------

SUMMER_STAFF = "Mrs Gwendolyn Harrowby"
ANNEX_PUPIL = "Saffron Quayle"
ANNEX_PARENT = "Mrs Delphine Quayle"
ANNEX_ADDRESS = "Flat 3, 9 Marchbank Court, Andover, SP10 2NX"
ANNEX_PHONE = "01632 960847"
MINUTED_SEPARATELY = "The following item is confidential and is minuted separately."
SUMMER_PART2_REF = (
    "The Part 2 minutes of that meeting were approved and signed separately and are held by "
    "the clerk."
)
SUMMER_ANNEX_REF = "The details of one referral this term are recorded in the Confidential Annex."
SUMMER_HEARING_ACTION = "Send the item 6 hearing papers to the panel"

SUMMER = Minutes(
    name="full-board-minutes-summer.txt",
    title="Full Governing Board minutes – summer 2025",
    blocks=[
        Block("banner", BANNER),
        Block("title", SCHOOL.upper()),
        Block("subtitle", "Minutes of the meeting of the Full Governing Board"),
        Block("subtitle", "held on Tuesday 8 July 2025 at 6.00pm in the school library"),
        *attendance(
            "Present:",
            [
                "Mr Gareth Lloyd (Chair, co-opted governor)",
                "Mrs Helen Carter (Vice-chair, parent governor)",
                "Mrs Janet Price (Headteacher)",
                "Dr Ruth Ellis (co-opted governor)",
                "Mr Kwabena Asante (parent governor)",
                "Mrs Bronwen Pugh (parent governor)",
                "Ms Niamh Gallagher (staff governor)",
            ],
        ),
        *attendance(
            "In attendance:",
            [
                f"{CLERK} (Clerk)",
                "Mr Daniel Osei (Deputy Headteacher and Designated Safeguarding Lead)",
            ],
        ),
        *attendance(
            "Apologies:",
            [
                "Mr Imran Siddiqui (local authority governor) – accepted",
                "Mr Steven Marsh (co-opted governor) – accepted",
            ],
        ),
        text("The meeting was quorate: seven of nine governors were present."),
        item("1. Welcome, apologies and declarations of interest"),
        text(
            "Mr Lloyd welcomed everyone. Apologies from Mr Siddiqui and Mr Marsh were "
            "accepted. No interests were declared.",
            "Apologies from Mr Siddiqui and Mr Marsh were accepted.",
        ),
        item("2. Minutes of the previous meeting"),
        text(
            "The minutes of the meeting held on Tuesday 11 March 2025 were approved as an "
            "accurate record and signed by the Chair.",
            key=True,
        ),
        text(SUMMER_PART2_REF, ref=True),
        item("3. Headteacher's report"),
        text(
            "Mrs Price presented her report. In the Key Stage 2 tests, 71% of Year 6 reached "
            "the expected standard in reading, writing and maths, against 61% nationally. "
            "Attendance for the year to date is 95.3%.",
            "In the Key Stage 2 tests, 71% of Year 6 reached the expected standard in reading, "
            "writing and maths, against 61% nationally.",
        ),
        item("4. Safeguarding"),
        text(
            "Mr Osei reported that all staff had completed the summer safeguarding update. "
            "Mr Lloyd checked the single central record on Monday 30 June 2025 and found it "
            "compliant.",
            "Mr Osei reported that all staff had completed the summer safeguarding update.",
        ),
        text(SUMMER_ANNEX_REF, ref=True),
        item("5. Finance"),
        text(
            "Governors approved the budget for 2025-26, which sets aside £12,000 for a new "
            "reading scheme in Key Stage 2. The benchmarking report was noted.",
            "Governors approved the budget for 2025-26, which sets aside £12,000 for a new "
            "reading scheme in Key Stage 2.",
        ),
        item("6. Staffing"),
        *confidential(
            text(MINUTED_SEPARATELY),
            text(
                "Mrs Price reported that Mrs Gwendolyn Harrowby, a teaching assistant in "
                "Year 4, has raised a formal grievance about the proposed cut in her hours from "
                "September 2025. Mrs Carter and Dr Ellis will hear the grievance on Monday "
                "14 July 2025.",
                "Mrs Carter and Dr Ellis will hear the grievance on Monday 14 July 2025.",
            ),
            text(
                "Governors noted that Mrs Harrowby has been signed off sick since Wednesday "
                "2 July 2025 and that her union representative has asked for the hearing to "
                "be moved."
            ),
        ),
        item("7. Any other business"),
        text(
            "Governors thanked Mrs Fenwick, who retires at the end of term after 22 years as a "
            "midday supervisor.",
            key=True,
        ),
        Block("heading", "Actions"),
        table(
            ("No.", "Action", "Who", "By"),
            (
                "1",
                "Send the approved budget to the local authority",
                "Mrs Price",
                "Friday 11 July 2025",
            ),
            ("2", SUMMER_HEARING_ACTION, "Mrs Walsh", "Friday 11 July 2025"),
            (
                "3",
                "Arrange induction for the new parent governor",
                "Mrs Carter",
                "Friday 19 September 2025",
            ),
            refs=(SUMMER_HEARING_ACTION,),
        ),
        line(
            "Date of next meeting: Tuesday 23 September 2025 at 6.00pm in the school library.",
            key=True,
        ),
        line("The meeting closed at 7.45pm."),
        line("Signed: ............................ (Chair)      Date: ................"),
        *confidential(
            Block("part", "Confidential Annex"),
            text(
                "Safeguarding referral. On Thursday 26 June 2025 Mr Osei made a referral to "
                "children's services about Saffron Quayle (2S), after she showed Mrs Fenwick "
                "bruises on both arms at lunchtime. Her mother, Mrs Delphine Quayle, of "
                f"{ANNEX_ADDRESS} ({ANNEX_PHONE}), was told the same day. After a strategy "
                "meeting on Monday 30 June 2025, Saffron is now subject to a child protection "
                "plan.",
                "After a strategy meeting on Monday 30 June 2025, Saffron is now subject to a "
                "child protection plan.",
            ),
        ),
    ],
    private=(
        SUMMER_STAFF,
        "Mrs Harrowby",
        ANNEX_PUPIL,
        "Saffron",
        ANNEX_PARENT,
        ANNEX_ADDRESS,
        "SP10 2NX",
        ANNEX_PHONE,
    ),
)

ALL_MINUTES = [SPRING, RESOURCES, CURRICULUM, SUMMER]

# --- writing Word ------------------------------------------------------------------------------

CREATED = dt.datetime(2025, 3, 12, 10, 5)
MODIFIED = dt.datetime(2025, 3, 14, 16, 40)
ZIP_TIME = (2025, 3, 14, 16, 40, 0)
FONT = "Arial"
NAVY = RGBColor(0x1F, 0x3A, 0x5F)
GREY = RGBColor(0x70, 0x70, 0x70)
W_NS = nsdecls("w")
DOCX_STYLES = {"item": "Heading 2", "heading": "Heading 2", "part": "Heading 1", "title": "Title"}
TABLE_WIDTHS = (Cm(1.2), Cm(8.3), Cm(3.0), Cm(4.5))


def build_docx(minutes: Minutes) -> bytes:
    """The minutes as python-docx writes them, then made deterministic."""
    document = docx.Document()
    set_up_page_and_styles(document)
    for block in minutes.blocks:
        add_block(document, block)
    core = document.core_properties
    core.title = minutes.title
    core.subject = "Full Governing Board, Tuesday 11 March 2025"
    core.author = core.last_modified_by = CLERK
    core.comments = BANNER
    core.keywords = "SYNTHETIC; minutes; governors"
    core.category = "Governance"
    core.revision = 3
    core.created, core.modified = CREATED, MODIFIED
    drop_thumbnail(document)
    buffer = io.BytesIO()
    document.save(buffer)
    return finish_package(buffer.getvalue(), minutes.title, total_time="52", zip_time=ZIP_TIME)


def set_up_page_and_styles(document: docx.document.Document) -> None:
    a4_page(document)
    arial_styles(document, (("Normal", 10.5), ("Title", 22), ("Heading 1", 14), ("Heading 2", 12)))
    document.styles["Normal"].paragraph_format.space_after = Pt(4)


def add_block(document: docx.document.Document, block: Block) -> None:
    if block.kind in DOCX_STYLES:
        document.add_paragraph(block.text, style=DOCX_STYLES[block.kind])
    elif block.kind == "bullet":
        document.add_paragraph(block.text, style="List Bullet")
    elif block.kind == "table":
        add_table(document, block.rows)
    else:
        paragraph = document.add_paragraph()
        run = paragraph.add_run(block.text)
        layout = paragraph.paragraph_format
        if block.kind == "banner":
            run.italic, run.font.size, run.font.color.rgb = True, Pt(8), GREY
        elif block.kind == "subtitle":
            run.bold, run.font.color.rgb = True, NAVY
        elif block.kind == "label":
            run.bold, layout.space_before = True, Pt(8)
        elif block.kind == "person":
            layout.left_indent, layout.space_after = Cm(0.5), Pt(0)
        elif block.kind == "line":
            layout.space_before = Pt(8)


def add_table(document: docx.document.Document, rows: tuple[tuple[str, ...], ...]) -> None:
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    table.style = document.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.LEFT
    table.autofit = False
    for column, width in zip(table.columns, TABLE_WIDTHS, strict=True):
        column.width = width
    for index, (row, values) in enumerate(zip(table.rows, rows, strict=True)):
        for cell, value, width in zip(row.cells, values, TABLE_WIDTHS, strict=True):
            cell.width = width
            run = cell.paragraphs[0].add_run(value)
            if index == 0:
                run.bold = True
                properties = cell._tc.get_or_add_tcPr()
                shading = f'<w:shd {W_NS} w:val="clear" w:color="auto" w:fill="E8EEF5"/>'
                properties.append(parse_xml(shading))


# --- writing PDF -------------------------------------------------------------------------------

PDF_FOOTER = "Resources Committee minutes – Thursday 15 May 2025 – page {page} of {pages}"
PDF_WRAP = 90  # characters a line
PDF_LEFT, PDF_TOP, PDF_BOTTOM = 56.7, A4[1] - 40, 70
NO_BREAK = "\u00a0"
# kind: (font, size, leading, space before, centred)
PDF_STYLES = {
    "banner": ("Helvetica-Oblique", 7.5, 0, 0, False),
    "title": ("Helvetica-Bold", 16, 40, 0, True),
    "subtitle": ("Helvetica-Bold", 11, 16, 0, True),
    "item": ("Helvetica-Bold", 10.5, 15, 12, False),
    "text": ("Helvetica", 10, 14, 4, False),
    "line": ("Helvetica", 10, 14, 14, False),
}


def build_pdf(minutes: Minutes, path: Path) -> None:
    """Draw the minutes a line at a time; a break block starts a new page."""
    protected = [*minutes.private]
    for block in minutes.blocks:
        protected += [*block.keys, *block.refs]
    pages = 1 + sum(block.kind == "break" for block in minutes.blocks)
    canvas = Canvas(str(path), pagesize=A4, invariant=1, pageCompression=1)
    canvas.setTitle(minutes.title)
    canvas.setAuthor(CLERK)
    canvas.setSubject(BANNER)
    canvas.setKeywords("SYNTHETIC; minutes; governors")
    canvas.setCreator("Hollybrook minutes template")

    page, y = 1, PDF_TOP
    for block in minutes.blocks:
        if block.kind == "break":
            draw_footer(canvas, page, pages)
            canvas.showPage()
            page, y = page + 1, PDF_TOP
            continue
        font, size, leading, space_before, centred = PDF_STYLES[block.kind]
        canvas.setFont(font, size)
        canvas.setFillGray(0.4 if block.kind == "banner" else 0)
        y -= space_before
        for text_line in wrap(block.text, protected):
            y -= leading
            assert y > PDF_BOTTOM, "the page is full"
            if centred:
                canvas.drawCentredString(A4[0] / 2, y, text_line)
            else:
                canvas.drawString(PDF_LEFT, y, text_line)
        if block.kind == "subtitle" and block.text.startswith("Minutes"):
            y -= 12
            canvas.setLineWidth(1)
            canvas.line(PDF_LEFT, y, A4[0] - PDF_LEFT, y)
            y -= 6
    draw_footer(canvas, page, pages)
    canvas.showPage()
    canvas.save()


def draw_footer(canvas: Canvas, page: int, pages: int) -> None:
    canvas.setFont("Helvetica", 8)
    canvas.setFillGray(0.4)
    canvas.drawCentredString(A4[0] / 2, 36, PDF_FOOTER.format(page=page, pages=pages))


def wrap(text: str, protected: list[str], width: int = PDF_WRAP) -> list[str]:
    """Greedy line breaking at spaces, never inside a protected phrase (longest first)."""
    for phrase in sorted(protected, key=len, reverse=True):
        text = text.replace(phrase, phrase.replace(" ", NO_BREAK))
    lines: list[str] = []
    for word in text.split(" "):
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    assert all(len(line) <= width + 5 for line in lines), text
    return [line.replace(NO_BREAK, " ") for line in lines]


# --- writing text ------------------------------------------------------------------------------

BLANK_BEFORE = {"title", "label", "item", "part", "heading", "line"}


def build_txt(minutes: Minutes) -> str:
    """One line a paragraph, a blank line before each item, tables in fixed-width columns."""
    lines: list[str] = []
    previous = ""
    for block in minutes.blocks:
        if block.kind in BLANK_BEFORE or (block.kind == "text" and previous == "person"):
            lines.append("")
        if block.kind == "table":
            columns = list(zip(*block.rows, strict=True))
            widths = [max(map(len, column)) + 2 for column in columns[:-1]]
            for row in block.rows:
                cells = [cell.ljust(width) for cell, width in zip(row, widths, strict=False)]
                lines.append("".join(cells) + row[-1])  # the last column is not padded
        elif block.kind == "bullet":
            lines.append(f"- {block.text}")
        else:
            lines.append(block.text)
        previous = block.kind
    return "\n".join(lines) + "\n"


def main() -> None:
    MINUTES.mkdir(exist_ok=True)
    for minutes in ALL_MINUTES:
        minutes.check()
    (MINUTES / SPRING.name).write_bytes(build_docx(SPRING))
    build_pdf(RESOURCES, MINUTES / RESOURCES.name)
    for minutes in (CURRICULUM, SUMMER):
        (MINUTES / minutes.name).write_text(build_txt(minutes), encoding="utf-8", newline="\n")
    expected = {minutes.name: minutes.expected() for minutes in ALL_MINUTES}
    text_json = json.dumps(expected, indent=2, ensure_ascii=False) + "\n"
    (HERE / "minutes-expected.json").write_text(text_json, encoding="utf-8", newline="\n")
    names = ", ".join(minutes.name for minutes in ALL_MINUTES)
    print(f"wrote {names} to {MINUTES.name}/ and minutes-expected.json")


if __name__ == "__main__":
    main()

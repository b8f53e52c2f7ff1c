"""The development corpus: one synthetic school, its documents, roster and staff list.

    .venv/bin/python bench/devcorpus_gen.py --write bench/devcorpus

:func:`generate_dev_corpus` builds on the lists and templates of ``corpus_gen.py``:
one school with its own staff and governors, eight kinds of document, more names and
the hard cases (see below), and the school's roster and staff list as an MIS would
export them. :func:`write_devcorpus` writes them to ``bench/devcorpus/``;
:func:`load_dev_notes` reads the notes back for the scorer. Everything is fictitious
(see ``corpus_gen.py`` for how phone numbers, emails and identifiers are kept
unroutable).
"""

from __future__ import annotations

import argparse
import csv
import datetime
import json
import random
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from corpus_gen import (
    _BRIEFING,
    _INCIDENT,
    _MINUTES,
    _SEN,
    _SLOT,
    ADULT_MEN,
    ADULT_WOMEN,
    BOYS,
    GIRLS,
    MONTHS,
    OTHER,
    PARENT,
    PARENT_RELATIONS,
    PUPIL,
    SHARED,
    STAFF,
    STAFF_ROLES,
    STREETS,
    SURNAMES,
    TEMPLATES,
    TOWNS,
    YEAR_GROUPS,
    Contact,
    Entity,
    Names,
    Note,
    Parts,
    Pupil,
    Slots,
    StaffMember,
    _ascii,
    _Builder,
    _cast,
    _checked,
    _compose,
    _Family,
    _landline,
    _mobile,
    _postcode,
    _upn,
)

# --- the development corpus ---------------------------------------------------------
# bench/devcorpus/ is written from these: a school with its own staff and governors,
# more kinds of document (pupil briefing sheets, email threads with signatures and
# quoted replies, governors' minutes, letters home with address blocks) and the hard
# cases: preferred names, names in capitals and in lower case, pupils' initials, a
# misspelt name, a name broken across a quoted line, double-barrelled and particle
# surnames, names that are also words ("Hope", "May"), dates of birth written every
# way, and look-alikes that must stay (the school's details, months, "grace period").

DEV_SEED = 3
DEV_DOCS = 200
EXTRA_PUPILS = 1500
DEV_KINDS = (
    "briefing",
    "sheet",
    "incident",
    "sen",
    "email_thread",
    "minutes",
    "governors",
    "letter",
)
SCHOOL_DETAILS = {
    "name": "Hollybrook Primary School",
    "address": "1 School Lane, Andover, SP10 1AA",
    "phone": "01632 960000",
    "email": "office@hollybrook.example.sch.uk",
}
ROSTER_HEADER = (
    "Forename",
    "Legal Surname",
    "Preferred Forename",
    "Year",
    "Reg Group",
    "UPN",
    "DOB",
    "Contact Forename",
    "Contact Surname",
    "Relationship",
    "Address Line 1",
    "Postcode",
    "Telephone",
    "Mobile",
    "Email",
)
STAFF_HEADER = ("Title", "Forename", "Surname", "Role")

# fmt: off
MORE_GIRLS = (
    "Summer", "Hope", "Willow", "Maisie", "Esmae", "Zoë", "Chloë", "Inês", "Siobhán",
    "Saoirse", "Caoimhe", "Mhairi", "Gwenllian", "Hodan", "Ayaan", "Sagal", "Tahmina",
    "Sadia", "Nusrat", "Thivya", "Sushma", "Rojin", "Andreea", "Gabija", "Oksana", "Beatriz",
    "Layla", "Farzana", "Linh", "Isabella", "Charlotte", "Florence", "Matilda", "Nevaeh",
    "Blessing", "Precious", "Favour", "Bridget", "Mary-Kate", "Tia-Rose", "Lacey-Mae",
    "Aleksandra", "Małgorzata", "Kezia", "Anaya", "Ishaani", "Wiktoria", "Daisy", "Rosie",
    "Faith",
)
MORE_BOYS = (
    "Alexander", "William", "Oluwaseun", "Chukwuemeka", "Oluwatobi", "Abdirahman",
    "Mohamed", "Rafiq", "Karthik", "Bishal", "Dilan", "Mihai", "Lukas", "Bohdan", "Mykola",
    "Gonçalo", "Seán", "Tadhg", "Iolo", "Calum", "Patrick", "Johnny", "Yousef", "Ahmad",
    "Hao", "Thanh", "Kemar", "Tyrell", "Jermaine", "Marcus", "Reggie", "Archie", "Teddy",
    "Albie", "Ronnie", "Hugo", "Otis", "Rocco", "Sonny", "Łukasz", "Mateusz", "Godswill",
    "Miracle", "Zain", "Musa", "Idris", "Tobias", "Jude", "River", "Samuel",
)
MORE_WOMEN = (
    "Amina", "Fartun", "Shirin", "Mandeep", "Kamaljit", "Olena", "Iryna", "Mihaela", "Rasa",
    "Beata", "Lucy", "Joy", "Dawn", "April", "Patience", "Comfort", "Chantelle", "Jodie",
    "Kerry", "Stacey", "Bridie", "Mairéad", "Carys", "Noor", "Roxana", "Fiona", "Helen",
    "Susan", "Jennifer", "Chipo",
)
MORE_MEN = (
    "Abdullahi", "Hassan", "Faisal", "Jaswinder", "Balvinder", "Sukhdev", "Oleksandr",
    "Vasile", "Tomas", "Rimas", "Godfrey", "Emmanuel", "Wesley", "Leroy", "Clive", "Gary",
    "Shaun", "Dean", "Carl", "Pádraig", "Ciarán", "Eoin", "Kamal", "Bogdan", "Florin", "Neil",
    "Simon", "Peter", "Grant", "Rob",
)
MORE_SURNAMES = (
    "da Silva", "D'Souza", "O’Neill", "van der Merwe", "De Souza", "Al-Hassan", "Abdi",
    "Warsame", "Farah", "Mohamud", "Sivakumar", "Thapa", "Gurung", "Ward", "McDonagh",
    "Joyce", "Ionescu", "Petrauskas", "Shevchenko", "Kovalenko", "Zhang", "Liu", "Huang",
    "Pham", "Le", "Ng", "Uddin", "Miah", "Islam", "Bibi", "Grant", "Francis", "Joseph",
    "Baptiste", "King", "Young", "White", "Hope", "Stone", "Mason", "Baker", "Bishop",
    "Moss", "Marsh", "Rose", "Lane", "Hill", "Field", "Bell", "Page", "Cook", "May", "Day",
    "Gray", "Kowalczyk", "Nowicka", "Bajwa", "Dhillon", "Ahmed-Khan", "Smith-Okoro",
    "Hughes-Davies", "MacDonald", "McKenzie",
)
# Staff surnames are mostly drawn from their own list, so that about as many staff
# share a surname with a pupil's family as would in a real school.
STAFF_SURNAMES = (
    "Price", "Hartley", "Penrose", "Ashworth", "Whitfield", "Fairbairn", "Lockwood",
    "Pemberton", "Kendrick", "Oyelaran", "Ramsden", "Thornton", "Bhatti", "Sehmi", "Odukoya",
    "Nkemelu", "Quinlan", "Rafferty", "Hendry", "Buchanan", "Iwu", "Dlamini", "Varga",
    "Petrova", "Castellanos", "Okonjo", "Lindqvist", "Hargreaves", "Featherstone",
    "Greenwood", "Sutcliffe", "Kaczmarek", "Tennant", "Gallagher", "Ferguson", "Drummond",
    "Ahluwalia", "Siddiqui", "Qureshi", "Mirza", "Chaudhry", "Aziz", "Kapoor", "Menon",
    "Pillai", "Nair",
)
PREFERRED = {
    "Alexander": "Alex", "William": "Will", "Muhammad": "Mo", "Mohammed": "Mo",
    "Oluwaseun": "Seun", "Aleksandra": "Ola", "Thomas": "Tom", "Isabella": "Bella",
    "Florence": "Flo", "Chukwuemeka": "Emeka", "Oluwatobi": "Tobi", "Charlotte": "Lottie",
    "Gwenllian": "Gwen", "Abdirahman": "Abdi", "Małgorzata": "Gosia", "Matilda": "Tilly",
    "Samuel": "Sam", "Jakub": "Kuba",
}
RELATIONSHIPS = {
    "mum": "Mother", "dad": "Father", "stepdad": "Step-father", "gran": "Grandmother",
    "foster carer": "Foster Carer", "carer": "Carer", "aunt": "Aunt",
}
GOVERNOR_ROLES = (
    "Chair of Governors", "Vice-Chair of Governors", "Parent Governor", "Parent Governor",
    "Co-opted Governor", "Co-opted Governor", "Local Authority Governor", "Staff Governor",
)
# fmt: on

DEV_NAMES = Names(
    GIRLS + MORE_GIRLS,
    BOYS + MORE_BOYS,
    ADULT_WOMEN + MORE_WOMEN,
    ADULT_MEN + MORE_MEN,
    SURNAMES + MORE_SURNAMES,
)


# --- development corpus templates ---------------------------------------------------

DEV_SHARED = (
    "Mum wrote in the reading diary that {pupil_lower} had a bad night and may be tired.",
    "{friend1_first}, {friend2_first} and {pupil_first} have been moved to the {subject} "
    "group run by {staff2}.",
    "The {pupil_last} family have asked for a grace period on the dinner money debt.",
    "{pupil_typo} was collected early for a dentist appointment on {weekday}.",
    "{doctor} at the hospital has asked for the medication to be given at lunchtime.",
    "{social_worker} (social worker) will visit {pupil_first} in school on {weekday} afternoon.",
    "Supply cover in {class} on {weekday} is {supply} from the agency; {staff3} will brief them.",
    "We hope the summer term will be calmer; the plan will be reviewed in May.",
    "The office holds no mobile number for {parent_initial}; the landline on file is {landline}.",
    "{pupil_first} and {sibling} walk home together along {street} most days.",
    "Please contact the school office on {school_phone} or {school_email} with any updates.",
    "{pupil_initials} ({year}) is in the White Rose Maths catch-up group with {friend1_initials}.",
    "{parent_half} asked that letters go to the address on file and not in the book bag.",
    "PC {police} from the neighbourhood team talked to the class about road safety; "
    "{pupil_first} asked lots of questions.",
    "{staff1_first} will cover the gate on {weekday} so that {pupil_first} is met by a "
    "familiar adult.",
    "{Pronoun} will need a reminder about the Kestrel Class trip to the Discovery Centre on "
    "{date2}.",
    "A note from {friend2}'s mum says the children fell out on the bus; {pupil_first} was upset.",
    "May half term is when the new timetable starts, so {pupil_first} will have a visual schedule.",
)

DEV_EXTRA = {
    "briefing": (
        "PUPIL ALERT: {pupil_caps} ({year}) must not leave with anyone except {parent_half} or "
        "{sibling_full}.",
        "{pupil_initials} in {year} has a new seating plan; please keep {them} away from the door.",
        "{staff2_first} has the updated medical list; the letter from {doctor} about "
        "{friend1_first} is attached.",
    ),
    "incident": (
        "PC {police} attended at {time2} and spoke to {parent_title} in the office.",
        "Witnesses: {friend1_initials} and {friend2} (both {year}).",
        '{pupil_first} said "{friend2_first} told everyone I live on {street}" and was very upset.',
        "{supply} (agency supply teacher) was in {class} at the time and wrote a statement.",
    ),
    "sen": (
        "Present at the review: {parent} ({rel}), {staff1} ({staff1_role}), {ep} (educational "
        "psychologist) and {pupil_first}.",
        "{ep} recommended a sensory assessment; {doctor} will review the medication on {date2}.",
        '{pupil_first}\'s views: "I like it when {staff2_first} helps me with reading."',
        "The date of birth on the plan has been corrected to {dob}.",
        "{social_worker} from the disabled children's team has been invited to the next review.",
    ),
    "minutes": (
        "{social_worker} (allocated social worker) gave an update and can be reached on "
        "{other_phone}.",
        "It was agreed that {pupil_initials} ({year}) would have a reduced timetable for {n} "
        "weeks.",
        "{parent_half} joined the meeting by phone at {time2}.",
    ),
}

_SHEET = (
    (
        "PUPIL BRIEFING SHEET - CONFIDENTIAL\n\nName: {pupil_caps}\nKnown as: {pupil_first}\n"
        "DOB: {dob}\nUPN: {upn}\nYear / class: {year} / {class}\nParent or carer: {parent} "
        "({rel}), {phone}\nAddress: {address}\nKey adult: {staff1} ({staff1_role})\n\n",
        "ONE-PAGE PROFILE: {pupil} ({year})\nDate of birth: {dob} | NHS number: {nhs}\n"
        "Emergency contact: {parent_title} on {phone} or {landline}\n\nAbout me\n",
        "Supply teacher briefing sheet - {class}, {date}\nPupils to know about:\n"
        "{pupil_initials} ({year}): see the notes below.\n{friend1} - nut allergy (see the "
        "medical list).\n\n",
    ),
    (
        "What people like about {them}: kind, funny, brilliant at {subject}.",
        "{pupil_first} finds noisy places such as {place} hard; give {them} a job to do.",
        "Do not seat {pupil_first} next to {friend1}.",
        "Triggers: sudden changes, being touched, raised voices.",
        "If {pupil_first} runs, do not chase; radio {staff2} ({staff2_role}).",
        "Medication: inhaler in the {class} bag; {doctor} wrote the care plan.",
        "Collected by {parent_half} or {sibling_full} only (court order on file).",
        "EAL: {pupil_first} is new to English; {friend2_first} can help to translate.",
        'Say {their} name first, then the instruction: "{pupil_first}, pencils down."',
        "Reward: five minutes on the computer, and tell {parent_first} at home time.",
        "Seating plan: {pupil_initials} at the front table, {friend1_initials} by the window.",
        "Pupil premium: yes. Free school meals: yes. Young carer: no.",
        "Social worker: {social_worker} (children's services), {other_phone}.",
        "{year} | {pupil_initials} | reading age {n} years below | see the SENCo",
        "Home address (for the taxi firm only): {address_line}, {postcode}.",
        "Second contact: {sibling_full} (older sibling), {phone2}.",
        "Attendance: {pct}% this year; late on {n} mornings.",
        "Photo consent: NO. Do not post images of {pupil_first} online.",
    ),
    (
        "Sheet updated {date2} by {staff1_full}.",
        "Please return this sheet to the office at the end of the day.",
        "Questions to {staff3} ({staff3_role}).",
    ),
)

_EMAIL_THREAD = (
    (
        "From: {staff1_full} <{staff_email}>\nSent: {date} {time}\nTo: {parent} <{email}>\n"
        "Cc: {staff2_full}\nSubject: RE: {pupil_first} - {subject}\n\nDear {parent_title},\n\n",
        "From: {staff1_full} <{staff_email}>\nTo: {staff2_full}; {staff3_full}\n"
        "Subject: FW: {pupil} ({class}) - concern\n\nHi {staff2_first},\n\nSee below from "
        "{pupil_first}'s {rel}. ",
        "From: {staff1} <{staff_email}>\nDate: {date}\nTo: {email}\nSubject: Re: meeting about "
        "{pupil_first}\n\nDear {parent_first},\n\n",
    ),
    (
        "Thank you for your email about {pupil_first}; I am sorry to hear {pronoun} has been "
        "upset.",
        "I have spoken to {friend1_first} and {friend2_first} separately this morning.",
        "{staff3} ({staff3_role}) will keep an eye on {pupil_first} at lunchtimes this week.",
        "Could you call the office on {school_phone} to book a time with {staff2}?",
        "I have updated your mobile number to {phone} on our system.",
        "We have changed the address on the system to {address}.",
        "{pupil_first} had a good day today and finished {their} {subject} work.",
        "The meeting is booked for {date2} at {time}, with {ep} (educational psychologist) "
        "joining by video.",
        "I have passed your letter from {doctor} to the school nurse.",
        "Please let me know if {sibling} will be collecting on {weekday}.",
        "I will ask {staff2_first} to send home the reading book {pupil_first} left behind.",
        "As agreed, {pupil_initials} will use the quiet room pass in {year} lessons.",
        "We will keep this between the staff who need to know.",
        "Hope this helps; do get in touch if anything changes at home.",
        "I understand that {social_worker} has also been in touch with you.",
        "The photo consent form still needs signing for {pupil_first} and {sibling}.",
    ),
    (
        "Kind regards,\n\n{staff1_full}\n{staff1_role} | {school}\nTel: {school_phone} | "
        "{school_email}\n\nThis email and any attachments are confidential and intended for "
        "the named recipient only.",
        "Best wishes,\n{staff1_first}\n\n{staff1_full} ({staff1_role})\n{school}, {school_address}",
        "Thanks,\n{staff1}\n{school}",
    ),
)

QUOTE_HEADERS = (
    "On {date2}, at {time2}, {parent} <{email}> wrote:\n",
    "-----Original Message-----\nFrom: {parent} <{email}>\nSent: {date2}\nTo: {staff1}\n"
    "Subject: {pupil_first}\n",
    "On {date2} {parent_first} {parent_last} wrote:\n",
)
QUOTE_GREETINGS = ("Hi {staff1},\n\n", "Dear {staff1_full},\n\n", "hiya\n\n", "Hello,\n\n")
PARENT_VOICE = (
    "sorry {pupil_lower} was off today, {pronoun} had a temperature all night.",
    "Hope you don't mind me emailing, I couldn't get through on the office number.",
    "{pupil_first} says {friend1} has been calling {them} names again at lunch.",
    "Can you ring me on {phone}? Not the landline, it has been cut off.",
    "{pupil_first}'s dad will not be collecting any more; please only let {pupil_first} go "
    "with me or {sibling_full}.",
    "We have moved to {address} so please update the records.",
    "I have a letter from {doctor} about the new medication, I will bring it in on {weekday}.",
    "{pupil_first} really enjoyed the trip and has not stopped talking about it.",
    "My work email is {email} if that is easier.",
    "Will {pupil_first} need a packed lunch on {weekday}?",
    "{sibling} (older brother or sister) said there was a fight near the gate, is "
    "{pupil_first} ok?",
    "thanks for everything you are doing for {pupil_lower}, it means a lot.",
)
PARENT_SIGNOFFS = (
    "Thanks\n{parent_first}\n{phone}\n\nSent from my phone",
    "{parent_lower} x",
    "Kind regards,\n{parent_initial}\n({pupil_first}'s {rel})",
    "Many thanks,\n{parent}",
)

_GOVERNORS = (
    (
        "{school}\nMinutes of the Full Governing Body meeting, {date_long}, 6pm\nPresent: "
        "{gov1} (Chair), {gov2}, {gov3}, {head} (Headteacher)\nIn attendance: {clerk} (Clerk)\n"
        "Apologies: {gov4}\n\nPART 2 - CONFIDENTIAL (not for publication)\n\n",
        "Extract from the minutes of the Pupil Discipline Committee, {date_long}\nPART 2 - "
        "CONFIDENTIAL\nCommittee: {gov1} (Chair), {gov2}, {gov3}. Clerk: {clerk}.\n\n",
        "Governor link visit report - safeguarding, {date}\nGovernor: {gov2}. Met with {staff1} "
        "(DSL) and {head_title}.\n\n",
    ),
    (
        "The Chair welcomed governors and thanked {head_title} for the report.",
        "{gov3} declared an interest as a parent of a child in {year}.",
        "The minutes of the previous meeting were approved and signed by the Chair.",
        "The committee considered the headteacher's decision to suspend {pupil} ({year}) for {n} "
        "days.",
        "{parent} ({rel}) attended with a friend and spoke on {pupil_first}'s behalf.",
        "Governors noted that {pupil_initials} ({year}) had a managed move in the autumn term.",
        "The complaint from {parent_title} about an incident on {date2} was not upheld.",
        "The budget report was noted; the grace period for the lettings invoice ends in May.",
        "The Chair asked whether the White Rose Maths scheme was having an impact in Key Stage 2.",
        "Attendance for the term stands at {pct}%; persistent absence is falling.",
        "It was noted that {pupil_first} (DOB {dob}) is looked after and the virtual school is "
        "involved.",
        "Governors asked about the Ofsted action plan; {head_title} will report at the summer "
        "term meeting.",
        "Action: the Clerk to write to {parent_initial} at {address_line} with the outcome by "
        "{date2}.",
        "{clerk} reminded governors that the Part 2 minutes are not to be published.",
        "{gov4} will visit {class} on {weekday} to look at reading.",
        "The policy on mobile phones was adopted with one amendment proposed by {gov1}.",
        "{head} reported {n} suspensions this term, all in Key Stage 2.",
        "Governors agreed that the family of {pupil_first} {pupil_last} would be offered a "
        "meeting with {staff1} ({staff1_role}).",
        "{gov2} asked how the school supports young carers; {head_title} described the lunch "
        "club run by {staff2}.",
        "The safeguarding report was received; there were {n} referrals to {agency} this term.",
        "It was noted that {pupil_initials} ({year}) had been absent for {n} weeks and that "
        "{social_worker} is involved.",
        "Governors thanked {staff3_full} ({staff3_role}) for organising the May fair.",
        "The appeal by {parent} against the exclusion of {pupil_first} will be heard on {date2}.",
        "{parent_half} was told the outcome by telephone on {weekday} and in writing.",
    ),
    (
        "The meeting closed at {time2}.\nSigned (Chair): {gov1}",
        "Date of next meeting: {date2}. Clerk: {clerk}.",
        "Report written by {gov2} and shared with {head_title}.",
    ),
)

_LETTER = (
    (
        "{school}\n{school_address}\nTel: {school_phone}\nEmail: {school_email}\n\n"
        "{parent_initial}\n{address_block}\n{postcode}\n\n{date_long}\n\nDear {parent_title},\n\n"
        "Re: {pupil} ({year}, {class})\n\n",
        "PRIVATE AND CONFIDENTIAL\nTo the parent or carer of {pupil}\n{address_block}\n"
        "{postcode}\n\n{date_long}\n\nDear {parent_first},\n\n",
        "{school}\n\n{parent_title} and family\n{address_block}\n{postcode}\n\n{date_long}\n\n"
        "Dear {parent_title},\n\nAttendance of {pupil_first} {pupil_last}, {year}\n\n",
    ),
    (
        "I am writing about {pupil_first}'s attendance this term, which is {pct}%.",
        "As you know, {pupil_first} has an EHCP and the annual review will take place on {date2} "
        "at {time}.",
        "We would like to invite you to a meeting with {staff2} ({staff2_role}) and {ep}, the "
        "educational psychologist.",
        "Please bring {pupil_first}'s red book and any letters from {doctor}.",
        "If this date is not convenient, please ring the office on {school_phone} or email "
        "{school_email}.",
        "During the Summer Term we will be reviewing the support plan with you.",
        "We hope that {pupil_first} settles quickly after your move to {address_line}.",
        "Our records show the following contact details: {phone} (mobile) and {email}; please "
        "tell us if these have changed.",
        "{pupil_first} was involved in an incident on {date2} with another pupil; both children "
        "have been spoken to.",
        "The school's attendance lead, {staff3}, may also contact you.",
        "The local authority may issue a penalty notice if attendance does not improve; there is "
        "a grace period of {n} weeks.",
        "Please complete the slip below and return it to {staff1} by {weekday}.",
        "Consent: I give permission for {pupil} ({class}) to attend the trip. Signed: ________ "
        "(parent or carer)",
        "Thank you for your support, and for coming in to see {staff1} on {date2}.",
        "We know that {sibling} has also found the move difficult.",
        "{pupil_first} has been a real help to younger pupils in {place} this half term.",
        "A copy of this letter will be kept on {pupil_first}'s file.",
        "You may wish to speak to {social_worker}, who is already working with the family.",
    ),
    (
        "Yours sincerely,\n\n\n{staff1_full}\n{staff1_role}\n\ncc: pupil file; {staff3}",
        "Yours sincerely,\n\n{head}\nHeadteacher",
        "Kind regards,\n\n{staff2_full}\n{staff2_role}",
    ),
)

DEV_TEMPLATES: dict[str, Parts] = {
    "briefing": (_BRIEFING[0], _BRIEFING[1] + DEV_EXTRA["briefing"], _BRIEFING[2]),
    "sheet": _SHEET,
    "incident": (_INCIDENT[0], _INCIDENT[1] + DEV_EXTRA["incident"], _INCIDENT[2]),
    "sen": (_SEN[0], _SEN[1] + DEV_EXTRA["sen"], _SEN[2]),
    "email_thread": _EMAIL_THREAD,
    "minutes": (_MINUTES[0], _MINUTES[1] + DEV_EXTRA["minutes"], _MINUTES[2]),
    "governors": _GOVERNORS,
    "letter": _LETTER,
}
# Letters and emails speak to the family and governors' minutes have their own
# register, so the shared sentences would read oddly in them.
DEV_SHARED_BY_KIND: dict[str, tuple[str, ...]] = {
    "briefing": SHARED + DEV_SHARED,
    "sheet": SHARED + DEV_SHARED,
    "incident": SHARED + DEV_SHARED,
    "sen": SHARED + DEV_SHARED,
    "email_thread": (),
    "minutes": SHARED + DEV_SHARED,
    "governors": (),
    "letter": (),
}


# --- writing the development corpus ------------------------------------------------


@dataclass(frozen=True)
class School:
    """The one school every development note comes from."""

    head: StaffMember
    staff: tuple[StaffMember, ...]
    """Who the notes' staff are drawn from (the head and governors aside)."""
    governors: tuple[StaffMember, ...]
    clerk: StaffMember

    @property
    def everyone(self) -> tuple[StaffMember, ...]:
        return (self.head, *self.staff, *self.governors, self.clerk)

    @property
    def names(self) -> frozenset[tuple[str, str]]:
        """(forename, surname) of everyone on the staff list."""
        return frozenset((m.forename, m.surname) for m in self.everyone)


def generate_dev_corpus(n: int = DEV_DOCS, seed: int = DEV_SEED) -> tuple[School, list[Note]]:
    """The development corpus: one school's staff and ``n`` notes of :data:`DEV_KINDS`
    (equal shares, seeded shuffled order), each with its cast's pupils and contacts."""
    if n < 0:
        raise ValueError("n must not be negative")
    rng = random.Random(seed)
    school = _make_school(rng)
    kinds = [DEV_KINDS[index % len(DEV_KINDS)] for index in range(n)]
    rng.shuffle(kinds)
    return school, [
        _write_dev_note(f"dev-{index:03d}", kind, rng, school)
        for index, kind in enumerate(kinds, start=1)
    ]


def _make_school(rng: random.Random) -> School:
    surnames = rng.sample(STAFF_SURNAMES, 36) + rng.sample(DEV_NAMES.surnames, 10)
    rng.shuffle(surnames)
    people = []
    for surname in surnames:
        woman = rng.random() < 0.75  # most primary school staff are women
        forename = rng.choice(DEV_NAMES.women if woman else DEV_NAMES.men)
        titles = ("Mrs", "Ms", "Miss", "Mrs", "Dr", "Mx") if woman else ("Mr", "Mr", "Dr", "Mx")
        people.append((rng.choice(titles), forename, surname))
    roles = [*STAFF_ROLES, *["class teacher"] * 14, *["teaching assistant"] * 8]
    head = StaffMember(*people[0], "headteacher")
    staff = tuple(StaffMember(*p, r) for p, r in zip(people[1:35], roles, strict=False))
    governors = tuple(
        StaffMember(*p, r) for p, r in zip(people[35:43], GOVERNOR_ROLES, strict=True)
    )
    return School(head, staff, governors, StaffMember(*people[43], "Clerk to Governors"))


def _write_dev_note(note_id: str, kind: str, rng: random.Random, school: School) -> Note:
    slots, family = _cast(rng, DEV_NAMES, school.staff)
    pupils = _dev_cast(rng, slots, family, school)
    tail = _quoted_message(rng, slots) if kind == "email_thread" else None
    builder = _compose(
        rng,
        slots,
        DEV_TEMPLATES[kind],
        DEV_SHARED_BY_KIND[kind],
        bullets=kind == "sheet",
        tail=tail,
    )
    return _checked(Note(kind, builder.text, tuple(builder.entities), note_id, pupils))


def _quoted_message(rng: random.Random, slots: Slots) -> _Builder:
    """The parent's message that a staff reply quotes below its signature."""
    message = _Builder()
    message.render(rng.choice(QUOTE_GREETINGS), slots)
    sentences = rng.sample(PARENT_VOICE, rng.randint(3, 5))
    message.render(" ".join(sentences), slots)
    message.add("\n\n")
    message.render(rng.choice(PARENT_SIGNOFFS), slots)
    thread = _Builder()
    thread.render(rng.choice(QUOTE_HEADERS), slots)
    thread.extend(message.quoted(width=rng.choice((60, 66, 72))))
    return thread


def _dev_cast(
    rng: random.Random, slots: Slots, family: _Family, school: School
) -> tuple[Pupil, ...]:
    """Add the development corpus's slots (hard cases, other people, the school) to a
    cast; return its pupils with their contacts, for the roster."""
    first, last = family.pupil_first, family.surname
    preferred = PREFERRED.get(first, "") if rng.random() < 0.8 else ""
    known = preferred or first
    title, parent_first, parent_last = family.parent_title, family.parent_first, family.parent_last
    half = re.split(r"[-\s]", parent_last)[0] if "-" in parent_last else parent_last
    address_line = f"{family.flat}, {family.street_line}" if family.flat else family.street_line
    block = "\n".join(p for p in (family.flat, family.street_line, family.town) if p)
    surnames, adults = DEV_NAMES.surnames, DEV_NAMES.women + DEV_NAMES.men
    born = _birth_date(rng, family.year)
    other_phone, _ = _mobile(rng)
    social_worker = (rng.choice(adults), rng.choice(surnames))
    slots.update(
        {
            "pupil_first": (known, "PERSON", PUPIL),
            "pupil_last": (last, "PERSON", PUPIL),
            "pupil_caps": (f"{first} {last}".upper(), "PERSON", PUPIL),
            "pupil_lower": (known.lower(), "PERSON", PUPIL),
            "pupil_typo": (_misspelt(rng, known), "PERSON", PUPIL),
            "pupil_initials": (_initials(rng, first, last), "PERSON", PUPIL),
            "friend1_initials": (_initials(rng, *family.friends[0]), "PERSON", PUPIL),
            "parent_last": (parent_last, "PERSON", PARENT),
            "parent_initial": (
                f"{title} {parent_first[0]}{rng.choice(('', '.'))} {parent_last}",
                "PERSON",
                PARENT,
            ),
            "parent_half": (f"{title} {half}", "PERSON", PARENT),
            "parent_lower": (parent_first.lower(), "PERSON", PARENT),
            "address_line": (address_line, "ADDRESS", PARENT),
            "address_block": (block, "ADDRESS", PARENT),
            "dob": (_written_date(rng, born), "DOB", PUPIL),
            "doctor": (f"Dr {rng.choice(surnames)}", "PERSON", OTHER),
            "ep": (f"{rng.choice(adults)} {rng.choice(surnames)}", "PERSON", OTHER),
            "social_worker": (" ".join(social_worker), "PERSON", OTHER),
            "supply": (f"{rng.choice(adults)} {rng.choice(surnames)}", "PERSON", OTHER),
            "police": (rng.choice(surnames), "PERSON", OTHER),
            "other_phone": (other_phone, "PHONE", OTHER),
            "head": (school.head.full, "PERSON", STAFF),
            "head_title": (school.head.formal, "PERSON", STAFF),
            "clerk": (f"{school.clerk.title} {school.clerk.full}", "PERSON", STAFF),
            "date_long": (_written_date(rng, _school_day(rng), style=1), None, None),
            "school": (SCHOOL_DETAILS["name"], None, None),
            "school_address": (SCHOOL_DETAILS["address"], None, None),
            "school_phone": (SCHOOL_DETAILS["phone"], None, None),
            "school_email": (SCHOOL_DETAILS["email"], None, None),
        }
    )
    telephone = family.landline
    if telephone == SCHOOL_DETAILS["phone"]:  # a family never has the school's own number
        telephone = "01632 960999"
        slots["landline"] = (telephone, "PHONE", PARENT)
    governors = rng.sample(school.governors, 4)
    for index, governor in enumerate(governors, start=1):
        slots[f"gov{index}"] = (f"{governor.title} {governor.full}", "PERSON", STAFF)
    for index in range(1, 4):
        forename = slots[f"staff{index}_full"][0].split()[0]
        slots[f"staff{index}_first"] = (forename, "PERSON", STAFF)

    contact = Contact(
        title,
        parent_first,
        parent_last,
        RELATIONSHIPS[family.relation],
        address_line,
        family.postcode,
        telephone,
        family.mobile,
        family.email,
    )
    contacts = [contact]
    if family.relation in ("mum", "dad") and rng.random() < 0.5:
        other_parent = "dad" if family.relation == "mum" else "mum"
        contacts.append(_random_contact(rng, last, other_parent, school.names))
    year, reg_group = _year_code(family.year), family.reg_group
    main = Pupil(first, last, preferred, year, reg_group, family.upn, born, tuple(contacts))
    sibling = _random_pupil(rng, school.names, family.sibling, last, contacts=(contact,))
    friends = [_random_pupil(rng, school.names, *friend) for friend in family.friends]
    return (main, sibling, *friends)


def _random_pupil(
    rng: random.Random,
    staff: frozenset[tuple[str, str]],
    forename: str = "",
    surname: str = "",
    contacts: tuple[Contact, ...] = (),
) -> Pupil:
    """A pupil with made-up details (and made-up contacts, unless given some, who do
    not share a full name with anyone in ``staff``)."""
    if not forename:
        forename = rng.choice(DEV_NAMES.girls if rng.random() < 0.5 else DEV_NAMES.boys)
    surname = surname or rng.choice(DEV_NAMES.surnames)
    preferred = PREFERRED.get(forename, "") if rng.random() < 0.6 else ""
    year_group = rng.choice(YEAR_GROUPS)
    year = _year_code(year_group)
    reg_group = f"{year}{rng.choice('ABCDEFGHJKLMNPRSTW')}"
    born = _birth_date(rng, year_group)
    if not contacts:
        contacts = (_random_contact(rng, surname, "", staff),)
        if rng.random() < 0.4:
            contacts += (_random_contact(rng, surname, "", staff),)
    return Pupil(forename, surname, preferred, year, reg_group, _upn(rng), born, contacts)


def _random_contact(
    rng: random.Random, family: str, relation: str, staff: frozenset[tuple[str, str]]
) -> Contact:
    """A made-up contact; two different people with one full name could not be told apart,
    so no contact is given a staff member's."""
    if not relation:
        relation = rng.choice(PARENT_RELATIONS)[0]
    woman = relation not in ("dad", "stepdad")
    surname = family if rng.random() < 0.75 else rng.choice(DEV_NAMES.surnames)
    forename = rng.choice(DEV_NAMES.women if woman else DEV_NAMES.men)
    while (forename, surname) in staff:
        forename = rng.choice(DEV_NAMES.women if woman else DEV_NAMES.men)
    title = rng.choice(("Mrs", "Ms", "Miss")) if woman else "Mr"
    town, area, top = rng.choice(TOWNS)
    street_line = f"{rng.randint(1, 180)} {rng.choice(STREETS)}"
    _, mobile = _mobile(rng)
    _, telephone = _landline(rng)
    user = f"{_ascii(forename).lower()}.{_ascii(surname).lower()}"
    return Contact(
        title,
        forename,
        surname,
        RELATIONSHIPS[relation],
        street_line,
        _postcode(rng, area, top),
        telephone if rng.random() < 0.5 and telephone != SCHOOL_DETAILS["phone"] else "",
        mobile,
        f"{user}@{rng.choice(('example.com', 'example.org'))}",
    )


def _year_code(year_group: str) -> str:
    """ "Year 4" -> "4", "Reception" -> "R", as an MIS export writes them."""
    return "R" if year_group == "Reception" else year_group.removeprefix("Year ")


def _birth_date(rng: random.Random, year_group: str) -> datetime.date:
    """A birthday in the school year 2024-25 cohort of ``year_group``."""
    year = 0 if year_group == "Reception" else int(year_group.removeprefix("Year "))
    first_day = datetime.date(2019 - year, 9, 1)
    return first_day + datetime.timedelta(days=rng.randrange(365))


def _misspelt(rng: random.Random, name: str) -> str:
    """The name with one inner letter changed ("Esmae" -> "Esmai"), if it is long enough."""
    if len(name) < 5 or not name.isascii() or not name.isalpha():
        return name
    index = rng.randrange(1, len(name) - 1)
    letters = "aeiou" if name[index] in "aeiou" else "bcdfghklmnprstvwz"
    return name[:index] + rng.choice(letters.replace(name[index], "")) + name[index + 1 :]


def _initials(rng: random.Random, forename: str, surname: str) -> str:
    a, b = forename[0].upper(), surname[0].upper()
    return rng.choice((f"{a}.{b}.", f"{a}{b}", f"{a}.{b}"))


def _school_day(rng: random.Random) -> datetime.date:
    return datetime.date(2025, rng.choice((1, 2, 3, 4, 5, 6, 7, 9, 10, 11, 12)), rng.randint(1, 28))


def _written_date(rng: random.Random, day: datetime.date, style: int | None = None) -> str:
    """A date written one of the ways people write dates (``style`` picks one)."""
    month = MONTHS[day.month - 1]
    suffix = (
        "th" if 10 <= day.day % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(day.day % 10, "th")
    )
    ways = (
        f"{day.day:02d}/{day.month:02d}/{day.year}",
        f"{day.day} {month} {day.year}",
        f"{day.day}.{day.month}.{day.year}",
        f"{day.day}{suffix} {month} {day.year}",
        f"{day.day:02d}/{day.month:02d}/{day.year % 100:02d}",
        day.isoformat(),
        f"{day.day} {month[:3]} {day.year}",
    )
    return ways[style] if style is not None else rng.choice(ways)


def roster_rows(
    notes: Sequence[Note], school: School, seed: int = DEV_SEED, extra_pupils: int = EXTRA_PUPILS
) -> list[tuple[str, ...]]:
    """The school's pupil and contact export: every pupil of the notes' casts and
    ``extra_pupils`` more, one row per pupil and contact, sorted as an MIS sorts them."""
    rng = random.Random(seed + 104_729)
    pupils = [pupil for note in notes for pupil in note.pupils]
    pupils += [_random_pupil(rng, school.names) for _ in range(extra_pupils)]
    rows = [
        (
            pupil.forename,
            pupil.surname,
            pupil.preferred,
            pupil.year,
            pupil.reg_group,
            pupil.upn,
            pupil.dob.strftime("%d/%m/%Y"),
            contact.forename,
            contact.surname,
            contact.relationship,
            contact.address,
            contact.postcode,
            contact.telephone,
            contact.mobile,
            contact.email,
        )
        for pupil in pupils
        for contact in pupil.contacts
    ]
    return sorted(dict.fromkeys(rows), key=lambda row: (row[1].lower(), row[0].lower(), row[5]))


def staff_rows(school: School) -> list[tuple[str, ...]]:
    """The school's staff and governors export."""
    return [
        (m.title, m.forename, m.surname, m.role[:1].upper() + m.role[1:]) for m in school.everyone
    ]


def write_devcorpus(
    directory: Path,
    n: int = DEV_DOCS,
    seed: int = DEV_SEED,
    extra_pupils: int = EXTRA_PUPILS,
) -> None:
    """Write notes.jsonl, roster.csv and staff.csv of the development corpus."""
    school, notes = generate_dev_corpus(n, seed)
    directory.mkdir(parents=True, exist_ok=True)
    with (directory / "notes.jsonl").open("w", encoding="utf-8", newline="\n") as handle:
        for note in notes:
            record = {
                "id": note.id,
                "kind": note.kind,
                "text": note.text,
                "entities": [
                    {"start": e.start, "end": e.end, "label": e.label, "role": e.role}
                    for e in note.entities
                ],
            }
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    _write_csv(
        directory / "roster.csv", ROSTER_HEADER, roster_rows(notes, school, seed, extra_pupils)
    )
    _write_csv(directory / "staff.csv", STAFF_HEADER, staff_rows(school))


def _write_csv(path: Path, header: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)


def load_dev_notes(path: Path) -> list[Note]:
    """Read a notes.jsonl written by :func:`write_devcorpus` (or by hand, in its format)."""
    notes = []
    for line in path.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        text = record["text"]
        entities = tuple(
            Entity(e["start"], e["end"], e["label"], text[e["start"] : e["end"]], e["role"])
            for e in record["entities"]
        )
        notes.append(Note(record["kind"], text, entities, record["id"]))
    return notes


def _check_templates() -> None:
    """Every slot named in a template exists in a cast (checked once at import)."""
    rng = random.Random(0)
    school = _make_school(rng)
    known = set(_cast(rng)[0])
    for kind, parts in TEMPLATES.items():
        for template in (*parts[0], *parts[1], *parts[2], *SHARED):
            unknown = set(_SLOT.findall(template)) - known
            if unknown:
                raise AssertionError(f"{kind} template uses unknown slots {sorted(unknown)}")
    slots, family = _cast(rng, DEV_NAMES, school.staff)
    _dev_cast(rng, slots, family, school)
    quoted = (*QUOTE_HEADERS, *QUOTE_GREETINGS, *PARENT_VOICE, *PARENT_SIGNOFFS)
    for kind, parts in DEV_TEMPLATES.items():
        for template in (*parts[0], *parts[1], *parts[2], *DEV_SHARED_BY_KIND[kind], *quoted):
            unknown = set(_SLOT.findall(template)) - set(slots)
            if unknown:
                raise AssertionError(f"dev {kind} template uses unknown slots {sorted(unknown)}")


_check_templates()


def main() -> int:
    parser = argparse.ArgumentParser(description="Write the development corpus.")
    parser.add_argument("--write", type=Path, required=True, metavar="DIR")
    parser.add_argument("--docs", type=int, default=DEV_DOCS)
    parser.add_argument("--seed", type=int, default=DEV_SEED)
    parser.add_argument("--extra-pupils", type=int, default=EXTRA_PUPILS)
    args = parser.parse_args()
    write_devcorpus(args.write, args.docs, args.seed, args.extra_pupils)
    print(f"wrote {args.docs} notes, roster.csv and staff.csv to {args.write}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

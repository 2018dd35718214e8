"""What the API answers, field by field. Nothing private has a field here to be filled.

Handlers build plain dicts from public columns only and these schemas document and check
them: no contact email, no coordinators, no exact coordinates, no search key.
"""

import datetime as dt

from ninja import Schema
from pydantic import Field


class Choice(Schema):
    code: str
    label: str


class OrganisationBrief(Schema):
    id: int
    name: str
    slug: str


class PublicSite(Schema):
    id: int
    name: str | None = Field(description="Withheld (null) for sensitive disputes.")
    address: str | None = Field(description="Withheld (null) for sensitive disputes.")
    city: str
    region: str
    country: str
    latitude: float = Field(description="Public latitude: coarsened for sensitive disputes.")
    longitude: float = Field(description="Public longitude: coarsened for sensitive disputes.")
    precision: str = Field(description="exact, city, region or country.")
    timezone: str
    distance_km: float | None = Field(
        default=None, description="From the place in `near`, when one was given."
    )


class DisputeLinks(Schema):
    self: str
    html: str
    calendar: str


class DisputeItem(Schema):
    id: int
    slug: str
    title: str
    kind: str
    kind_label: str
    status: str
    status_label: str
    outcome: str
    outcome_label: str
    sector: str
    sector_label: str
    workers_involved: int | None
    workers_approximate: bool
    demands: list[Choice]
    start_date: dt.date | None
    end_date: dt.date | None
    authorised: bool | None
    verification: str
    verification_label: str
    sensitive: bool = Field(description="Locations are coarsened and site names withheld.")
    employers: list[OrganisationBrief]
    unions: list[OrganisationBrief]
    sites: list[PublicSite]
    distance_km: float | None = Field(
        default=None, description="To the nearest site, when `near` was given."
    )
    created_at: dt.datetime
    updated_at: dt.datetime
    links: DisputeLinks


class NearPoint(Schema):
    text: str
    latitude: float
    longitude: float
    radius_km: float


class DisputePage(Schema):
    items: list[DisputeItem]
    limit: int
    next: str | None = Field(description="The next page's address; null on the last page.")
    next_cursor: str | None
    near: NearPoint | None = Field(
        default=None, description="Where `near` was understood to be, when it was given."
    )


class SourceOut(Schema):
    url: str
    kind: str
    title: str


class StrikeActionOut(Schema):
    id: int
    kind: str
    kind_label: str
    starts_at: dt.datetime = Field(description="Local time, with the zone's UTC offset.")
    ends_at: dt.datetime = Field(description="Local time, with the zone's UTC offset.")
    timezone: str
    note: str


class ShiftOccurrenceOut(Schema):
    shift_id: int
    site_id: int
    starts_at: dt.datetime = Field(description="Local time, with the zone's UTC offset.")
    ends_at: dt.datetime = Field(description="Local time, with the zone's UTC offset.")
    timezone: str
    local_date: dt.date
    local_start_time: str = Field(description="HH:MM on the local clock.")
    local_end_time: str = Field(description="HH:MM on the local clock.")
    location: str
    notes: str
    repeats: str


class DisputeDetail(DisputeItem):
    description: str
    demands_other: str
    language: str
    sources: list[SourceOut]
    actions: list[StrikeActionOut]
    upcoming_shifts: list[ShiftOccurrenceOut]


class OrganisationLinks(Schema):
    self: str
    page: str = Field(description="The organisation's public page.")
    chapters: str | None = Field(description="Its chapters (null for an employer).")
    disputes: str | None


class OrganisationItem(Schema):
    id: int
    name: str
    slug: str
    kind: str
    kind_label: str
    country: str
    website: str
    parent: OrganisationBrief | None
    links: OrganisationLinks


class OrganisationPage(Schema):
    items: list[OrganisationItem]
    limit: int
    next: str | None
    next_cursor: str | None


class DisputeCounts(Schema):
    as_employer: int
    as_union: int


class DemandOut(Schema):
    text: str = Field(description="In the reader's language (Accept-Language) when translated.")
    language: str = Field(description="The language `text` is in.")
    translations: dict[str, str] = Field(
        description="The demand as written and every translation, by language code."
    )


class OrganisationDetail(OrganisationItem):
    summary: str
    description: str
    language: str = Field(description="The language of the summary and description.")
    verified: bool
    children: list[OrganisationBrief]
    member_organisations: list[OrganisationBrief] = Field(
        description="A cross-union committee's member organisations."
    )
    member_of: list[OrganisationBrief] = Field(
        description="The committees this organisation is a member of."
    )
    demands: list[DemandOut]
    chapter_count: int
    disputes: DisputeCounts


class ChapterMeeting(Schema):
    week: str = Field(description="every, first, second, third, fourth or last.")
    weekday: int = Field(description="0 is Monday, 6 is Sunday.")
    time: str = Field(description="HH:MM on the chapter's clock (its `timezone`).")
    label: str = Field(description="The pattern in the reader's language.")
    next: dt.datetime | None = Field(description="The next meeting, with its UTC offset.")
    place: str


class ChapterItem(Schema):
    id: int
    name: str
    slug: str
    place_name: str
    city: str
    region: str
    country: str
    latitude: float
    longitude: float
    area_km: int
    timezone: str
    meeting: ChapterMeeting | None
    url: str = Field(description="The chapter's public page.")
    distance_km: float | None = Field(
        default=None, description="From the place in `near`, when one was given."
    )


class ChapterPage(Schema):
    items: list[ChapterItem]
    limit: int
    next: str | None = Field(description="The next page's address; null on the last page.")
    next_cursor: str | None
    near: NearPoint | None = Field(
        default=None, description="Where `near` was understood to be, when it was given."
    )


# --- campaigns --------------------------------------------------------------------------------


class CampaignLinks(Schema):
    self: str
    page: str = Field(description="The campaign's public page.")
    atom: str = Field(description="Its joint actions as an Atom feed.")
    ics: str = Field(description="Its joint actions as an iCalendar file.")


class CampaignItem(Schema):
    id: int
    slug: str
    title: str
    summary: str
    language: str
    status: str
    status_label: str
    sectors: list[Choice]
    dispute_count: int
    links: CampaignLinks


class CampaignPage(Schema):
    items: list[CampaignItem]
    limit: int
    next: str | None
    next_cursor: str | None


class CompanyOut(Schema):
    id: int
    name: str
    slug: str
    country: str


class EmployerGroupOut(Schema):
    name: str
    parent: CompanyOut
    subsidiaries: list[CompanyOut]


class ParticipantOut(Schema):
    id: int
    name: str
    slug: str
    kind: str
    country: str


class DemandTranslationOut(Schema):
    language: str = Field(description="A content language's code: en, es, so, fa, zh-hans…")
    language_name: str = Field(description="The language's own name (فارسی for fa).")
    direction: str = Field(description="rtl or ltr: the way the text runs.")
    original: bool = Field(description="True for the demand as written, false for a translation.")
    text: str


class CommonDemandOut(Schema):
    id: int
    position: int
    text: str = Field(
        description="In the reader's content language (the language cookie, then "
        "Accept-Language) when translated."
    )
    language: str = Field(description="The language `text` is in.")
    direction: str = Field(description="rtl or ltr: the way `text` runs.")
    fallback: bool = Field(
        description="True when the reader's language has no translation: `text` is the original."
    )
    original_language: str
    translations: list[DemandTranslationOut] = Field(
        description="The demand as written, then every translation, by language code."
    )


class CampaignDisputeOut(Schema):
    id: int
    slug: str
    title: str
    status: str
    country: str = Field(description="The country of its first site (empty when unknown).")
    page: str


class MatrixCellOut(Schema):
    dispute: int = Field(description="The dispute's id.")
    demand: int = Field(description="The common demand's id.")
    adopted: bool
    status: str = Field(description="raised, won, partly_won or lost; empty when not adopted.")
    date: dt.date | None
    source_url: str


class JointActionOut(Schema):
    kind: str = Field(description="day_of_action or event.")
    title: str
    starts: dt.date
    page: str


class CampaignLevelOut(Schema):
    reached: bool = Field(
        description="Level 4, one struggle: disputes in two countries or more have adopted "
        "every common demand and acted together."
    )
    countries: list[str]
    actions: list[str]


class ResourceOut(Schema):
    id: int
    document: int = Field(
        description="The id of the document this is a language of: resources sharing it are "
        "the same document in other languages."
    )
    title: str
    description: str
    kind: str = Field(description="leaflet, brochure, poster, video, document, image or other.")
    language: str
    type: str = Field(description="The file's type, read from its content; empty for a link.")
    size: int = Field(description="The file's size in bytes; 0 for a link.")
    url: str = Field(description="The file, or the link (https) for a video hosted elsewhere.")
    thumbnail: str | None = Field(description="A small JPEG of the file; null for a link.")


class CampaignDetail(CampaignItem):
    targets: list[EmployerGroupOut]
    organisations: list[ParticipantOut]
    demands: list[CommonDemandOut]
    disputes: list[CampaignDisputeOut]
    matrix: list[MatrixCellOut] = Field(
        description="One cell for every dispute and common demand, in the disputes' order."
    )
    joint_actions: list[JointActionOut]
    level: CampaignLevelOut
    resources: list[ResourceOut] = Field(
        description="Its public resources (leaflets, posters, videos …), newest first."
    )

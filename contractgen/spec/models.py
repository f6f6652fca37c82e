"""The deal spec: everything an SLA exhibit says, as a validated pydantic model.

The attribute docstrings become the JSON Schema descriptions that editors show while a spec is
typed, so they are written for sales ops, not for programmers. Validators reject only what
cannot be meant (an end before a start, two P1 rows); what is merely unwise is lint's job.
"""

import datetime as dt
import re
from decimal import Decimal
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationInfo,
    WithJsonSchema,
    field_validator,
    model_validator,
)

from contractgen.spec.limits import MAX_LIST_ITEMS, MAX_STRING_LENGTH, MAX_TEXT_LENGTH
from contractgen.spec.types import Duration, Money, Number, Percent

Text = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_TEXT_LENGTH)
]
"""Free text: a sentence or a paragraph of contract wording."""

Name = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_STRING_LENGTH)
]
"""A short name: a company, a person, a role."""

Identifier = Annotated[
    str,
    StringConstraints(
        strip_whitespace=True, min_length=1, max_length=80, pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]*$"
    ),
]
"""A machine-friendly id: letters, digits, dot, underscore and hyphen."""

PriorityId = Annotated[str, StringConstraints(pattern=r"^P[0-9]$")]
"""A priority id: P0 (most urgent) to P9."""


class Model(BaseModel):
    """Base for every spec section: unknown keys are errors, values are immutable."""

    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        # The string under each field is its description (schema, spec reference), given to
        # the fields by contractgen.spec.descriptions only when one of those is made. Nested
        # models are built once, as part of DealSpec, rather than each on its own first; that
        # is also why a section's default is written ``Section.model_construct()`` (the same
        # empty section, made without compiling a validator of its own at import).
        defer_build=True,
        str_max_length=MAX_TEXT_LENGTH,
        coerce_numbers_to_str=True,
    )


def _unique(items: list, key: str, what: str) -> list:
    """Refuse two entries with the same id: the exhibit could only print one of them."""
    seen: set = set()
    for item in items:
        value = getattr(item, key)
        if value in seen:
            raise ValueError(f"{what} {value!s} is listed twice")
        seen.add(value)
    return items


# --- enums -------------------------------------------------------------------------------


class Period(StrEnum):
    """A measurement or settlement period."""

    MONTH = "month"
    QUARTER = "quarter"
    HALF_YEAR = "half-year"
    YEAR = "year"

    @property
    def months(self) -> int:
        return {"month": 1, "quarter": 3, "half-year": 6, "year": 12}[self.value]


class Metric(StrEnum):
    """A measured service level; shared by targets, penalties, rewards and terminations."""

    RESPONSE_MISS_RATE = "response_miss_rate"
    RESOLUTION_ACHIEVEMENT = "resolution_achievement"
    FCR = "fcr"
    CSAT = "csat"
    AVAILABILITY = "availability"
    INSTALLATION_ON_TIME = "installation_on_time"
    ESCALATIONS_TO_BRAND = "escalations_to_brand"

    @property
    def higher_is_better(self) -> bool:
        return self not in (Metric.RESPONSE_MISS_RATE, Metric.ESCALATIONS_TO_BRAND)

    @property
    def is_percent(self) -> bool:
        return self not in (Metric.CSAT, Metric.ESCALATIONS_TO_BRAND)

    @property
    def label(self) -> str:
        return METRIC_LABELS[self]


METRIC_LABELS: dict[Metric, str] = {
    Metric.RESPONSE_MISS_RATE: "Response Time miss rate",
    Metric.RESOLUTION_ACHIEVEMENT: "Resolution achievement rate",
    Metric.FCR: "First-Call Resolution rate",
    Metric.CSAT: "CSAT score",
    Metric.AVAILABILITY: "Availability",
    Metric.INSTALLATION_ON_TIME: "On-time installation rate",
    Metric.ESCALATIONS_TO_BRAND: "Escalations to the Brand",
}


class Party(StrEnum):
    BRAND = "brand"
    PARTNER = "partner"
    CUSTOMER = "customer"
    JOINT = "joint"


class Tier(StrEnum):
    """Partner program tier (by annual revenue through the partner)."""

    REGISTERED = "registered"
    SILVER = "silver"
    GOLD = "gold"
    PLATINUM = "platinum"


class PartnerKind(StrEnum):
    DISTRIBUTOR = "distributor"
    SYSTEM_INTEGRATOR = "system_integrator"
    RESELLER = "reseller"
    SERVICE_PARTNER = "service_partner"


class Weekday(StrEnum):
    MON = "mon"
    TUE = "tue"
    WED = "wed"
    THU = "thu"
    FRI = "fri"
    SAT = "sat"
    SUN = "sun"

    @property
    def index(self) -> int:  # type: ignore[override]  # a weekday's place, not str.index
        return list(Weekday).index(self)


class Package(StrEnum):
    """Support package: standard covers business hours; premium is 24/7."""

    STANDARD = "standard"
    PREMIUM = "premium"


class Workaround(StrEnum):
    """What a workaround does to the resolution clock."""

    REQUIRED = "required"
    """A workaround must be in place by the resolution target; the permanent fix follows."""
    ACCEPTABLE = "acceptable"
    """A workaround accepted by the customer counts as resolution."""
    NOT_ACCEPTED = "not_accepted"
    """Only a permanent fix counts as resolution."""


class TriggerKind(StrEnum):
    """What starts an escalation."""

    UNRESOLVED = "unresolved"
    """A ticket of the given priority is not resolved after the given time."""
    L2_UNRESOLVED = "l2_unresolved"
    """A ticket at the partner's L2 is not resolved after the given time."""
    PRODUCT_BUG = "product_bug"
    """A suspected product defect: goes to the brand at once."""
    MANAGEMENT = "management"
    """The customer escalates to management: the brand's account manager is told at once."""
    REPEAT_ISSUE = "repeat_issue"
    """The same issue recurs the given number of times: brand root-cause analysis."""


class PenaltyBase(StrEnum):
    """What a penalty percentage is taken of."""

    REVENUE_SHARE = "revenue_share"
    """The partner's revenue share for the measured period(s)."""
    SERVICE_FEE = "service_fee"
    """The support fee for the measured period(s)."""


class Destination(StrEnum):
    """Where penalty money goes: to the customer who suffered, never to brand profit."""

    CUSTOMER_CREDIT = "customer_credit"
    SERVICE_EXTENSION = "service_extension"
    IMPROVEMENT_FUND = "improvement_fund"


class RewardKind(StrEnum):
    REVENUE_SHARE_POINTS = "revenue_share_points"
    """Extra percentage points of revenue share."""
    WHOLESALE_DISCOUNT = "wholesale_discount"
    """A discount on the wholesale price for the following year."""
    ONE_TIME = "one_time"
    """A one-time payment."""


class DelayCategory(StrEnum):
    FORCE_MAJEURE = "force_majeure"
    CUSTOMER_CAUSED = "customer_caused"
    BRAND_CAUSED = "brand_caused"
    THIRD_PARTY_CARRIER = "third_party_carrier"


class ComplaintClass(StrEnum):
    SERVICE = "service"
    PRODUCT = "product"
    EXPECTATION = "expectation"


class Language(StrEnum):
    EN = "en"


class Raci(StrEnum):
    """Responsibility letters; combinations such as "RA" are allowed by the matrix row."""

    R = "R"
    A = "A"
    C = "C"
    I = "I"  # noqa: E741 - RACI's own letter
    RA = "RA"
    NONE = "-"


class Coverage(StrEnum):
    """When a desk or contact is staffed and must answer."""

    BUSINESS_HOURS = "business_hours"
    """During Business Hours only."""
    AROUND_THE_CLOCK = "around_the_clock"
    """Every hour of every day, nights, weekends and public holidays included."""


class HolidayRule(StrEnum):
    """How several public-holiday calendars combine into one business calendar."""

    ANY = "any"
    """A day is a holiday if it is a public holiday in any listed calendar."""
    ALL = "all"
    """A day is a holiday only if it is a public holiday in every listed calendar."""
    SITE = "site"
    """For a Ticket or an installation, the holidays of the calendar where the Customer site is."""


class RemedyPosition(StrEnum):
    """What Service Credits do to the other rights a party has for the same miss."""

    SOLE_AND_EXCLUSIVE = "sole_and_exclusive"
    """Service Credits are the only remedy for the missed service level itself (termination
    rights for chronic failure and rights for other breaches are kept)."""
    WITHOUT_PREJUDICE = "without_prejudice"
    """Service Credits are in addition to any other right or remedy."""


class CreditWording(StrEnum):
    """How the exhibit names the money taken off for a missed target."""

    SERVICE_CREDIT = "service_credit"
    """ "Service Credit": a price adjustment (the default; safer where penalty clauses are
    unenforceable)."""
    PENALTY = "penalty"
    """ "Penalty", for deals whose parties ask for that word."""


class TerminationAction(StrEnum):
    """What the brand may do after a sustained shortfall."""

    TERMINATE_AGREEMENT = "terminate_agreement"
    """Terminate the Agreement as a whole."""
    TERMINATE_APPOINTMENT = "terminate_appointment"
    """End the partner's appointment to support the Products (the "Support Appointment"),
    the rest of the Agreement continuing."""
    ADDITIONAL_RESOURCES = "additional_resources"
    """Require the partner to add qualified support staff."""
    REDUCE_REVENUE_SHARE = "reduce_revenue_share"
    """Reduce the partner's revenue share by ``share_reduction`` points."""
    BACKUP_PARTNER = "backup_partner"
    """Appoint a backup service partner for the affected Customers."""
    IMPROVEMENT_PLAN = "improvement_plan"
    """Require a written improvement plan."""


class MilestoneEvent(StrEnum):
    """The event on which a payment milestone falls due."""

    SIGNATURE = "signature"
    DELIVERY = "delivery"
    INSTALLATION_COMPLETION = "installation_completion"
    ACCEPTANCE = "acceptance"
    AFTER_ACCEPTANCE = "after_acceptance"
    """A stated time after Acceptance (give ``after``), e.g. a retained balance."""


class MilestoneBase(StrEnum):
    """The amount payment milestones are shares of."""

    INSTALLATION_FEE = "installation_fee"
    CONTRACT_VALUE = "contract_value"


class LapseRule(StrEnum):
    """What happens when the acceptance window ends before the tests are finished."""

    DEEMED_ACCEPTANCE = "deemed_acceptance"
    """Unless the delay is the partner's fault, the installation is deemed accepted."""
    EXTENSION = "extension"
    """The window is extended once, by ``lapse_extension``, to finish the tests."""
    REJECTION = "rejection"
    """The Customer may reject the delivery as if the last attempt had failed."""


class Document(StrEnum):
    """A document of the contract, for the order of precedence."""

    EXHIBIT = "exhibit"
    APPENDICES = "appendices"
    STATEMENT_OF_WORK = "statement_of_work"
    AGREEMENT = "agreement"


class ClockStart(StrEnum):
    """Which timestamp starts a Ticket's clocks."""

    FIRST_CONTACT = "first_contact"
    """The Customer's first contact by any channel (a call, an e-mail, a portal entry)."""
    TICKET_LOGGED = "ticket_logged"
    """The time the Ticket is logged in the system of record."""


class ResolutionStop(StrEnum):
    """Which timestamp stops the resolution clock."""

    PARTNER_MARKED = "partner_marked"
    """The partner marks the Ticket resolved, unless the Customer reopens it within the
    reopen window (then the clock continues as if never stopped)."""
    CUSTOMER_CONFIRMED = "customer_confirmed"
    """The Customer confirms the resolution."""


class ExpertCosts(StrEnum):
    """Who pays the independent expert."""

    SHARED = "shared"
    """Each party pays half."""
    LOSING_PARTY = "losing_party"
    """The party whose figure is further from the expert's pays."""


# --- deal and parties ----------------------------------------------------------------------


class ExhibitInfo(Model):
    label: Name = "Exhibit C"
    """How the partner agreement refers to this exhibit, e.g. "Exhibit C"."""
    version: Annotated[str, StringConstraints(pattern=r"^[0-9]+(\.[0-9]+){0,2}$")] = "1.0"
    """Version of this exhibit as agreed, e.g. "1.0"; raise it with every signed change."""
    agreement_name: Name = "Channel Partner Agreement"
    """The name of the agreement this exhibit is attached to."""


class Deal(Model):
    id: Identifier
    """Stable identifier of the deal; names the output folder, e.g. "acme-westline-2027"."""
    title: Name
    """Human title of the deal, e.g. "Smart shelf roll-out, US West"."""
    effective_date: dt.date
    """Date the exhibit takes effect (YYYY-MM-DD)."""
    term: Duration
    """How long the exhibit runs, e.g. "2 years" or "24 months"."""
    currency: Annotated[str, StringConstraints(pattern=r"^[A-Z]{3}$")]
    """ISO 4217 code of the deal's currency; every amount in the spec must use it."""
    language: Language = Language.EN
    """Governing language of the exhibit."""
    exhibit: ExhibitInfo = ExhibitInfo.model_construct()
    """Label and version of the exhibit."""
    paper: Literal["letter", "a4"] | None = None
    """Paper size of the Word documents. Default: Letter for a deal whose public-holiday
    calendar (or, without one, time zone) is in the United States or Canada, A4 otherwise."""

    @field_validator("term")
    @classmethod
    def _term_is_calendar(cls, v: Duration) -> Duration:
        """A contract term runs on the calendar, not in business hours."""
        if v.clock != "24x7":
            raise ValueError('a term is calendar time, like "2 years" or "24 months"')
        return v


class Signatory(Model):
    name: Name
    """The person who signs, e.g. "Li Wei"."""
    title: Name
    """Their position, e.g. "Chief Executive Officer"."""


class Brand(Model):
    name: Name
    """Legal name of the hardware brand."""
    short_name: Name = "Brand"
    """How the exhibit refers to the brand after first mention."""
    address: Text | None = None
    """Registered address, shown in the parties block."""
    signatory: Signatory | None = None
    """Who signs the exhibit for the brand; pre-fills the signature block."""


class Partner(Model):
    name: Name
    """Legal name of the channel partner."""
    short_name: Name = "Partner"
    """How the exhibit refers to the partner after first mention."""
    kind: PartnerKind = PartnerKind.SYSTEM_INTEGRATOR
    """Distributor, system integrator, reseller or service partner."""
    tier: Tier = Tier.REGISTERED
    """Partner program tier."""
    territory: Text | None = None
    """Territory the partner serves, e.g. "US West (CA, OR, WA, NV, AZ)"."""
    address: Text | None = None
    """Registered address, shown in the parties block."""
    headcount: Annotated[int, Field(ge=1, le=1_000_000)] | None = None
    """People at the partner; small partners cannot staff nights."""
    signatory: Signatory | None = None
    """Who signs the exhibit for the partner; pre-fills the signature block."""


class Parties(Model):
    brand: Brand
    """The hardware brand."""
    partner: Partner
    """The channel partner who installs and supports the product."""
    customer_role: Name = "Customer"
    """What the exhibit calls the end customer, e.g. "Customer" or "End User"."""


class Contact(Model):
    party: Literal["brand", "partner"]
    """Which side this contact belongs to."""
    role: Name
    """The contact's role, e.g. "Support desk" or "Account manager"."""
    id: Identifier | None = None
    """Short id other sections use to name this contact, e.g. "brand-l2-desk" (in
    ``escalation.tiers[].contact`` and ``escalation.triggers[].contact``)."""
    coverage: Coverage = Coverage.BUSINESS_HOURS
    """When the contact is staffed: "business_hours" or "around_the_clock". A desk that carries
    an around-the-clock obligation must be "around_the_clock"."""
    name: Name | None = None
    """Person's name, when one is named."""
    email: Annotated[str, StringConstraints(pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$")] | None = None
    """E-mail address."""
    phone: Annotated[str, StringConstraints(pattern=r"^\+?[0-9 ()./-]{5,30}$")] | None = None
    """Phone number, with country code."""
    hours: Text | None = None
    """Extra words on when the contact can be reached, e.g. "Monday to Saturday"; the binding
    statement is ``coverage``."""


class LadderStep(Model):
    brand: Name
    """The brand's role at this level, e.g. "Channel Manager"."""
    partner: Name
    """The partner's counterpart at this level, e.g. "Service Manager"."""
    after: Duration | None = None
    """How long a dispute stays at this level before it moves up."""


class Responsibility(Model):
    activity: Name
    """The activity, e.g. "Installation" or "First-line support"."""
    brand: Raci = Raci.NONE
    """Brand's RACI letter(s)."""
    partner: Raci = Raci.NONE
    """Partner's RACI letter(s)."""
    customer: Raci | None = None
    """Customer's RACI letter(s), when the customer has a role."""


# --- calendar -------------------------------------------------------------------------------


_HHMM = re.compile(r"^([01][0-9]|2[0-3]):[0-5][0-9]$")


class DailyHours(Model):
    start: Annotated[str, StringConstraints(pattern=_HHMM.pattern)]
    """Start of the business day, 24-hour "HH:MM" local time."""
    end: Annotated[str, StringConstraints(pattern=r"^(([01][0-9]|2[0-3]):[0-5][0-9]|24:00)$")]
    """End of the business day, "HH:MM" local time (24:00 allowed)."""

    @field_validator("end")
    @classmethod
    def _end_after_start(cls, v: str, info: ValidationInfo) -> str:
        """A business day that ends before it starts cannot be meant."""
        start = info.data.get("start")
        if start and v <= start:
            raise ValueError(f"business hours end ({v}) must be after they start ({start})")
        return v

    @property
    def hours(self) -> Decimal:
        sh, sm = map(int, self.start.split(":"))
        eh, em = map(int, self.end.split(":"))
        return Decimal((eh * 60 + em) - (sh * 60 + sm)) / 60


def _known_zone(v: str | None) -> str | None:
    """The zone name unchanged, or a ValueError that says what a zone name looks like."""
    if v is None:
        return v
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        ZoneInfo(v)
    # OSError: a folder of the zone database ("Europe") or a name too long for a file.
    except (ZoneInfoNotFoundError, ValueError, OSError):
        raise ValueError(f'"{v}" is not an IANA time zone like "America/Los_Angeles"') from None
    return v


HolidayCode = Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}(-[A-Z0-9]{1,3})?$")]
"""An ISO 3166 country code with an optional subdivision, e.g. "NL", "US-CA", "DE-HH"."""


def _codes_as_list(value: object) -> object:
    """One code written alone means a list of one: a spec may say "US-CA" or [BE, NL, LU]."""
    return [value] if isinstance(value, str) else value


HolidayCodes = Annotated[
    list[HolidayCode],
    BeforeValidator(_codes_as_list),
    Field(min_length=1, max_length=20),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "string", "pattern": r"^[A-Z]{2}(-[A-Z0-9]{1,3})?$"},
                {
                    "type": "array",
                    "items": {"type": "string", "pattern": r"^[A-Z]{2}(-[A-Z0-9]{1,3})?$"},
                    "minItems": 1,
                    "maxItems": 20,
                },
            ],
            "examples": ["US-CA", ["BE", "NL", "LU"]],
        }
    ),
]
"""Holiday calendar codes, always held as a list."""


class Calendar(Model):
    timezone: (
        Annotated[str, StringConstraints(pattern=r"^[A-Za-z_]+(/[A-Za-z0-9_+-]+)*$")] | None
    ) = None
    """IANA time zone the business hours are kept in, e.g. "America/Los_Angeles"."""
    working_days: list[Weekday] | None = None
    """Working days, e.g. [mon, tue, wed, thu, fri]."""
    hours: DailyHours | None = None
    """Business hours on a working day."""
    holidays: HolidayCodes | None = None
    """Public-holiday calendar(s): an ISO country code, optionally with region ("US-CA"), or a
    list of them for a territory of several countries, e.g. [BE, NL, LU]."""
    holiday_rule: HolidayRule = HolidayRule.ANY
    """How several holiday calendars combine: "any" (a holiday anywhere listed), "all" (a
    holiday everywhere listed) or "site" (the holidays where the Customer site is)."""

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, v: str | None) -> str | None:
        """An unknown zone would make every business-hours clock meaningless."""
        return _known_zone(v)

    @field_validator("working_days")
    @classmethod
    def _days_unique(cls, v: list[Weekday] | None) -> list[Weekday] | None:
        """A day listed twice is a typo; an empty week has no business hours at all."""
        if v is None:
            return v
        if not v:
            raise ValueError("list at least one working day, e.g. [mon, tue, wed, thu, fri]")
        if len(set(v)) != len(v):
            raise ValueError("a working day is listed twice")
        return sorted(v, key=lambda d: d.index)

    @property
    def is_defined(self) -> bool:
        """True when business-hour clocks can be turned into wall-clock time."""
        return bool(self.timezone and self.working_days and self.hours)


# --- installation and acceptance ------------------------------------------------------------


class Criterion(Model):
    required: bool = True
    """Whether this criterion is part of installation completion for this deal."""
    evidence: Text
    """What proves the criterion is met, e.g. "site photos and the signed checklist"."""
    detail: Text | None = None
    """Anything specific to this deal, e.g. the calibration procedure to follow."""


class CompletionCriteria(Model):
    physical: Criterion
    """Equipment mounted, wired and powered per the installation guide."""
    connectivity: Criterion
    """Every device reaches the cloud or local server."""
    functional: Criterion
    """Basic functions work on every device."""
    integration: Criterion | None = None
    """Integration with the customer's systems (WMS, ERP, POS), where the deal has it."""
    calibration: Criterion | None = None
    """Calibration of sensors, where the product's accuracy depends on it."""
    customer_sign_off: Criterion
    """The customer signs the installation completion checklist."""


class DelayPenalty(Model):
    amount: Percent
    """Penalty per period of delay, as a percentage of the installation fee."""
    per: Duration
    """The delay unit the amount applies to, e.g. "1 business day" or "1 week"."""
    cap: Percent
    """Maximum total delay penalty, as a percentage of the installation fee."""
    grace: Duration | None = None
    """Delay allowed before the penalty starts."""


class Installation(Model):
    lead_time: Duration
    """Time from equipment arrival on site to installation completion, e.g. "10 business days"."""
    criteria: CompletionCriteria
    """What "installed" means: every required criterion with its evidence."""
    report_within: Duration | None = None
    """The partner's installation report is due this long after completion, e.g. "24h"."""
    payment_milestone: Percent | None = None
    """Share of the milestone base paid on installation completion. Prefer
    ``commercial.milestones``, which also states the balance, the payer and the base."""
    delay_penalty: DelayPenalty | None = None
    """Penalty for installing later than the lead time, if any."""


class SimpleTest(Model):
    duration: Duration
    """How long the test runs, e.g. "5 days"."""
    criteria: Text
    """What passing means."""


class PerformanceTest(Model):
    duration: Duration
    """How long the test runs, e.g. "14 days"."""
    metric: Name | None = None
    """The measured performance metric, e.g. "weight-sensing accuracy"."""
    threshold: (
        Annotated[
            str, StringConstraints(pattern=r"^(>=|<=|>|<|=)\s*[0-9]+(\.[0-9]+)?\s*(%|[A-Za-z]+)?$")
        ]
        | None
    ) = None
    """The pass mark, e.g. ">= 95%" or "<= 200 ms"."""
    method: Text | None = None
    """How it is measured, e.g. "1,000 reference weighings across all shelves"."""


class StabilityTest(Model):
    duration: Duration
    """Continuous run length, e.g. "14 days"."""
    max_downtime: Duration
    """Total downtime allowed during the run, e.g. "2h"."""


class AcceptanceTests(Model):
    functional: SimpleTest
    """Every function in the statement of work works."""
    performance: PerformanceTest
    """The promised performance figure is reached."""
    stability: StabilityTest
    """The system runs continuously with little downtime."""
    training: SimpleTest
    """The customer's operators can run the system on their own."""


class Acceptance(Model):
    window: Duration
    """Time the customer has from installation completion to finish the acceptance test."""
    tests: AcceptanceTests
    """The four acceptance tests."""
    fix_period: Duration
    """Time the partner has to fix a failed test, at its own cost."""
    max_attempts: Annotated[int, Field(ge=1, le=10)] = 2
    """Failed attempts after which the customer may reject delivery."""
    payment_milestone: Percent | None = None
    """Share of the milestone base paid on acceptance sign-off. Prefer
    ``commercial.milestones``, which also states the balance, the payer and the base."""
    tests_run_in_parallel: bool = False
    """Whether the tests may overlap in time (otherwise they run one after another)."""
    window_extends_for_fixes: bool = True
    """The window is extended by each fix period and by the time needed to repeat the failed
    test, so a failure late in the window still leaves room to fix and retest."""
    deemed_after: Duration | None = Duration.parse("7 days")
    """If the Customer neither signs the acceptance record nor reports a failed test within
    this time after the last test ends, Acceptance is deemed given; null turns it off."""
    deemed_on_use: bool = True
    """Productive use of the installed Products (other than for testing) before the tests end
    counts as Acceptance."""
    on_lapse: LapseRule = LapseRule.DEEMED_ACCEPTANCE
    """What happens when the window (as extended) ends before the tests are finished for a
    reason the partner is not responsible for: "deemed_acceptance", "extension" or
    "rejection"."""
    lapse_extension: Duration | None = None
    """For on_lapse "extension": how long the window is extended, e.g. "14 days"."""

    @model_validator(mode="after")
    def _extension_length(self) -> "Acceptance":
        """An extension must say how long it is, or the new deadline cannot be computed."""
        if self.on_lapse == LapseRule.EXTENSION and self.lapse_extension is None:
            raise ValueError('on_lapse "extension" needs "lapse_extension", e.g. 14 days')
        return self


# --- support ---------------------------------------------------------------------------------


class Priority(Model):
    id: PriorityId
    """P0 (most urgent) to P3."""
    name: Name
    """Short name, e.g. "Critical"."""
    definition: Text
    """What makes a ticket this priority."""
    example: Text
    """A concrete example from this product."""
    response: Duration
    """Time from ticket submission to the partner's first response; the unit carries the clock
    ("2h" runs around the clock, "4 business hours" only in business hours)."""
    resolution: Duration
    """Resolution target (a target, not a guarantee)."""
    workaround: Workaround = Workaround.ACCEPTABLE
    """Whether a workaround counts towards resolution."""
    escalate_after: Duration | None = None
    """Unresolved this long, the ticket goes to the next tier."""


class Target(Model):
    target: Percent
    """The target percentage."""
    period: Period
    """The period it is measured over."""


class MissRateTarget(Model):
    target: Percent
    """Highest acceptable share of tickets whose response target is missed."""
    period: Period
    """The period it is measured over."""


class FcrTraining(Model):
    below: Percent = Decimal(70)
    """The FCR rate below which the obligation arises."""
    consecutive_periods: Annotated[int, Field(ge=1, le=12)] = 2
    """Periods in a row below the rate."""
    within: Duration = Duration.parse("30 days")
    """Time after the second low period's SLA Report by which the training is completed."""
    provider: Literal["brand", "partner"] = "brand"
    """Who delivers the training; the partner pays for it either way (trainer's fees, travel
    and its own staff's time)."""


class Fcr(Model):
    target: Percent
    """Share of tickets fixed permanently in the first contact."""
    period: Period
    """The period it is measured over."""
    recurrence_window: Duration | None = None
    """A fix only counts if the issue does not come back within this time, e.g. "7 days"."""
    serious_below: Percent | None = None
    """Below this, the shortfall is serious (e.g. 50%)."""
    training: FcrTraining | None = None
    """Retraining at the partner's cost after a sustained low rate, e.g. below 70% for two
    months running (the seed framework's rule); null: no training obligation."""


class Csat(Model):
    scale: Annotated[int, Field(ge=2, le=100)] = 5
    """Top of the survey scale (1 to this)."""
    target: Number
    """Target average score on the scale."""
    period: Period
    """The period it is measured over."""
    min_response_rate: Percent | None = None
    """Below this survey response rate the period's CSAT counts for neither penalty nor reward."""


class Availability(Model):
    target: Percent
    """Share of the period the service is available, e.g. 99.5."""
    period: Period
    """The period it is measured over."""
    exclusions: Annotated[list[Text], Field(max_length=MAX_LIST_ITEMS)] = []
    """What does not count as downtime, e.g. announced maintenance windows."""


class EmergencyLine(Model):
    phone: Annotated[str, StringConstraints(pattern=r"^\+?[0-9 ()./-]{5,30}$")]
    """The line's number, with country code, e.g. "+1 415 555 0199"."""
    operator: Literal["brand", "partner"] = "brand"
    """Who answers the line (around the clock)."""
    paid: bool = True
    """Whether calls are charged to the Customer."""
    fee: Money | None = None
    """The charge per call or per incident, when one is agreed."""
    counts_towards_targets: bool = False
    """Whether calls to the line count for the partner's service levels."""


class Support(Model):
    package: Package
    """Standard (business hours) or premium (24/7)."""
    priorities: Annotated[list[Priority], Field(min_length=1, max_length=10)]
    """Priority levels, most urgent first."""
    response_miss_rate: MissRateTarget | None = None
    """Target for the share of tickets whose response target is missed."""
    resolution_achievement: Target
    """Share of tickets resolved within their resolution target."""
    fcr: Fcr
    """First-call resolution."""
    csat: Csat
    """Customer satisfaction."""
    availability: Availability | None = None
    """Service availability, when the deal promises one."""
    emergency_line: Text | None = None
    """Free text on what the customer may do outside the package's hours. Prefer
    ``emergency``, which carries the number and who runs the line."""
    emergency: EmergencyLine | None = None
    """The paid emergency line a Customer may call outside the package's hours."""
    on_call: bool | None = None
    """Whether the partner staffs nights and weekends (premium implies it). On a standard
    package it covers every priority with an around-the-clock clock."""

    @field_validator("priorities")
    @classmethod
    def _priority_ids(cls, v: list[Priority]) -> list[Priority]:
        """Two P1 rows would make the response table ambiguous."""
        return _unique(v, "id", "priority")


# --- escalation ---------------------------------------------------------------------------------


class EscalationTier(Model):
    level: Annotated[str, StringConstraints(pattern=r"^L[1-9]$")]
    """Tier id, L1 to L9."""
    owner: Literal["brand", "partner"]
    """Which side staffs the tier."""
    name: Name
    """Who works at this tier, e.g. "Partner first-line support"."""
    expected_share: Percent
    """Share of tickets expected to end at this tier."""
    scope: Text | None = None
    """What this tier handles."""
    contact: Identifier | None = None
    """Id of the contact (in ``contacts``) that receives Tickets at this tier; its coverage
    is the tier's coverage."""

    @property
    def key(self) -> str:
        """How triggers name this tier: owner and level, e.g. "brand L2"."""
        return f"{self.owner} {self.level}"


TierRef = Annotated[str, StringConstraints(pattern=r"^(brand|partner) L[1-9]$")]
"""A tier named by its owner and level, e.g. "brand L2" or "partner L2"."""


class Trigger(Model):
    kind: TriggerKind
    """What starts the escalation."""
    priority: PriorityId | None = None
    """The priority it applies to (for "unresolved")."""
    after: Duration | None = None
    """How long before it fires (for "unresolved" and "l2_unresolved")."""
    count: Annotated[int, Field(ge=2, le=100)] | None = None
    """Occurrences before it fires (for "repeat_issue")."""
    to: Name | None = None
    """Free-text name of where the ticket goes, e.g. "Brand L2". Prefer ``tier`` or
    ``contact``, which must name a tier or a contact that exists."""
    tier: TierRef | None = None
    """The tier the ticket goes to, by owner and level, e.g. "brand L2"."""
    contact: Identifier | None = None
    """The contact (by ``id``) to be told or to receive the ticket, e.g. "brand-account"."""

    @model_validator(mode="after")
    def _fields_for_kind(self) -> "Trigger":
        """Each kind needs its own detail, or the clause cannot say when it fires."""
        if self.to is None and self.tier is None and self.contact is None:
            raise ValueError('a trigger needs a destination: tier (e.g. "brand L2") or contact')
        if self.kind in (TriggerKind.UNRESOLVED, TriggerKind.L2_UNRESOLVED) and self.after is None:
            raise ValueError(f'a "{self.kind}" trigger needs "after", e.g. after: 2h')
        if self.kind == TriggerKind.UNRESOLVED and self.priority is None:
            raise ValueError('an "unresolved" trigger needs "priority", e.g. priority: P0')
        if self.kind == TriggerKind.REPEAT_ISSUE and self.count is None:
            raise ValueError('a "repeat_issue" trigger needs "count", e.g. count: 3')
        return self


class Escalation(Model):
    tiers: Annotated[list[EscalationTier], Field(min_length=1, max_length=9)]
    """Support tiers, first line first."""
    triggers: Annotated[list[Trigger], Field(max_length=MAX_LIST_ITEMS)] = []
    """When a ticket moves to another tier or to the brand."""
    brand_l2_response: dict[PriorityId, Duration] = {}
    """How fast the brand's receiving tier answers an escalated ticket, per priority."""
    brand_tier: TierRef | None = None
    """The brand tier that receives escalations and answers within ``brand_l2_response``,
    e.g. "brand L2"; unset: the brand's lowest tier."""
    late_escalation_cost: bool = True
    """A partner that escalates late bears the customer's extra cost."""

    @field_validator("tiers")
    @classmethod
    def _tier_ids(cls, v: list[EscalationTier]) -> list[EscalationTier]:
        """Two partner L2 tiers would make the table ambiguous (a brand L2 and a partner L2
        are two tiers)."""
        return _unique(v, "key", "tier")

    def tier(self, key: str) -> EscalationTier | None:
        """The tier named "brand L2" (owner and level), or None."""
        return next((t for t in self.tiers if t.key == key), None)

    def receiving_brand_tier(self) -> EscalationTier | None:
        """The brand tier escalations go to: ``brand_tier``, else the brand's lowest tier."""
        if self.brand_tier:
            return self.tier(self.brand_tier)
        brand = [t for t in self.tiers if t.owner == "brand"]
        return min(brand, key=lambda t: t.level) if brand else None


# --- penalties and rewards ------------------------------------------------------------------


class SeverityStep(Model):
    trigger: Number = Decimal(30)
    """The worse level, on the rule's own scale (e.g. 30 for a 30% miss rate)."""
    consecutive_periods: Annotated[int, Field(ge=1, le=12)] = 2
    """Periods in a row at the worse level."""
    amount: Percent = Decimal(10)
    """The heavier amount, as a percentage of the rule's base, for each of those periods."""
    improvement_plan: bool = True
    """Whether the partner must also deliver a written improvement plan."""


class Penalty(Model):
    metric: Metric
    """The measured service level."""
    target: Number
    """The agreed target for this metric (percent, or score for CSAT)."""
    trigger: Number
    """The level at which the penalty applies; must leave a grace band beyond the target."""
    period: Period
    """The period measured."""
    consecutive_periods: Annotated[int, Field(ge=1, le=12)] = 1
    """Periods in a row the trigger must be hit."""
    amount: Percent
    """Penalty as a percentage of the base."""
    base: PenaltyBase = PenaltyBase.REVENUE_SHARE
    """What the percentage is taken of."""
    destination: Destination | None = None
    """Where the money goes; default is the deal-wide destination."""
    improvement_plan: bool = False
    """Whether the partner must also deliver a written improvement plan."""
    escalates: SeverityStep | None = None
    """A heavier step for a worse, sustained miss, e.g. above 30% two months running: 10%
    and an improvement plan (it replaces this rule's amount for those periods)."""


class Waiver(Model):
    after_periods_met: Annotated[int, Field(ge=1, le=12)]
    """Consecutive periods on target that earn the waiver."""
    period: Period
    """The period counted."""
    waives: Annotated[int, Field(ge=1, le=12)] = 1
    """How many following periods' penalties are waived."""


class Penalties(Model):
    rules: Annotated[list[Penalty], Field(max_length=MAX_LIST_ITEMS)] = []
    """The penalty table."""
    destination: Destination = Destination.CUSTOMER_CREDIT
    """Where penalty money goes unless a rule says otherwise."""
    cap_per_period: Percent | None = None
    """Maximum total of all Service Credits in one settlement period, as a percentage of
    that period's base."""
    cap_per_contract_year: Percent | None = None
    """Maximum total of all Service Credits in one Contract Year, as a percentage of that
    year's base."""
    delay_credits_count_towards_caps: bool = False
    """Whether installation delay credits count towards the caps above (otherwise they have
    only their own cap in ``installation.delay_penalty.cap``)."""
    position: RemedyPosition = RemedyPosition.SOLE_AND_EXCLUSIVE
    """"sole_and_exclusive": Service Credits are the only remedy for the missed level itself;
    "without_prejudice": they are in addition to other rights."""
    wording: CreditWording = CreditWording.SERVICE_CREDIT
    """Name the deductions "Service Credits" (default) or "penalties"."""
    settlement: Period = Period.QUARTER
    """When penalties are computed and settled."""
    waiver: Waiver | None = None
    """Waiver for a partner back on target."""
    cure_period: Duration | None = None
    """Time the partner has after notice of a miss before the credit is applied: to dispute
    the figures and to present a remediation plan (a past period's figure cannot be cured)."""


class Reward(Model):
    metric: Metric
    """The measured service level."""
    threshold: Number
    """The level that earns the reward; must be better than the target."""
    period: Period
    """The period measured."""
    consecutive_periods: Annotated[int, Field(ge=1, le=12)] | None = 2
    """Periods in a row the threshold must be held."""
    kind: RewardKind
    """Revenue-share points, a wholesale discount, or a one-time amount."""
    amount: Percent | None = None
    """Points or discount, as a percentage (for revenue-share points and discounts)."""
    payment: Money | None = None
    """The one-time amount (for a one-time reward)."""
    perks: Annotated[list[Text], Field(max_length=MAX_LIST_ITEMS)] = []
    """Non-monetary benefits, e.g. priority on new product lines."""

    @model_validator(mode="after")
    def _value_for_kind(self) -> "Reward":
        """A reward must say what it pays, in the form its kind needs."""
        if self.kind == RewardKind.ONE_TIME and self.payment is None:
            raise ValueError('a one-time reward needs "payment", e.g. payment: "USD 10,000"')
        if self.kind != RewardKind.ONE_TIME and self.amount is None:
            raise ValueError(f'a "{self.kind}" reward needs "amount", e.g. amount: 3%')
        return self


# --- the rest of the exhibit -------------------------------------------------------------


class ExcusableDelays(Model):
    categories: Annotated[list[DelayCategory], Field(min_length=1, max_length=MAX_LIST_ITEMS)]
    """Causes that excuse a miss."""
    notice_within: Duration
    """The partner must notify the brand, with documents, within this time."""
    dispute: Text = "Disputes go first to both parties' management under the escalation ladder."
    """How a disputed claim is settled."""


class ComplaintClassEntry(Model):
    id: ComplaintClass
    """Service, product or expectation."""
    owner: Party
    """Who answers for this class."""
    counts: bool
    """Whether complaints of this class count for penalties and rewards."""
    examples: Text
    """Typical complaints of this class."""


class Complaints(Model):
    classes: Annotated[list[ComplaintClassEntry], Field(min_length=1, max_length=MAX_LIST_ITEMS)]
    """Complaint classes."""
    review: Period = Period.MONTH
    """How often brand and partner classify complaints together."""

    @field_validator("classes")
    @classmethod
    def _class_ids(cls, v: list[ComplaintClassEntry]) -> list[ComplaintClassEntry]:
        """One row per class."""
        return _unique(v, "id", "complaint class")


class Reporting(Model):
    period: Period = Period.MONTH
    """How often the partner reports."""
    due_day: Annotated[int, Field(ge=1, le=28)] | None = None
    """Day of the following month the report is due, e.g. 5."""
    contents: Annotated[list[Text], Field(max_length=MAX_LIST_ITEMS)] = []
    """What the report contains, beyond the metrics table."""
    review_meeting: Period | None = None
    """How often brand and partner meet to review."""


class Review(Model):
    cadence: Period | None = None
    """How often targets are reviewed."""
    change_notice: Duration | None = None
    """Notice needed before a target change takes effect, e.g. "60 days"."""


class Termination(Model):
    metric: Metric
    """The measured service level."""
    below: Number
    """The level that, sustained, allows termination."""
    consecutive_periods: Annotated[int, Field(ge=1, le=12)]
    """Periods in a row."""
    period: Period
    """The period measured."""
    remedy: Text | None = None
    """Free text on what the brand may do. Prefer ``actions``, which the exhibit words and
    defines."""
    actions: Annotated[list[TerminationAction], Field(max_length=6)] = []
    """What the brand may do, e.g. [additional_resources, reduce_revenue_share,
    backup_partner] or [terminate_appointment]."""
    notice: Duration = Duration.parse("30 days")
    """Written notice the brand gives before a termination takes effect."""
    share_reduction: Percent | None = None
    """For reduce_revenue_share: points taken off the revenue share, e.g. 5%."""

    @model_validator(mode="after")
    def _says_what(self) -> "Termination":
        """A termination row must say what the brand may do, with an amount for a share cut."""
        if self.remedy is None and not self.actions:
            raise ValueError("say what the brand may do: actions, e.g. [terminate_appointment]")
        if TerminationAction.REDUCE_REVENUE_SHARE in self.actions and self.share_reduction is None:
            raise ValueError('reduce_revenue_share needs "share_reduction", e.g. 5%')
        return self


class PilotBaseline(Model):
    measured_over: Duration
    """How long the pilot ran, e.g. "3 months"."""
    response_median: dict[PriorityId, Duration] = {}
    """The partner's measured median response per priority."""
    resolution_median: dict[PriorityId, Duration] = {}
    """The partner's measured median resolution per priority."""
    fcr: Percent | None = None
    """Measured first-call resolution."""
    csat: Number | None = None
    """Measured CSAT."""
    resolution_achievement: Percent | None = None
    """Measured resolution achievement."""


class RampYear(Model):
    year: Annotated[int, Field(ge=1, le=10)]
    """Contract year (1 is the first)."""
    response: dict[PriorityId, Duration] = {}
    """Response targets for that year, per priority."""
    resolution: dict[PriorityId, Duration] = {}
    """Resolution targets for that year, per priority."""
    fcr: Percent | None = None
    """FCR target for that year."""
    csat: Number | None = None
    """CSAT target for that year."""
    resolution_achievement: Percent | None = None
    """Resolution achievement target for that year."""


class Measurement(Model):
    system_of_record: Text = "the Partner's ticketing system"
    """Where Tickets and their timestamps are recorded; the figures in the SLA Reports are
    taken from it."""
    brand_access: bool = True
    """Whether the brand has read access to the system of record."""
    clock_start: ClockStart = ClockStart.FIRST_CONTACT
    """Which timestamp starts a Ticket's clocks: "first_contact" or "ticket_logged"."""
    resolution_stop: ResolutionStop = ResolutionStop.PARTNER_MARKED
    """Which timestamp stops the resolution clock: "partner_marked" or
    "customer_confirmed"."""
    reopen_within: Duration = Duration.parse("7 days")
    """For "partner_marked": a Ticket the Customer reopens within this time was never
    resolved."""
    timezone: (
        Annotated[str, StringConstraints(pattern=r"^[A-Za-z_]+(/[A-Za-z0-9_+-]+)*$")] | None
    ) = None
    """IANA time zone in which around-the-clock clocks and period boundaries are kept;
    unset: the calendar's time zone."""
    records_kept_for: Duration = Duration.parse("2 years")
    """How long the partner keeps Ticket records and survey results."""
    audits_per_year: Annotated[int, Field(ge=0, le=12)] = 1
    """How often per Contract Year the brand may audit the records (0: no audit right)."""
    audit_notice: Duration = Duration.parse("14 days")
    """Notice the brand gives before an audit."""
    audit_cost_shift: Percent = Decimal(5)
    """If an audit finds the reported figures wrong by more than this (in the partner's
    favour), the partner pays for the audit."""

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, v: str | None) -> str | None:
        """An unknown zone would leave period boundaries undefined."""
        return _known_zone(v)


class Disputes(Model):
    """Defaults are calendar days, so a spec without a business calendar stays well defined."""

    notice_within: Duration = Duration.parse("14 days")
    """Time after an SLA Report within which a party may dispute a figure in it, in writing
    with its reasons."""
    meeting_within: Duration = Duration.parse("14 days")
    """Time after the notice within which the parties' representatives meet."""
    expert_after: Duration = Duration.parse("30 days")
    """Time after the notice after which either party may refer the figure to an
    independent expert."""
    expert: Text = "an independent accountant or service-management expert agreed by the parties"
    """Who decides a disputed figure; the expert decides as an expert, not as an arbitrator."""
    expert_costs: ExpertCosts = ExpertCosts.LOSING_PARTY
    """Who pays the expert: "losing_party" or "shared"."""


class Milestone(Model):
    event: MilestoneEvent
    """When it falls due: signature, delivery, installation_completion, acceptance or
    after_acceptance."""
    share: Percent
    """Share of the milestone base, e.g. 40%."""
    after: Duration | None = None
    """For after_acceptance: how long after Acceptance, e.g. "90 days"."""

    @model_validator(mode="after")
    def _after_for_balance(self) -> "Milestone":
        """A milestone after acceptance must say when."""
        if self.event == MilestoneEvent.AFTER_ACCEPTANCE and self.after is None:
            raise ValueError('an "after_acceptance" milestone needs "after", e.g. after: 90 days')
        return self


class Exclusivity(Model):
    exclusive: bool = True
    """Whether the partner is the only partner the brand appoints in the territory."""
    territory: Text | None = None
    """The exclusive territory; unset: the partner's territory."""
    conditional_on_minimum: bool = True
    """Whether exclusivity depends on the partner reaching ``minimum_annual_revenue``."""


class Commercial(Model):
    product: Name | None = None
    """What one unit is, in the singular, e.g. "smart shelf"."""
    units: Annotated[int, Field(ge=1, le=100_000_000)] | None = None
    """Units of the Products in the first project, e.g. 100."""
    unit_price: Money | None = None
    """Price of one unit, e.g. "USD 5,000"."""
    contract_value: Money | None = None
    """Price of the first project (the "Project Price"), e.g. "USD 500,000"."""
    installation_fee: Money | None = None
    """Fee for installing and commissioning the first project (the "Installation Fee");
    delay credits are a percentage of it."""
    revenue_share: Percent | None = None
    """The partner's Revenue Share, e.g. 30%."""
    revenue_share_basis: Text | None = None
    """What the Revenue Share is a share of, e.g. "net revenue from Products sold in the
    Territory"."""
    minimum_annual_revenue: Money | None = None
    """Revenue the partner commits to per Contract Year, e.g. "USD 500,000"."""
    payment_terms: Duration | None = None
    """Time to pay an invoice, e.g. "30 days" (net 30)."""
    payer: Literal["brand", "partner"] = "brand"
    """Who pays the milestone base."""
    payee: Literal["brand", "partner"] = "partner"
    """Who receives it."""
    milestone_base: MilestoneBase = MilestoneBase.INSTALLATION_FEE
    """What the milestones are shares of: "installation_fee" or "contract_value"."""
    milestones: Annotated[list[Milestone], Field(max_length=10)] = []
    """Payment milestones; their shares add up to 100%."""
    exclusivity: Exclusivity | None = None
    """Whether, where and on what condition the partner is exclusive."""
    support_fee: Money | None = None
    """Fee for the standard support package per ``support_fee_period``."""
    support_fee_period: Period = Period.YEAR
    """The period the support fee is charged for."""
    premium_uplift: Percent = Decimal(20)
    """Surcharge on the support fee for the premium (around-the-clock) package."""

    @model_validator(mode="after")
    def _closes(self) -> "Commercial":
        """Milestones that do not add up to 100% leave part of the price unpaid or paid twice;
        payer and payee must differ."""
        if self.payer == self.payee:
            raise ValueError("payer and payee are the same party")
        if self.milestones:
            total = sum((m.share for m in self.milestones), Decimal(0))
            if total != 100:
                raise ValueError(
                    f"milestones add up to {total.normalize():f}%, not 100%; state the balance, "
                    "e.g. {event: after_acceptance, share: 10%, after: 90 days}"
                )
        return self

    def milestone(self, event: MilestoneEvent) -> Milestone | None:
        """The milestone for ``event``, or None."""
        return next((m for m in self.milestones if m.event == event), None)


class ClauseSelection(Model):
    include: Annotated[list[Identifier], Field(max_length=MAX_LIST_ITEMS)] = []
    """Optional clauses to add by id."""
    exclude: Annotated[list[Identifier], Field(max_length=MAX_LIST_ITEMS)] = []
    """Optional clauses to drop by id."""

    @model_validator(mode="after")
    def _disjoint(self) -> "ClauseSelection":
        """A clause cannot be both added and dropped."""
        both = sorted(set(self.include) & set(self.exclude))
        if both:
            raise ValueError(f"clause(s) both included and excluded: {', '.join(both)}")
        return self


class LintSettings(Model):
    waive: Annotated[
        dict[Annotated[str, StringConstraints(pattern=r"^[A-Z]{2,4}[0-9]{3}$")], Text],
        Field(max_length=MAX_LIST_ITEMS),
    ] = {}
    """Findings waived for this deal, by code, each with its written reason."""


class DealSpec(Model):
    """A channel-partner deal: everything its SLA exhibit says."""

    model_config = ConfigDict(title="contractgen deal spec")

    deal: Deal
    """The deal itself."""
    parties: Parties
    """Brand, partner and the customer's role name."""
    contacts: Annotated[list[Contact], Field(max_length=MAX_LIST_ITEMS)] = []
    """Points of contact on both sides."""
    management_ladder: Annotated[list[LadderStep], Field(max_length=10)] = []
    """Management escalation ladder, lowest level first."""
    responsibilities: Annotated[list[Responsibility], Field(max_length=MAX_LIST_ITEMS)] = []
    """Responsibilities (RACI) matrix."""
    calendar: Calendar = Calendar.model_construct()
    """Business calendar for business-hour clocks."""
    installation: Installation
    """Installation completion."""
    acceptance: Acceptance
    """Acceptance test."""
    support: Support
    """Support package, priorities and service-level targets."""
    escalation: Escalation
    """Escalation tiers and triggers."""
    penalties: Penalties = Penalties.model_construct()
    """Penalties for missed targets."""
    rewards: Annotated[list[Reward], Field(max_length=MAX_LIST_ITEMS)] = []
    """Rewards for exceptional performance."""
    excusable_delays: ExcusableDelays | None = None
    """Misses that carry no penalty."""
    complaints: Complaints | None = None
    """Complaint classification."""
    reporting: Reporting = Reporting.model_construct()
    """The partner's SLA report."""
    review: Review = Review.model_construct()
    """Review and adjustment of targets."""
    termination: Annotated[list[Termination], Field(max_length=MAX_LIST_ITEMS)] = []
    """Termination for sustained misses."""
    commercial: Commercial | None = None
    """Commercial terms the exhibit relies on: units, prices, fees, revenue share, payment
    milestones and exclusivity."""
    measurement: Measurement = Measurement.model_construct()
    """How the service levels are measured: system of record, timestamps, time zone, records
    and audit."""
    disputes: Disputes = Disputes.model_construct()
    """Procedure for disputed figures: notice, meeting, then an independent expert."""
    precedence: Annotated[list[Document], Field(min_length=1, max_length=4)] = [
        Document.EXHIBIT,
        Document.APPENDICES,
        Document.STATEMENT_OF_WORK,
        Document.AGREEMENT,
    ]
    """Order of precedence, highest first, for the matters this exhibit covers: exhibit,
    appendices, statement_of_work, agreement."""
    pilot: PilotBaseline | None = None
    """The partner's measured performance in a pilot."""
    ramp: Annotated[list[RampYear], Field(max_length=10)] = []
    """Targets year by year."""
    clauses: ClauseSelection = ClauseSelection.model_construct()
    """Optional clauses to include or exclude."""
    lint: LintSettings = LintSettings.model_construct()
    """Lint findings waived for this deal."""

    @field_validator("ramp")
    @classmethod
    def _ramp_years(cls, v: list[RampYear]) -> list[RampYear]:
        """Years must be listed once each and in order, so the table reads year by year."""
        years = [r.year for r in v]
        if len(set(years)) != len(years):
            raise ValueError("a ramp year is listed twice")
        if years != sorted(years):
            raise ValueError("list ramp years in order: year 1 first")
        return v

    @field_validator("precedence")
    @classmethod
    def _precedence_once(cls, v: list[Document]) -> list[Document]:
        """A document listed twice has two ranks."""
        if len(set(v)) != len(v):
            raise ValueError("a document is listed twice in the order of precedence")
        return v

    def priority(self, pid: str) -> Priority | None:
        """The priority with this id, or None."""
        return next((p for p in self.support.priorities if p.id == pid), None)

    def contact(self, cid: str) -> Contact | None:
        """The contact with this ``id``, or None."""
        return next((c for c in self.contacts if c.id == cid), None)

    def escalation_target(self, trigger: Trigger) -> EscalationTier | Contact | None:
        """Where a trigger sends a ticket: its tier, else its contact, else the tier or
        contact its free-text ``to`` names ("Brand L2" = the brand's L2 tier, or a tier's
        name, or a contact's role or id); None when nothing matches."""
        if trigger.tier:
            return self.escalation.tier(trigger.tier)
        if trigger.contact:
            return self.contact(trigger.contact)
        text = " ".join((trigger.to or "").lower().split())
        for tier in self.escalation.tiers:
            names = {tier.key.lower(), tier.name.lower()}
            if tier.owner == "brand":
                names.add(f"{self.parties.brand.short_name.lower()} {tier.level.lower()}")
            else:
                names.add(f"{self.parties.partner.short_name.lower()} {tier.level.lower()}")
            if text in names:
                return tier
        for c in self.contacts:
            if text in {c.role.lower(), (c.id or "").lower()}:
                return c
        return None


def cross_field_errors(spec: DealSpec) -> list[tuple[tuple[str | int, ...], str]]:
    """Contradictions between sections that no single field can see, with the field to blame.

    Kept out of a model validator so each error points at the exact field, not the whole file.
    """
    errors: list[tuple[tuple[str | int, ...], str]] = []
    for i, reward in enumerate(spec.rewards):
        if reward.payment and reward.payment.currency != spec.deal.currency:
            errors.append(
                (
                    ("rewards", i, "payment"),
                    f"amount is in {reward.payment.currency}, but the deal's currency is "
                    f"{spec.deal.currency}",
                )
            )
    errors += _reference_errors(spec)
    errors += _commercial_errors(spec)
    known = {p.id for p in spec.support.priorities}
    for i, trig in enumerate(spec.escalation.triggers):
        if trig.priority and trig.priority not in known:
            errors.append(
                (("escalation", "triggers", i, "priority"), _unknown_priority(trig.priority, known))
            )
    maps: list[tuple[tuple[str | int, ...], dict]] = [
        (("escalation", "brand_l2_response"), spec.escalation.brand_l2_response)
    ]
    if spec.pilot:
        maps.append((("pilot", "response_median"), spec.pilot.response_median))
        maps.append((("pilot", "resolution_median"), spec.pilot.resolution_median))
    for i, year in enumerate(spec.ramp):
        maps.append((("ramp", i, "response"), year.response))
        maps.append((("ramp", i, "resolution"), year.resolution))
    for loc, mapping in maps:
        for pid in mapping:
            if pid not in known:
                errors.append(((*loc, pid), _unknown_priority(pid, known)))
    return errors


def _unknown_priority(pid: str, known: set[str]) -> str:
    return f"priority {pid} is not defined in support.priorities ({', '.join(sorted(known))})"


def _reference_errors(spec: DealSpec) -> list[tuple[tuple[str | int, ...], str]]:
    """Structured references (tier, contact) must name something that exists."""
    errors: list[tuple[tuple[str | int, ...], str]] = []
    tiers = [t.key for t in spec.escalation.tiers]
    ids = [c.id for c in spec.contacts if c.id]
    if len(set(ids)) != len(ids):
        dup = next(i for i in ids if ids.count(i) > 1)
        pos = [k for k, c in enumerate(spec.contacts) if c.id == dup][-1]
        errors.append((("contacts", pos, "id"), f'contact id "{dup}" is used twice'))

    def tier_error(loc: tuple[str | int, ...], key: str) -> None:
        if key not in tiers:
            errors.append((loc, f'there is no tier "{key}"; tiers are: {", ".join(tiers)}'))

    def contact_error(loc: tuple[str | int, ...], cid: str) -> None:
        if cid not in ids:
            known = ", ".join(ids) or 'none (give a contact an "id")'
            errors.append((loc, f'there is no contact with id "{cid}"; ids are: {known}'))

    for i, trig in enumerate(spec.escalation.triggers):
        if trig.tier:
            tier_error(("escalation", "triggers", i, "tier"), trig.tier)
        if trig.contact:
            contact_error(("escalation", "triggers", i, "contact"), trig.contact)
    for i, tier in enumerate(spec.escalation.tiers):
        if tier.contact:
            contact_error(("escalation", "tiers", i, "contact"), tier.contact)
    if spec.escalation.brand_tier:
        tier_error(("escalation", "brand_tier"), spec.escalation.brand_tier)
        if not spec.escalation.brand_tier.startswith("brand "):
            errors.append((("escalation", "brand_tier"), "brand_tier must be a brand tier"))
    return errors


def _commercial_errors(spec: DealSpec) -> list[tuple[tuple[str | int, ...], str]]:
    """Amounts in the deal's currency; the old milestone fields agree with the new list."""
    errors: list[tuple[tuple[str | int, ...], str]] = []
    cur = spec.deal.currency
    com = spec.commercial
    amounts: list[tuple[tuple[str | int, ...], Money | None]] = []
    if spec.support.emergency:
        amounts.append((("support", "emergency", "fee"), spec.support.emergency.fee))
    if com is not None:
        for name in (
            "unit_price",
            "contract_value",
            "installation_fee",
            "minimum_annual_revenue",
            "support_fee",
        ):
            amounts.append((("commercial", name), getattr(com, name)))
    for loc, value in amounts:
        if value is not None and value.currency != cur:
            errors.append((loc, f"amount is in {value.currency}, but the deal's currency is {cur}"))
    if com is None or not com.milestones:
        return errors
    for section, event in (
        ("installation", MilestoneEvent.INSTALLATION_COMPLETION),
        ("acceptance", MilestoneEvent.ACCEPTANCE),
    ):
        old = getattr(spec, section).payment_milestone
        new = com.milestone(event)
        if old is not None and (new is None or new.share != old):
            said = f"{new.share.normalize():f}%" if new else "nothing"
            errors.append(
                (
                    (section, "payment_milestone"),
                    f"{old.normalize():f}% here, but commercial.milestones says {said} for "
                    f"{event.value}; keep one (commercial.milestones) and delete this field",
                )
            )
    return errors

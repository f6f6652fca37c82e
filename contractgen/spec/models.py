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
    ConfigDict,
    Field,
    StringConstraints,
    ValidationInfo,
    field_validator,
    model_validator,
)

from contractgen.spec.docstrings import add_descriptions
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
        # Field docstrings become schema descriptions when a schema is generated (see
        # docstrings.py), not at import: lint starts faster. Nested models are built once, as
        # part of DealSpec, rather than each on its own first; that is also why a section's
        # default is written ``Section.model_construct()`` (the same empty section, made
        # without compiling a validator of its own at import).
        json_schema_extra=add_descriptions,
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
    def index(self) -> int:
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
    name: Name | None = None
    """Person's name, when one is named."""
    email: Annotated[str, StringConstraints(pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$")] | None = None
    """E-mail address."""
    phone: Annotated[str, StringConstraints(pattern=r"^\+?[0-9 ()./-]{5,30}$")] | None = None
    """Phone number, with country code."""
    hours: Text | None = None
    """When this contact can be reached, if not business hours."""


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


class Calendar(Model):
    timezone: (
        Annotated[str, StringConstraints(pattern=r"^[A-Za-z_]+(/[A-Za-z0-9_+-]+)*$")] | None
    ) = None
    """IANA time zone the business hours are kept in, e.g. "America/Los_Angeles"."""
    working_days: list[Weekday] | None = None
    """Working days, e.g. [mon, tue, wed, thu, fri]."""
    hours: DailyHours | None = None
    """Business hours on a working day."""
    holidays: Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}(-[A-Z0-9]{1,3})?$")] | None = (
        None
    )
    """Public-holiday calendar: ISO country code, optionally with region, e.g. "US-CA"."""

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, v: str | None) -> str | None:
        """An unknown zone would make every business-hours clock meaningless."""
        if v is None:
            return v
        from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

        try:
            ZoneInfo(v)
        # OSError: a folder of the zone database ("Europe") or a name too long for a file.
        except (ZoneInfoNotFoundError, ValueError, OSError):
            raise ValueError(f'"{v}" is not an IANA time zone like "America/Los_Angeles"') from None
        return v

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
    """Share of the contract price paid on installation completion."""
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
    """Share of the contract price paid on acceptance sign-off."""
    tests_run_in_parallel: bool = False
    """Whether the tests may overlap in time (otherwise they run one after another)."""


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


class Fcr(Model):
    target: Percent
    """Share of tickets fixed permanently in the first contact."""
    period: Period
    """The period it is measured over."""
    recurrence_window: Duration | None = None
    """A fix only counts if the issue does not come back within this time, e.g. "7 days"."""
    serious_below: Percent | None = None
    """Below this, the shortfall is serious (e.g. 50%)."""


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
    """What the customer may do outside the package's hours, e.g. call a paid emergency line."""
    on_call: bool | None = None
    """Whether the partner staffs nights and weekends (premium implies it)."""

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


class Trigger(Model):
    kind: TriggerKind
    """What starts the escalation."""
    priority: PriorityId | None = None
    """The priority it applies to (for "unresolved")."""
    after: Duration | None = None
    """How long before it fires (for "unresolved" and "l2_unresolved")."""
    count: Annotated[int, Field(ge=2, le=100)] | None = None
    """Occurrences before it fires (for "repeat_issue")."""
    to: Name
    """Who the ticket goes to, e.g. "Brand L2"."""

    @model_validator(mode="after")
    def _fields_for_kind(self) -> "Trigger":
        """Each kind needs its own detail, or the clause cannot say when it fires."""
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
    """How fast the brand's L2 answers an escalated ticket, per priority."""
    late_escalation_cost: bool = True
    """A partner that escalates late bears the customer's extra cost."""

    @field_validator("tiers")
    @classmethod
    def _tier_ids(cls, v: list[EscalationTier]) -> list[EscalationTier]:
        """Two L2 tiers would make the tier table ambiguous."""
        return _unique(v, "level", "tier")


# --- penalties and rewards ------------------------------------------------------------------


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
    """Maximum total of all penalties in one settlement period."""
    settlement: Period = Period.QUARTER
    """When penalties are computed and settled."""
    waiver: Waiver | None = None
    """Waiver for a partner back on target."""
    cure_period: Duration | None = None
    """Time the partner has, after notice of a miss, to cure before a penalty applies."""


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
    remedy: Text
    """What the brand may do, e.g. "terminate the support appointment on 30 days' notice"."""


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

    def priority(self, pid: str) -> Priority | None:
        """The priority with this id, or None."""
        return next((p for p in self.support.priorities if p.id == pid), None)


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

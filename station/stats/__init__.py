"""Station figures: pages per hour, dossiers per day, uploads, KPI 4.2 (digitization rate) and
KPI 4.1 (results with a file).

Pure: the hub imports these too. Reading one station's facts from its store is
station/stats/source.py, imported by name where it is needed."""

from station.stats.figures import (
    DigitizationRate,
    DossierFigures,
    Durations,
    ElectronicResultRate,
    Facts,
    Figures,
    Grouping,
    GroupKeys,
    PageFigures,
    ReceivedDossier,
    StatsReport,
    UploadFigures,
    digitization_rate,
    electronic_result_rate,
    figures,
    group_facts,
    stats_report,
    total_queue,
)
from station.stats.periods import (
    LOCAL,
    VIETNAM,
    Period,
    PeriodError,
    PeriodProblem,
    chosen_period,
    parse_day,
    zone,
    zone_name,
)
from station.stats.serialize import report_from_json, report_to_json

__all__ = [
    "LOCAL",
    "VIETNAM",
    "DigitizationRate",
    "DossierFigures",
    "Durations",
    "ElectronicResultRate",
    "Facts",
    "Figures",
    "GroupKeys",
    "Grouping",
    "PageFigures",
    "Period",
    "PeriodError",
    "PeriodProblem",
    "ReceivedDossier",
    "StatsReport",
    "UploadFigures",
    "chosen_period",
    "digitization_rate",
    "electronic_result_rate",
    "figures",
    "group_facts",
    "parse_day",
    "report_from_json",
    "report_to_json",
    "stats_report",
    "total_queue",
    "zone",
    "zone_name",
]

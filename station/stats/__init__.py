"""Station figures: pages per hour, dossiers per day, uploads, and KPI 4.2 (digitization rate)."""

from station.stats.figures import (
    DigitizationRate,
    DossierFigures,
    Durations,
    Facts,
    Figures,
    Grouping,
    PageFigures,
    ReceivedDossier,
    StatsReport,
    UploadFigures,
    digitization_rate,
    figures,
    group_facts,
    stats_report,
)
from station.stats.periods import LOCAL, VIETNAM, Period, zone, zone_name
from station.stats.source import received_dossier, station_facts, station_report

__all__ = [
    "LOCAL",
    "VIETNAM",
    "DigitizationRate",
    "DossierFigures",
    "Durations",
    "Facts",
    "Figures",
    "Grouping",
    "PageFigures",
    "Period",
    "ReceivedDossier",
    "StatsReport",
    "UploadFigures",
    "digitization_rate",
    "figures",
    "group_facts",
    "received_dossier",
    "station_facts",
    "station_report",
    "stats_report",
    "zone",
    "zone_name",
]

"""Processing profiles: which steps run and how pages are encoded. Declared once, by name."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import TypedDict, Unpack

from station.errors import ErrorCode, StationError
from station.pdf import EncodeOptions, Encoding


@dataclass(frozen=True)
class Profile:
    name: str
    crop: bool = True
    deskew: bool = True
    orient: bool = True
    despeckle: bool = False
    detect_blank: bool = True
    drop_blank: bool = False  # blank pages are flagged for the clerk, never silently dropped
    max_skew_deg: float = 15.0
    min_skew_deg: float = 0.05  # below this a page is level enough; rotating would only blur it
    skew_confidence: float = 0.3
    orientation_confidence: float = 0.6
    # The rules ask for colour: a colour scan stays a colour image in the PDF even when its
    # content is neutral. Only profiles for internal copies may encode by the content's class.
    reduce_colour: bool = False
    # Read every page's text (Vietnamese OCR) after its analysis, for the PDFs' text layer and
    # the component suggestions; off, pages are never read.
    ocr: bool = True
    encode: EncodeOptions = field(default_factory=EncodeOptions)


PROFILES: dict[str, Profile] = {
    # Everyday counter papers: colour kept, compact mixed raster content.
    "standard": Profile("standard"),
    # Baseline JPEG for every page (no text layer separation).
    "jpeg": Profile("jpeg", encode=EncodeOptions(encoding=Encoding.JPEG)),
    # Archive copies: nothing lossy.
    "lossless": Profile("lossless", encode=EncodeOptions(encoding=Encoding.LOSSLESS)),
    # ID cards and licences on the bed: crop the card, keep its photo and colours as JPEG. Never
    # read: the card's printed text is the holder's personal data, and the dossier keeps only
    # the name and ID number its QR gives (app.codes).
    "card": Profile("card", orient=False, ocr=False, encode=EncodeOptions(encoding=Encoding.JPEG)),
    # Pages exactly as scanned: no geometry changes.
    "raw": Profile("raw", crop=False, deskew=False, orient=False, detect_blank=False),
}
DEFAULT_PROFILE = "standard"


def get_profile(name: str) -> Profile:
    try:
        return PROFILES[name]
    except KeyError:
        raise StationError(
            ErrorCode.UNKNOWN_PROFILE, name=name, known=", ".join(PROFILES)
        ) from None


class StepSwitches(TypedDict, total=False):
    """The on/off steps of a profile that `with_steps` may turn."""

    crop: bool
    deskew: bool
    orient: bool
    despeckle: bool
    detect_blank: bool
    drop_blank: bool
    reduce_colour: bool
    ocr: bool


def with_steps(profile: Profile, **switches: Unpack[StepSwitches]) -> Profile:
    return replace(profile, **switches)

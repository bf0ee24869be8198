"""How a test describes a simulated TWAIN scanner: what it supports, what is in its feeder and
which condition it should report where. Not part of pytwain."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .lowlevel import constants as c

CANCEL = -1  # a Fault code: the source answers TWRC_CANCEL (its own Cancel button was pressed)
MM_PER_INCH = 25.4

# Sizes of the TWSS_* codes in mm (portrait); TWSS_A4 == TWSS_A4LETTER, TWSS_ISOB4 == TWSS_B4.
SIZES_MM: dict[int, tuple[float, float]] = {
    c.TWSS_A0: (841.0, 1189.0),
    c.TWSS_A1: (594.0, 841.0),
    c.TWSS_A2: (420.0, 594.0),
    c.TWSS_A3: (297.0, 420.0),
    c.TWSS_A4: (210.0, 297.0),
    c.TWSS_A5: (148.0, 210.0),
    c.TWSS_A6: (105.0, 148.0),
    c.TWSS_A7: (74.0, 105.0),
    c.TWSS_ISOB4: (250.0, 353.0),
    c.TWSS_ISOB5: (176.0, 250.0),
    c.TWSS_JISB5: (182.0, 257.0),
    c.TWSS_USLETTER: (215.9, 279.4),
    c.TWSS_USLEGAL: (215.9, 355.6),
}


@dataclass
class Fault:
    """A condition the source reports once, then forgets (the clerk cleared it).

    at: "open" (MSG_OPENDS), "set" (MSG_SET of `cap`), "enable" (MSG_ENABLEDS), "transfer" (the
    first call that transfers image `sheet`/`side`), or "strip" (a later strip of that image in a
    memory transfer; same as "transfer" for a native one). side: 0 front, 1 back.
    """

    code: int
    at: str = "transfer"
    sheet: int = 1
    side: int = 0
    cap: int | None = None


@dataclass
class CapSpec:
    """A capability the source owns outright; derived ones are computed by the data source."""

    type: int
    default: Any
    choices: tuple[Any, ...] | None = None  # answered as TWON_ENUMERATION
    range: tuple[float, float, float] | None = None  # answered as TWON_RANGE (min, max, step)
    readonly: bool = False


def _default_extra_caps() -> dict[int, CapSpec]:
    return {
        c.ICAP_CONTRAST: CapSpec(c.TWTY_FIX32, 0.0, range=(-1000.0, 1000.0, 1.0)),
        c.ICAP_BRIGHTNESS: CapSpec(c.TWTY_FIX32, 0.0, range=(-1000.0, 1000.0, 1.0)),
        c.ICAP_THRESHOLD: CapSpec(c.TWTY_FIX32, 128.0, range=(0.0, 255.0, 1.0)),
        c.ICAP_AUTOMATICDESKEW: CapSpec(c.TWTY_BOOL, False),
        c.CAP_INDICATORS: CapSpec(c.TWTY_BOOL, True),
    }


@dataclass
class FakeScanner:
    name: str = "Fake Flatbed"
    manufacturer: str = "SoHoa Test Devices"
    family: str = "Fake TWAIN"
    flatbed: bool = True
    feeder: bool = False
    duplex: bool = False
    sheets: int = 0  # paper in the feeder; fed sheets leave it
    flatbed_in: tuple[float, float] = (8.5, 11.7)
    feeder_in: tuple[float, float] = (8.5, 14.0)
    resolutions: tuple[float, ...] = (75.0, 100.0, 150.0, 200.0, 300.0, 600.0)
    resolution_range: tuple[float, float, float] | None = None  # answer a TWON_RANGE instead
    bit_depths: dict[int, tuple[int, ...]] = field(
        default_factory=lambda: {c.TWPT_RGB: (24, 48), c.TWPT_GRAY: (8, 16), c.TWPT_BW: (1,)}
    )
    xfer_mechs: tuple[int, ...] = (c.TWSX_NATIVE, c.TWSX_MEMORY)
    supported_sizes: tuple[int, ...] = (
        c.TWSS_NONE,
        c.TWSS_A4,
        c.TWSS_A5,
        c.TWSS_A6,
        c.TWSS_USLETTER,
        c.TWSS_ISOB5,
    )
    unsupported: frozenset[int] = frozenset()  # capabilities answered with TWCC_CAPUNSUPPORTED
    extra_caps: dict[int, CapSpec] = field(default_factory=_default_extra_caps)
    xfer_ready: str = "immediate"  # or "event": MSG_XFERREADY waits for the application's pump
    count_known: bool = False  # a feeder reports -1 ("more, number unknown") until it runs dry
    honours_xfercount: bool = True
    length_known: bool = True  # False: ImageLength -1 in a memory transfer
    pixel_flavor: int = c.TWPF_CHOCOLATE
    buffer_size: int = 64 * 1024  # DAT_SETUPMEMXFER Preferred
    row_align: int = 4
    dib_palette_count: bool = True  # False: biClrUsed 0 with a full palette
    image_layout: bool = True  # False: no DAT_IMAGELAYOUT (TWCC_BADPROTOCOL); ICAP_FRAMES only
    faults: list[Fault] = field(default_factory=list)

    def take_fault(self, at: str, **where: Any) -> Fault | None:
        for fault in self.faults:
            if fault.at == at and all(getattr(fault, k) == v for k, v in where.items()):
                self.faults.remove(fault)
                return fault
        return None

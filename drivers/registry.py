"""Which driver serves which device id: `virtual`, `sane:test:0`, `twain:<source>`."""

from __future__ import annotations

import importlib
from dataclasses import dataclass

from drivers.contract import DeviceInfo, Driver
from station.errors import ErrorCode, StationError

# driver name -> "module:Class"; strings so a worker process can build its own instances.
DEFAULT_DRIVERS: dict[str, str] = {
    "virtual": "drivers.virtual.driver:VirtualDriver",
    "sane": "drivers.sane.driver:SaneDriver",
    "twain": "drivers.twain.driver:TwainDriver",
}


def driver_name(device_id: str) -> str:
    return device_id.split(":", 1)[0]


def load_driver(spec: str) -> Driver:
    module_name, _, class_name = spec.partition(":")
    return getattr(importlib.import_module(module_name), class_name)()


@dataclass
class Registry:
    """Driver instances by name, built lazily from their specs."""

    specs: dict[str, str]

    def __post_init__(self) -> None:
        self._drivers: dict[str, Driver] = {}

    def driver(self, name: str) -> Driver:
        if name not in self.specs:
            raise StationError(ErrorCode.DEVICE_NOT_FOUND, device=name)
        if name not in self._drivers:
            try:
                self._drivers[name] = load_driver(self.specs[name])
            except ImportError as exc:
                raise StationError(
                    ErrorCode.DRIVER_UNAVAILABLE, driver=name, detail=str(exc)
                ) from exc
        return self._drivers[name]

    def for_device(self, device_id: str) -> Driver:
        return self.driver(driver_name(device_id))

    def list_devices(self) -> list[DeviceInfo]:
        """Devices of every driver that works on this machine; the others are skipped."""
        devices: list[DeviceInfo] = []
        for name in self.specs:
            try:
                devices.extend(self.driver(name).list_devices())
            except StationError as exc:
                if exc.code is not ErrorCode.DRIVER_UNAVAILABLE:
                    raise
        return devices

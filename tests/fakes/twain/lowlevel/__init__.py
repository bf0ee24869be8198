"""The fake's `twain.lowlevel`: TWAIN constants and ctypes structures, as pytwain 2.3.0 has them."""

"""Scanners, scales and label printers: transports (serial URLs, raw TCP 9100, folders), pure protocol
parsing, and the emulators that tests, the demo and the benchmarks drive over real ptys and sockets.
"""

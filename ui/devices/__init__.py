"""The station's devices on screen: bridges from device threads to signals, the keyboard-wedge filter,
device settings per workstation, the print-queue view, status indicators and document printing."""

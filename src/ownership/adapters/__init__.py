"""The only I/O: git, reading and writing files, finding rules files; imports anything but formatters and cli."""

package main

import "golang.org/x/sys/unix"

// termios ioctl requests on Linux.
const (
	ioctlGetTermios = unix.TCGETS
	ioctlSetTermios = unix.TCSETS
)

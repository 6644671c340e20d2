//go:build !(linux || darwin || freebsd || netbsd || openbsd || dragonfly)

package main

import (
	"errors"
	"os"
)

// isTerminal is false where termios is not available: the shell then reads
// plain lines and the progress line stays off.
func isTerminal(*os.File) bool { return false }

// makeRaw is not supported here.
func makeRaw(int) (func(), error) {
	return nil, errors.New("raw terminal mode is not supported on this system")
}

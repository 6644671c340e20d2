// Package clip shortens values echoed in error messages: the value is shown so the user
// sees what was refused, but a megabyte of it helps no one.
package clip

import (
	"fmt"
	"strconv"
	"unicode/utf8"
)

// Max is the number of bytes of a value an error message quotes.
const Max = 40

// Quote returns s quoted (strconv.Quote, so control characters are escaped), cut to Max
// bytes on a rune boundary with its full length appended when longer.
func Quote(s string) string {
	if len(s) <= Max {
		return strconv.Quote(s)
	}
	cut := Max
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return fmt.Sprintf("%s... (%d bytes)", strconv.Quote(s[:cut]), len(s))
}

package clip

import (
	"strings"
	"testing"
)

func TestQuote(t *testing.T) {
	if got := Quote("a\x1bb"); got != `"a\x1bb"` {
		t.Errorf("short value: %s", got)
	}
	long := strings.Repeat("é", 1<<19) // 1 MB
	got := Quote(long)
	if len(got) > 100 || !strings.HasSuffix(got, "(1048576 bytes)") || strings.Contains(got, "\\x") {
		t.Errorf("1 MB value quoted as %.200s", got)
	}
}

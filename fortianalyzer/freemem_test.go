package fortianalyzer

import (
	"context"
	"os"
	"strconv"
	"testing"

	"github.com/turbot/steampipe-plugin-sdk/v5/plugin"
)

// TestFreeMemIntervalDefault: building the plugin sets the SDK's free-memory interval when
// the user has not, and leaves a user's value (0 included) alone; the SDK reads what was set.
func TestFreeMemIntervalDefault(t *testing.T) {
	old, had := os.LookupEnv(FreeMemEnv)
	t.Cleanup(func() {
		if had {
			_ = os.Setenv(FreeMemEnv, old)
		} else {
			_ = os.Unsetenv(FreeMemEnv)
		}
	})
	_ = os.Unsetenv(FreeMemEnv)
	if got := plugin.GetFreeMemInterval(); got == DefaultFreeMemInterval {
		t.Fatalf("the SDK's own default is %d: this test could not tell the plugin's apart", got)
	}
	Plugin(context.Background())
	if got := plugin.GetFreeMemInterval(); got != DefaultFreeMemInterval {
		t.Errorf("unset: the SDK frees memory every %d rows, want %d", got, DefaultFreeMemInterval)
	}
	for _, v := range []int{0, 250} {
		t.Setenv(FreeMemEnv, strconv.Itoa(v))
		Plugin(context.Background())
		if got := plugin.GetFreeMemInterval(); got != int64(v) {
			t.Errorf("user's %d: the SDK frees memory every %d rows", v, got)
		}
	}
}

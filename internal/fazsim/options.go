package fazsim

import (
	"fmt"
	"time"
)

// Dialect names accepted in Options.Dialect.
const (
	// DialectReal answers like FAZ 7.4-8.0: legacy endpoints with a result
	// array, apiver-3 endpoints with a result object, numbers as strings.
	DialectReal = "real"
	// DialectExamples answers in the shapes of the public API examples (the
	// stylised seed documents): result list, data.tid/status/percentage/total,
	// view-named row lists, integer numbers, "-3 Invalid task ID". Options
	// also accepts its former name, "seed".
	DialectExamples    = "examples"
	dialectExamplesOld = "seed"
	// DialectSeed is DialectExamples' former name.
	//
	// Deprecated: use DialectExamples.
	DialectSeed = DialectExamples
)

// Options configures a simulated FortiAnalyzer. The zero value is usable:
// every field has a documented default applied by New.
type Options struct {
	Dialect string        // "real" (default) or "examples" ("seed" still accepted)
	Seed    int64         // data seed (default 1); same seed + same End => same data
	End     time.Time     // newest log time (default: now truncated to the minute)
	Window  time.Duration // span of generated logs (default 7 days)
	LogRows int           // total log rows over Window, all ADOMs and log types (default 200_000)

	Users    map[string]string // username -> password (default {"admin": "fortinet"})
	APIKeys  []string          // accepted bearer tokens (default {"fazsim-api-key"})
	Timezone string            // appliance zone, IANA (default "Europe/Brussels")

	// TaskTimeScale multiplies the modelled task duration
	// (TaskBase + rowsScanned/TaskThroughput). 0 = tasks finish instantly.
	TaskTimeScale float64
	// TaskDuration overrides the duration model when set.
	TaskDuration func(rowsScanned int) time.Duration
	// TaskBase is the fixed part of a modelled task duration (default 1s).
	TaskBase time.Duration
	// TaskThroughput is rows scanned per second by the model (default 2_000_000).
	TaskThroughput int
	// RegisterDelay is how long after "add" a log-search tid stays unknown
	// to "get" (answered with -32005). Default 0 when TaskTimeScale is 0,
	// else 300ms*TaskTimeScale.
	RegisterDelay time.Duration
	TaskTTL       time.Duration // finished tasks expire after this (default 10m)

	SessionIdle        time.Duration // sessions expire after this idle time; 0 = never
	SessionMaxRequests int           // sessions expire after this many requests; 0 = unlimited
	SearchSlots        int           // concurrent log-search + FortiView tasks (default 8)

	// WithoutViews are FortiView views this appliance answers with "Cannot find FortiView"
	// as if its build lacked them (FortiView catalogues differ between versions).
	WithoutViews []string

	// IndexLag models late indexing: the appliance receives a log (its itime) before a
	// search can see it. Each row gets a deterministic lag in [0, IndexLag] (a draw from its
	// index and the seed), and a log search sees a row only once the simulator clock at the
	// search's add has reached itime + lag, so rows keep appearing inside a window that is
	// being paged. 0 (default): every row is searchable as soon as its itime has passed.
	// Grounding: re-running a fixed window changes total-count as late logs arrive
	// (../shared/faz-api.md, section 4 "tid lifecycle" (5) [L: MCP, INX]; 230071 then
	// 230741 on 7.6.7, ../shared/peers.md section 4 item 6). The lag's size and its uniform
	// distribution are this simulator's assumption: no capture measures them.
	IndexLag time.Duration

	Faults []Fault // seeded fault plan (see fault.go)
	Clock  Clock   // clock for task progress, expiry and session idle time (default RealClock)
}

// OptionError reports an invalid Options field (use errors.As).
type OptionError struct {
	Field, Value, Want string
}

// Error names the field, the bad value and the accepted form.
func (e *OptionError) Error() string {
	return fmt.Sprintf("fazsim: Options.%s %q: want %s", e.Field, e.Value, e.Want)
}

// withDefaults returns a copy of o with defaults applied, or an error naming
// the bad field.
func (o Options) withDefaults() (Options, error) {
	switch o.Dialect {
	case "":
		o.Dialect = DialectReal
	case dialectExamplesOld:
		o.Dialect = DialectExamples
	case DialectReal, DialectExamples:
	default:
		return o, &OptionError{Field: "Dialect", Value: o.Dialect, Want: fmt.Sprintf("%q or %q", DialectReal, DialectExamples)}
	}
	if o.Seed == 0 {
		o.Seed = 1
	}
	if o.Clock == nil {
		o.Clock = RealClock{}
	}
	if o.End.IsZero() {
		o.End = o.Clock.Now().Truncate(time.Minute)
	}
	if o.Window <= 0 {
		o.Window = 7 * 24 * time.Hour
	}
	if o.LogRows <= 0 {
		o.LogRows = 200_000
	}
	if o.Users == nil {
		o.Users = map[string]string{"admin": "fortinet"}
	}
	if o.APIKeys == nil {
		o.APIKeys = []string{"fazsim-api-key"}
	}
	if o.Timezone == "" {
		o.Timezone = "Europe/Brussels"
	}
	if o.TaskTimeScale < 0 {
		return o, &OptionError{Field: "TaskTimeScale", Value: fmt.Sprint(o.TaskTimeScale), Want: "a number >= 0"}
	}
	if o.TaskBase <= 0 {
		o.TaskBase = time.Second
	}
	if o.TaskThroughput <= 0 {
		o.TaskThroughput = 2_000_000
	}
	if o.RegisterDelay <= 0 && o.TaskTimeScale > 0 {
		o.RegisterDelay = time.Duration(float64(300*time.Millisecond) * o.TaskTimeScale)
	}
	if o.TaskTTL <= 0 {
		o.TaskTTL = 10 * time.Minute
	}
	if o.IndexLag < 0 {
		return o, &OptionError{Field: "IndexLag", Value: o.IndexLag.String(), Want: "a duration >= 0"}
	}
	if o.SearchSlots <= 0 {
		o.SearchSlots = 8
	}
	return o, nil
}

// taskDuration models how long a task that scans rowsScanned rows runs.
func (o *Options) taskDuration(rowsScanned int) time.Duration {
	if o.TaskDuration != nil {
		return o.TaskDuration(rowsScanned)
	}
	if o.TaskTimeScale == 0 {
		return 0
	}
	d := o.TaskBase + time.Duration(float64(rowsScanned)/float64(o.TaskThroughput)*float64(time.Second))
	return time.Duration(float64(d) * o.TaskTimeScale)
}

package pluginsql

import (
	"context"
	"sync"

	"github.com/turbot/steampipe-plugin-sdk/v5/plugin"
)

// The SDK (v5.14.1) reports a failed list hydrate on one channel and the end of the rows on
// another, and QueryData.streamRows selects on both: when both are ready at once it picks
// one at random, and Execute then returns nil for a scan that failed. An error would read as
// an empty answer (seen about 2 in 30 runs of the error golden cases under -race). So every
// table's list and get hydrate is wrapped to also record its error on the execution it ran
// for, found through the context the SDK derives from the execution's stream; the cursor
// reports it when Execute returns nil. Steampipe itself runs the same SDK code: see
// docs/index.md.

type errSlotKey struct{}

// errSlot holds the first list hydrate error of one execution.
type errSlot struct {
	mu  sync.Mutex
	err error
}

func (s *errSlot) get() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.err
}

func withErrSlot(ctx context.Context) (context.Context, *errSlot) {
	s := &errSlot{}
	return context.WithValue(ctx, errSlotKey{}, s), s
}

// recordHydrateErrors wraps the list hydrate of the plugin's tables, whether they come from
// TableMap or TableMapFunc. Tables with an ignore or retry config are left alone: the SDK
// may then turn an error into rows or a later success, which only it knows.
func recordHydrateErrors(p *plugin.Plugin) {
	wrapAll := func(m map[string]*plugin.Table) {
		for _, t := range m {
			if p.DefaultIgnoreConfig != nil || p.DefaultRetryConfig != nil {
				return
			}
			if t.List != nil && t.List.Hydrate != nil && t.List.IgnoreConfig == nil && t.List.RetryConfig == nil {
				t.List.Hydrate = recording(t.List.Hydrate)
			}
		}
	}
	wrapAll(p.TableMap)
	if f := p.TableMapFunc; f != nil {
		p.TableMapFunc = func(ctx context.Context, d *plugin.TableMapData) (map[string]*plugin.Table, error) {
			m, err := f(ctx, d)
			wrapAll(m)
			return m, err
		}
	}
}

// recording returns h with its error also stored in the execution's slot. The SDK names
// hydrates by their function; a table has one list hydrate, so the wrapper's name cannot
// collide with another hydrate of the same table.
func recording(h plugin.HydrateFunc) plugin.HydrateFunc {
	return func(ctx context.Context, d *plugin.QueryData, hd *plugin.HydrateData) (any, error) {
		v, err := h(ctx, d, hd)
		if err != nil {
			if s, ok := ctx.Value(errSlotKey{}).(*errSlot); ok {
				s.mu.Lock()
				if s.err == nil {
					s.err = err
				}
				s.mu.Unlock()
			}
		}
		return v, err
	}
}

package pluginsql

import (
	"context"
	"fmt"
	"sync"

	"github.com/turbot/steampipe-plugin-sdk/v5/plugin"
)

// The SDK (v5.14.1) reports a failed list hydrate on one channel and the end of the rows on
// another, twice over (QueryData.streamRows, then Plugin.execute), and selects on both: when
// both are ready at once it picks one at random, and Execute then returns nil for a scan
// that failed. An error would read as
// an empty answer (seen about 2 in 30 runs of the error golden cases under -race). So every
// table's list and get hydrate is wrapped to also record its error on the execution it ran
// for, found through the context the SDK derives from the execution's stream; the cursor
// reports it when Execute returns nil. Steampipe itself runs the same SDK code: see
// docs/index.md.

type errSlotKey struct{}

// errSlot holds, per connection, the error of the last list hydrate call of one execution
// (a call that succeeds, e.g. after an SDK retry, clears it).
type errSlot struct {
	mu   sync.Mutex
	errs map[string]error
}

func (s *errSlot) get() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, err := range s.errs {
		return err
	}
	return nil
}

func (s *errSlot) set(conn string, err error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if err == nil {
		delete(s.errs, conn)
		return
	}
	// as the SDK words it (QueryData.streamError), so both paths read the same
	s.errs[conn] = fmt.Errorf("%s: %w", conn, err)
}

func withErrSlot(ctx context.Context) (context.Context, *errSlot) {
	s := &errSlot{errs: map[string]error{}}
	return context.WithValue(ctx, errSlotKey{}, s), s
}

// recordHydrateErrors wraps the list hydrate of the plugin's tables, whether they come from
// TableMap or TableMapFunc. It runs before the SDK fills in its defaults, so what it sees of
// ignore configs is the plugin's own: a plugin or table that ignores some errors is left
// alone, since only the SDK knows which of its errors become rows.
func recordHydrateErrors(p *plugin.Plugin) {
	if p.DefaultIgnoreConfig != nil {
		return
	}
	wrapAll := func(m map[string]*plugin.Table) {
		for _, t := range m {
			if t.List != nil && t.List.Hydrate != nil && t.List.IgnoreConfig == nil {
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

// recording returns h with its outcome also stored in the execution's slot. The SDK names
// hydrates by their function; a table has one list hydrate, so the wrapper's name cannot
// collide with another hydrate of the same table.
func recording(h plugin.HydrateFunc) plugin.HydrateFunc {
	return func(ctx context.Context, d *plugin.QueryData, hd *plugin.HydrateData) (any, error) {
		v, err := h(ctx, d, hd)
		if s, ok := ctx.Value(errSlotKey{}).(*errSlot); ok && d.Connection != nil {
			s.set(d.Connection.Name, err)
		}
		return v, err
	}
}

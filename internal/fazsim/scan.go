package fazsim

import (
	"context"
	"sort"
	"sync"
)

// matchCursor is an incremental scan for one log-search signature (ADOM,
// log types, devices, window, filter, case, order). Successive searches of
// the same query at growing offsets extend it instead of rescanning, which
// is what makes paging a million-row result cheap. The prefix of idx never
// changes once written, so snapshots taken under mu stay valid.
type matchCursor struct {
	mu      sync.Mutex
	lo, hi  int
	desc    bool
	match   func(r *LogRow) bool
	ds      *Dataset
	idx     []int32 // matching row indexes in scan order
	scanned int     // rows examined so far
}

// extend scans until need matches are known or the range is exhausted. It
// returns the first min(need, found) matches and how many rows the appliance
// would have scanned to answer (it stops at the need-th match). A cancelled
// ctx stops the scan; the cursor stays valid for the next search.
func (m *matchCursor) extend(ctx context.Context, need int) (matches []int32, scanned int, err error) {
	if need <= 0 {
		return nil, 0, nil
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	total := m.hi - m.lo
	for len(m.idx) < need && m.scanned < total {
		if m.scanned&0xffff == 0xffff && ctx.Err() != nil {
			return nil, 0, ctx.Err()
		}
		i := m.lo + m.scanned
		if m.desc {
			i = m.hi - 1 - m.scanned
		}
		m.scanned++
		r := m.ds.Row(i)
		if m.match(&r) {
			m.idx = append(m.idx, int32(i))
		}
	}
	if len(m.idx) >= need {
		return m.idx[:need:need], m.pos(m.idx[need-1]) + 1, nil
	}
	return m.idx[:len(m.idx):len(m.idx)], total, nil
}

// pos is a row's distance from the scan's start.
func (m *matchCursor) pos(i int32) int {
	if m.desc {
		return m.hi - 1 - int(i)
	}
	return int(i) - m.lo
}

// foundBy counts matches among the first n scanned rows.
func (m *matchCursor) foundBy(matches []int32, n int) int {
	return sort.Search(len(matches), func(k int) bool { return m.pos(matches[k]) >= n })
}

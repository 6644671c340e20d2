package fazsim

import "sync"

// lru is a small least-recently-used map. The simulator's data is fixed
// for a Server's life, so cached aggregates and match lists never go stale;
// the bound only caps memory.
type lru[V any] struct {
	mu    sync.Mutex
	max   int
	items map[string]V
	order []string
}

func newLRU[V any](max int) *lru[V] { return &lru[V]{max: max, items: map[string]V{}} }

func (c *lru[V]) get(k string) (V, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	v, ok := c.items[k]
	if ok {
		c.touch(k)
	}
	return v, ok
}

func (c *lru[V]) put(k string, v V) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, ok := c.items[k]; !ok && len(c.items) >= c.max {
		old := c.order[0]
		c.order = c.order[1:]
		delete(c.items, old)
	}
	c.items[k] = v
	c.touch(k)
}

func (c *lru[V]) touch(k string) {
	for i, o := range c.order {
		if o == k {
			c.order = append(c.order[:i], c.order[i+1:]...)
			break
		}
	}
	c.order = append(c.order, k)
}

// aggCache holds rendered FortiView aggregates by query.
type aggCache = lru[[]aggRow]

func newAggCache(n int) *aggCache { return newLRU[[]aggRow](n) }

// scanCache holds log-search match cursors by query signature.
type scanCache = lru[*matchCursor]

func newScanCache(n int) *scanCache { return newLRU[*matchCursor](n) }

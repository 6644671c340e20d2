package faz

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"sync"
	"sync/atomic"
	"time"

	"github.com/hashicorp/go-hclog"
)

// errClosed is returned by calls on a closed Client.
var errClosed = errors.New("faz: client is closed")

// Client is one connection to one FortiAnalyzer. It is safe for concurrent
// use; all queries of a connection share its session and its task slots.
type Client struct {
	cfg      Config
	endpoint string
	http     *http.Client
	log      hclog.Logger
	slots    chan struct{} // one token per server task allowed to be open
	tids     *tidMemory
	pageRows int // rows per task page: maxPageRows, smaller in tests
	maxRows  int // cap of a FortiView run without limit: maxFortiViewRows, smaller in tests
	closed   atomic.Bool
	nextID   atomic.Int64

	// Close cancels running tasks through closing and waits for their
	// deletes through runs; closeMu orders Close against new task runs.
	closeMu   sync.RWMutex
	closing   context.Context
	cancelRun context.CancelFunc
	runs      sync.WaitGroup

	authMu  sync.Mutex // serialises login and logout
	sessMu  sync.RWMutex
	session string // guarded by sessMu; never logged
	sessGen uint64 // bumped by every login, so a stale -11 triggers one login only

	locMu sync.Mutex
	loc   *time.Location
}

// New validates cfg and returns a Client. It performs no network I/O: the
// session (if any) is opened by the first call.
func New(cfg Config) (*Client, error) {
	u, err := cfg.validate()
	if err != nil {
		return nil, err
	}
	rt := cfg.Transport
	if rt == nil {
		tc, err := tlsConfig(&cfg)
		if err != nil {
			return nil, err
		}
		t := http.DefaultTransport.(*http.Transport).Clone()
		t.TLSClientConfig = tc
		t.Proxy = nil // the appliance is reached directly; proxies are opt-in via Transport
		t.MaxIdleConnsPerHost = cfg.MaxConcurrentTasks * 2
		rt = t
	} else if cfg.InsecureSkipVerify {
		cfg.Logger.Warn("insecure_skip_verify is set but a custom Transport is in use; TLS settings are the Transport's")
	}
	c := &Client{
		cfg:      cfg,
		endpoint: u.String(),
		http:     &http.Client{Transport: rt, Timeout: 0}, // per-request deadlines come from ctx
		log:      cfg.Logger.Named("faz"),
		slots:    make(chan struct{}, cfg.MaxConcurrentTasks),
		tids:     newTIDMemory(4096),
		pageRows: maxPageRows,
		maxRows:  maxFortiViewRows,
	}
	c.closing, c.cancelRun = context.WithCancel(context.Background())
	return c, nil
}

// usesSession reports session (username/password) authentication.
func (c *Client) usesSession() bool { return c.cfg.APIKey == "" }

// Close stops the client: task runs still in progress are cancelled and
// Close waits (within ctx) until their server tasks are deleted, then it
// logs out of the session, if one is open. Later calls return errClosed.
func (c *Client) Close(ctx context.Context) error {
	c.closeMu.Lock()
	already := c.closed.Swap(true)
	c.closeMu.Unlock()
	if already {
		return nil
	}
	c.cancelRun()
	done := make(chan struct{})
	go func() { c.runs.Wait(); close(done) }()
	select {
	case <-done:
	case <-ctx.Done():
		return fmt.Errorf("faz: close: waiting for running tasks to be deleted: %w", ctx.Err())
	}
	// Keep-alive connections would otherwise outlive the client in long-lived processes.
	defer c.http.CloseIdleConnections()
	if !c.usesSession() {
		return nil
	}
	return c.logout(ctx)
}

// acquireSlot takes one of the client's task slots, waiting for ctx, and
// registers the run so that Close waits for its task to be deleted.
func (c *Client) acquireSlot(ctx context.Context) error {
	c.closeMu.RLock()
	if c.closed.Load() {
		c.closeMu.RUnlock()
		return errClosed
	}
	c.runs.Add(1)
	c.closeMu.RUnlock()
	select {
	case c.slots <- struct{}{}:
		return nil
	case <-ctx.Done():
		c.runs.Done()
		return ctx.Err()
	case <-c.closing.Done():
		c.runs.Done()
		return errClosed
	}
}

// releaseSlot returns a slot taken by acquireSlot.
func (c *Client) releaseSlot() {
	<-c.slots
	c.runs.Done()
}

// tidMemory remembers recently created or seen task ids so that an "Invalid
// tid" answer can be reported honestly as expired rather than unknown.
type tidMemory struct {
	mu    sync.Mutex
	max   int
	order []int
	seen  map[int]struct{}
}

func newTIDMemory(max int) *tidMemory {
	return &tidMemory{max: max, seen: make(map[int]struct{})}
}

func (m *tidMemory) add(tid int) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if _, ok := m.seen[tid]; ok {
		return
	}
	if len(m.order) >= m.max {
		delete(m.seen, m.order[0])
		m.order = m.order[1:]
	}
	m.order = append(m.order, tid)
	m.seen[tid] = struct{}{}
}

func (m *tidMemory) has(tid int) bool {
	m.mu.Lock()
	defer m.mu.Unlock()
	_, ok := m.seen[tid]
	return ok
}

package fortianalyzer

import (
	"context"
	"errors"
	"fmt"
	"os"
	"sync"
	"time"

	"github.com/faz-sql/steampipe-plugin-fortianalyzer/internal/faz"
	"github.com/hashicorp/go-hclog"
	"github.com/turbot/steampipe-plugin-sdk/v5/plugin"
	"github.com/turbot/steampipe-plugin-sdk/v5/plugin/context_key"
)

// pluginState is what one plugin instance shares across its connections: the options it
// was built with and, per connection, its resolved settings and one FortiAnalyzer client.
// A client is shared by every query of its connection, so its task limit protects the
// appliance's search slots across concurrent queries.
type pluginState struct {
	opts Options

	mu    sync.Mutex
	conns map[string]*connState
}

// connState is one connection's settings, resolved once per config the SDK hands over
// (not on every hydrate call), and its client, built on first use.
type connState struct {
	config   any // the SDK's parsed config value the settings were resolved from
	settings *settings
	client   *faz.Client
}

func newPluginState(opts Options) *pluginState {
	return &pluginState{opts: opts, conns: map[string]*connState{}}
}

func (p *pluginState) now() time.Time {
	if p.opts.Now != nil {
		return p.opts.Now()
	}
	return time.Now()
}

// connection returns the connection's state, resolving and validating its settings when
// the connection is new or its config changed. The SDK replaces Connection.Config with a
// new value on every config change, so comparing that value is the whole change check.
// The caller holds p.mu.
func (p *pluginState) connection(ctx context.Context, conn *plugin.Connection) (*connState, error) {
	if cs, ok := p.conns[conn.Name]; ok && sameConfig(cs.config, conn.Config) {
		return cs, nil
	}
	s, err := resolveSettings(configOf(conn), os.LookupEnv)
	if err != nil {
		return nil, err
	}
	if old, ok := p.conns[conn.Name]; ok && old.client != nil {
		// Config changed: log the old session out in the background; queries still
		// running on it finish with it.
		go func(c *faz.Client) {
			ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			defer cancel()
			_ = c.Close(ctx)
		}(old.client)
	}
	if s.InsecureSkipVerify {
		p.warn(ctx, fmt.Sprintf("connection %s: TLS certificate verification is disabled (insecure_skip_verify); prefer tls_fingerprint", conn.Name))
	}
	cs := &connState{config: conn.Config, settings: s}
	p.conns[conn.Name] = cs
	return cs, nil
}

// sameConfig compares two parsed config values; they hold only pointers, so equal means
// the same parse. Anything not comparable counts as changed.
func sameConfig(a, b any) (same bool) {
	defer func() {
		if recover() != nil {
			same = false
		}
	}()
	return a == b
}

// load validates a connection's config when the SDK loads it (TableMapFunc), so that a bad
// value fails then, naming the option, rather than at the first query.
func (p *pluginState) load(ctx context.Context, conn *plugin.Connection) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	_, err := p.connection(ctx, conn)
	return err
}

// client returns the connection's client, creating it on first use and replacing it when
// the connection's config changed.
func (p *pluginState) client(ctx context.Context, d *plugin.QueryData) (*faz.Client, *settings, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	cs, err := p.connection(ctx, d.Connection)
	if err != nil {
		return nil, nil, err
	}
	if cs.client == nil {
		cfg := cs.settings.Config
		cfg.Logger = plugin.Logger(ctx).Named(d.Connection.Name)
		cfg.Observer = p.opts.Progress
		cfg.PollPolicy = p.opts.PollPolicy
		if cs.client, err = faz.New(cfg); err != nil {
			return nil, nil, err
		}
	}
	return cs.client, cs.settings, nil
}

// warn reports a risky setting: at warn level in the plugin log (Steampipe), and to
// Options.Warn (fazsql prints it on stderr, where the user sees it without enabling logs).
func (p *pluginState) warn(ctx context.Context, msg string) {
	if l, ok := ctx.Value(context_key.Logger).(hclog.Logger); ok {
		l.Warn(msg)
	}
	if p.opts.Warn != nil {
		p.opts.Warn(msg)
	}
}

// close logs out every connection's session.
func (p *pluginState) close(ctx context.Context) error {
	p.mu.Lock()
	conns := p.conns
	p.conns = map[string]*connState{}
	p.mu.Unlock()
	var errs []error
	for _, cs := range conns {
		if cs.client == nil {
			continue
		}
		if err := cs.client.Close(ctx); err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

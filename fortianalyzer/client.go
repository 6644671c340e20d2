package fortianalyzer

import (
	"context"
	"errors"
	"reflect"
	"sync"
	"time"

	"github.com/faz-sql/steampipe-plugin-fortianalyzer/internal/faz"
	"github.com/turbot/steampipe-plugin-sdk/v5/plugin"
)

// pluginState is what one plugin instance shares across its connections: the options it
// was built with and one FortiAnalyzer client per connection. A client is shared by every
// query of its connection, so its task limit protects the appliance's search slots across
// concurrent queries.
type pluginState struct {
	opts Options

	mu      sync.Mutex
	clients map[string]*connClient
}

type connClient struct {
	settings settings
	client   *faz.Client
}

func newPluginState(opts Options) *pluginState {
	return &pluginState{opts: opts, clients: map[string]*connClient{}}
}

func (p *pluginState) now() time.Time {
	if p.opts.Now != nil {
		return p.opts.Now()
	}
	return time.Now()
}

// client returns the connection's client, creating it on first use and replacing it when
// the connection's config changed.
func (p *pluginState) client(ctx context.Context, d *plugin.QueryData) (*faz.Client, *settings, error) {
	s, err := getSettings(d.Connection)
	if err != nil {
		return nil, nil, err
	}
	name := d.Connection.Name
	p.mu.Lock()
	defer p.mu.Unlock()
	if cc, ok := p.clients[name]; ok {
		if reflect.DeepEqual(cc.settings, *s) {
			return cc.client, &cc.settings, nil
		}
		// Config changed: log the old session out in the background; queries still running
		// on it finish with it.
		old := cc.client
		go func() {
			ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			defer cancel()
			_ = old.Close(ctx)
		}()
	}
	c, err := faz.New(faz.Config{
		URL:                s.URL,
		APIKey:             s.APIKey,
		Username:           s.Username,
		Password:           s.Password,
		CAFile:             s.CAFile,
		TLSServerName:      s.TLSServerName,
		TLSFingerprint:     s.TLSFingerprint,
		InsecureSkipVerify: s.InsecureSkipVerify,
		Timezone:           s.Timezone,
		MaxConcurrentTasks: s.MaxConcurrentTasks,
		RequestTimeout:     s.RequestTimeout,
		TaskTimeout:        s.TaskTimeout,
		Logger:             plugin.Logger(ctx).Named(name),
		Observer:           p.opts.Progress,
		PollPolicy:         p.opts.PollPolicy,
	})
	if err != nil {
		return nil, nil, err
	}
	p.clients[name] = &connClient{settings: *s, client: c}
	return c, s, nil
}

// close logs out every connection's session.
func (p *pluginState) close(ctx context.Context) error {
	p.mu.Lock()
	clients := p.clients
	p.clients = map[string]*connClient{}
	p.mu.Unlock()
	var errs []error
	for _, cc := range clients {
		if err := cc.client.Close(ctx); err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

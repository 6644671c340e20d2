package pluginsql

import (
	"context"
	"fmt"
	"io"
	"log"
	"os"
	"sync"
	"time"

	"github.com/hashicorp/go-hclog"
	"github.com/turbot/steampipe-plugin-sdk/v5/grpc"
	"github.com/turbot/steampipe-plugin-sdk/v5/grpc/proto"
	"github.com/turbot/steampipe-plugin-sdk/v5/plugin"
)

// serverMu serialises plugin.Server calls: the SDK swaps process-wide state
// (os.Stderr is read, the std log output is set) while it builds a server.
var serverMu sync.Mutex

// pluginHost is an in-process plugin server with its connections set.
type pluginHost struct {
	server  *grpc.PluginServer
	plugin  *plugin.Plugin
	schemas map[string]*proto.Schema // connection name -> schema
	// cacheTTL > 0 turns the SDK's query cache on (Options.QueryCache).
	cacheTTL time.Duration
}

// startPlugin builds the SDK's in-process server for pluginFunc, routes its
// logs to logger (plugin.Server installs a stderr logger and takes over the
// std log package; both are redirected once it returns), sets every
// connection's config and reads each connection's schema.
func startPlugin(pluginFunc plugin.PluginFunc, conns []Connection, logger hclog.Logger, logOutput io.Writer, cacheTTL time.Duration) (*pluginHost, error) {
	serverMu.Lock()
	defer serverMu.Unlock()

	var p *plugin.Plugin
	wrapped := func(ctx context.Context) *plugin.Plugin {
		p = pluginFunc(ctx)
		recordHydrateErrors(p)
		return p
	}
	// plugin.Server writes its startup lines through a logger bound to
	// os.Stderr: point os.Stderr at the caller's sink for the duration.
	restore := redirectStderr(logOutput)
	server, err := func() (s *grpc.PluginServer, err error) {
		defer func() {
			if r := recover(); r != nil {
				err = fmt.Errorf("pluginsql: start plugin: %v", r)
			}
		}()
		return plugin.Server(&plugin.ServeOpts{PluginFunc: wrapped}), nil
	}()
	restore()
	if err != nil {
		return nil, err
	}
	// Every execute call rebinds the std log package to p.Logger, so replacing
	// the logger is enough to keep plugin logs where the caller wants them.
	p.Logger = logger
	log.SetOutput(logger.StandardWriter(&hclog.StandardLoggerOptions{InferLevels: true}))

	h := &pluginHost{server: server, plugin: p, schemas: map[string]*proto.Schema{}, cacheTTL: cacheTTL}
	if err := h.setConnections(conns); err != nil {
		return nil, err
	}
	return h, nil
}

// redirectStderr points os.Stderr at w (a pipe copied to w) until the
// returned func is called. A nil w discards.
func redirectStderr(w io.Writer) func() {
	if w == nil {
		w = io.Discard
	}
	if f, ok := w.(*os.File); ok {
		old := os.Stderr
		os.Stderr = f
		return func() { os.Stderr = old }
	}
	r, pw, err := os.Pipe()
	if err != nil {
		return func() {}
	}
	old := os.Stderr
	os.Stderr = pw
	done := make(chan struct{})
	go func() {
		defer close(done)
		_, _ = io.Copy(w, r)
		_ = r.Close()
	}()
	return func() {
		os.Stderr = old
		_ = pw.Close()
		<-done
	}
}

// setConnections hands the connection configs to the plugin, sets the SDK's query
// cache (off unless Options.QueryCache asks for it), and reads schemas.
func (h *pluginHost) setConnections(conns []Connection) error {
	cfgs := make([]*proto.ConnectionConfig, 0, len(conns))
	for _, c := range conns {
		cc := &proto.ConnectionConfig{
			Connection:      c.Name,
			Plugin:          h.plugin.Name,
			PluginShortName: h.plugin.Name,
			PluginInstance:  h.plugin.Name,
			Config:          c.Config,
		}
		if c.IsAggregator() {
			cc.Type = "aggregator"
			cc.ChildConnections = c.Children
		}
		cfgs = append(cfgs, cc)
	}
	// -1: this caller uses SetCacheOptions (no cache is built here).
	res, err := h.server.SetAllConnectionConfigs(&proto.SetAllConnectionConfigsRequest{Configs: cfgs, MaxCacheSizeMb: -1})
	for name, msg := range res.GetFailedConnections() {
		return &ConfigError{Connection: name, Msg: msg}
	}
	if err != nil {
		return &ConfigError{Msg: "set connection config: " + cleanError(err).Error()}
	}
	cache := &proto.SetCacheOptionsRequest{Enabled: false, Ttl: 1, MaxSizeMb: 1}
	if h.cacheTTL > 0 {
		cache = &proto.SetCacheOptionsRequest{Enabled: true, Ttl: int64(h.cacheTTL.Seconds()), MaxSizeMb: 256}
	}
	if _, err := h.server.SetCacheOptions(cache); err != nil {
		return fmt.Errorf("pluginsql: set query cache options: %w", err)
	}
	for _, c := range conns {
		res, err := h.server.GetSchema(&proto.GetSchemaRequest{Connection: c.Name})
		if err != nil {
			return &ConfigError{Connection: c.Name, Msg: "get schema: " + cleanError(err).Error()}
		}
		h.schemas[c.Name] = res.Schema
	}
	return nil
}

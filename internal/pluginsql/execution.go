package pluginsql

import (
	"context"
	"errors"
	"sync/atomic"
	"time"

	"github.com/turbot/steampipe-plugin-sdk/v5/grpc"
	"github.com/turbot/steampipe-plugin-sdk/v5/grpc/proto"
)

// execution is one plugin Execute call: one table scan for one Filter.
//
// It runs PluginServer.Execute in its own goroutine with a stream of its own
// (see execStream) rather than CallExecuteAsync with a LocalPluginStream:
// Execute returning is a signal that the plugin is finished, which is what
// lets Close wait for the plugin to clean up (delete its server-side task)
// and guarantees no goroutine outlives the scan.
type execution struct {
	ctx    *scanCtx
	cancel context.CancelFunc
	rows   chan *proto.ExecuteResponse
	done   chan struct{} // closed when Execute has returned
	err    error         // Execute's result; read after done
	slot   *errSlot      // the list hydrate's error, which the SDK can lose (errslot.go)
	n      int           // rows received
}

// execStream is the server-side stream the SDK writes rows to. Embedding the
// interface satisfies the gRPC methods the SDK never calls in-process; being a
// "gRPC" stream also means the SDK does not send its end-of-rows nil row.
type execStream struct {
	proto.WrapperPlugin_ExecuteServer
	ctx  *scanCtx
	rows chan<- *proto.ExecuteResponse
}

// Send hands one row to the cursor, or drops it once the scan is stopping:
// the SDK must be able to drain its pipeline without a reader.
func (s *execStream) Send(r *proto.ExecuteResponse) error {
	if r == nil || r.Row == nil {
		return nil
	}
	if err := s.ctx.Err(); err != nil {
		return err
	}
	select {
	case s.rows <- r:
		return nil
	case <-s.ctx.Done():
		return s.ctx.Err()
	}
}

// Context is the scan's context: cancelled when the cursor closes.
func (s *execStream) Context() context.Context { return s.ctx }

// scanCtx is the context a scan runs under. Stopping a scan early is done in
// two steps because the SDK (v5.14.1) strands goroutines when its context is
// cancelled while rows are in flight: its row builder fails to acquire a
// semaphore on the cancelled context, its row streamer quits on that error,
// and the row goroutines still queued block for ever on a channel nobody
// reads. So first Err reports Canceled while Done stays open: RowsRemaining
// and IsCancelled see it, the plugin stops listing, the SDK drains the rows in
// flight (Send drops them) and Execute returns; only then, or after
// softStopGrace, is the context cancelled for real.
type scanCtx struct {
	context.Context
	stopping atomic.Bool
}

// Err implements context.Context.
func (c *scanCtx) Err() error {
	if err := c.Context.Err(); err != nil {
		return err
	}
	if c.stopping.Load() {
		return context.Canceled
	}
	return nil
}

// softStopGrace bounds the first step of stopping a scan: a plugin that only
// watches Done (not Err) is cancelled for real after it.
const softStopGrace = 500 * time.Millisecond

// startExecution starts req on server under a fresh child context of parent.
func startExecution(parent context.Context, server *grpc.PluginServer, req *proto.ExecuteRequest) *execution {
	inner, cancel := context.WithCancel(parent)
	vctx, slot := withErrSlot(inner)
	ctx := &scanCtx{Context: vctx}
	ex := &execution{
		slot:   slot,
		ctx:    ctx,
		cancel: cancel,
		rows:   make(chan *proto.ExecuteResponse, 64),
		done:   make(chan struct{}),
	}
	stream := &execStream{ctx: ctx, rows: ex.rows}
	go func() {
		defer close(ex.done)
		ex.err = server.Execute(req, stream)
	}()
	return ex
}

// next returns the next row, nil at the end, or the plugin's error.
func (ex *execution) next() (*proto.ExecuteResponse, error) {
	select {
	case r := <-ex.rows:
		ex.n++
		return r, nil
	case <-ex.done:
		// rows sent before Execute returned are still buffered
		select {
		case r := <-ex.rows:
			ex.n++
			return r, nil
		default:
		}
		if ex.err != nil && ex.ctx.Err() != nil {
			return nil, ex.ctx.Err()
		}
		if ex.err == nil && ex.ctx.Err() == nil {
			return nil, ex.slot.get()
		}
		return nil, ex.err
	case <-ex.ctx.Done():
		return nil, ex.ctx.Err()
	}
}

// errCancelWait reports a plugin that did not return after cancellation.
var errCancelWait = errors.New("pluginsql: plugin did not stop after cancellation")

// stop ends the scan (see scanCtx) and waits (up to wait) for the plugin to
// return, so its cleanup runs before the query finishes.
func (ex *execution) stop(wait time.Duration) error {
	defer ex.cancel()
	ex.ctx.stopping.Store(true)
	t := time.NewTimer(min(softStopGrace, wait))
	defer t.Stop()
	select {
	case <-ex.done:
		return nil
	case <-t.C:
	}
	ex.cancel()
	t.Reset(max(wait-softStopGrace, 0))
	select {
	case <-ex.done:
		return nil
	case <-t.C:
		return errCancelWait
	}
}

package pluginsql

import (
	"math/bits"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/ncruces/go-sqlite3"
	"github.com/tetratelabs/wazero"
	"github.com/tetratelabs/wazero/api"
)

// The SQLite engine is WebAssembly that wazero compiles to machine code once per process,
// which takes seconds on a small machine. A compilation cache on disk makes every process
// after the first start in a fraction of that.

var cacheOnce struct {
	sync.Mutex
	set bool
}

// UseCompilationCache keeps the compiled SQLite engine in dir, for processes that start
// often (a CLI). It must be called before the first Open; later calls, and calls after a
// first Open, do nothing. An unusable dir is an error and leaves compilation uncached.
func UseCompilationCache(dir string) error {
	cacheOnce.Lock()
	defer cacheOnce.Unlock()
	if cacheOnce.set {
		return nil
	}
	cacheOnce.set = true
	cache, err := wazero.NewCompilationCacheWithDir(dir)
	if err != nil {
		return err
	}
	// go-sqlite3's own defaults (memory limit, core features v2), plus the cache.
	cfg := wazero.NewRuntimeConfig().WithCoreFeatures(api.CoreFeaturesV2).WithCompilationCache(cache)
	if bits.UintSize < 64 {
		cfg = cfg.WithMemoryLimitPages(512) // 32MB
	} else {
		cfg = cfg.WithMemoryLimitPages(4096) // 256MB
	}
	sqlite3.RuntimeConfig = cfg
	return nil
}

// defaultCompilationCache is used by Open when the process chose none: test binaries
// share one directory, so that each test package does not pay the compilation again.
func defaultCompilationCache() {
	if !testing.Testing() {
		cacheOnce.Lock()
		cacheOnce.set = true // Open happened first: from now on, the choice is made
		cacheOnce.Unlock()
		return
	}
	_ = UseCompilationCache(filepath.Join(os.TempDir(), "pluginsql-test-wazero-cache"))
}

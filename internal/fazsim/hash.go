package fazsim

// splitmix64 is a fast, well-mixed 64-bit hash. Every generated value is a
// pure function of (seed, index, salt), which is what lets the dataset hand
// out row i without generating rows 0..i-1 and keeps runs repeatable.
func splitmix64(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9
	x = (x ^ (x >> 27)) * 0x94d049bb133111eb
	return x ^ (x >> 31)
}

// mix hashes a seed, an index and a salt into one value.
func mix(seed int64, i uint64, salt uint64) uint64 {
	return splitmix64(uint64(seed)*0x100000001b3 ^ splitmix64(i^salt*0x2545f4914f6cdd1d))
}

// pick returns a value in [0, n) from h.
func pick(h uint64, n int) int {
	if n <= 0 {
		return 0
	}
	return int(h % uint64(n))
}

// rng is a small deterministic generator for building the static catalogue
// and for seeded fault probabilities.
type rng struct{ state uint64 }

func newRNG(seed int64, salt uint64) *rng { return &rng{state: splitmix64(uint64(seed) ^ salt)} }

func (r *rng) next() uint64 {
	r.state += 0x9e3779b97f4a7c15
	return splitmix64(r.state)
}

func (r *rng) intn(n int) int { return pick(r.next(), n) }

// float returns a value in [0, 1).
func (r *rng) float() float64 { return float64(r.next()>>11) / float64(1<<53) }

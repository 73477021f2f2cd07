// Package featmap is a hash table from 64-bit feature hashes to values,
// for model weights that are looked up millions of times a second. It is
// open addressing with linear probing, keys and values side by side:
// several times faster than a Go map for this, and free of pointers, so
// the garbage collector never scans it.
package featmap

// Map maps feature hashes to values of type V. The zero Map is empty and
// ready to use.
type Map[V any] struct {
	slots []slot[V]
	n     int
}

type slot[V any] struct {
	key  uint64
	val  V
	used bool
}

// New returns a map sized for n keys.
func New[V any](n int) *Map[V] {
	size := 16
	for size < n*2 {
		size <<= 1
	}
	return &Map[V]{slots: make([]slot[V], size)}
}

// mix spreads a hash's bits over the slot index (FNV's low bits are poor).
func mix(h uint64) uint64 {
	h ^= h >> 33
	h *= 0xff51afd7ed558ccd
	h ^= h >> 33
	return h
}

// Get returns the value of key h and whether it is there.
func (m *Map[V]) Get(h uint64) (V, bool) {
	if len(m.slots) == 0 {
		var zero V
		return zero, false
	}
	mask := uint64(len(m.slots) - 1)
	for i := mix(h) & mask; ; i = (i + 1) & mask {
		sl := &m.slots[i]
		if !sl.used {
			var zero V
			return zero, false
		}
		if sl.key == h {
			return sl.val, true
		}
	}
}

// Set sets the value of key h.
func (m *Map[V]) Set(h uint64, v V) {
	if (m.n+1)*2 > len(m.slots) {
		m.grow()
	}
	mask := uint64(len(m.slots) - 1)
	for i := mix(h) & mask; ; i = (i + 1) & mask {
		sl := &m.slots[i]
		if !sl.used {
			*sl = slot[V]{key: h, val: v, used: true}
			m.n++
			return
		}
		if sl.key == h {
			sl.val = v
			return
		}
	}
}

func (m *Map[V]) grow() {
	old := m.slots
	*m = *New[V](max(8, len(old)))
	for _, sl := range old {
		if sl.used {
			m.Set(sl.key, sl.val)
		}
	}
}

// Len counts the keys.
func (m *Map[V]) Len() int { return m.n }

// Each calls fn for every key and its value, in no particular order.
func (m *Map[V]) Each(fn func(h uint64, v V)) {
	for _, sl := range m.slots {
		if sl.used {
			fn(sl.key, sl.val)
		}
	}
}

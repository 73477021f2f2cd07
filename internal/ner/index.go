package ner

// featureIndex maps feature hashes to weight rows. It is an open-addressing
// table with linear probing: tagging looks up some fifty features per
// token, and this is several times faster than a Go map for that.
type featureIndex struct {
	slots []slot
	n     int
}

// slot holds a key and its row side by side, so that a probe touches one
// cache line.
type slot struct {
	key uint64
	row int32 // row+1; 0 marks an empty slot
}

func newFeatureIndex(capacity int) *featureIndex {
	size := 16
	for size < capacity*2 {
		size <<= 1
	}
	return &featureIndex{slots: make([]slot, size)}
}

// mix spreads the FNV hash's bits over the slot index.
func mix(h uint64) uint64 {
	h ^= h >> 33
	h *= 0xff51afd7ed558ccd
	h ^= h >> 33
	return h
}

// get returns the row of feature h.
func (x *featureIndex) get(h uint64) (int32, bool) {
	mask := uint64(len(x.slots) - 1)
	for i := mix(h) & mask; ; i = (i + 1) & mask {
		sl := &x.slots[i]
		if sl.row == 0 {
			return 0, false
		}
		if sl.key == h {
			return sl.row - 1, true
		}
	}
}

// set records the row of feature h.
func (x *featureIndex) set(h uint64, row int32) {
	if (x.n+1)*2 > len(x.slots) {
		x.grow()
	}
	mask := uint64(len(x.slots) - 1)
	for i := mix(h) & mask; ; i = (i + 1) & mask {
		sl := &x.slots[i]
		if sl.row == 0 {
			sl.key, sl.row = h, row+1
			x.n++
			return
		}
		if sl.key == h {
			sl.row = row + 1
			return
		}
	}
}

func (x *featureIndex) grow() {
	old := x.slots
	*x = *newFeatureIndex(len(old))
	for _, sl := range old {
		if sl.row != 0 {
			x.set(sl.key, sl.row-1)
		}
	}
}

// len counts the features.
func (x *featureIndex) len() int { return x.n }

// each calls fn for every feature and its row.
func (x *featureIndex) each(fn func(h uint64, row int32)) {
	for _, sl := range x.slots {
		if sl.row != 0 {
			fn(sl.key, sl.row-1)
		}
	}
}

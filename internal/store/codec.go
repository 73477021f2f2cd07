package store

import (
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/parallax-news/parallax/internal/cluster"
	"github.com/parallax-news/parallax/internal/dedup"
	"github.com/parallax-news/parallax/internal/nlp"
)

// The codec: how the store keeps the results of the stages. Every value
// starts with a version byte; a reader knows every version it was ever
// written in, so a store keeps reading after the format changes (as
// Prometheus tsdb's chunks do). Only the store encodes: the stages pass
// their results as Go values.
//
//	analysis   v2: 0x02, then the nlp.Analysis as JSON
//	           v1: the JSON alone (stores written before the codec)
//	profile    v2: 0x02, then the cluster.Profile as JSON
//	           v1: the JSON alone
//	signature  v2: 0x02, then as v1
//	           v1: little-endian uint32 shingle count, uint32 word count,
//	               the 128 MinHash values, the word hashes
const codecV2 = 0x02

// encodeAnalysis encodes an analysis; nil encodes as nothing (NULL).
func encodeAnalysis(a *nlp.Analysis) ([]byte, error) {
	if a == nil {
		return nil, nil
	}
	return versioned(json.Marshal(a))
}

func decodeAnalysis(b []byte) (*nlp.Analysis, error) {
	if len(b) == 0 {
		return nil, nil
	}
	body, err := unversioned(b, '{')
	if err != nil {
		return nil, fmt.Errorf("stored analysis: %w", err)
	}
	a := &nlp.Analysis{}
	if err := json.Unmarshal(body, a); err != nil {
		return nil, fmt.Errorf("stored analysis: %w", err)
	}
	return a, nil
}

func encodeProfile(p cluster.Profile) ([]byte, error) {
	return versioned(json.Marshal(p))
}

func decodeProfile(b []byte) (cluster.Profile, error) {
	var p cluster.Profile
	body, err := unversioned(b, '{')
	if err != nil {
		return p, fmt.Errorf("stored clustering profile: %w", err)
	}
	if err := json.Unmarshal(body, &p); err != nil {
		return p, fmt.Errorf("stored clustering profile: %w", err)
	}
	return p, nil
}

func encodeSignature(s dedup.Signature) []byte {
	b := make([]byte, 0, 9+4*(dedup.SignatureSize+len(s.Words)))
	b = append(b, codecV2)
	b = binary.LittleEndian.AppendUint32(b, uint32(s.Shingle))
	b = binary.LittleEndian.AppendUint32(b, uint32(len(s.Words)))
	for _, v := range s.Mins {
		b = binary.LittleEndian.AppendUint32(b, v)
	}
	for _, v := range s.Words {
		b = binary.LittleEndian.AppendUint32(b, v)
	}
	return b
}

func decodeSignature(b []byte) (dedup.Signature, error) {
	var s dedup.Signature
	// A v1 signature is all uint32s, so its length is a multiple of four;
	// a v2 one has the version byte more.
	if len(b)%4 == 1 && b[0] == codecV2 {
		b = b[1:]
	}
	if len(b) < 8+4*dedup.SignatureSize {
		return s, errors.New("stored signature: too short")
	}
	s.Shingle = int(binary.LittleEndian.Uint32(b))
	n := int(binary.LittleEndian.Uint32(b[4:]))
	b = b[8:]
	if len(b) != 4*(dedup.SignatureSize+n) {
		return s, errors.New("stored signature: wrong length")
	}
	for i := range s.Mins {
		s.Mins[i] = binary.LittleEndian.Uint32(b[4*i:])
	}
	b = b[4*dedup.SignatureSize:]
	s.Words = make([]uint32, n)
	for i := range s.Words {
		s.Words[i] = binary.LittleEndian.Uint32(b[4*i:])
	}
	return s, nil
}

// versioned puts the current version byte before an encoding.
func versioned(b []byte, err error) ([]byte, error) {
	if err != nil {
		return nil, err
	}
	return append([]byte{codecV2}, b...), nil
}

// unversioned returns the body of a versioned value; a value that starts
// with v1's first byte is version 1.
func unversioned(b []byte, v1 byte) ([]byte, error) {
	switch {
	case b[0] == codecV2:
		return b[1:], nil
	case b[0] == v1:
		return b, nil
	}
	return nil, fmt.Errorf("unknown encoding version %d (written by a newer parallax?)", b[0])
}

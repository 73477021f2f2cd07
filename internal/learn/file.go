// Package learn holds the machine learning Parallax's models share: an
// averaged perceptron over hashed features (quote attribution), an
// averaged dense weight table (the entity tagger), logistic regression
// (story joins), and the file format their weights are kept in.
package learn

import (
	"bufio"
	"compress/gzip"
	"fmt"
	"io"
	"os"
	"slices"
)

// Write writes a model: gzip (best compression) of its magic string, then
// what write puts in the buffered writer it is given (binary, little
// endian, by convention).
func Write(w io.Writer, magic string, write func(*bufio.Writer) error) error {
	zw, err := gzip.NewWriterLevel(w, gzip.BestCompression)
	if err != nil {
		return err
	}
	bw := bufio.NewWriter(zw)
	bw.WriteString(magic)
	if err := write(bw); err != nil {
		return err
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	return zw.Close()
}

// WriteFile is Write to a file at path.
func WriteFile(path, magic string, write func(*bufio.Writer) error) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := Write(f, magic, write); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// Read opens a model written by Write: it checks that it starts with one
// of the magic strings (all of one length), and returns a reader after it
// and the magic found. what names the model in errors ("quote model").
func Read(r io.Reader, what string, magics ...string) (*bufio.Reader, string, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, "", fmt.Errorf("%s: %w", what, err)
	}
	br := bufio.NewReader(zr)
	head := make([]byte, len(magics[0]))
	if _, err := io.ReadFull(br, head); err != nil || !slices.Contains(magics, string(head)) {
		return nil, "", fmt.Errorf("%s: not a Parallax %s (rebuild it with `parallax train`)", what, what)
	}
	return br, string(head), nil
}

package main

import (
	"fmt"
	"os"
	"strings"

	"github.com/parallax-news/parallax/internal/eval"
)

func evalCopies(c *command, args []string) error {
	fs := newFlags(c, `eval copies --data FILE[,FILE...] [--seed N]

Builds a copy-detection set from the articles of JSON lines files (any
record with a "text" field, or BASIL events with "articles"): every article
of a different event is an original (the first of each event), and most
get up to three copies with
paragraphs deleted (up to 40%), paragraphs of other articles added (up to
30%), the headline replaced, and 5-30% of words replaced. The set is fed
to copy detection as a stream, and precision and recall are printed:

  precision  links reported as "verbatim" or "edited copy" that join two
             articles of one family (an original and its copies)
  recall     pairs of one family where at least half of one article's words
             are reproduced unchanged in the other, that were linked`)
	data := fs.String("data", "", "JSON lines `files`, comma-separated")
	fs.StringVar(data, "gold", "", "synonym of --data")
	seed := fs.Uint64("seed", 1, "random `seed` of the generator")
	if _, err := parseArgs(fs, args); err != nil {
		return err
	}
	if *data == "" {
		return fmt.Errorf("--data FILE is required")
	}
	return eval.RunCopies(os.Stdout, strings.Split(*data, ","), *seed)
}

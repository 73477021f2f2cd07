// Command parallax turns a stream of news articles into stories and shows
// how the sources agree, differ, omit and copy.
//
// Run "parallax help" for the list of commands.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/pprof"
	"sort"
	"strings"
	"syscall"

	"github.com/parallax-news/parallax/internal/render"
)

// Exit codes.
const (
	exitOK          = 0
	exitError       = 1
	exitUsage       = 2
	exitSomeFailed  = 3
	exitInterrupted = 130
)

// errSomeFailed means the command finished but some inputs failed; each
// failure was already reported.
var errSomeFailed = errors.New("some inputs failed")

// errUsage means the arguments were wrong; usage was already printed.
var errUsage = errors.New("usage")

// usageError is a wrong argument, said in one line: it exits 2, as
// errUsage does, after printing the line.
type usageError struct{ msg string }

func (e usageError) Error() string        { return e.msg }
func (e usageError) Is(target error) bool { return target == errUsage }

// badUsage says what is wrong with the command line (exit status 2).
func badUsage(format string, args ...any) error {
	return usageError{fmt.Sprintf(format, args...)}
}

type command struct {
	name    string
	args    string // argument synopsis
	summary string
	run     func(ctx context.Context, args []string) error
}

var commands []*command

func register(c *command) { commands = append(commands, c) }

func main() {
	os.Exit(run(os.Args[1:]))
}

func run(args []string) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	// PARALLAX_CPUPROFILE=FILE profiles any command (a debugging aid).
	if path := os.Getenv("PARALLAX_CPUPROFILE"); path != "" {
		if f, err := os.Create(path); err == nil {
			pprof.StartCPUProfile(f)
			defer func() { pprof.StopCPUProfile(); f.Close() }()
		}
	}
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" && len(args) == 1 {
		usage(os.Stdout)
		return exitOK
	}
	name := args[0]
	if name == "help" {
		name, args = args[1], []string{"--help"}
	} else {
		args = args[1:]
	}
	if name == "version" || name == "--version" {
		fmt.Println("parallax", version)
		return exitOK
	}
	for _, c := range commands {
		if c.name == name {
			err := c.run(ctx, args)
			switch {
			case err == nil:
				return exitOK
			case errors.Is(err, flag.ErrHelp):
				return exitOK
			case errors.Is(err, errUsage):
				if u, ok := err.(usageError); ok {
					fmt.Fprintf(os.Stderr, "parallax %s: %s (see 'parallax %s --help')\n", name, terminalSafe(u.msg), name)
				}
				return exitUsage
			case errors.Is(err, errSomeFailed):
				return exitSomeFailed
			case ctx.Err() != nil:
				fmt.Fprintln(os.Stderr, "parallax: interrupted")
				return exitInterrupted
			}
			fmt.Fprintf(os.Stderr, "parallax %s: %s\n", name, terminalSafe(err.Error()))
			return exitError
		}
	}
	fmt.Fprintf(os.Stderr, "parallax: unknown command %q; run 'parallax help' for the list\n", name)
	return exitUsage
}

const version = "0.1.0"

func usage(w io.Writer) {
	fmt.Fprint(w, `Parallax reads many outlets' reports of the same events and shows how they
agree, differ, omit and copy.

Usage:
  parallax <command> [flags] [arguments]

Commands:
`)
	sorted := append([]*command(nil), commands...)
	sort.Slice(sorted, func(i, j int) bool { return sorted[i].name < sorted[j].name })
	for _, c := range sorted {
		fmt.Fprintf(w, "  %-10s %s\n", c.name, c.summary)
	}
	fmt.Fprint(w, `
Every command takes --help. The store is ./parallax.db unless --db or the
PARALLAX_DB environment variable name another.

Exit status: 0 success, 1 error, 2 bad usage, 3 some inputs failed.
`)
}

// newFlags returns a flag set whose --help prints the command's synopsis,
// summary and flags.
func newFlags(c *command, long string) *flag.FlagSet {
	fs := flag.NewFlagSet(c.name, flag.ContinueOnError)
	fs.SetOutput(os.Stderr)
	fs.Usage = func() {
		out := fs.Output()
		fmt.Fprintf(out, "Usage: parallax %s %s\n\n%s\n", c.name, c.args, c.summary)
		if long != "" {
			fmt.Fprintf(out, "\n%s\n", strings.TrimSpace(long))
		}
		fmt.Fprintln(out, "\nFlags:")
		fs.PrintDefaults()
	}
	return fs
}

// parseArgs parses flags placed before, between or after the positional
// arguments, and returns the positional ones.
func parseArgs(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, err
			}
			return nil, errUsage
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return pos, nil
		}
		if rest[0] == "--" {
			return append(pos, rest[1:]...), nil
		}
		pos = append(pos, rest[0])
		args = rest[1:]
	}
}

// terminalSafe shows control characters in text printed to a terminal as
// stand-ins: file names and titles may hold escape sequences.
func terminalSafe(s string) string { return render.TerminalSafe(s) }

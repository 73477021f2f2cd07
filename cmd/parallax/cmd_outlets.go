package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"text/tabwriter"

	"github.com/parallax-news/parallax/internal/outlets"
	"github.com/parallax-news/parallax/internal/render"
)

func init() {
	register(&command{name: "outlets", args: "list|import [flags] [FILE]", summary: "Name outlets and put them in groups: list the stored outlets with the registry's names, import a registry table.", run: runOutlets})
}

const outletsHelp = `The outlet registry is one TOML file you edit (outlets.toml beside the
store, or --outlets FILE, or $PARALLAX_OUTLETS): for each outlet its key
(the host or slug articles are stored under), other keys of the same
outlet, a display name, groups (any labels you choose: "wire", "local",
"state-owned", …), country, language and owner:

  [[outlet]]
  key = "foxnews.com"
  aliases = ["fox"]
  name = "Fox News"
  groups = ["cable", "right"]
  country = "US"

Reports show the names and the story's coverage by group. Parallax ships
no ratings: the groups are yours.

  parallax outlets list      every stored outlet with its articles, stories,
                             name and groups, then registry outlets with no
                             articles yet (--format text|json)
  parallax outlets import F  merge a CSV table (columns key, name, aliases,
                             groups, country, language, owner; lists split
                             by ";") or a TOML registry into the registry
                             file: a known key is replaced, a new one added`

func runOutlets(ctx context.Context, args []string) error {
	c := commands[indexOf("outlets")]
	fs := newFlags(c, outletsHelp)
	var where storeFlags
	where.add(fs)
	where.addOutlets(fs)
	format := fs.String("format", "text", "list: output `format`, text or json")
	sub, pos, done, err := parseSubcommand(fs, args, "list or import")
	if done {
		return err
	}
	switch sub {
	case "list":
		if len(pos) != 0 || *format != "text" && *format != "json" {
			return badUsage("outlets list takes no arguments and --format text or json")
		}
		return listOutlets(ctx, &where, *format)
	case "import":
		if len(pos) != 1 {
			return badUsage("outlets import takes one file: a CSV table or a TOML registry")
		}
		return importOutlets(&where, pos[0])
	}
	return badUsage("unknown outlets command %q: use list or import", sub)
}

func listOutlets(ctx context.Context, where *storeFlags, format string) error {
	st, reg, err := where.openReading(ctx)
	if err != nil {
		return err
	}
	defer st.Close()
	counts, err := st.Outlets(ctx)
	if err != nil {
		return err
	}
	rows := reg.Rows(counts)
	if format == "json" {
		return writeJSON(map[string]any{"outlets": rows, "groups": reg.Groups()})
	}
	tw := tabwriter.NewWriter(render.SafeWriter(os.Stdout), 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "OUTLET\tARTICLES\tSTORIES\tNAME\tGROUPS\tCOUNTRY")
	for _, r := range rows {
		name := r.Name
		if !r.Registered {
			name = "(not in the registry)"
		}
		fmt.Fprintf(tw, "%s\t%d\t%d\t%s\t%s\t%s\n", clip(r.OutletCount.Outlet, 32), r.Articles, r.Stories, clip(name, 32), strings.Join(r.Groups, ", "), r.Country)
	}
	return tw.Flush()
}

// importOutlets merges a table or a registry into the registry file,
// written whole to a temporary file and renamed, so that an interrupted
// import leaves the old file.
func importOutlets(where *storeFlags, path string) error {
	in, err := readOutletTable(path)
	if err != nil {
		return err
	}
	dst, _ := where.registryPath()
	reg, err := outlets.Load(dst, true)
	if err != nil {
		return err
	}
	added, replaced, err := reg.Merge(in)
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	var b bytes.Buffer
	if err := reg.Write(&b); err != nil {
		return err
	}
	tmp := dst + ".tmp"
	if err := os.WriteFile(tmp, b.Bytes(), 0o644); err != nil {
		return err
	}
	if err := os.Rename(tmp, dst); err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "%s: %d outlets added, %d replaced (%d in all)\n", dst, added, replaced, len(reg.Outlets()))
	return nil
}

// readOutletTable reads outlets from a CSV table or a TOML registry, by
// the file's extension.
func readOutletTable(path string) ([]outlets.Outlet, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	switch strings.ToLower(filepath.Ext(path)) {
	case ".toml":
		r, err := outlets.Parse(b, path)
		if err != nil {
			return nil, err
		}
		return r.Outlets(), nil
	case ".csv":
		out, err := outlets.ReadCSV(bytes.NewReader(b))
		if err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		return out, nil
	}
	return nil, fmt.Errorf("%s: import reads .csv or .toml files", path)
}

// parseSubcommand reads "SUB [flags] [args]": the subcommand and the
// positional arguments after the flags. With -h or --help in place of a
// subcommand it prints the help; without a subcommand it is bad usage
// naming the ones there are. done reports that there is nothing more to
// do (help was shown).
func parseSubcommand(fs *flag.FlagSet, args []string, subs string) (sub string, pos []string, done bool, err error) {
	if len(args) == 0 || strings.HasPrefix(args[0], "-") && args[0] != "-h" && args[0] != "--help" {
		return "", nil, true, badUsage("say what to do: %s", subs)
	}
	if args[0] == "-h" || args[0] == "--help" {
		_, err := parseArgs(fs, args)
		return "", nil, true, err
	}
	pos, err = parseArgs(fs, args[1:])
	return args[0], pos, err != nil, err
}

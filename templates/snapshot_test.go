package templates

import (
	"flag"
	"io/fs"
	"os"
	"strings"
	"testing"
)

var updateSnapshot = flag.Bool("update-snapshot", false, "rewrite templates/builtin.snap from the embedded YAML")

const snapshotCommand = "go test ./templates -run TestSnapshot -update-snapshot"

// TestSnapshotCurrent: builtin.snap is what the embedded YAML parses to
// now, and holds every built-in file.
func TestSnapshotCurrent(t *testing.T) {
	want, err := buildSnapshot()
	if err != nil {
		t.Fatal(err)
	}
	if *updateSnapshot {
		if err := os.WriteFile("builtin.snap", want, 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("wrote builtin.snap (%d bytes)", len(want))
		return
	}
	if snapData != string(want) {
		t.Fatalf("templates/builtin.snap is stale (a built-in YAML file or the node encoding changed); regenerate it with\n\t%s", snapshotCommand)
	}
	idx := readSnapshot(snapData)
	for _, pat := range []string{"builtin/*.yaml", "sections/*.yaml"} {
		names, _ := fs.Glob(files, pat)
		for _, n := range names {
			src, _ := files.ReadFile(n)
			if idx.root(n, src) == nil && idx.library(n, src) == nil {
				t.Errorf("%s: not in the snapshot (does it parse?)", n)
			}
			// Library files are indexed, so a template decodes only the
			// sections it uses; templates are kept loaded.
			if strings.HasPrefix(n, "sections/") && idx.library(n, src) == nil {
				t.Errorf("%s: not indexed by section", n)
			}
			if strings.HasPrefix(n, "builtin/") && idx.template(n, make([]byte, 100)) == nil {
				t.Errorf("%s: not kept loaded", n)
			}
		}
	}
}

// TestStaleSnapshotFallsBack: a file whose source changed since the
// snapshot is parsed instead; a damaged snapshot is ignored.
func TestStaleSnapshotFallsBack(t *testing.T) {
	idx := builtinSnapshot()
	src, err := files.ReadFile("builtin/township-halfyear.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if idx.root("builtin/township-halfyear.yaml", src) == nil {
		t.Fatal("current source not taken from the snapshot")
	}
	if idx.root("builtin/township-halfyear.yaml", append(src, '\n')) != nil {
		t.Error("changed source taken from the snapshot")
	}
	for _, data := range []string{"", snapMagic, snapData[:len(snapData)-1], "x" + snapData[1:]} {
		if readSnapshot(data) != nil {
			t.Errorf("damaged snapshot (%d bytes) accepted", len(data))
		}
	}
}

// OpenFromYAML is Open parsing every built-in from YAML, for
// TestBuiltinsFromSnapshotMatchYAML; SnapshotUsed counts built-in
// templates a Set found in the snapshot, DecodedUsed those it loaded
// from there already loaded.
var OpenFromYAML = func(dirs []string) (*Set, error) { return open(dirs, nil) }

func SnapshotUsed(s *Set) int { return len(s.snap) }

func DecodedUsed(s *Set) int { return s.decoded }

func BenchmarkOpenLoad(b *testing.B) {
	for _, c := range []struct {
		name string
		snap snapIndex
	}{{"snapshot", builtinSnapshot()}, {"yaml", nil}} {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				s, err := open([]string{}, c.snap)
				if err != nil {
					b.Fatal(err)
				}
				if _, err := s.Load(Default); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// TestCurrentChecksSource: an entry is taken, without copying the file,
// only when its recorded length and checksum are the embedded source's.
func TestCurrentChecksSource(t *testing.T) {
	const p = "builtin/township-halfyear.yaml"
	idx := builtinSnapshot()
	buf := make([]byte, 7) // smaller than the file: several reads
	if idx.current(p, buf) == nil {
		t.Fatal("current source not taken from the snapshot")
	}
	e := *idx[p]
	for name, stale := range map[string]snapEntry{
		"length":   func() snapEntry { s := e; s.size++; return s }(),
		"checksum": func() snapEntry { s := e; s.sum++; return s }(),
	} {
		if (snapIndex{p: &stale}).current(p, buf) != nil {
			t.Errorf("entry with another %s taken", name)
		}
	}
	if idx.current("builtin/missing.yaml", buf) != nil {
		t.Error("entry for a file not in the snapshot")
	}
}

package importer

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestFieldNameReport lists every field imported from every sample with
// its name and the sentence its figure came from, for reading by eye:
//
//	go test ./importer -run TestFieldNameReport -v
func TestFieldNameReport(t *testing.T) {
	for _, f := range sampleFiles(t) {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		res, err := Import(f, data, nil)
		if err != nil {
			t.Fatal(err)
		}
		var b strings.Builder
		for _, n := range res.Report.Named {
			mark := ""
			if n.Review {
				mark = " [待定]"
			}
			fmt.Fprintf(&b, "%s%s | %s | %s | %s\n", n.ID, mark, n.Label, n.Figure, n.Sentence)
		}
		t.Logf("%s: %d fields\n%s", filepath.Base(f), len(res.Report.Named), b.String())
	}
}

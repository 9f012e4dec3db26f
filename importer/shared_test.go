package importer

import (
	"os"
	"path/filepath"
	"testing"
)

// sampleFiles lists the sample reports in ../shared/samples. Outside CI a
// checkout without ../shared skips, saying what is missing; CI sets
// NIGAO_REQUIRE_SHARED=1 so these tests cannot pass by not running.
func sampleFiles(t *testing.T) []string {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(samplesDir, "*.txt"))
	if len(files) == 0 {
		msg := "no sample reports in " + samplesDir + " (the ../shared folder beside the clone)"
		if os.Getenv("NIGAO_REQUIRE_SHARED") != "" {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	return files
}

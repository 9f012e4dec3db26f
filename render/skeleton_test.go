package render

import (
	"archive/zip"
	"bytes"
	"io"
	"io/fs"
	"os"
	"testing"
)

// TestDocxSkeletonCurrent: the shipped skeleton holds exactly the XML parts
// under docx/skeleton, in order, each deflated.
func TestDocxSkeletonCurrent(t *testing.T) {
	dir := os.DirFS(docxSkeletonRoot)
	if *update { // the skeleton is one of this package's golden files
		data, err := zipSkeleton(dir)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(docxSkeletonRoot+".docx", data, 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("wrote %s.docx (%d bytes)", docxSkeletonRoot, len(data))
		return
	}
	const stale = "render/docx/skeleton.docx is stale; regenerate it with\n\tgo test ./render -update"
	var want []string
	fs.WalkDir(dir, ".", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			want = append(want, p)
		}
		return err
	})
	zr, err := zip.NewReader(bytes.NewReader(skeletonDocx), int64(len(skeletonDocx)))
	if err != nil {
		t.Fatal(err)
	}
	if len(zr.File) != len(want) {
		t.Fatalf("%d parts, %d files: %s", len(zr.File), len(want), stale)
	}
	for i, f := range zr.File {
		method := zip.Deflate
		if readOnOpen(f.Name) {
			method = zip.Store
		}
		if f.Name != want[i] || f.Method != method {
			t.Fatalf("part %d is %s (method %d), want %s (method %d): %s", i, f.Name, f.Method, want[i], method, stale)
		}
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		got, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		src, err := fs.ReadFile(dir, f.Name)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, src) {
			t.Errorf("%s differs: %s", f.Name, stale)
		}
	}
}

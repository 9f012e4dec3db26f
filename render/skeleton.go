package render

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	_ "embed"
	"io"
	"io/fs"
	"strings"
)

// skeletonDocx is the built-in Word skeleton (GB/T 9704 page setup, the
// styles the generated body names, odd/even page-number footers,
// settings; its body a single {{正文}} paragraph), zipped from the
// readable XML under docx/skeleton (so a change to the layout is a
// reviewable diff) by
//
//	go test ./render -update
//
// and that test fails while it is stale. It ships zipped, with every part
// deflated once and for all, so that writing a draft copies the parts it
// does not fill as they are instead of compressing them again each time.
//
//go:embed docx/skeleton.docx
var skeletonDocx []byte

// docxSkeletonRoot is where the skeleton's XML parts live in the repository.
const docxSkeletonRoot = "docx/skeleton"

// zipSkeleton zips the skeleton's parts found in dir (a tree like
// docx/skeleton), in lexical order, which puts [Content_Types].xml first
// as Word does ('[' sorts before '_' and lower case). The parts read each
// time the skeleton is opened (the main document, its relationships,
// headers and footers; a few KB) are stored, so opening it inflates
// nothing; the others are deflated at the best compression.
func zipSkeleton(dir fs.FS) ([]byte, error) {
	var names []string
	err := fs.WalkDir(dir, ".", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			names = append(names, p)
		}
		return err
	})
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	zw.RegisterCompressor(zip.Deflate, func(w io.Writer) (io.WriteCloser, error) {
		return flate.NewWriter(w, flate.BestCompression)
	})
	for _, p := range names {
		data, err := fs.ReadFile(dir, p)
		if err != nil {
			return nil, err
		}
		method := zip.Deflate
		if readOnOpen(p) {
			method = zip.Store
		}
		w, err := zw.CreateHeader(&zip.FileHeader{Name: p, Method: method})
		if err != nil {
			return nil, err
		}
		if _, err := w.Write(data); err != nil {
			return nil, err
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// readOnOpen reports whether a skeleton part is read when it is opened.
func readOnOpen(name string) bool {
	switch {
	case name == "word/document.xml", name == "word/_rels/document.xml.rels":
		return true
	case strings.HasPrefix(name, "word/header"), strings.HasPrefix(name, "word/footer"):
		return true
	}
	return false
}

package templates

import (
	"archive/zip"
	"bytes"
	"embed"
	"io/fs"
	"sync"
)

// docxSkeleton holds the parts of the built-in Word skeleton as readable
// XML, so a change to the layout is a reviewable diff rather than a binary
// blob. "all:" keeps the _rels folders, which go:embed would otherwise skip.
//
//go:embed all:docx/skeleton
var docxSkeleton embed.FS

const docxSkeletonRoot = "docx/skeleton"

// DocxSkeleton returns the built-in .docx skeleton (GB/T 9704 page setup,
// styles, odd/even page-number footers, settings) zipped in memory. Its body
// is a single {{正文}} paragraph. The bytes are built once and shared:
// callers must not modify them.
//
// The parts are stored, not deflated: the zip never leaves the process, and
// whoever writes a .docx from it compresses the parts then, so deflating
// here would only make every read inflate them again.
func DocxSkeleton() ([]byte, error) { return zipSkeleton() }

var zipSkeleton = sync.OnceValues(func() ([]byte, error) {
	var names []string
	err := fs.WalkDir(docxSkeleton, docxSkeletonRoot, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			names = append(names, p)
		}
		return err
	})
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	buf.Grow(16 << 10) // the parts are about 13 KiB
	zw := zip.NewWriter(&buf)
	// [Content_Types].xml goes first, as Word writes it; WalkDir's lexical
	// order already does that ('[' sorts before '_' and lower case).
	for _, p := range names {
		data, err := docxSkeleton.ReadFile(p)
		if err != nil {
			return nil, err
		}
		w, err := zw.CreateHeader(&zip.FileHeader{Name: p[len(docxSkeletonRoot)+1:], Method: zip.Store})
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
})

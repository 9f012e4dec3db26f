package render

import (
	"bytes"
	"io"
	"slices"
	"strings"

	"github.com/nigao/nigao/atomicfile"
)

// A Format is a kind of file a draft is written to. nigao render and the
// wizard's export page both take them from Formats: a new output format
// is one more entry there.
type Format struct {
	Name  string   // what --format takes: docx, md, txt
	Ext   string   // the extension of its files, with the dot
	Label string   // its Chinese name on the export page
	also  []string // other --format names and extensions read as it
	write func(io.Writer, *Document, DocxOptions) error
}

// The formats render writes.
var (
	Docx     = Format{"docx", ".docx", "Word（.docx，GB/T 9704 版式）", []string{"word"}, WriteDocx}
	Markdown = Format{"md", ".md", "Markdown（.md）", []string{"markdown", ".markdown"}, ignoreDocx(WriteMarkdown)}
	Text     = Format{"txt", ".txt", "纯文本（.txt，粘贴到 OA 用）", []string{"text"}, ignoreDocx(WriteText)}
)

// Formats lists every output format, Word first (the wizard ticks it by
// default and offers the letterhead under it).
var Formats = []Format{Docx, Markdown, Text}

func ignoreDocx(fn func(io.Writer, *Document) error) func(io.Writer, *Document, DocxOptions) error {
	return func(w io.Writer, doc *Document, _ DocxOptions) error { return fn(w, doc) }
}

// LookupFormat finds a format by its name, its extension (with the dot)
// or another name it goes by (word, markdown, .markdown, text), in any
// case.
func LookupFormat(s string) (Format, bool) {
	s = strings.ToLower(s)
	for _, f := range Formats {
		if s == f.Name || s == f.Ext || slices.Contains(f.also, s) {
			return f, true
		}
	}
	return Format{}, false
}

// Write writes doc in this format; opt is for Word only.
func (f Format) Write(w io.Writer, doc *Document, opt DocxOptions) error {
	return f.write(w, doc, opt)
}

// WriteFile writes doc to path atomically (see atomicfile): path holds
// either the old file or the complete new one, never half of either, and
// nothing is written unless the whole document was built.
func (f Format) WriteFile(path string, doc *Document, opt DocxOptions) error {
	var buf bytes.Buffer
	if err := f.write(&buf, doc, opt); err != nil {
		return err
	}
	return atomicfile.WriteFile(path, buf.Bytes(), 0o644)
}

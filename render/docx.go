package render

import (
	"archive/zip"
	"bufio"
	"bytes"
	"cmp"
	"compress/flate"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"sync"

	"github.com/nguyenthenguyen/docx"

	"github.com/nigao/nigao/atomicfile"
	"github.com/nigao/nigao/fileerr"
	"github.com/nigao/nigao/templates"
)

// DocxOptions controls WriteDocx.
type DocxOptions struct {
	// Template is the user's own .docx (letterhead, seal area, own styles)
	// with {{正文}} where the body goes; nil means the built-in GB/T 9704
	// skeleton. See docs/docx-templates.md.
	Template []byte
	// TemplateName names Template in error messages, usually its path.
	TemplateName string

	opened *docxTemplate // Template opened by ReadDocxTemplate
}

// Limits on a template's parts, so a zip bomb is refused before it is
// inflated. Real templates are a few hundred KiB, a logo or seal included.
const (
	docxMaxPart  = 50 << 20  // bytes, one part uncompressed
	docxMaxTotal = 200 << 20 // bytes, all parts uncompressed
	docxMaxParts = 10000
)

const (
	docxNS       = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
	docxMainPart = "word/document.xml"
	docxMainRels = "word/_rels/document.xml.rels"
)

// docxHeaderFooter reports whether name is a part where placeholders are
// filled besides the main document: word/header*.xml or word/footer*.xml,
// with only digits for the star.
func docxHeaderFooter(name string) bool {
	rest, ok := strings.CutPrefix(name, "word/header")
	if !ok {
		rest, ok = strings.CutPrefix(name, "word/footer")
	}
	if !ok {
		return false
	}
	digits, ok := strings.CutSuffix(rest, ".xml")
	return ok && strings.Trim(digits, "0123456789") == ""
}

// ReadDocxTemplate reads and checks a user's .docx template, so that a bad
// --docx-template is reported before any work is done. The result is ready
// for WriteDocx, opened once for any number of documents.
func ReadDocxTemplate(path string) (DocxOptions, error) {
	opt := DocxOptions{TemplateName: path}
	f, err := os.Open(path)
	if err != nil {
		return opt, fileerr.Explain(fileerr.Read, "Word 模板", path, err)
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, docxMaxTotal+1))
	if err != nil {
		return opt, fileerr.Explain(fileerr.Read, "Word 模板", path, err)
	}
	if len(data) > docxMaxTotal {
		return opt, fmt.Errorf("读取 Word 模板 %s: 文件过大（超过 %d MiB）", path, docxMaxTotal>>20)
	}
	// Opening checks everything a fill would, a missing {{正文}} included.
	if opt.opened, err = openDocx(data, false); err != nil {
		return opt, fmt.Errorf("读取 Word 模板 %s: %w", path, err)
	}
	opt.Template = data
	return opt, nil
}

// PrepareBuiltinDocx opens the built-in skeleton, which WriteDocx otherwise
// does on first use (once per process): calling it early moves that work,
// for instance beside loading a template.
func PrepareBuiltinDocx() error {
	_, err := builtinDocx()
	return err
}

var builtinDocx = sync.OnceValues(func() (*docxTemplate, error) {
	tpl, err := templates.DocxSkeleton()
	if err == nil {
		var t *docxTemplate
		if t, err = openDocx(tpl, true); err == nil {
			return t, nil
		}
	}
	return nil, fmt.Errorf("读取内置 Word 模板: %w", err)
})

// WriteDocx writes doc as a Word document laid out after GB/T 9704-2012,
// into the built-in skeleton or into opt.Template. Nothing is written to w
// unless the whole document was built.
func WriteDocx(w io.Writer, doc *Document, opt DocxOptions) error {
	data, err := buildDocx(doc, opt)
	if err != nil {
		return err
	}
	_, err = w.Write(data)
	return err
}

// WriteDocxFile writes doc to path atomically: the file is written under a
// temporary name in the same directory, synced and renamed, so path holds
// either the old file or the complete new one, never half of either.
func WriteDocxFile(path string, doc *Document, opt DocxOptions) error {
	data, err := buildDocx(doc, opt)
	if err != nil {
		return err
	}
	return atomicfile.WriteFile(path, data, 0o644)
}

// buildDocx returns the finished .docx.
func buildDocx(doc *Document, opt DocxOptions) ([]byte, error) {
	if doc == nil {
		return nil, errors.New("生成 Word 文件: 没有文稿内容")
	}
	t := opt.opened
	switch {
	case t != nil:
	case opt.Template == nil:
		var err error
		if t, err = builtinDocx(); err != nil {
			return nil, err
		}
	default:
		name := cmp.Or(opt.TemplateName, "（未命名）")
		var err error
		if t, err = openDocx(opt.Template, false); err != nil {
			return nil, fmt.Errorf("读取 Word 模板 %s: %w", name, err)
		}
	}
	out, err := t.fill(doc)
	if err != nil {
		return nil, docxWriteError{err}
	}
	return out, nil
}

// docxWriteError is a failure to write the package out, which is no fault
// of the template.
type docxWriteError struct{ err error }

func (e docxWriteError) Error() string { return "生成 Word 文件: " + e.err.Error() }
func (e docxWriteError) Unwrap() error { return e.err }

// A docxTemplate is a .docx template opened, checked and with its
// placeholders located. Filling leaves it as it is, so one serves any
// number of documents, from several goroutines too.
type docxTemplate struct {
	pkg   *docxPackage
	main  *wmlPart
	parts map[string]*wmlPart // main document, and headers and footers with placeholders
	// what the generated body leaves out because the template places it
	opt wmlOptions
}

// openDocx opens the template tpl; builtin says tpl is the built-in
// skeleton, whose parts the tests check.
func openDocx(tpl []byte, builtin bool) (*docxTemplate, error) {
	pkg, err := openDocxTemplate(tpl, !builtin)
	if err != nil {
		return nil, err
	}

	// The library reads the main document; writeDocxPackage writes the
	// package out. Its in-memory reader has nothing to close, but Close is
	// its contract.
	rd, err := docx.ReadDocxFromMemory(bytes.NewReader(tpl), int64(len(tpl)))
	if err != nil {
		return nil, fmt.Errorf("不是有效的 .docx 文件（%v）", err)
	}
	defer rd.Close()

	main, err := parseWMLPart(rd.Editable().GetContent())
	if err != nil {
		return nil, fmt.Errorf("%s: %v", docxMainPart, err)
	}
	switch n := main.count(wmlBodyName); {
	case n == 0:
		return nil, errors.New("模板中没有 {{正文}} 占位符，不知道把正文放在哪里。" +
			"请在模板中正文的位置单独起一段，写上 {{正文}}（见 docs/docx-templates.md）")
	case n > 1:
		return nil, fmt.Errorf("模板中 {{正文}} 出现了 %d 次，只能有一处", n)
	}
	parts := map[string]*wmlPart{docxMainPart: main}
	hasTitle, hasDate := main.count("标题") > 0, main.count("日期") > 0
	for name, src := range pkg.headerFooter {
		p, err := parseWMLPart(src)
		if err != nil {
			return nil, fmt.Errorf("%s: %v", name, err)
		}
		if p.count(wmlBodyName) > 0 {
			return nil, fmt.Errorf("{{正文}} 只能写在正文中，不能写在页眉或页脚（%s）", name)
		}
		if len(p.paras) > 0 {
			parts[name] = p
			hasTitle = hasTitle || p.count("标题") > 0
			hasDate = hasDate || p.count("日期") > 0
		}
	}
	// A template that places the title or the date itself gets neither
	// generated again.
	opt := wmlOptions{title: !hasTitle, signature: !hasDate, noNumbering: pkg.numbering, styled: builtin}
	return &docxTemplate{pkg: pkg, main: main, parts: parts, opt: opt}, nil
}

// fill returns the package with doc filled in.
func (t *docxTemplate) fill(doc *Document) ([]byte, error) {
	write := func(w *bufio.Writer, p *wmlPart) {
		p.fill(w, doc.docxValue, func(w *bufio.Writer) { writeWMLBody(w, doc, t.opt) })
	}
	return writeDocxPackage(t.pkg, t.parts, write, len(t.main.src)+wmlBodySize(doc))
}

// docxValue is the text for placeholder {{name}}: the title, the signature's
// unit and date, or an info field. An unknown name becomes a visible
// 【待填】 marker, as a missing figure would, rather than vanishing.
func (doc *Document) docxValue(name string) string {
	switch name {
	case "标题":
		return doc.Title
	case "单位":
		if doc.Signature.Unit != "" {
			return doc.Signature.Unit
		}
	case "日期":
		if doc.Signature.Date != "" {
			return doc.Signature.Date
		}
	}
	if v, ok := doc.Info[name]; ok {
		return v
	}
	return "【待填:" + name + "】"
}

// writeDocxPackage writes the filled package: the template's parts in their
// order, with those in parts (the main document, and the headers and
// footers holding placeholders) written by fill; mainSize is about the
// length of the filled main document. The library's own Write is not
// used: it recompresses every part at the default level (most of the time
// of a whole render, and a user's logo or seal is compressed again for
// nothing) and ignores write errors. Here untouched parts are copied as
// they are, still compressed (or stored, as the built-in skeleton keeps
// the parts read when it is opened), and the filled ones are deflated at
// the fastest level.
func writeDocxPackage(pkg *docxPackage, parts map[string]*wmlPart, fill func(*bufio.Writer, *wmlPart), mainSize int) ([]byte, error) {
	// bytes.NewBuffer leaves the memory it is given as it is, where Grow
	// would clear all of it: in a fresh process the pages the package
	// does not reach are then never touched.
	out := bytes.NewBuffer(make([]byte, 0, docxPackageSize(pkg, mainSize)))
	zw := zip.NewWriter(out)
	zw.RegisterCompressor(zip.Deflate, fastDeflate())
	var bw *bufio.Writer // in front of the compressor, for filled parts
	for _, f := range pkg.zip.File {
		p, ok := parts[f.Name]
		if !ok {
			if err := zw.Copy(f); err != nil {
				return nil, err
			}
			continue
		}
		w, err := zw.CreateHeader(&zip.FileHeader{Name: f.Name, Method: zip.Deflate})
		if err != nil {
			return nil, err
		}
		if bw == nil {
			bw = bufio.NewWriter(w)
		} else {
			bw.Reset(w)
		}
		fill(bw, p)
		if err := bw.Flush(); err != nil {
			return nil, err
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

// docxPackageSize estimates, a little generously, the length of the
// package written from pkg, whose main document comes to about mainSize
// bytes: the body's repetitive markup deflates to a fifth or less of its
// size (filled headers and footers stay about their size), and every part
// costs its name twice and some 100 bytes of headers.
func docxPackageSize(pkg *docxPackage, mainSize int) int {
	n := 22 + mainSize/5 // end of the central directory, main document
	var copied uint64
	for _, f := range pkg.zip.File {
		n += 100 + 2*len(f.Name)
		if f.Name != docxMainPart {
			copied += min(f.CompressedSize64, uint64(len(pkg.data)))
		}
	}
	// Copied parts come to no more than the template, whatever their
	// headers claim.
	return n + int(min(copied, uint64(len(pkg.data))))
}

// storedPart returns the content of the stored part f of the package data
// in place, without the copy f.Open would make through a buffer of its
// own. It checks no CRC: a user's template had every part checked by
// openDocxTemplate, and the built-in skeleton is made in this process.
func storedPart(data []byte, f *zip.File) ([]byte, error) {
	off, err := f.DataOffset()
	size := f.CompressedSize64
	if err != nil || f.Method != zip.Store || size != f.UncompressedSize64 ||
		off < 0 || off > int64(len(data)) || size > uint64(int64(len(data))-off) {
		return nil, fmt.Errorf("文件已损坏（部件 %s 无法解压）", f.Name)
	}
	return data[off : off+int64(size)], nil
}

// docxXMLName reports whether a part name is XML (parts and relationships).
func docxXMLName(name string) bool {
	return strings.HasSuffix(name, ".xml") || strings.HasSuffix(name, ".rels")
}

// fastDeflate returns a zip compressor at flate.BestSpeed that reuses one
// flate.Writer: a zip.Writer compresses one part at a time.
func fastDeflate() zip.Compressor {
	var fw *flate.Writer
	return func(w io.Writer) (io.WriteCloser, error) {
		if fw == nil {
			var err error
			if fw, err = flate.NewWriter(w, flate.BestSpeed); err != nil {
				return nil, err
			}
		} else {
			fw.Reset(w)
		}
		return fw, nil
	}
}

// docxPackage is what openDocxTemplate learns of a template.
type docxPackage struct {
	data         []byte // the whole package
	zip          *zip.Reader
	headerFooter map[string]string // header and footer parts by name
	numbering    bool              // has a numbering part (list definitions)
}

// openDocxTemplate checks a template before the library sees it, which
// assumes a sound package and neither limits nor reports much: it must be a
// zip within the size limits, every part must inflate, every XML part must
// be well-formed, and the main document must be WordprocessingML. Without
// check (the built-in skeleton, whose parts the tests parse) only the
// header and footer parts are read.
func openDocxTemplate(data []byte, check bool) (*docxPackage, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		if bytes.HasPrefix(data, []byte("\xD0\xCF\x11\xE0")) {
			// An OLE compound file: Word 97–2003 .doc, or an encrypted .docx.
			return nil, errors.New("不是有效的 .docx 文件（是旧版 .doc 格式或加了密码），请在 Word 中去掉密码并另存为“Word 文档(*.docx)”")
		}
		return nil, errors.New("不是有效的 .docx 文件（不是 zip 格式）")
	}
	if len(zr.File) > docxMaxParts {
		return nil, fmt.Errorf("不是有效的 .docx 文件（包含 %d 个部件，过多）", len(zr.File))
	}
	seen := make(map[string]bool, len(zr.File))
	var total uint64
	for _, f := range zr.File {
		if seen[f.Name] {
			return nil, fmt.Errorf("不是有效的 .docx 文件（部件 %s 重复）", f.Name)
		}
		seen[f.Name] = true
		if f.UncompressedSize64 > docxMaxPart {
			return nil, fmt.Errorf("文件内容过大（部件 %s 解压后超过 %d MiB），可能已损坏或是恶意构造的压缩包", f.Name, docxMaxPart>>20)
		}
		if total += f.UncompressedSize64; total > docxMaxTotal {
			return nil, fmt.Errorf("文件内容过大（解压后超过 %d MiB），可能已损坏或是恶意构造的压缩包", docxMaxTotal>>20)
		}
	}
	for _, need := range []string{docxMainPart, docxMainRels} {
		if !seen[need] {
			return nil, fmt.Errorf("不是有效的 .docx 文件（缺少 %s）", need)
		}
	}
	pkg := &docxPackage{data: data, zip: zr, headerFooter: map[string]string{}, numbering: seen["word/numbering.xml"]}
	for _, f := range zr.File {
		if strings.HasSuffix(f.Name, "/") {
			continue // a folder entry
		}
		hf := docxHeaderFooter(f.Name)
		if !check && !hf {
			continue
		}
		isXML := docxXMLName(f.Name)
		var part []byte
		if !check && f.Method == zip.Store {
			part, err = storedPart(data, f) // no inflating, no copy
		} else {
			part, err = readDocxPart(f, isXML)
		}
		if err != nil {
			return nil, err
		}
		if check && isXML {
			if err := checkDocxXML(part); err != nil {
				return nil, fmt.Errorf("文件已损坏（%s %v）", f.Name, err)
			}
			if f.Name == docxMainPart {
				if err := checkDocxMain(part); err != nil {
					return nil, err
				}
			}
		}
		if hf {
			pkg.headerFooter[f.Name] = string(part)
		}
	}
	return pkg, nil
}

// readDocxPart inflates one part, within the limit whatever its header
// claims (archive/zip also refuses data longer than the declared size). Only
// XML parts are kept; the rest are read to check they inflate.
func readDocxPart(f *zip.File, keep bool) ([]byte, error) {
	rc, err := f.Open()
	if err != nil {
		return nil, fmt.Errorf("文件已损坏（部件 %s 无法解压）", f.Name)
	}
	defer rc.Close()
	r := io.LimitReader(rc, docxMaxPart+1)
	var data []byte
	var n int64
	if keep {
		// Sized from the header (at most docxMaxPart, checked before), so
		// a sound part is read without the buffer growing.
		buf := bytes.NewBuffer(make([]byte, 0, f.UncompressedSize64+bytes.MinRead))
		n, err = buf.ReadFrom(r)
		data = buf.Bytes()
	} else {
		n, err = io.Copy(io.Discard, r)
	}
	if err != nil {
		return nil, fmt.Errorf("文件已损坏（部件 %s 无法解压）", f.Name)
	}
	if n > docxMaxPart {
		return nil, fmt.Errorf("文件内容过大（部件 %s 解压后超过 %d MiB），可能已损坏或是恶意构造的压缩包", f.Name, docxMaxPart>>20)
	}
	return data, nil
}

// checkDocxMain checks that the main document is transitional
// WordprocessingML with the usual "w" prefix, which the generated body uses.
func checkDocxMain(data []byte) error {
	if !bytes.Contains(data, []byte(`xmlns:w="`+docxNS+`"`)) {
		return errors.New("不支持的 Word 文档格式（可能是“严格 Open XML”格式），请在 Word 中另存为普通的“Word 文档(*.docx)”")
	}
	if !bytes.Contains(data, []byte("<w:document")) || !bytes.Contains(data, []byte("<w:body")) {
		return fmt.Errorf("不是有效的 Word 文档（%s 中没有正文）", docxMainPart)
	}
	return nil
}

// checkDocxXML reports where data is not well-formed XML.
func checkDocxXML(data []byte) error {
	d := xml.NewDecoder(bytes.NewReader(data))
	root := false
	for {
		tok, err := d.Token()
		if err == io.EOF {
			if !root {
				return errors.New("不是合法的 XML（没有根元素）")
			}
			return nil
		}
		if err != nil {
			var se *xml.SyntaxError
			if errors.As(err, &se) {
				return fmt.Errorf("第 %d 行不是合法的 XML：%s", se.Line, se.Msg)
			}
			return fmt.Errorf("不是合法的 XML：%v", err)
		}
		if _, ok := tok.(xml.StartElement); ok {
			root = true
		}
	}
}

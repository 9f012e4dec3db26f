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
	"strings"
	"sync"

	"github.com/nigao/nigao/docxfile"
	"github.com/nigao/nigao/inputfile"
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

const (
	docxNS       = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
	docxMainPart = docxfile.MainPart
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
	data, err := inputfile.Read(path, "Word 模板", docxfile.MaxTotal)
	if err != nil {
		return opt, err
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
	t, err := openDocx(skeletonDocx, true)
	if err != nil {
		return nil, fmt.Errorf("读取内置 Word 模板: %w", err)
	}
	return t, nil
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
	main, err := parseWMLPart(string(pkg.main))
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
	return writeDocxPackage(t.pkg, t.parts, write)
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
// footers holding placeholders) written by fill. Untouched parts are
// copied as they are, still compressed: a user's logo or seal is not
// compressed again for nothing. The filled ones are deflated at the
// fastest level.
func writeDocxPackage(pkg *docxPackage, parts map[string]*wmlPart, fill func(*bufio.Writer, *wmlPart)) ([]byte, error) {
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	zw.RegisterCompressor(zip.Deflate, func(w io.Writer) (io.WriteCloser, error) {
		return flate.NewWriter(w, flate.BestSpeed)
	})
	for _, f := range pkg.Parts {
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
		bw := bufio.NewWriter(w)
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

// docxXMLName reports whether a part name is XML (parts and relationships).
func docxXMLName(name string) bool {
	return strings.HasSuffix(name, ".xml") || strings.HasSuffix(name, ".rels")
}

// docxPackage is what openDocxTemplate learns of a template.
type docxPackage struct {
	*docxfile.File
	main         []byte            // the main document
	headerFooter map[string]string // header and footer parts by name
	numbering    bool              // has a numbering part (list definitions)
}

// openDocxTemplate opens a template (docxfile checks the package and its
// limits) and reads its main document, headers and footers. With check
// (a user's template) every part must inflate, every XML part must be
// well-formed, and the main document must be WordprocessingML, so that
// what is copied into a draft is sound. Without (the built-in skeleton,
// whose parts the tests parse) only the parts it needs are read.
func openDocxTemplate(data []byte, check bool) (*docxPackage, error) {
	f, err := docxfile.Open(data)
	if err != nil {
		return nil, err
	}
	if f.Part(docxMainRels) == nil {
		return nil, fmt.Errorf("不是有效的 .docx 文件（缺少 %s）", docxMainRels)
	}
	pkg := &docxPackage{File: f, headerFooter: map[string]string{}, numbering: f.Part("word/numbering.xml") != nil}
	for _, p := range f.Parts {
		if strings.HasSuffix(p.Name, "/") {
			continue // a folder entry
		}
		hf, isMain, isXML := docxHeaderFooter(p.Name), p.Name == docxMainPart, docxXMLName(p.Name)
		var part []byte
		switch {
		case !check && !hf && !isMain:
			continue
		case isXML || !check:
			part, err = f.Read(p)
		default:
			err = f.Check(p)
		}
		if err != nil {
			return nil, err
		}
		if check && isXML {
			if err := checkDocxXML(part); errors.Is(err, errDoctype) {
				return nil, fmt.Errorf("不能用：%s %w", p.Name, err)
			} else if err != nil {
				return nil, fmt.Errorf("文件已损坏（%s %v）", p.Name, err)
			}
			if isMain {
				if err := checkDocxMain(part); err != nil {
					return nil, err
				}
			}
		}
		switch {
		case isMain:
			pkg.main = part
		case hf:
			pkg.headerFooter[p.Name] = string(part)
		}
	}
	return pkg, nil
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

// errDoctype: a part declares a DOCTYPE.
var errDoctype = errors.New("含有 DOCTYPE 声明：Word 文档不会有，它的实体会被打开稿子的程序展开（可能是恶意构造的）")

// checkDocxXML reports where data is not well-formed XML, or declares a
// DOCTYPE.
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
		switch t := tok.(type) {
		case xml.StartElement:
			root = true
		case xml.Directive:
			// Word never writes one; a DOCTYPE's entities would be
			// expanded by whatever opens the draft (billion laughs)
			if d := bytes.TrimSpace(t); len(d) >= 7 && strings.EqualFold(string(d[:7]), "DOCTYPE") {
				return errDoctype
			}
		}
	}
}

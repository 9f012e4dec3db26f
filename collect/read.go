package collect

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"
	"time"
	"unicode/utf16"

	"github.com/nigao/nigao/inputfile"
)

// Limits on a returned sheet. Real ones are tens of KB; anything much
// bigger is a mistake or a zip bomb, refused before it is read, and a
// sheet is read as a stream, so memory stays bounded either way.
const (
	maxFile    = 16 << 20 // the .xlsx file
	maxEntries = 1000     // parts in it
	maxPart    = 16 << 20 // one part, uncompressed
	maxTotal   = 64 << 20 // all parts, uncompressed
	maxRows    = 20000    // rows of a sheet
)

// A Returned sheet, as read: the template and office it was made for,
// the rows its hidden sheet lists, and the rows of its figures sheet.
type Returned struct {
	Path     string
	Template string
	Version  int
	Office   string
	Expected []Expected // rows the sheet was made with
	Rows     []Row      // rows of the figures sheet below its header
	Merged   []string   // merged ranges over the 本期 or hidden columns
}

// Expected is a row the sheet was written with.
type Expected struct {
	ID    string
	Item  int
	Label string
}

// A Row of a returned figures sheet.
type Row struct {
	N     int    // row number, 1-based
	ID    string // the hidden field id; "" for a row that has none
	Item  int    // the hidden item number of a list's row
	Label string // 项目, for messages
	Value Cell   // 本期
}

// A Cell's value as the spreadsheet stored it.
type Cell struct {
	Ref     string // E12
	Kind    CellKind
	Text    string  // text, or the number as stored
	Num     float64 // for numbers
	Percent bool    // shown as a percentage: 0.955 is 95.5%
	Date    bool    // shown as a date: the number is a serial date
}

// CellKind is what a cell holds.
type CellKind int

const (
	Empty CellKind = iota
	Text
	Number
	Boolean
	Failed // a formula error such as #N/A
)

// ReadError is a returned sheet that cannot be taken in at all.
type ReadError struct {
	Path string
	Msg  string
}

func (e *ReadError) Error() string { return filepath.Base(e.Path) + "：" + e.Msg }

func readErr(p, format string, args ...any) error {
	return &ReadError{Path: p, Msg: fmt.Sprintf(format, args...)}
}

var (
	oleMagic     = []byte{0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1}
	encryptedTag = utf16le("EncryptedPackage")
)

func utf16le(s string) []byte {
	var b []byte
	for _, u := range utf16.Encode([]rune(s)) {
		b = append(b, byte(u), byte(u>>8))
	}
	return b
}

// ReadAll reads returned sheets, each file once however often it is named
// (a glob and its name). It returns the sheets read and, for those that
// could not be, why: a merge takes all of them or none.
func ReadAll(paths []string) ([]*Returned, []error) {
	var sheets []*Returned
	var errs []error
	seen := map[string]bool{}
	for _, p := range paths {
		if abs, err := filepath.Abs(p); err == nil {
			if seen[abs] {
				continue
			}
			seen[abs] = true
		}
		r, err := Read(p)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		sheets = append(sheets, r)
	}
	return sheets, errs
}

// Read reads a returned collection sheet.
func Read(p string) (*Returned, error) {
	fi, err := os.Stat(p)
	if err != nil {
		return nil, readErr(p, "无法打开：%v", errors.Unwrap(err))
	}
	if !fi.Mode().IsRegular() {
		return nil, readErr(p, "不是文件")
	}
	if fi.Size() > maxFile {
		return nil, readErr(p, "文件太大（%d MB），不像是报送表（报送表只有几十 KB）", fi.Size()>>20)
	}
	// read without waiting and within the limit, should the file have
	// become a pipe or grown since
	data, err := inputfile.Read(p, "报送表", maxFile)
	if err != nil {
		return nil, readErr(p, "无法读取：%v", err)
	}
	return ReadBytes(p, data)
}

// ReadBytes reads a returned sheet already in memory; name is for
// messages.
func ReadBytes(name string, data []byte) (*Returned, error) {
	if len(data) > maxFile {
		return nil, readErr(name, "文件太大（%d MB），不像是报送表（报送表只有几十 KB）", len(data)>>20)
	}
	switch {
	case bytes.HasPrefix(data, oleMagic) && bytes.Contains(data, encryptedTag):
		return nil, readErr(name, "文件设了打开密码，nigao 读不了。请在 Excel 或 WPS 里打开，取消密码（文件→信息→保护工作簿→用密码进行加密，清空密码）后保存，再收一次")
	case bytes.HasPrefix(data, oleMagic):
		return nil, readErr(name, "这是旧版的 .xls 文件。请在 Excel 或 WPS 里打开，“另存为”Excel 工作簿（.xlsx）后再收")
	case !bytes.HasPrefix(data, []byte("PK\x03\x04")) && !bytes.HasPrefix(data, []byte("PK\x05\x06")):
		return nil, readErr(name, "不是 Excel 表格（.xlsx）：请收回当初发出的报送表")
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, readErr(name, "文件已损坏或不完整，无法按 .xlsx 打开：请对方重新发一次")
	}
	pk, err := openPackage(name, zr)
	if err != nil {
		return nil, err
	}
	return pk.read()
}

// pkg is an opened .xlsx: its parts by name, and what every sheet needs.
type pkg struct {
	name     string
	parts    map[string]*zip.File
	strings  []string
	styles   []cellFormat // by style index
	date1904 bool
	sheets   map[string]string // sheet name → part
	order    []string          // sheet names in workbook order
}

type cellFormat struct{ percent, date bool }

func openPackage(name string, zr *zip.Reader) (*pkg, error) {
	if len(zr.File) > maxEntries {
		return nil, readErr(name, "文件里的部件太多（%d 个），不像是报送表", len(zr.File))
	}
	pk := &pkg{name: name, parts: map[string]*zip.File{}, sheets: map[string]string{}}
	var total uint64
	for _, f := range zr.File {
		// sizes are checked as declared, before anything is inflated;
		// a part that inflates to more than it declared fails as read
		if f.UncompressedSize64 > maxPart {
			return nil, readErr(name, "文件里的 %s 解压后有 %d MB，不像是报送表（可能是“压缩炸弹”）", f.Name, f.UncompressedSize64>>20)
		}
		total += f.UncompressedSize64
		pk.parts[strings.ToLower(strings.ReplaceAll(f.Name, `\`, "/"))] = f
	}
	if total > maxTotal {
		return nil, readErr(name, "文件解压后有 %d MB，不像是报送表（可能是“压缩炸弹”）", total>>20)
	}
	if pk.parts["xl/workbook.xml"] == nil {
		switch {
		case pk.parts["word/document.xml"] != nil:
			return nil, readErr(name, "这是 Word 文件，不是报送表")
		case pk.parts["mimetype"] != nil || pk.parts["content.xml"] != nil:
			return nil, readErr(name, "这是 .ods 等开放文档格式：请用 WPS 或 LibreOffice “另存为” Excel 2007-365（.xlsx）后再收")
		}
		return nil, readErr(name, "不是 Excel 表格（.xlsx），里面没有工作簿")
	}
	if err := pk.workbook(); err != nil {
		return nil, err
	}
	return pk, nil
}

// open opens a part for streaming, reading at most maxPart bytes of it
// whatever its header says.
func (pk *pkg) open(part string) (io.ReadCloser, error) {
	f := pk.parts[strings.ToLower(part)]
	if f == nil {
		return nil, readErr(pk.name, "文件不完整，缺少 %s", part)
	}
	rc, err := f.Open()
	if err != nil {
		return nil, readErr(pk.name, "文件已损坏，无法读取其中的 %s：请对方重新发一次", part)
	}
	return struct {
		io.Reader
		io.Closer
	}{io.LimitReader(rc, maxPart), rc}, nil
}

// walk calls fn for every element start and character data of a part.
func (pk *pkg) walk(part string, fn func(tok xml.Token) error) error {
	rc, err := pk.open(part)
	if err != nil {
		return err
	}
	defer rc.Close()
	d := xml.NewDecoder(rc)
	for {
		tok, err := d.RawToken()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return readErr(pk.name, "文件已损坏，其中的 %s 读不下去：请对方重新发一次", part)
		}
		if err := fn(tok); err != nil {
			return err
		}
	}
}

func attr(e xml.StartElement, name string) string {
	for _, a := range e.Attr {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}

// workbook reads the sheet list, the parts it relates, the shared
// strings and the cell formats.
func (pk *pkg) workbook() error {
	rels := map[string]string{} // id → part
	relTypes := map[string]string{}
	err := pk.walk("xl/_rels/workbook.xml.rels", func(tok xml.Token) error {
		if e, ok := tok.(xml.StartElement); ok && e.Name.Local == "Relationship" {
			target := attr(e, "Target")
			if strings.HasPrefix(target, "/") {
				target = strings.TrimPrefix(target, "/")
			} else {
				target = path.Join("xl", target)
			}
			rels[attr(e, "Id")] = target
			relTypes[path.Base(attr(e, "Type"))] = target
		}
		return nil
	})
	if err != nil {
		return err
	}
	err = pk.walk("xl/workbook.xml", func(tok xml.Token) error {
		e, ok := tok.(xml.StartElement)
		switch {
		case !ok:
		case e.Name.Local == "workbookPr":
			v := attr(e, "date1904")
			pk.date1904 = v == "1" || v == "true"
		case e.Name.Local == "sheet":
			name := attr(e, "name")
			var id string
			for _, a := range e.Attr {
				if a.Name.Local == "id" && a.Name.Space != "" {
					id = a.Value
				}
			}
			if _, dup := pk.sheets[name]; !dup && rels[id] != "" {
				pk.sheets[name] = rels[id]
				pk.order = append(pk.order, name)
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	if p := relTypes["sharedStrings"]; p != "" && pk.parts[strings.ToLower(p)] != nil {
		if err := pk.sharedStrings(p); err != nil {
			return err
		}
	}
	if p := relTypes["styles"]; p != "" && pk.parts[strings.ToLower(p)] != nil {
		return pk.cellFormats(p)
	}
	return nil
}

// sharedStrings reads the shared string table: each <si> is plain <t>
// text or rich-text runs; phonetic guides (<rPh>) are not the text.
func (pk *pkg) sharedStrings(part string) error {
	var b strings.Builder
	in, phonetic, text := false, 0, false
	return pk.walk(part, func(tok xml.Token) error {
		switch e := tok.(type) {
		case xml.StartElement:
			switch e.Name.Local {
			case "si":
				in = true
				b.Reset()
			case "rPh":
				phonetic++
			case "t":
				text = in && phonetic == 0
			}
		case xml.EndElement:
			switch e.Name.Local {
			case "si":
				in = false
				pk.strings = append(pk.strings, b.String())
			case "rPh":
				phonetic--
			case "t":
				text = false
			}
		case xml.CharData:
			if text {
				b.Write(e)
			}
		}
		return nil
	})
}

// cellFormats reads which cell styles show percentages and dates.
func (pk *pkg) cellFormats(part string) error {
	custom := map[int]string{}
	inXfs := false
	return pk.walk(part, func(tok xml.Token) error {
		switch e := tok.(type) {
		case xml.StartElement:
			switch e.Name.Local {
			case "numFmt":
				id, _ := strconv.Atoi(attr(e, "numFmtId"))
				custom[id] = attr(e, "formatCode")
			case "cellXfs":
				inXfs = true
			case "xf":
				if inXfs {
					id, _ := strconv.Atoi(attr(e, "numFmtId"))
					pk.styles = append(pk.styles, formatOf(id, custom[id]))
				}
			}
		case xml.EndElement:
			if e.Name.Local == "cellXfs" {
				inXfs = false
			}
		}
		return nil
	})
}

// formatOf tells percentages and dates from a number format: the
// built-in ones by id, custom ones by their code.
func formatOf(id int, code string) cellFormat {
	switch {
	case id == 9 || id == 10:
		return cellFormat{percent: true}
	case id >= 14 && id <= 22, id >= 27 && id <= 36, id >= 45 && id <= 47, id >= 50 && id <= 58:
		return cellFormat{date: true}
	case code == "":
		return cellFormat{}
	}
	// look at the code outside quoted text, escapes and [colour/locale]
	var plain strings.Builder
	quoted, bracket := false, false
	for i := 0; i < len(code); i++ {
		c := code[i]
		switch {
		case quoted:
			quoted = c != '"'
		case bracket:
			bracket = c != ']'
		case c == '"':
			quoted = true
		case c == '[':
			bracket = true
		case c == '\\' || c == '_' || c == '*':
			i++
		default:
			plain.WriteByte(c | 0x20) // lower case
		}
	}
	s := plain.String()
	if s == "general" {
		return cellFormat{}
	}
	return cellFormat{
		percent: strings.Contains(s, "%"),
		date:    strings.ContainsAny(s, "ymd") && !strings.Contains(s, "%"),
	}
}

// A sheetCell is a cell as streamed: its column and value.
type sheetCell struct {
	col  int
	cell Cell
}

// rows streams a worksheet, calling fn with each row's number and cells;
// it stops at maxRows rows. It returns the sheet's merged ranges.
func (pk *pkg) rows(sheet string, fn func(n int, cells []sheetCell) error) ([]string, error) {
	part := pk.sheets[sheet]
	var (
		merged            []string
		cells             []sheetCell
		count, n, lastCol int
		cur               *sheetCell
		typ               string
		v                 strings.Builder
		inV, inIs, inT    bool
		phonetic          int
	)
	err := pk.walk(part, func(tok xml.Token) error {
		switch e := tok.(type) {
		case xml.StartElement:
			switch e.Name.Local {
			case "row":
				count++
				if count > maxRows {
					return readErr(pk.name, "表“%s”有 %d 行以上，不像是报送表（报送表只有几百行）", sheet, maxRows)
				}
				if r, err := strconv.Atoi(attr(e, "r")); err == nil && r > n {
					n = r
				} else {
					n++
				}
				cells, lastCol = cells[:0], 0
			case "c":
				col := lastCol + 1
				if ref := attr(e, "r"); ref != "" {
					if c, _, ok := splitRef(ref); ok {
						col = c
					}
				}
				lastCol = col
				cur = &sheetCell{col: col}
				cur.cell.Ref = cellRef(col, n)
				typ = attr(e, "t")
				if s, err := strconv.Atoi(attr(e, "s")); err == nil && s >= 0 && s < len(pk.styles) {
					cur.cell.Percent, cur.cell.Date = pk.styles[s].percent, pk.styles[s].date
				}
				v.Reset()
			case "v":
				inV = cur != nil
			case "is":
				inIs = cur != nil
			case "rPh":
				phonetic++
			case "t":
				inT = inIs && phonetic == 0
			case "mergeCell":
				merged = append(merged, attr(e, "ref"))
			}
		case xml.CharData:
			if inV || inT {
				if v.Len()+len(e) > maxPart {
					return readErr(pk.name, "表“%s”的 %s 太长", sheet, cur.cell.Ref)
				}
				v.Write(e)
			}
		case xml.EndElement:
			switch e.Name.Local {
			case "v":
				inV = false
			case "is":
				inIs = false
			case "rPh":
				phonetic--
			case "t":
				inT = false
			case "c":
				if cur != nil {
					pk.value(&cur.cell, typ, v.String())
					if cur.cell.Kind != Empty {
						cells = append(cells, *cur)
					}
					cur = nil
				}
			case "row":
				if len(cells) > 0 {
					return fn(n, cells)
				}
			}
		}
		return nil
	})
	return merged, err
}

// value decodes a cell's stored text by its type attribute.
func (pk *pkg) value(c *Cell, typ, v string) {
	switch typ {
	case "s":
		i, err := strconv.Atoi(strings.TrimSpace(v))
		if err != nil || i < 0 || i >= len(pk.strings) {
			c.Kind, c.Text = Failed, "共享字符串缺失"
			return
		}
		c.Text = pk.strings[i]
	case "inlineStr", "str":
		c.Text = v
	case "b":
		c.Kind = Boolean
		c.Text = strings.TrimSpace(v)
		return
	case "e":
		c.Kind, c.Text = Failed, v
		return
	case "d":
		if d, err := time.Parse("2006-01-02T15:04:05", strings.TrimSpace(v)); err == nil {
			c.Kind, c.Date = Number, true
			c.Num = float64(excelSerial(d))
			c.Text = strconv.Itoa(excelSerial(d))
			return
		}
		c.Text = v
	default:
		v = strings.TrimSpace(v)
		if v == "" {
			return
		}
		f, err := strconv.ParseFloat(v, 64)
		if err != nil {
			c.Kind, c.Text = Failed, v
			return
		}
		c.Kind, c.Text, c.Num = Number, v, f
		if pk.date1904 && c.Date {
			c.Num += 1462 // days from 1900-based serials to 1904-based ones
		}
		return
	}
	c.Text = strings.ReplaceAll(c.Text, "\r\n", "\n")
	if strings.TrimSpace(c.Text) != "" {
		c.Kind = Text
	}
}

// splitRef splits A1-style references: "E12" → 5, 12.
func splitRef(ref string) (col, row int, ok bool) {
	i := 0
	for i < len(ref) && ref[i] >= 'A' && ref[i] <= 'Z' {
		col = col*26 + int(ref[i]-'A'+1)
		if col > 16384 {
			return 0, 0, false
		}
		i++
	}
	if i == 0 {
		return 0, 0, false
	}
	row, err := strconv.Atoi(strings.TrimPrefix(ref[i:], "$"))
	return col, row, err == nil || i == len(ref)
}

// cellRef is the A1-style name of a cell.
func cellRef(col, row int) string {
	var name []byte
	for c := col; c > 0; c = (c - 1) / 26 {
		name = append([]byte{byte('A' + (c-1)%26)}, name...)
	}
	return string(name) + strconv.Itoa(row)
}

// read reads the hidden sheet and the figures sheet.
func (pk *pkg) read() (*Returned, error) {
	r := &Returned{Path: pk.name}
	if pk.sheets[metaSheet] == "" {
		return nil, readErr(pk.name, "不是 nigao 生成的报送表（找不到隐藏的“%s”表，也许是另存时丢了，或者是自己做的表）", metaSheet)
	}
	if err := pk.readMeta(r); err != nil {
		return nil, err
	}
	// the figures sheet by name, else the first whose header fits
	names := append([]string{dataSheet}, pk.order...)
	for _, s := range names {
		if pk.sheets[s] == "" || s == metaSheet {
			continue
		}
		ok, err := pk.readData(s, r)
		switch {
		case err != nil:
			return nil, err
		case ok:
			return r, nil
		}
	}
	return nil, readErr(pk.name, "找不到填数的表：表头（项目、本期、字段编号）被改动或删除了。请用当初发出的报送表重新填写")
}

// readMeta reads the hidden sheet: template, version, office, then the
// rows the sheet was written with.
func (pk *pkg) readMeta(r *Returned) error {
	_, err := pk.rows(metaSheet, func(n int, cells []sheetCell) error {
		col := func(c int) string {
			for _, sc := range cells {
				if sc.col == c {
					return strings.TrimSpace(sc.cell.Text)
				}
			}
			return ""
		}
		switch {
		case n < metaRowsAt-1:
			switch col(1) {
			case "模板":
				r.Template = col(2)
			case "版本":
				r.Version, _ = strconv.Atoi(col(2))
			case "部门":
				r.Office = col(2)
			}
		case n >= metaRowsAt && col(1) != "":
			item, _ := strconv.Atoi(col(2))
			r.Expected = append(r.Expected, Expected{ID: col(1), Item: item, Label: col(3)})
		}
		return nil
	})
	if err == nil && r.Template == "" {
		err = readErr(pk.name, "隐藏的“%s”表被改动过，看不出是哪个模板的报送表", metaSheet)
	}
	return err
}

// readData reads the figures sheet, finding its columns by the header
// (rows may have been inserted above it); ok is false when sheet has no
// such header.
func (pk *pkg) readData(sheet string, r *Returned) (ok bool, err error) {
	cols := map[string]int{}
	found := false
	merged, err := pk.rows(sheet, func(n int, cells []sheetCell) error {
		if !found {
			for _, sc := range cells {
				cols[strings.TrimSpace(sc.cell.Text)] = sc.col
			}
			found = cols[header[colValue-1]] > 0 && cols[header[colID-1]] > 0
			if !found {
				clear(cols)
			}
			return nil
		}
		row := Row{N: n}
		for _, sc := range cells {
			switch sc.col {
			case cols[header[colID-1]]:
				row.ID = strings.TrimSpace(sc.cell.Text)
			case cols[header[colItem-1]]:
				if sc.cell.Kind == Number {
					row.Item = int(sc.cell.Num)
				} else {
					row.Item, _ = strconv.Atoi(strings.TrimSpace(sc.cell.Text))
				}
			case cols[header[colLabel-1]]:
				row.Label = strings.TrimSpace(sc.cell.Text)
			case cols[header[colValue-1]]:
				row.Value = sc.cell
			}
		}
		if row.Value.Ref == "" {
			row.Value.Ref = cellRef(cols[header[colValue-1]], n)
		}
		r.Rows = append(r.Rows, row)
		return nil
	})
	if err != nil || !found {
		return false, err
	}
	watch := []int{cols[header[colValue-1]], cols[header[colID-1]], cols[header[colItem-1]]}
	for _, m := range merged {
		if overlapsColumns(m, watch) {
			r.Merged = append(r.Merged, m)
		}
	}
	return true, nil
}

// overlapsColumns reports whether a merged range A1:B2 takes in any of
// the given columns (0 stands for none).
func overlapsColumns(ref string, cols []int) bool {
	from, to, _ := strings.Cut(ref, ":")
	if to == "" {
		to = from
	}
	c1, _, ok1 := splitRef(strings.ReplaceAll(from, "$", ""))
	c2, _, ok2 := splitRef(strings.ReplaceAll(to, "$", ""))
	if !ok1 || !ok2 {
		return false
	}
	for _, c := range cols {
		if c > 0 && c >= min(c1, c2) && c <= max(c1, c2) {
			return true
		}
	}
	return false
}
